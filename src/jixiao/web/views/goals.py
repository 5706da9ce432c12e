"""The goal screens (目标申报): the year's goals and their review, a project's goals, the
部门整体 goals, and the posts that draft and move them.

Views read forms and call the goal services; a refusal comes back as the service's
Chinese message on the page it came from.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.records import Dimension, IndicatorKind, Operator
from jixiao.web import models
from jixiao.web.goal_roles import can_draft_department_goals, can_draft_project_goals
from jixiao.web.query_numbers import query_number
from jixiao.web.selectors.goal_suggestions import (
    suggestions_for_department,
    suggestions_for_project,
)
from jixiao.web.selectors.goals import (
    adjustments_for,
    goal_review_of,
    goal_rows,
    project_goal_lines,
    uncovered_projects,
)
from jixiao.web.selectors.rectification import previous_year_open_tasks
from jixiao.web.selectors.scoping import get_department_year, get_indicator, get_project
from jixiao.web.services import goal_drafting
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.goal_adjustments import (
    do_decide_adjustment,
    do_request_adjustment,
    may_decide,
)
from jixiao.web.services.goal_copy import do_copy_goals_to_next_year, may_copy
from jixiao.web.services.goal_drafting import GOAL_FIELDS
from jixiao.web.services.goal_phase import GOAL_TRANSITIONS, available_goal_moves, do_move_goals
from jixiao.web.services.profiles import profile_for


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError as error:
        raise ServiceError("页面已过期，请刷新后重试。") from error


def _fields(request: HttpRequest) -> dict[str, str]:
    return {name: request.POST[name] for name in GOAL_FIELDS if name in request.POST}


def _run(request: HttpRequest, done: str, action) -> None:
    """Run a service call; say ``done`` or the service's refusal."""
    try:
        action()
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


def _choices(year: models.DepartmentYear) -> dict[str, object]:
    return {
        "kinds": [kind.value for kind in IndicatorKind],
        "operators": [operator.value for operator in Operator],
        "bases": profile_for(year.profile).goal_review.bases,
        "dimensions": [dimension.value for dimension in Dimension],
    }


@login_required
@require_GET
def goal_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The year's goals: phase and moves, the review's grades and reasons, the projects."""
    year = get_department_year(request.user, pk, whole=False)
    review = goal_review_of(year)
    lines = project_goal_lines(request.user, year, review)
    uncovered, uncovered_money = uncovered_projects(lines)
    return render(request, "jixiao/goals.html", {
        "year": year, "active": "goals", "review": review, "lines": lines,
        "uncovered": uncovered, "uncovered_money": uncovered_money,
        "moves": available_goal_moves(request.user, year),
        "may_copy": may_copy(request.user, year)
        and not models.DepartmentYear.objects.filter(
            department_id=year.department_id, year=year.year + 1
        ).exists(),
        "adjustments": [(item, may_decide(request.user, item))
                        for item in adjustments_for(request.user, year)],
        "open_tasks": previous_year_open_tasks(request.user, year, timezone.localdate()),
    })  # fmt: skip


@login_required
@require_POST
def goal_move(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk, whole=False)
    name = request.POST.get("name", "")
    label = next((t.label for t in GOAL_TRANSITIONS if t.name == name), name)

    try:
        moved = do_move_goals(acting_user=request.user, year_id=year.pk, name=name,
                              reason=request.POST.get("reason", ""),
                              expected_version=_version(request))  # fmt: skip
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已{label}，当前目标阶段“{moved.get_goal_phase_display()}”。")
    return redirect("goal_overview", pk=year.pk)


@login_required
@require_GET
def project_goals(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's 年度总体目标 and indicators, editable by its section while drafted."""
    project = get_project(request.user, pk)
    year = project.department_year
    review = goal_review_of(year)
    grade = next((item for item in review.projects if item.subject == project.code), None)
    return render(request, "jixiao/goal_project.html", {
        "year": year, "active": "goals", "project": project, "grade": grade,
        "rows": goal_rows(request.user, project.indicators.all()),
        "can_draft": can_draft_project_goals(request.user, project), **_choices(year),
    })  # fmt: skip


@login_required
@require_GET
def department_goals(request: HttpRequest, pk: int) -> HttpResponse:
    """The 部门整体绩效目标 and indicators, filled by finance; the money no goal covers."""
    year = get_department_year(request.user, pk)
    review = goal_review_of(year)
    uncovered, uncovered_money = uncovered_projects(project_goal_lines(request.user, year, review))
    return render(request, "jixiao/goal_department.html", {
        "year": year, "active": "goals", "grade": review.department,
        "goal_text": "\n".join((year.texts or {}).get("overall_goal", [])),
        "rows": goal_rows(request.user, year.indicators.filter(project__isnull=True)),
        "uncovered": uncovered, "uncovered_money": uncovered_money,
        "can_draft": can_draft_department_goals(request.user, year), **_choices(year),
    })  # fmt: skip


