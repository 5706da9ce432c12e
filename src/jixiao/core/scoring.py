"""Scores computed from evidence by the rules of a profile (domain.md §4).

Each function is pure and Decimal-only. An indicator's score never leaves [0, weight];
a total is rescaled to 100 when indicators are marked not applicable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import NamedTuple

from jixiao.core.direct_init import direct_init
from jixiao.core.profile import RulesProfile
from jixiao.core.records import Indicator, IndicatorKind, Operator, Project

ZERO = Decimal(0)
ONE = Decimal(1)
TWO = Decimal(2)
HUNDRED = Decimal(100)


class Status(StrEnum):
    """How an indicator's actual value stands against its target."""

    ACHIEVED = "达成"
    PARTIAL = "部分达成"
    MISSED = "未达成"
    OVER = "超额完成"
    NOT_APPLICABLE = "不适用"
    NO_VALUE = "未填报"


class IndicatorScore(NamedTuple):
    """One indicator's score. A named tuple rather than a frozen dataclass: scoring builds
    hundreds of thousands of them, and a tuple is built in a third of the time."""

    indicator: Indicator
    score: Decimal
    share: Decimal
    status: Status
    achievement: Decimal | None
    actual: Decimal | None

    @property
    def needs_explanation(self) -> bool:
        """Not fully achieved, or over-achieved past the threshold (domain.md §4)."""
        return self.status in (Status.PARTIAL, Status.MISSED, Status.OVER, Status.NO_VALUE)


@direct_init
@dataclass(frozen=True, slots=True)
class ProjectScore:
    project: Project
    execution_rate: Decimal | None
    execution_weight: Decimal
    execution_score: Decimal
    indicator_scores: tuple[IndicatorScore, ...]
    total: Decimal
    grade: str

    def level_totals(self) -> dict[str, tuple[Decimal, Decimal]]:
        """一级指标 → (weight, score), execution first, in the order the rows came."""
        totals: dict[str, tuple[Decimal, Decimal]] = {
            "预算执行率": (self.execution_weight, self.execution_score)
        }
        for item in self.indicator_scores:
            if item.status is Status.NOT_APPLICABLE:
                continue
            weight, score = totals.get(item.indicator.level1, (ZERO, ZERO))
            totals[item.indicator.level1] = (weight + item.indicator.weight, score + item.score)
        return totals


