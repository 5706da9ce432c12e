"""A department over its years: scores, grades, execution and findings, continuing indicators,
and one year against the one before.

An indicator continues when the same project code carries an indicator of the same name
(三级指标) in more than one year; its targets and actuals are listed year by year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from jixiao.web import models

# Figures of a department-year compared with the year before: (label, attribute).
COMPARED = (
    ("依据计算得分", "computed_score"),
    ("自报总分", "declared_score"),
    ("预算执行率（%）", "execution_rate"),
    ("错误", "error_count"),
    ("警告", "warning_count"),
    ("项目数", "project_count"),
    ("项目平均计算得分", "project_average_score"),
)


def department_years(year: models.DepartmentYear) -> list[models.DepartmentYear]:
    """Every year of ``year``'s department in the system, oldest first."""
    return list(
        models.DepartmentYear.objects.filter(department_id=year.department_id)
        .defer("texts")
        .order_by("year")
    )


def previous_year(year: models.DepartmentYear) -> models.DepartmentYear | None:
    """The department's latest year before ``year``, if it has one."""
    return (
        models.DepartmentYear.objects.filter(department_id=year.department_id, year__lt=year.year)
        .order_by("-year")
        .first()
    )


@dataclass(frozen=True)
class YearValue:
    """An indicator's target and actual in one year (text for qualitative ones)."""

    target: str
    actual: str


@dataclass(frozen=True)
class ContinuingIndicator:
    code: str
    project: str
    name: str
    unit: str
    cells: tuple[YearValue | None, ...]  # one per year given, oldest first


def _shown(number: Decimal | None, text: str) -> str:
    if number is None:
        return text or "—"
    return format(number.normalize(), "f")


def continuing_indicators(years: list[models.DepartmentYear]) -> list[ContinuingIndicator]:
    """Indicators of the same project code and name found in two or more of ``years``."""
    by_key: dict[tuple[str, str], dict[int, YearValue]] = defaultdict(dict)
    labels: dict[tuple[str, str], tuple[str, str]] = {}
    rows = (
        models.Indicator.objects.filter(department_year__in=years, project__isnull=False)
        .values_list("project__code", "project__name", "name", "unit", "department_year__year",
                     "operator", "target", "target_text", "actual", "actual_text")
        .order_by("project__code", "position")
    )  # fmt: skip
    for code, project, name, unit, year, operator, target, target_text, actual, actual_text in rows:
        key = (code, name)
        by_key[key][year] = YearValue(
            f"{operator}{_shown(target, target_text)}", _shown(actual, actual_text)
        )
        labels[key] = (project, unit)
    numbers = [row.year for row in years]
    return [
        ContinuingIndicator(code, labels[(code, name)][0], name, labels[(code, name)][1],
                            tuple(values.get(number) for number in numbers))
        for (code, name), values in by_key.items()
        if len(values) > 1
    ]  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    label: str
    previous: object
    current: object
    change: Decimal | None


def compare(current: models.DepartmentYear, previous: models.DepartmentYear) -> list[Comparison]:
    """Each compared figure this year and last, with the change where both are numbers."""
    result = [Comparison("等级", previous.grade or "—", current.grade or "—", None)]
    for label, field in COMPARED:
        before, now = getattr(previous, field), getattr(current, field)
        change = None if before is None or now is None else Decimal(now) - Decimal(before)
        result.append(Comparison(label, before, now, change))
    return result


@dataclass(frozen=True)
class ProjectChange:
    code: str
    name: str
    previous: Decimal | None
    current: Decimal | None
    change: Decimal | None


def project_changes(
    current: models.DepartmentYear, previous: models.DepartmentYear
) -> list[ProjectChange]:
    """Projects in both years (same code) with their computed scores, largest fall first."""
    before = dict(previous.projects.values_list("code", "computed_score"))
    changes = [
        ProjectChange(code, name, before[code], score,
                      None if score is None or before[code] is None else score - before[code])
        for code, name, score in current.projects.values_list("code", "name", "computed_score")
        if code in before
    ]  # fmt: skip
    return sorted(changes, key=lambda row: (row.change is None, row.change or 0, row.code))
