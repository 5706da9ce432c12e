"""Scores computed from evidence by the rules of a profile (domain.md §4).

Each function is pure and Decimal-only. An indicator's score never leaves [0, weight];
a total is rescaled to 100 when indicators are marked not applicable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

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


@dataclass(frozen=True, slots=True)
class IndicatorScore:
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


def quantitative_share(
    operator: Operator, target: Decimal, actual: Decimal, profile: RulesProfile
) -> Decimal:
    """The share of the weight a quantitative indicator earns, in [0, 1]."""
    if operator.higher_is_better:
        share = _higher_share(operator, target, actual, profile)
    else:
        share = _lower_share(target, actual, profile.lower_is_better)
    return min(max(share, ZERO), ONE)


def _higher_share(
    operator: Operator, target: Decimal, actual: Decimal, profile: RulesProfile
) -> Decimal:
    if target == ZERO:
        if operator is Operator.EQUAL:
            return ONE if actual <= ZERO else ZERO
        return ONE if actual >= ZERO else ZERO
    if actual < target:
        return actual / target if target > ZERO else ZERO
    if profile.over_reduce_points and target > ZERO and actual >= profile.over_threshold * target:
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


def _quantitative_status(
    indicator: Indicator, actual: Decimal, share: Decimal, profile: RulesProfile
) -> Status:
    target = indicator.target
    operator = indicator.operator
    if (
        operator is not None
        and operator.higher_is_better
        and target is not None
        and target > ZERO
        and actual >= profile.over_threshold * target
    ):
        return Status.OVER
    if share >= ONE:
        return Status.ACHIEVED
    return Status.MISSED if share == ZERO else Status.PARTIAL


def score_indicator(
    indicator: Indicator, profile: RulesProfile, actual: Decimal | None = None
) -> IndicatorScore:
    """Score one indicator; ``actual`` overrides the filed value (computed metrics)."""
    if not indicator.applicable:
        return IndicatorScore(indicator, ZERO, ZERO, Status.NOT_APPLICABLE, None, None)
    if indicator.kind is IndicatorKind.QUALITATIVE:
        return _score_qualitative(indicator, profile)
    value = indicator.actual if actual is None else actual
    if value is None or indicator.operator is None or indicator.target is None:
        return IndicatorScore(indicator, ZERO, ZERO, Status.NO_VALUE, None, value)
    share = quantitative_share(indicator.operator, indicator.target, value, profile)
    score = _round(share * indicator.weight, profile.score_places)
    achievement = value / indicator.target if indicator.target != ZERO else None
    status = _quantitative_status(indicator, value, share, profile)
    return IndicatorScore(indicator, score, share, status, achievement, value)


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
    top = high if band.top else high - profile.score_places
    return _round(min(max(declared, low), top), profile.score_places)


def _score_qualitative(indicator: Indicator, profile: RulesProfile) -> IndicatorScore:
    score = qualitative_score(indicator, profile)
    if score is None:
        return IndicatorScore(indicator, ZERO, ZERO, Status.NO_VALUE, None, None)
    share = score / indicator.weight if indicator.weight else ZERO
    return IndicatorScore(indicator, score, share, Status(indicator.band), None, None)


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


def rescaled_total(
    earned: Decimal, applicable_weight: Decimal, full_weight: Decimal, places: Decimal
) -> Decimal:
    """Total score; rescaled to 100 when some weight was marked not applicable."""
    if applicable_weight == ZERO:
        return ZERO
    if applicable_weight == full_weight:
        return _round(earned, places)
    return _round(earned * HUNDRED / applicable_weight, places)


def score_project(
    project: Project, indicators: list[Indicator], profile: RulesProfile
) -> ProjectScore:
    """Score a project: 预算执行率 line plus each indicator (domain.md §4)."""
    funds = project.total
    rate = funds.actual / funds.final if funds.final != ZERO else None
    exec_weight = profile.execution_weight
    exec_score = _round(execution_share(rate, profile) * exec_weight, profile.score_places)
    scores = tuple(score_indicator(indicator, profile) for indicator in indicators)
    earned = exec_score
    applicable = exec_weight
    full = exec_weight
    for item in scores:
        full += item.indicator.weight
        if item.status is not Status.NOT_APPLICABLE:
            earned += item.score
            applicable += item.indicator.weight
    total = rescaled_total(earned, applicable, full, profile.score_places)
    return ProjectScore(project, rate, exec_weight, exec_score, scores, total, profile.grade(total))
