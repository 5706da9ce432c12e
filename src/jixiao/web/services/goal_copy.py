"""Starting year N+1's goals from year N: the continuing projects, their indicators and
targets copied as a draft, with year N's actual values as 上年实际完成值.

The new year's money is left at zero (the N+1 budget is not year N's) for finance to fill;
nothing of year N changes. Every row copied gets a history row naming the user.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from jixiao.web import models
from jixiao.web.models import GoalPhase, Role
from jixiao.web.roles import membership
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.recompute import recompute
from jixiao.web.services.revision import touch

# A copy of an illustrative (示例数据) project stays marked so: its goals are no more real.
PROJECT_FIELDS = ("section_id", "code", "name", "level", "source", "class_code", "goal", "position",
                  "illustrative")  # fmt: skip
GOAL_FIELDS = ("dimension", "level1", "level2", "name", "kind", "operator", "target",
               "target_text", "unit", "weight", "basis", "metric", "position")  # fmt: skip
# The department's own words that carry over: what it does and aims at, not how it did.
CARRIED_TEXTS = ("functions", "tasks", "overall_goal")
ZERO = Decimal(0)
MONEY = {"initial": ZERO, "final": ZERO, "actual": ZERO}


def may_copy(user: User, year: models.DepartmentYear) -> bool:
    """Finance of the department starts the next year's goals."""
    found = membership(user)
    return (
        found is not None
        and found.role == Role.FINANCE
        and found.department_id == year.department_id
    )


def _next_project(project: models.Project, year: models.DepartmentYear) -> models.Project:
    return models.Project(
        department_year=year, **{f: getattr(project, f) for f in PROJECT_FIELDS}, **MONEY
    )


def _next_indicator(row: models.Indicator, year, project) -> models.Indicator:
    return models.Indicator(
        department_year=year, project=project, previous_actual=row.actual,
        previous_actual_text=row.actual_text, **{f: getattr(row, f) for f in GOAL_FIELDS},
    )  # fmt: skip


@transaction.atomic
def do_copy_goals_to_next_year(*, acting_user: User, year_id: int,
                               project_ids: list[int]) -> models.DepartmentYear:  # fmt: skip
    """Create year N+1 as a goals draft from year N's projects ``project_ids`` (the ones
    that continue) and the 部门整体 goals."""
    year = models.DepartmentYear.objects.select_related("department").get(pk=year_id)
    if not may_copy(acting_user, year):
        raise NotAllowed("只有本部门财务人员才能开始下一年度的目标申报。")
    if models.DepartmentYear.objects.filter(
        department=year.department, year=year.year + 1
    ).exists():
        raise InvalidInput(
            "year", f"{year.department.name} {year.year + 1} 年度已存在，不能再复制。"
        )
    projects = list(year.projects.filter(pk__in=project_ids).order_by("position"))
    if not projects:
        raise InvalidInput("projects", "请至少选择一个延续的项目。")
    texts = {key: year.texts[key] for key in CARRIED_TEXTS if (year.texts or {}).get(key)}
    following = models.DepartmentYear(
        department=year.department, year=year.year + 1, profile=year.profile, texts=texts,
        goal_phase=GoalPhase.DRAFTING,
    )  # fmt: skip
    following._history_user = acting_user
    following._change_reason = f"由 {year.year} 年度目标复制"
    following.save()
    reason = f"由 {year.year} 年度目标复制"
    copies = bulk_create_with_history(
        [_next_project(p, following) for p in projects], models.Project,
        default_user=acting_user, default_change_reason=reason,
    )  # fmt: skip
    by_code = {p.code: p for p in copies}
    codes = {p.pk: p.code for p in projects}
    copied = year.indicators.filter(Q(project__isnull=True) | Q(project__in=projects))
    rows = [
        _next_indicator(row, following, by_code[codes[row.project_id]] if row.project_id else None)
        for row in copied.order_by("position")
    ]
    bulk_create_with_history(rows, models.Indicator, batch_size=500, default_user=acting_user,
                             default_change_reason=reason)  # fmt: skip
    recompute(following)
    touch([following.pk])
    return following
