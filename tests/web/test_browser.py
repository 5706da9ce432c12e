"""What people do, in a real Chromium (Debian's) driven by Playwright.

A business-section user logs in, enters an actual value, sees the score change and
submits; the working group returns the project with a reason; the bureau reviewer sees
the department in the side-by-side view.
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal

import pytest

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium must not reach for Google's services on this closed network.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (scripts/test-services.sh installs it)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test
    # makes between page actions are ordinary synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirm() of locking moves
    yield page
    context.close()


def log_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


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
