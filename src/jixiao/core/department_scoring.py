"""Department overall scoring (部门整体支出绩效自评): 履职效能 and 管理效率.

Department indicators are scored by the same rules as project indicators. Those that
name a metric (自动取数) take their actual value from the budget data, so the
management-efficiency figures cannot be typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.budget_analysis import BudgetSummary
from jixiao.core.coverage import Coverage
from jixiao.core.money import quantize_half_up
from jixiao.core.profile import RulesProfile
from jixiao.core.records import DepartmentYear, Indicator
from jixiao.core.scoring import (
    IndicatorScore,
    ProjectScore,
    Status,
    rescaled_total,
    score_indicator,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class DepartmentScore:
    indicator_scores: tuple[IndicatorScore, ...]
    dimension_totals: dict[str, tuple[Decimal, Decimal]]
    total: Decimal
    grade: str


def _percent(ratio: Decimal | None) -> Decimal | None:
    return None if ratio is None else quantize_half_up(ratio * HUNDRED)


def compute_metrics(
    budget: BudgetSummary,
    coverage: tuple[Coverage, ...],
    project_scores: list[ProjectScore],
    project_count: int,
) -> dict[str, Decimal | None]:
    """The figures department indicators may name in 自动取数, in percent or points."""
    return metrics_of(
        budget,
        coverage,
        [score.total for score in project_scores],
        sum(1 for score in project_scores if score.indicator_scores),
        project_count,
    )


def metrics_of(
    budget: BudgetSummary,
    coverage: tuple[Coverage, ...],
    project_totals: list[Decimal],
    projects_with_goals: int,
    project_count: int,
) -> dict[str, Decimal | None]:
    """``compute_metrics`` from the projects' totals alone: what a rescore of one project
    knows of the others (their stored totals), so both paths share one formula."""
    amounts = budget.all_sources
    adjustment = abs(amounts.final - amounts.initial) / amounts.initial if amounts.initial else None
    evaluated = sum((item.evaluated_amount for item in coverage), ZERO)
    expenditure = sum((item.project_expenditure for item in coverage), ZERO)
    average = (
        quantize_half_up(sum(project_totals, ZERO) / len(project_totals))
        if project_totals
        else None
    )
    return {
        "budget_execution_rate": _percent(
            amounts.actual / amounts.final if amounts.final else None
        ),
        "budget_adjustment_rate": _percent(adjustment),
        "self_evaluation_coverage": _percent(evaluated / expenditure if expenditure else None),
        "goal_coverage": _percent(
            Decimal(projects_with_goals) / Decimal(project_count) if project_count else None
        ),
        "project_average_score": average,
    }


def score_department(
    indicators: tuple[Indicator, ...],
    metrics: dict[str, Decimal | None],
    profile: RulesProfile,
) -> DepartmentScore:
    """Score every department indicator and total them per dimension."""
    scores = tuple(
        score_indicator(item, profile, metrics.get(item.metric) if item.metric else None)
        for item in indicators
    )
    dimensions: dict[str, tuple[Decimal, Decimal]] = {
        name: (ZERO, ZERO) for name in profile.dimensions
    }
    earned = applicable = full = ZERO
    for item in scores:
        weight = item.indicator.weight
        full += weight
        if item.status is Status.NOT_APPLICABLE:
            continue
        name = item.indicator.dimension.value if item.indicator.dimension else ""
        dim_weight, dim_score = dimensions.get(name, (ZERO, ZERO))
        dimensions[name] = (dim_weight + weight, dim_score + item.score)
        earned += item.score
        applicable += weight
    total = rescaled_total(earned, applicable, full, profile.score_places)
    return DepartmentScore(scores, dimensions, total, profile.grade(total))


def declared_total(data: DepartmentYear) -> tuple[Decimal | None, bool]:
    """The department's declared total (自报总分) and whether it was derived.

    As filed in 部门信息 when present; otherwise the sum of the department indicators'
    self-scores, but only when every applicable one is filled, since a partial sum
    would understate the claim.
    """
    return declared_total_of(data.department.self_score, data.department_indicators)


def declared_total_of(
    self_score: Decimal | None, indicators: tuple[Indicator, ...]
) -> tuple[Decimal | None, bool]:
    """``declared_total`` from the filed 部门自评总分 and the department indicators."""
    if self_score is not None:
        return self_score, False
    applicable = [item for item in indicators if item.applicable]
    if applicable and all(item.self_score is not None for item in applicable):
        return sum((item.self_score for item in applicable), ZERO), True
    return None, False
