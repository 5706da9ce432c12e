"""Budget analysis: totals per source, changes against the initial budget, the class list.

All sums are over exact 元; rounding to 万元 happens only where a figure is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import WAN, safe_ratio
from jixiao.core.records import (
    FISCAL_SOURCES,
    ZERO_AMOUNTS,
    Amounts,
    BudgetLine,
    BudgetSource,
    ExpenditureKind,
)

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ClassChange:
    """How one 类 moved against the initial budget within one source (元)."""

    class_code: str
    class_name: str
    change: Decimal


@dataclass(frozen=True, slots=True)
class SourceSummary:
    source: BudgetSource
    amounts: Amounts
    basic: Amounts
    project: Amounts
    class_changes: tuple[ClassChange, ...]

    @property
    def change(self) -> Decimal:
        """Δ = 全年执行数 − 年初预算数."""
        return self.amounts.actual - self.amounts.initial

    @property
    def change_rate(self) -> Decimal | None:
        """Δ ÷ 年初预算数; None when the initial budget is zero (no rate exists)."""
        return safe_ratio(self.change, self.amounts.initial)

    @property
    def execution_rate(self) -> Decimal | None:
        return safe_ratio(self.amounts.actual, self.amounts.final)


@dataclass(frozen=True, slots=True)
class ChangeList:
    """The classes the narrative names, in the seed's order, and whether 等 follows."""

    listed: tuple[ClassChange, ...]
    more_omitted: bool


@dataclass(frozen=True, slots=True)
class BudgetSummary:
    sources: tuple[SourceSummary, ...]

    def source(self, source: BudgetSource) -> SourceSummary | None:
        for summary in self.sources:
            if summary.source is source:
                return summary
        return None

    @property
    def fiscal(self) -> Amounts:
        """财政拨款 (general + fund + state capital), excluding 其他资金."""
        total = ZERO_AMOUNTS
        for summary in self.sources:
            if summary.source in FISCAL_SOURCES:
                total = total + summary.amounts
        return total

    @property
    def all_sources(self) -> Amounts:
        total = ZERO_AMOUNTS
        for summary in self.sources:
            total = total + summary.amounts
        return total


def summarize_budget(lines: tuple[BudgetLine, ...], class_names: dict[str, str]) -> BudgetSummary:
    """Group budget lines per source (in the canonical source order)."""
    by_source: dict[BudgetSource, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_source[line.source].append(line)
    return BudgetSummary(
        tuple(
            _summarize_source(source, by_source[source], class_names)
            for source in BudgetSource
            if source in by_source
        )
    )


def _sum(lines: list[BudgetLine], kind: ExpenditureKind | None = None) -> Amounts:
    total = ZERO_AMOUNTS
    for line in lines:
        if kind is None or line.kind is kind:
            total = total + line.amounts
    return total


def _summarize_source(
    source: BudgetSource, lines: list[BudgetLine], class_names: dict[str, str]
) -> SourceSummary:
    changes: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        changes[line.top_class] += line.amounts.actual - line.amounts.initial
    class_changes = tuple(
        ClassChange(code, class_names.get(code, code), change)
        for code, change in sorted(changes.items())
    )
    return SourceSummary(
        source,
        _sum(lines),
        _sum(lines, ExpenditureKind.BASIC),
        _sum(lines, ExpenditureKind.PROJECT),
        class_changes,
    )


def change_list(summary: SourceSummary, min_change_wan: Decimal) -> ChangeList:
    """Classes to name: same direction as the source's change first, then the others.

    Within each group the largest movement comes first; movements smaller than
    ``min_change_wan`` are left out and the list then ends with 等 (domain.md §2).
    """
    threshold = min_change_wan * WAN
    moving = [item for item in summary.class_changes if item.change != ZERO]
    listed = [item for item in moving if abs(item.change) >= threshold]
    direction = 1 if summary.change >= ZERO else -1

    def same_direction(item: ClassChange) -> bool:
        return (item.change > ZERO) == (direction > 0)

    ordered = sorted(
        listed, key=lambda item: (not same_direction(item), -abs(item.change), item.class_code)
    )
    return ChangeList(tuple(ordered), more_omitted=len(listed) < len(moving))
