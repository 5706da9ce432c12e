"""The goals before the year on each role's to-do list (待办).

While a year's goals are drafted, the sections draft their projects' goals and finance
the 部门整体 goals and submits them (a return's reason shown); once submitted the working
group reviews them; once reviewed the bureau approves them (批复). After approval a
目标调整 waits for whoever decides its current step: the department (working group or
finance), then the bureau. Every read is scoped like every page (``roles``).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import AdjustmentStatus, GoalPhase, Role
from jixiao.web.roles import department_filter, membership
from jixiao.web.selectors.todo import SHOWN, TodoGroup, TodoItem

# What each role does on a year in each goal phase.
GOAL_ACTIONS = {
    Role.SECTION: {GoalPhase.DRAFTING: "起草本科室项目的绩效目标"},
    Role.FINANCE: {GoalPhase.DRAFTING: "填写部门整体绩效目标，检查各项目目标后提交目标审核"},
    Role.WORKING_GROUP: {GoalPhase.SUBMITTED: "绩效目标已提交，待审核通过或退回"},
    Role.BUREAU: {GoalPhase.REVIEWED: "绩效目标已审核，待批复或退回"},
}
# Which open adjustments each role decides (the department passes, the bureau approves).
ADJUSTMENTS_DECIDED = {
    Role.FINANCE: AdjustmentStatus.REQUESTED,
    Role.WORKING_GROUP: AdjustmentStatus.REQUESTED,
    Role.BUREAU: AdjustmentStatus.PASSED,
}


def _goal_years(user: User, role: str) -> list[TodoItem]:
    actions = GOAL_ACTIONS[role]
    years = (
        models.DepartmentYear.objects.filter(department_filter(user), goal_phase__in=actions)
        .select_related("department")
        .order_by("department__name", "-year")
    )
    return [
        TodoItem(
            title=f"{year.department.name} {year.year} 年度",
            action=actions[year.goal_phase],
            url=reverse("goal_overview", args=[year.pk]),
            returned=year.goal_return_reason,
        )
        for year in years
    ]


def _adjustment_url(adjustment: models.GoalAdjustment) -> str:
    indicator = adjustment.indicator
    if indicator.project_id:
        return reverse("project_goals", args=[indicator.project_id])
    return reverse("department_goals", args=[adjustment.department_year_id])


def _adjustments(user: User, role: str) -> list[TodoGroup]:
    status = ADJUSTMENTS_DECIDED.get(role)
    if status is None:
        return []
    rows = (
        models.GoalAdjustment.objects.filter(
            department_filter(user, "department_year__department"), status=status
        )
        .select_related("indicator", "department_year__department")
        .order_by("requested_at", "pk")
    )
    count = rows.count()
    if not count:
        return []
    items = [
        TodoItem(
            title=f"{row.department_year.department.name} {row.department_year.year} 年度 · "
            f"{row.indicator.name}",
            action=f"目标调整申请{row.get_status_display()}：{row.reason[:40]}",
            url=_adjustment_url(row),
        )
        for row in rows[:SHOWN]
    ]
    return [TodoGroup("待审批的目标调整", items, max(count - SHOWN, 0))]


def goal_groups(user: User) -> list[TodoGroup]:
    """The user's goal work: years whose goals wait for the user's role, then adjustments."""
    found = membership(user)
    if found is None:
        return []
    groups = []
    years = _goal_years(user, found.role)
    if years:
        groups.append(TodoGroup("绩效目标", years[:SHOWN], max(len(years) - SHOWN, 0)))
    return groups + _adjustments(user, found.role)
