"""Reads for the goal screens: the goal review of a year, each project's goal summary,
the money no goal covers, and a goal indicator row as the drafting table shows it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from jixiao.core.goal_review import GoalReview, ReviewGrade, review_goals
from jixiao.core.money import format_wan, yuan_to_wan
from jixiao.core.narrative.indicator_text import plain
from jixiao.web import models
from jixiao.web.conversion import department_year_record
from jixiao.web.roles import projects_for, sees_whole_department
from jixiao.web.services.goal_adjustments import may_request
from jixiao.web.services.profiles import profile_for

ZERO = Decimal(0)


def goal_review_of(year: models.DepartmentYear) -> GoalReview:
    """The core's goal review (目标审核) of the year's goals as they now are."""
    return review_goals(department_year_record(year), profile_for(year.profile))


@dataclass(frozen=True)
class ProjectGoalLine:
    """One line of the goals overview: a project, its money, indicators and review grade."""

    project: models.Project
    money: str
    indicator_count: int
    weight_total: str
    grade: ReviewGrade | None


def project_goal_lines(
    user: User, year: models.DepartmentYear, review: GoalReview
) -> list[ProjectGoalLine]:
    """The user's projects of ``year`` (a section's own) with their goal summary."""
    grades = {grade.subject: grade for grade in review.projects}
    execution = profile_for(year.profile).execution_weight
    lines = []
    projects = projects_for(user, year).select_related("section").prefetch_related("indicators")
    for project in projects:
        rows = list(project.indicators.all())
        grade = grades.get(project.code)
        weight = execution + sum((row.weight for row in rows), ZERO) if rows else ZERO
        lines.append(
            ProjectGoalLine(
                project,
                format_wan(yuan_to_wan(grade.money if grade else ZERO)),
                len(rows),
                plain(weight),
                grade,
            )
        )
    return lines


def uncovered_projects(lines: list[ProjectGoalLine]) -> tuple[list[ProjectGoalLine], str]:
    """Projects with money but no indicator, and their money in 万元 (相应匹配)."""
    found = [
        line for line in lines if line.indicator_count == 0 and line.grade and line.grade.money
    ]
    total = sum((line.grade.money for line in found if line.grade), ZERO)
    return found, format_wan(yuan_to_wan(total))


@dataclass(frozen=True)
class GoalRow:
    """A goal indicator as the drafting table shows it (values as typed back into inputs),
    with its latest adjustment and whether the viewer may request one."""

    indicator: models.Indicator
    target: str
    weight: str
    previous: str
    adjustment: models.GoalAdjustment | None = None
    may_adjust: bool = False

    @property
    def qualitative(self) -> bool:
        return self.indicator.kind == "定性"


def _number(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def goal_rows(user: User, indicators) -> list[GoalRow]:
    """The rows of a goal table, in their order."""
    rows = list(indicators.prefetch_related("adjustments").select_related("department_year"))
    lines = []
    for row in rows:
        previous = row.previous_actual_text if row.kind == "定性" else _number(row.previous_actual)
        latest = next(iter(row.adjustments.all()), None)
        lines.append(GoalRow(row, _number(row.target), _number(row.weight), previous, latest,
                             may_request(user, row)))  # fmt: skip
    return lines


def adjustments_for(user: User, year: models.DepartmentYear) -> list[models.GoalAdjustment]:
    """The year's adjustment requests the user may see (a section: its own projects')."""
    found = year.goal_adjustments.select_related("indicator__project", "requested_by")
    if not sees_whole_department(user):
        found = found.filter(indicator__project__in=projects_for(user, year))
    return list(found)
