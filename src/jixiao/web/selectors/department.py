"""Reads for the department overall page: dimension totals and the system-computed metrics."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.evaluation import evaluate
from jixiao.core.profile import RulesProfile
from jixiao.web import models
from jixiao.web.conversion import department_year_record


@dataclass(frozen=True)
class DimensionTotal:
    name: str
    weight: str
    score: str


def dimension_totals(year: models.DepartmentYear) -> list[DimensionTotal]:
    """履职效能 / 管理效率 … as the last recomputation stored them."""
    return [
        DimensionTotal(name, values.get("weight", ""), values.get("score", ""))
        for name, values in (year.dimension_scores or {}).items()
    ]


# Metrics the recomputation stores on the department-year, so the page need not re-evaluate.
STORED_METRICS = {"budget_execution_rate": "execution_rate"}


def metric_values(
    year: models.DepartmentYear, profile: RulesProfile, names: set[str]
) -> dict[str, Decimal | None]:
    """The figures the 自动取数 indicators ``names`` take from the budget, as the core computes them.

    Stored ones are read from the year; any other needs a full evaluation by the core.
    """
    if names <= STORED_METRICS.keys():
        return {name: getattr(year, STORED_METRICS[name]) for name in names}
    return evaluate(department_year_record(year), profile).metrics


def department_indicators(year: models.DepartmentYear):
    return year.indicators.filter(project__isnull=True).order_by("position", "pk")
