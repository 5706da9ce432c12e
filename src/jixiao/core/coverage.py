"""Self-evaluation coverage (自评覆盖): funds of evaluated projects ÷ all project funds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.budget_analysis import BudgetSummary
from jixiao.core.money import safe_ratio
from jixiao.core.records import BudgetSource, Project

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Coverage:
    """One budget source's project self-evaluation coverage (amounts in 元, 全年执行数)."""

    source: BudgetSource
    first_level_count: int
    second_level_count: int
    evaluated_amount: Decimal
    project_expenditure: Decimal
    evaluated_names: tuple[str, ...]

    @property
    def count(self) -> int:
        return self.first_level_count + self.second_level_count

    @property
    def share(self) -> Decimal | None:
        return safe_ratio(self.evaluated_amount, self.project_expenditure)


def self_evaluation_coverage(
    projects: tuple[Project, ...], evaluated_codes: set[str], budget: BudgetSummary
) -> tuple[Coverage, ...]:
    """Coverage per source that has project expenditure or projects."""
    result = []
    for source in BudgetSource:
        mine = [p for p in projects if p.source is source and p.code in evaluated_codes]
        summary = budget.source(source)
        expenditure = summary.project.actual if summary else ZERO
        if not mine and expenditure == ZERO:
            continue
        result.append(
            Coverage(
                source=source,
                first_level_count=sum(1 for p in mine if p.level == "一级"),
                second_level_count=sum(1 for p in mine if p.level != "一级"),
                evaluated_amount=sum((p.fiscal.actual for p in mine), ZERO),
                project_expenditure=expenditure,
                evaluated_names=tuple(p.name for p in mine),
            )
        )
    return tuple(result)
