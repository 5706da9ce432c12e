"""The top bar's menu in Chromium at 1280×720: one line for every role, grouped by the
cycle, opened and followed by keyboard alone, the current page marked."""

from __future__ import annotations

import pytest

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Everything the top bar shows, whose tops must all be on one line.
BAR_ITEMS = ".topbar > a, .yearnav > *, .account > *"


def _one_line(page) -> bool:
    tops = page.eval_on_selector_all(
        BAR_ITEMS, "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    return max(tops) - min(tops) <= 4


@pytest.mark.parametrize("who", ["finance", "section", "working_group", "bureau"])
def test_the_bar_keeps_to_one_line_for_every_role(page, actors, year_a, who):
    log_in(page, getattr(actors, who).username)
    page.goto(f"/years/{year_a.pk}/projects/")
    assert _one_line(page)
    assert page.locator(".yearnav a[aria-current=page]").text_content() == "项目"
    if who != "section":  # a section's only evaluation screen is 项目, a plain link
        assert page.locator(".yearnav details.menu.current summary").inner_text() == "评价"


def test_a_group_opens_and_is_followed_by_keyboard_and_marks_the_current_page(page, actors, year_a):
    log_in(page, actors.finance.username)
    page.goto(f"/years/{year_a.pk}/")
    evaluation = page.locator(".yearnav details.menu:has(summary:text-is('评价'))")
    assert not evaluation.locator("a:text-is('报告')").is_visible()
    evaluation.locator("summary").focus()
    page.keyboard.press("Enter")
    assert evaluation.locator("a:text-is('报告')").is_visible()
    page.keyboard.press("Escape")
    assert not evaluation.locator("a:text-is('报告')").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "评价"
    page.keyboard.press("Enter")
    for _ in range(4):  # 项目, 部门整体, 问题, 报告
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/years/{year_a.pk}/report/")
    assert page.locator(".yearnav details.menu.current summary").inner_text() == "评价"
    assert page.locator(".yearnav [aria-current=page]").text_content() == "报告"


def test_one_menu_open_at_a_time_and_a_click_elsewhere_closes_it(page, actors, year_a):
    log_in(page, actors.bureau.username)
    page.goto(f"/years/{year_a.pk}/department/")
    page.click(".yearnav summary:text-is('评价')")
    page.click(".account summary:text-is('全区')")
    assert page.locator("details.menu[open]").count() == 1
    assert page.locator(".account details.menu[open] a:text-is('抽查复核')").is_visible()
    page.click("main h1")
    assert page.locator("details.menu[open]").count() == 0
