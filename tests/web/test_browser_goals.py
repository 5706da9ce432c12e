"""The goals before the year in Chromium: a section drafts an indicator from a suggestion,
finance submits, the working group returns it with a reason, the section fixes it, the
goals are resubmitted, passed and approved by the bureau; then the target is read-only and
changes only through an adjustment the department passes and the bureau approves."""

from __future__ import annotations

import pytest

from jixiao.web import models
from jixiao.web.models import GoalPhase

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def move(page, year, label: str, reason: str = "") -> None:
    page.goto(f"/years/{year.pk}/goals/")
    form = page.locator(f".goal-moves form:has(button:text-is('{label}'))")
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    form.locator("button").click()
    page.wait_for_load_state("networkidle")


def test_goals_go_from_a_suggested_draft_to_approved_and_locked(page, actors, year_a, tmp_path):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.DRAFTING)
    project = year_a.projects.get(code="P1")

    log_in(page, actors.section.username)
    page.goto(f"/goals/projects/{project.pk}/")
    page.click("button:text-is('推荐指标')")
    page.locator(".goal-suggestions li:has-text('指标库') [data-goal-fill]").first.click()
    add = page.locator("#goal-add")
    suggested = add.locator("input[name=name]").input_value()
    assert suggested
    add.locator("input[name=weight]").fill("0")
    page.screenshot(path=str(tmp_path / "goal-project-suggestions.png"), full_page=True)
    add.locator("button:text-is('新增')").click()
    page.wait_for_selector(f".messages :text('已新增指标“{suggested}”')")
    page.screenshot(path=str(tmp_path / "goal-project.png"))

    log_in(page, actors.finance.username)
    move(page, year_a, "提交目标审核")
    page.screenshot(path=str(tmp_path / "goal-overview.png"))
    log_in(page, actors.working_group.username)
    move(page, year_a, "退回修改", "完成数目标偏低，请按计划标准调整")

    log_in(page, actors.section.username)
    page.goto(f"/goals/projects/{project.pk}/")
    page.wait_for_selector(".banner-returned:has-text('完成数目标偏低')")
    row = page.locator("tr:has(input[name=name][value='完成数'])")
    row.locator("input[name=target]").fill("12")
    row.locator("button:text-is('保存')").click()
    page.wait_for_selector(".messages :text('指标“完成数”已保存')")

    log_in(page, actors.finance.username)
    move(page, year_a, "提交目标审核")
    log_in(page, actors.working_group.username)
    move(page, year_a, "目标审核通过")
    log_in(page, actors.bureau.username)
    move(page, year_a, "批复目标（锁定）")
    assert page.locator(".goal-moves .status").inner_text() == "目标已批复"

    log_in(page, actors.section.username)
    page.goto(f"/goals/projects/{project.pk}/")
    page.wait_for_selector(".banner-locked:has-text('目标已批复')")
    assert page.locator(".goal-table input[name=target]").count() == 0
    target = page.locator("tr:has(td:text-is('完成数')) td[data-field=target]")
    assert target.inner_text() == "12"
    page.screenshot(path=str(tmp_path / "goal-project-locked.png"))

    page.click("tr:has(td:text-is('完成数')) summary:text-is('申请调整')")
    adjust = page.locator("tr:has(td:text-is('完成数')) .goal-adjust-form")
    adjust.locator("input[name=new_target]").fill("14")
    adjust.locator("textarea[name=reason]").fill("新增两处保洁点")
    adjust.locator("button").click()
    page.wait_for_selector(".messages :text('目标调整申请，待审批')")
    page.screenshot(path=str(tmp_path / "goal-adjust-requested.png"))

    log_in(page, actors.working_group.username)
    page.goto(f"/years/{year_a.pk}/goals/")
    page.screenshot(path=str(tmp_path / "goal-adjustments.png"))
    page.click(".goal-adjustments button:text-is('审核通过')")
    page.wait_for_selector(".messages :text('待财政局批准')")
    log_in(page, actors.bureau.username)
    page.goto(f"/years/{year_a.pk}/goals/")
    page.click(".goal-adjustments button:text-is('批准调整')")
    page.wait_for_selector(".messages :text('年度指标值已调整')")

    log_in(page, actors.section.username)
    page.goto(f"/goals/projects/{project.pk}/")
    assert target.inner_text() == "14"
    assert "已批准" in page.locator("tr:has(td:text-is('完成数')) .goal-adjust").inner_text()


def test_finance_fills_the_department_goals_and_sees_money_no_goal_covers(
    page, actors, year_a, tmp_path
):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.DRAFTING)
    models.Indicator.objects.filter(project__code="P2").delete()
    log_in(page, actors.finance.username)
    page.goto(f"/years/{year_a.pk}/goals/department/")
    assert "社区服务" in page.locator(".card:has(h2:text-is('资金覆盖'))").inner_text()
    page.fill("textarea[name=goal]", "提升辖区公共服务水平")
    page.click("button:text-is('保存目标')")
    page.wait_for_selector(".messages :text('部门整体绩效目标已保存')")
    page.click("button:text-is('推荐指标')")
    page.locator(".goal-suggestions [data-goal-fill]").first.click()
    page.fill("#goal-add input[name=weight]", "10")
    page.click("#goal-add button:text-is('新增')")
    page.wait_for_selector(".messages :text('已新增指标')")
    assert page.locator(".goal-table tbody tr").count() == 3
    page.screenshot(path=str(tmp_path / "goal-department.png"), full_page=True)
    page.goto(f"/years/{year_a.pk}/goals/")
    page.screenshot(path=str(tmp_path / "goal-overview-finance.png"), full_page=True)
    page.click("summary:has-text('开始 2024 年度目标申报')")
    page.screenshot(path=str(tmp_path / "goal-copy.png"))
