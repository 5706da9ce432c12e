"""Reads of result application (评价结果应用): each suggestion beside the bureau's decision.

A suggestion is computed from the stored grade and this year's 全年预算数 (财政拨款) by the
core (``result_application.suggest``); the district's table of hundreds of departments
takes its sums from two grouped queries, not one query per department.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Sum

from jixiao.core.money import yuan_to_wan
from jixiao.core.result_application import Suggestion, suggest
from jixiao.web import models
from jixiao.web.roles import department_filter
from jixiao.web.selectors.lock import LOCKED
from jixiao.web.services.profiles import profile_for

ZERO = Decimal(0)


@dataclass(frozen=True)
class ApplicationRow:
    """A project (or the department: ``project`` None) with its suggestion and decision."""

    year: models.DepartmentYear
    project: models.Project | None
    suggestion: Suggestion
    decision: models.ApplicationDecision | None
    projects_proposed_yuan: Decimal | None = None  # the department's: its projects' sum

    @property
    def decided_wan(self) -> Decimal | None:
        """The amount next year's budget is to follow: the bureau's, else the proposal."""
        if self.decision is not None:
            return yuan_to_wan(self.decision.amount)
        return self.suggestion.proposed_wan

    @property
    def projects_proposed_wan(self) -> Decimal | None:
        if self.projects_proposed_yuan is None:
            return None
        return yuan_to_wan(self.projects_proposed_yuan)


def project_rows(year: models.DepartmentYear) -> list[ApplicationRow]:
    """Every project of ``year`` with its suggestion, in the projects' order."""
    profile = profile_for(year.profile)
    decisions = {d.project_id: d for d in year.application_decisions.filter(project__isnull=False)}
    return [
        ApplicationRow(
            year, project, suggest(project.grade, project.final, profile), decisions.get(project.pk)
        )
        for project in year.projects.select_related("section").order_by("position", "pk")
    ]


def department_row(year: models.DepartmentYear) -> ApplicationRow:
    """The department as a whole: its grade applied to its projects' budget."""
    return district_rows_of(models.DepartmentYear.objects.filter(pk=year.pk))[0]


def district_years(user: User, year: int):
    """The department-years of ``year`` the user may review, by department name."""
    return (
        models.DepartmentYear.objects.filter(department_filter(user), year=year)
        .select_related("department")
        .defer("texts", "dimension_scores")
        .order_by("department__name")
    )


def district_rows_of(years) -> list[ApplicationRow]:
    """One department row per year in ``years``: its suggestion, its decision, and the sum
    of its projects' proposals."""
    years = list(years)
    ids = [row.pk for row in years]
    by_grade: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for year_id, grade, total in (
        models.Project.objects.filter(department_year_id__in=ids)
        .values_list("department_year_id", "grade")
        .annotate(total=Sum("final"))
        .order_by()
    ):
        by_grade[year_id][grade] = total or ZERO
    decisions = {
        d.department_year_id: d
        for d in models.ApplicationDecision.objects.filter(
            department_year_id__in=ids, project__isnull=True
        )
    }
    profiles = {key: profile_for(key) for key in {row.profile for row in years}}
    return [
        _department(row, profiles[row.profile], by_grade[row.pk], decisions.get(row.pk))
        for row in years
    ]


def _department(year, profile, budgets: dict[str, Decimal], decision) -> ApplicationRow:
    final = sum(budgets.values(), ZERO)
    proposals = [suggest(grade, amount, profile).proposed_yuan for grade, amount in budgets.items()]
    projects = None if any(p is None for p in proposals) else sum(proposals, ZERO)
    return ApplicationRow(year, None, suggest(year.grade, final, profile), decision, projects)


def is_settled(year: models.DepartmentYear) -> bool:
    """A suggestion is decided on only once the year is signed off."""
    return year.status in LOCKED


def previous_suggestion(project: models.Project) -> ApplicationRow | None:
    """Last year's suggestion for the same project (same 项目编码), to show beside this
    year's budget; None when the department has no such project the year before."""
    year = project.department_year
    before = (
        models.Project.objects.filter(
            department_year__department_id=year.department_id,
            department_year__year=year.year - 1, code=project.code,
        ).select_related("department_year").first()
    )  # fmt: skip
    if before is None:
        return None
    profile = profile_for(before.department_year.profile)
    decision = before.application_decisions.first()
    return ApplicationRow(before.department_year, before, suggest(before.grade, before.final, profile),
                          decision)  # fmt: skip