def _round(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


# Scoring runs over hundreds of thousands of indicators, and reading a member off an Enum
# class costs more than a Decimal operation: the members the hot path compares with are
# looked up once here.
_HIGHER_IS_BETTER = tuple(operator for operator in Operator if operator.higher_is_better)
_EQUAL = Operator.EQUAL
_QUALITATIVE = IndicatorKind.QUALITATIVE
_NOT_APPLICABLE = Status.NOT_APPLICABLE
_NO_VALUE = Status.NO_VALUE
_ACHIEVED = Status.ACHIEVED
_PARTIAL = Status.PARTIAL
_MISSED = Status.MISSED
_OVER = Status.OVER
_new_tuple = tuple.__new__


def _indicator_score(
    indicator: Indicator,
    score: Decimal,
    share: Decimal,
    status: Status,
    achievement: Decimal | None,
    actual: Decimal | None,
) -> IndicatorScore:
    """``IndicatorScore(...)`` without the keyword handling of the generated constructor."""
    return _new_tuple(IndicatorScore, (indicator, score, share, status, achievement, actual))


def quantitative_share(
    operator: Operator, target: Decimal, actual: Decimal, profile: RulesProfile
) -> Decimal:
    """The share of the weight a quantitative indicator earns, in [0, 1]."""
    achievement = actual / target if target != ZERO else None
    over = _is_over(operator, target, actual, profile)
    return _clamp(_share(operator, target, actual, achievement, over, profile))


def _clamp(share: Decimal) -> Decimal:
    """``min(max(share, 0), 1)``, keeping ``share`` itself when it is in range."""
    if share < ZERO:
        return ZERO
    if share > ONE:
        return ONE
    return share


def _is_over(operator: Operator, target: Decimal, actual: Decimal, profile: RulesProfile) -> bool:
    """Past the over-achievement threshold (higher-is-better targets above zero only)."""
    return (
        operator in _HIGHER_IS_BETTER
        and target > ZERO
        and actual >= profile.over_threshold * target
    )


def _share(
    operator: Operator,
    target: Decimal,
    actual: Decimal,
    achievement: Decimal | None,
    over: bool,
    profile: RulesProfile,
) -> Decimal:
    """The share before clamping. ``achievement`` is ``actual / target`` (None for a zero
    target) and ``over`` is ``_is_over``: the caller has both already, and a Decimal
    division costs about as much as the rest of the rule."""
    if operator not in _HIGHER_IS_BETTER:
        return _lower_share(target, actual, profile.lower_is_better)
    if target == ZERO:
        if operator is _EQUAL:
            return ONE if actual <= ZERO else ZERO
        return ONE if actual >= ZERO else ZERO
    if actual < target:
        return achievement if target > ZERO else ZERO  # type: ignore[return-value]
    if over and profile.over_reduce_points:
        # A target set too low: the deviation above the target is taken off.
        return ONE - (actual - target) / target
    return ONE


def _lower_share(target: Decimal, actual: Decimal, method: str) -> Decimal:
    if actual <= target:
        return ONE
    if target <= ZERO:
        return ZERO
    if method == "ratio":
        return target / actual
    if actual >= TWO * target:
        return ZERO
    return ONE - (actual - target) / target


def score_indicator(
    indicator: Indicator, profile: RulesProfile, actual: Decimal | None = None
) -> IndicatorScore:
    """Score one indicator; ``actual`` overrides the filed value (computed metrics)."""
    if not indicator.applicable:
        return _indicator_score(indicator, ZERO, ZERO, _NOT_APPLICABLE, None, None)
    if indicator.kind is _QUALITATIVE:
        return _score_qualitative(indicator, profile)
    value = indicator.actual if actual is None else actual
    operator = indicator.operator
    target = indicator.target
    if value is None or operator is None or target is None:
        return _indicator_score(indicator, ZERO, ZERO, _NO_VALUE, None, value)
    # The hot path: the clamp, the status and the tuple are written out here, not called.
    achievement = value / target if target != ZERO else None
    over = _is_over(operator, target, value, profile)
    share = _share(operator, target, value, achievement, over, profile)
    if share < ZERO:
        share = ZERO
    elif share > ONE:
        share = ONE
    score = (share * indicator.weight).quantize(profile.score_places, ROUND_HALF_UP)
    if over and profile.over_fixed_deduction:
        score = _less_fixed_deduction(score, profile)
        share = score / indicator.weight if indicator.weight else ZERO
    if over:
        status = _OVER
    elif share >= ONE:
        status = _ACHIEVED
    else:
        status = _MISSED if share == ZERO else _PARTIAL
    return _new_tuple(IndicatorScore, (indicator, score, share, status, achievement, value))


def _less_fixed_deduction(score: Decimal, profile: RulesProfile) -> Decimal:
    """指标偏离: the profile's fixed number of points off, never below zero."""
    return max(score - profile.over_fixed_deduction, ZERO)


def quantitative_points(
    operator: Operator, target: Decimal, actual: Decimal, weight: Decimal, profile: RulesProfile
) -> Decimal:
    """The points a quantitative indicator earns, as ``score_indicator`` scores it: its
    share of the weight, less the fixed over-achievement deduction where the profile
    takes one (the audit checks a report's scores by this)."""
    share = quantitative_share(operator, target, actual, profile)
    score = (share * weight).quantize(profile.score_places, ROUND_HALF_UP)
    if profile.over_fixed_deduction and _is_over(operator, target, actual, profile):
        score = _less_fixed_deduction(score, profile)
    return score


def qualitative_score(indicator: Indicator, profile: RulesProfile) -> Decimal | None:
    """The score a qualitative indicator earns: the evaluator's, kept inside its band.

    A self-declared score outside the chosen band is a finding (checks); here it is
    clamped to the band so the total stays defensible. Without a declared score the
    band's lowest score is used: nothing above the floor is taken on trust.
    """
    band = profile.band(indicator.band)
    if band is None:
        return None
    low = band.low * indicator.weight
    high = band.high * indicator.weight
    declared = indicator.self_score
    if declared is None:
        return _round(low, profile.score_places)
    places = profile.score_places
    # The upper bound of a lower band is exclusive: the highest score below it that can be
    # written with the profile's places (6.664 → 6.66, 8.00 → 7.99).
    top = high if band.top else (high / places).to_integral_value(ROUND_CEILING) * places - places
    return _round(min(max(declared, low), top), places)


def _score_qualitative(indicator: Indicator, profile: RulesProfile) -> IndicatorScore:
    score = qualitative_score(indicator, profile)
    if score is None:
        return _indicator_score(indicator, ZERO, ZERO, _NO_VALUE, None, None)
    share = score / indicator.weight if indicator.weight else ZERO
    return _indicator_score(indicator, score, share, Status(indicator.band), None, None)


def execution_share(rate: Decimal | None, profile: RulesProfile) -> Decimal:
    """Share of the execution weight earned at ``rate`` (linear or tiered, per profile)."""
    if rate is None:
        return ZERO
    if profile.execution_method == "tiers":
        for tier in profile.execution_tiers:
            if rate >= tier.min_rate:
                return tier.share
        return ZERO
    return min(max(rate, ZERO), profile.execution_cap)


def execution_score(rate: Decimal | None, profile: RulesProfile) -> Decimal:
    """The 预算执行率 line's score at ``rate`` (execution ÷ final budget, None without one)."""
    return _round(execution_share(rate, profile) * profile.execution_weight, profile.score_places)


def rescaled_total(
    earned: Decimal, applicable_weight: Decimal, full_weight: Decimal, places: Decimal
) -> Decimal:
    """Total score; rescaled to 100 when some weight was marked not applicable."""
    if applicable_weight == ZERO:
        return ZERO
    if applicable_weight == full_weight:
        return _round(earned, places)
    return _round(earned * HUNDRED / applicable_weight, places)


def _total_final_and_actual(project: Project) -> tuple[Decimal, Decimal]:
    """年度资金总额's 全年预算数 and 全年执行数: the sums ``Project.total`` makes, in the same
    order, without building the two intermediate Amounts records."""
    fiscal, carryover, other = project.fiscal, project.carryover, project.other_funds
    return (
        fiscal.final + carryover.final + other.final,
        fiscal.actual + carryover.actual + other.actual,
    )


def score_project(
    project: Project, indicators: list[Indicator], profile: RulesProfile
) -> ProjectScore:
    """Score a project: 预算执行率 line plus each indicator (domain.md §4)."""
    final, actual = _total_final_and_actual(project)
    rate = actual / final if final != ZERO else None
    exec_weight = profile.execution_weight
    exec_score = execution_score(rate, profile)
    scores = tuple([score_indicator(indicator, profile) for indicator in indicators])
    earned = exec_score
    applicable = exec_weight
    full = exec_weight
    for item in scores:
        weight = item.indicator.weight
        full += weight
        if item.status is not _NOT_APPLICABLE:
            earned += item.score
            applicable += weight
    total = rescaled_total(earned, applicable, full, profile.score_places)
    cap = profile.total_cap(rate)
    if cap is not None and total > cap:
        total = cap.quantize(profile.score_places)
    return ProjectScore(project, rate, exec_weight, exec_score, scores, total, profile.grade(total))
