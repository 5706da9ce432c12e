"""What people do, in a real Chromium (Debian's) driven by Playwright.

A business-section user logs in, enters an actual value, sees the score change and
submits; the working group returns the project with a reason; the bureau reviewer sees
the department in the side-by-side view.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_section_fills_in_the_group_returns_and_the_bureau_compares(
    page, actors, year_a, tmp_path
):
    project = year_a.projects.get(code="P1")
    indicator = project.indicators.get(name="完成数")
    assert project.computed_score == Decimal("99.83")

    log_in(page, actors.section.username)
    # A section lands on its to-do list: its own projects only.
    assert page.locator(".todo >> text=环卫保洁").count() >= 1
    assert page.locator("text=社区服务").count() == 0

    page.click(".todo >> text=环卫保洁")
    page.fill(f"#ind-{indicator.pk}-actual", "5")
    page.press(f"#ind-{indicator.pk}-actual", "Tab")
    # 完成数 5 of 10 earns 25 of its 50 points: 9.83 + 25 + 30 + 10 = 74.83.
    page.wait_for_selector("[data-score=computed]:has-text('74.83')")
    page.fill(f"#ind-{indicator.pk}-explanation", "受汛期影响，部分任务顺延")
    page.press(f"#ind-{indicator.pk}-explanation", "Tab")
    page.wait_for_selector(f"#indicator-{indicator.pk} .notice, #indicator-{indicator.pk} textarea")
    page.click(".workflow button:has-text('提交')")
    page.wait_for_selector(".workflow-status .status:has-text('已提交')")
    page.screenshot(path=str(tmp_path / "section.png"), full_page=True)
    project.refresh_from_db()
    assert project.status == "submitted" and project.computed_score == Decimal("74.83")

    log_in(page, actors.working_group.username)
    page.goto(f"/projects/{project.pk}/")
    page.fill(".workflow textarea[name=reason]", "佐证材料不全，请补充验收资料")
    page.click(".workflow button:has-text('退回')")
    page.wait_for_selector(".workflow:has-text('佐证材料不全')")
    project.refresh_from_db()
    assert project.status == "draft" and project.return_reason == "佐证材料不全，请补充验收资料"

    log_in(page, actors.bureau.username)
    page.click("main >> text=各部门对比")
    page.wait_for_selector("text=示例街道办事处")
    assert page.locator("text=另一街道办事处").count() >= 1
    page.screenshot(path=str(tmp_path / "bureau.png"), full_page=True)
