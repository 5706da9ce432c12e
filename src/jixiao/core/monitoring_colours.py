"""The warning colours of a monitoring round (domain.md §6), from the profile's rules.

序时进度 is kept as a fraction of whole numbers (months or days elapsed over the year) and
each band is tested by cross-multiplying, so a value exactly on a boundary takes the
boundary's colour whatever the rounding of 7 ÷ 12 would say.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.monitoring import IndicatorProgress, ProjectExecution
from jixiao.core.monitoring_rules import (
    Colour,
    ColourBands,
    ExecutionRule,
    MonitoringRules,
    TimeRule,
)
from jixiao.core.records import IndicatorKind, Operator

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class TimeProgress:
    """序时进度 = elapsed ÷ total (months of 12, or days of the year)."""

    elapsed: int
    total: int

    @property
    def share(self) -> Decimal:
        return Decimal(self.elapsed) / Decimal(self.total)


FULL_YEAR = TimeProgress(1, 1)


def time_progress(year: int, month: int, rule: TimeRule) -> TimeProgress:
    """The time progress at the end of ``month`` of ``year`` by ``rule``."""
    if rule is TimeRule.MONTHS:
        return TimeProgress(month, 12)
    elapsed = sum(calendar.monthrange(year, m)[1] for m in range(1, month + 1))
    return TimeProgress(elapsed, 366 if calendar.isleap(year) else 365)


def _banded(bands: ColourBands, numerator: Decimal, denominator: Decimal) -> Colour:
    """The colour of numerator ÷ denominator (denominator > 0), tested without dividing."""
    colour = bands.lowest()
    for band, lowest in bands.bands:
        if numerator >= lowest * denominator:
            colour = band
    return colour


def execution_rate(execution: ProjectExecution) -> Decimal | None:
    """执行率 = 1–N月执行数 ÷ 全年预算数 (None for a zero budget)."""
    if execution.final <= ZERO:
        return None
    return execution.executed / execution.final


def execution_colour(
    execution: ProjectExecution, progress: TimeProgress, rules: MonitoringRules
) -> Colour:
    """The project's execution colour: 执行率 ÷ 序时进度 against the bands, or 执行率
    against the fixed threshold of the month, as the profile says."""
    if execution.final <= ZERO:
        return Colour.GREEN  # nothing budgeted: nothing to fall behind on
    if rules.execution_rule is ExecutionRule.FIXED:
        threshold = rules.threshold(execution.month)
        if threshold is None or execution.executed >= threshold * execution.final:
            return Colour.GREEN
        return rules.below_threshold
    # rate ÷ progress = (executed ÷ final) ÷ (elapsed ÷ total)
    numerator = execution.executed * progress.total
    return _banded(rules.execution_ratio, numerator, execution.final * progress.elapsed)


def indicator_colour(
    indicator: IndicatorProgress, progress: TimeProgress, rules: MonitoringRules
) -> Colour | None:
    """The indicator's colour, or None when the value to date is not filled."""
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return rules.qualitative.get(indicator.achievement)
    if indicator.value is None or indicator.target is None or indicator.operator is None:
        return None
    if not indicator.operator.higher_is_better:
        within = (
            indicator.value <= indicator.target
            if indicator.operator is Operator.AT_MOST
            else indicator.value < indicator.target
        )
        return rules.lower_within if within else rules.lower_beyond
    time = _time_for(indicator, progress, rules)
    expected = indicator.target * time.elapsed
    if expected <= ZERO:
        return Colour.GREEN  # a zero target expects nothing to date
    # progress = value ÷ (target × elapsed ÷ total)
    return _banded(rules.indicator_progress, indicator.value * time.total, expected)


def _time_for(
    indicator: IndicatorProgress, progress: TimeProgress, rules: MonitoringRules
) -> TimeProgress:
    """A rate (unit %) is held to its full target at any time of the year."""
    return FULL_YEAR if indicator.unit in rules.unprorated_units else progress


def indicator_progress(
    indicator: IndicatorProgress, progress: TimeProgress, rules: MonitoringRules
) -> Decimal | None:
    """A higher-is-better indicator's progress = value ÷ (target × 序时进度), for display."""
    if indicator.kind is IndicatorKind.QUALITATIVE or indicator.value is None:
        return None
    if indicator.target is None or indicator.operator is None:
        return None
    if not indicator.operator.higher_is_better or indicator.target <= ZERO:
        return None
    time = _time_for(indicator, progress, rules)
    return indicator.value * time.total / (indicator.target * time.elapsed)


def worst(colours: Iterable[Colour | None]) -> Colour:
    """The worst of ``colours`` (green when there are none)."""
    present = [colour for colour in colours if colour is not None]
    return max(present, key=lambda colour: colour.severity, default=Colour.GREEN)
