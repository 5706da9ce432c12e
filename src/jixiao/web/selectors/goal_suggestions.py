"""Indicator suggestions for a goal being drafted: the district's history from the
database, ranked with the common library by the core (``suggest_indicators``).

The history read is bounded so that one request stays fast on a whole district
(benchmarks/bench_goal_suggestions.py): the same functional 类 (first three digits of
the class code), the last ``HISTORY_YEARS`` years up to the project's own, at most
``HISTORY_ROWS`` rows. These bound the work of a request; the ranking itself is the
library file's ``[ranking]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.core.indicator_library import (
    DEPARTMENT_SCOPE,
    PROJECT_SCOPE,
    IndicatorLibrary,
    PastIndicator,
    Suggestion,
    load_indicator_library,
    suggest_indicators,
)
from jixiao.core.records import IndicatorKind
from jixiao.web import models

HISTORY_YEARS = 3
HISTORY_ROWS = 1000
SHOWN = 8
HISTORY_COLUMNS = (
    "department_year__department__name", "department_year__year", "project__name",
    "project__class_code", "level1", "level2", "name", "unit", "operator", "target",
)  # fmt: skip


@lru_cache(maxsize=1)
def library() -> IndicatorLibrary:
    """The shipped common library, read once per process."""
    return load_indicator_library()


def _history_rows(project: models.Project, classes: dict[str, object], limit: int) -> list:
    year = project.department_year
    rows = (
        models.Indicator.objects.filter(
            department_year__department__district=year.department.district,
            department_year__year__gte=year.year - HISTORY_YEARS,
            department_year__year__lte=year.year,
            **classes,
        )
        .exclude(project_id=project.pk)
        .order_by()  # not the model's ordering: see district_history
        .values_list(*HISTORY_COLUMNS)[:limit]
    )
    return list(rows)


def district_history(project: models.Project) -> list[PastIndicator]:
    """Indicators the district's projects of the same 科目 and then the same 类 used lately
    (the project's own left out), at most ``HISTORY_ROWS``.

    No ORDER BY: the database stops at the limit instead of sorting a whole 类 of the
    district; the core ranks what comes back. The 类 is a range of codes rather than a
    prefix match, which the class-code index serves (codes are digits only).
    """
    code, prefix = project.class_code, project.class_code[:3]
    rows = _history_rows(project, {"project__class_code": code}, HISTORY_ROWS)
    if len(rows) < HISTORY_ROWS:
        same_class = {"project__class_code__range": (prefix, prefix + "9999")}
        rest = _history_rows(project, same_class, HISTORY_ROWS)
        rows += [row for row in rest if row[3] != code][: HISTORY_ROWS - len(rows)]
    return [PastIndicator(*row) for row in rows]


@dataclass(frozen=True)
class ShownSuggestion:
    """A suggestion with the indicator kind its target implies (a number: 定量)."""

    suggestion: Suggestion
    kind: str


def _kind(target: str) -> str:
    try:
        Decimal(target)
    except (InvalidOperation, ValueError):
        return IndicatorKind.QUALITATIVE.value if target else IndicatorKind.QUANTITATIVE.value
    return IndicatorKind.QUANTITATIVE.value


def _shown(found: list[Suggestion]) -> list[ShownSuggestion]:
    return [ShownSuggestion(item, _kind(item.target)) for item in found]


def suggestions_for_project(project: models.Project) -> list[ShownSuggestion]:
    """Ranked suggestions for one project's goals."""
    return _shown(
        suggest_indicators(
            project.name,
            project.class_code,
            district_history(project),
            library(),
            scope=PROJECT_SCOPE,
            limit=SHOWN,
        )
    )


def suggestions_for_department(year: models.DepartmentYear) -> list[ShownSuggestion]:
    """Suggestions for the 部门整体 goals (the library's common department indicators)."""
    return _shown(
        suggest_indicators(
            year.department.name, "", [], library(), scope=DEPARTMENT_SCOPE, limit=SHOWN
        )
    )
