"""A monitoring round in Chromium: finance opens it and enters execution, a section fills
a red indicator (refused at submission until it has a cause and a measure), the working
group records 调整目标 and submits, the dashboard and the bureau's list show the red
project, and the bureau finds it in the district's red projects table and sorts it."""

from __future__ import annotations

import pytest

from jixiao.web.models import RoundStatus
from jixiao.web.services.monitoring_rounds import do_submit_section

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _enter_execution(page, name: str, amount: str) -> None:
    page.click(f".mon-projects a:has-text('{name}')")
    page.fill("input[name=executed]", amount)
    page.click("button:has-text('保存')")
    page.wait_for_selector(".messages li.success")
    page.click("a:has-text('← 1-7月绩效运行监控')")


def _indicator_row(page, name: str):
    return page.locator(f".mon-indicators tr:has-text('{name}')")


def test_a_round_from_opening_to_the_bureau(page, actors, year_a, tmp_path):
    log_in(page, actors.finance.username)
    page.goto(f"/years/{year_a.pk}/monitoring/")
    page.click("button:has-text('发起监控')")
    page.wait_for_selector("h1:has-text('1-7月绩效运行监控')")
    _enter_execution(page, "环卫保洁", "70000")  # 58.3% of the budget by July: on time
    _enter_execution(page, "社区服务", "30000")
    round_ = year_a.monitoring_rounds.get()

    log_in(page, actors.section.username)
    page.goto(f"/monitoring/{round_.pk}/")
    page.click(".mon-projects a:has-text('环卫保洁')")
    row = _indicator_row(page, "完成数")
    row.locator("input[name$=-value]").fill("2")  # of 10 个, when 5.83 are due by July
    row.locator("select[name$=-likelihood]").select_option("完全不可能")
    page.click("button:has-text('保存')")
    page.wait_for_selector(".mon-blockers:has-text('须填写偏差原因')")
    assert _indicator_row(page, "完成数").locator(".mon-tag").inner_text() == "红色"
    page.screenshot(path=str(tmp_path / "entry-red.png"))

    page.click("a:has-text('← 1-7月绩效运行监控')")
    page.click("button:has-text('提交本科室填报')")
    page.wait_for_selector(".messages li.error:has-text('须先填写偏差原因和纠偏措施')")

    page.click(".mon-projects a:has-text('环卫保洁')")
    row = _indicator_row(page, "完成数")
    row.locator("select[name$=-cause]").select_option("人员")
    row.locator("input[name$=-cause_text]").fill("保洁员缺编 6 人")
    row.locator("textarea[name$=-measure]").fill("8 月补招保洁员并延长作业时间")
    page.click("button:has-text('保存')")
    page.wait_for_selector(".messages li.success")
    assert page.locator(".mon-blockers").count() == 0
    page.click("a:has-text('← 1-7月绩效运行监控')")
    page.click("button:has-text('提交本科室填报')")
    page.wait_for_selector(".messages li.success:has-text('已提交 1 个项目')")
    do_submit_section(acting_user=actors.other_section, round_id=round_.pk)

    log_in(page, actors.working_group.username)
    page.goto(f"/monitoring/{round_.pk}/")
    assert "须作处理意见的红色预警项目（1）" in page.inner_text(".mon-decisions")
    decision = page.locator(".mon-decisions tr:has-text('环卫保洁') .mon-decide")
    decision.locator("select").select_option("调整目标")
    decision.locator("button").click()
    page.wait_for_selector(".messages li.success:has-text('处理意见')")
    page.click("button:has-text('提交本轮监控')")
    page.wait_for_selector(".messages li.success:has-text('已提交1-7月监控')")
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SUBMITTED
    assert page.locator(".mon-count.mon-red .value").inner_text().startswith("1")
    assert "须调整绩效目标" in page.locator(".mon-projects tr:has-text('环卫保洁')").inner_text()
    page.screenshot(path=str(tmp_path / "round-dashboard.png"), full_page=True)

    log_in(page, actors.bureau.username)
    page.goto("/bureau/monitoring/")
    assert "环卫保洁（执行率 58.3%）：调整目标" in page.inner_text(".mon-bureau")
    page.screenshot(path=str(tmp_path / "bureau-departments.png"))

    page.click("a:has-text('全区红色预警项目（1 个）')")
    row = page.locator(".mon-red-table tbody tr:has-text('环卫保洁')")
    assert "示例街道办事处" in row.inner_text() and "调整目标" in row.inner_text()
    assert "58.3%" in row.inner_text() and "完全不可能" in row.inner_text()
    page.click(".mon-red-table th a:has-text('执行率')")
    page.wait_for_url("**/bureau/monitoring/red/?sort=-rate")
    assert "执行率 ▼" in page.inner_text(".mon-red-table thead")
    page.screenshot(path=str(tmp_path / "bureau-red-projects.png"))