def _owner_page(indicator_or_project: models.Indicator | models.Project | None, year_pk: int):
    if isinstance(indicator_or_project, models.Project):
        return redirect("project_goals", pk=indicator_or_project.pk)
    return redirect("department_goals", pk=year_pk)


@login_required
@require_POST
def goal_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an indicator to a project (``project`` in the form) or to the 部门整体 goals."""
    year = get_department_year(request.user, pk, whole=False)
    project = None
    if request.POST.get("project"):
        project_id = query_number(request.POST["project"])
        if project_id is None:
            raise Http404
        project = get_project(request.user, project_id)
    if project is None:
        year = get_department_year(request.user, pk)
    _run(request, f"已新增指标“{request.POST.get('name', '').strip()}”。", lambda: (
        goal_drafting.do_add_goal_indicator(acting_user=request.user, year_id=year.pk,
                                            project_id=project.pk if project else None,
                                            fields=_fields(request))
    ))  # fmt: skip
    return _owner_page(project, year.pk)


@login_required
@require_POST
def goal_indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator(request.user, pk)
    _run(request, f"指标“{indicator.name}”已保存。", lambda: (
        goal_drafting.do_update_goal_indicator(acting_user=request.user, indicator_id=pk,
                                               expected_version=_version(request),
                                               changes=_fields(request))
    ))  # fmt: skip
    return _owner_page(indicator.project, indicator.department_year_id)


@login_required
@require_POST
def goal_indicator_remove(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_indicator(request.user, pk)
    _run(request, f"已删除指标“{indicator.name}”。", lambda: (
        goal_drafting.do_remove_goal_indicator(acting_user=request.user, indicator_id=pk,
                                               expected_version=_version(request))
    ))  # fmt: skip
    return _owner_page(indicator.project, indicator.department_year_id)


@login_required
@require_POST
def project_goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request.user, pk)
    _run(request, "年度总体目标已保存。", lambda: (
        goal_drafting.do_update_project_goal(acting_user=request.user, project_id=pk,
                                             expected_version=_version(request),
                                             goal=request.POST.get("goal", ""))
    ))  # fmt: skip
    return redirect("project_goals", pk=project.pk)


@login_required
@require_POST
def department_goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    _run(request, "部门整体绩效目标已保存。", lambda: (
        goal_drafting.do_update_department_goal(acting_user=request.user, year_id=year.pk,
                                                expected_version=_version(request),
                                                goal=request.POST.get("goal", ""))
    ))  # fmt: skip
    return redirect(reverse("department_goals", args=[year.pk]))


@login_required
@require_GET
def project_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """The suggested indicators for a project; choosing one fills the new-indicator form."""
    project = get_project(request.user, pk)
    return render(request, "jixiao/partials/goal_suggestions.html", {
        "suggestions": suggestions_for_project(project)
    })  # fmt: skip


@login_required
@require_GET
def department_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    return render(request, "jixiao/partials/goal_suggestions.html", {
        "suggestions": suggestions_for_department(year)
    })  # fmt: skip


@login_required
@require_POST
def adjustment_request(request: HttpRequest, pk: int) -> HttpResponse:
    """目标调整: ask to change an approved target (new value and reason)."""
    indicator = get_indicator(request.user, pk)
    _run(request, f"已提交指标“{indicator.name}”的目标调整申请，待审批。", lambda: (
        do_request_adjustment(acting_user=request.user, indicator_id=pk,
                              new_target=request.POST.get("new_target", ""),
                              reason=request.POST.get("reason", ""))
    ))  # fmt: skip
    return _owner_page(indicator.project, indicator.department_year_id)


@login_required
@require_POST
def adjustment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Pass, approve or reject an adjustment request (the roles of its step)."""
    adjustment = get_object_or_404(models.GoalAdjustment, pk=pk)
    indicator = get_indicator(request.user, adjustment.indicator_id)
    approve = request.POST.get("decision") == "approve"
    done = "已不予批准。"
    if approve:
        first_step = adjustment.status == models.AdjustmentStatus.REQUESTED
        done = "已审核通过，待财政局批准。" if first_step else "已批准，年度指标值已调整。"
    _run(request, done, lambda: (
        do_decide_adjustment(acting_user=request.user, adjustment_id=pk, approve=approve,
                             reason=request.POST.get("reason", ""),
                             expected_version=_version(request))
    ))  # fmt: skip
    return redirect("goal_overview", pk=indicator.department_year_id)


@login_required
@require_POST
def goal_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start year N+1's goals from the continuing projects chosen on the page."""
    year = get_department_year(request.user, pk)
    ids = [number for value in request.POST.getlist("project") if (number := query_number(value))]
    try:
        following = do_copy_goals_to_next_year(acting_user=request.user, year_id=year.pk,
                                               project_ids=ids)  # fmt: skip
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("goal_overview", pk=year.pk)
    messages.success(request, f"已由 {year.year} 年度目标开始 {following.year} 年度目标申报，"
                              "各项目资金请按新年度预算填写。")  # fmt: skip
    return redirect("goal_overview", pk=following.pk)
