"""How an indicator reads in prose and in tables: targets, actuals, scores, sources."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import format_wan
from jixiao.core.records import Indicator, IndicatorKind, Operator
from jixiao.core.scoring import IndicatorScore, Status

# A target in words, as a department writes it: 不少于 10 个, 不低于 95%.
OPERATOR_WORDS = {
    Operator.AT_LEAST: "不少于",
    Operator.MORE_THAN: "多于",
    Operator.EQUAL: "",
    Operator.AT_MOST: "不超过",
    Operator.LESS_THAN: "少于",
}
# How the report's tables say a target was changed by an approved 目标调整 (domain.md §9).
ADJUSTED_TARGET = "{target}（经批准调整，原值{original}）"
RATE_WORDS = {Operator.AT_LEAST: "不低于", Operator.MORE_THAN: "高于", Operator.LESS_THAN: "低于"}


def plain(value: Decimal) -> str:
    """A non-money figure without trailing zeros: 10, 98.3 (as an input field takes it)."""
    return format(value.normalize(), "f")


def figure(value: Decimal) -> str:
    """A figure as the report prints it: no trailing zeros, grouped by thousands: 1,250."""
    return format(value.normalize(), ",f")


def measure(value: Decimal, unit: str, *, spaced: bool = False) -> str:
    """A figure with its unit; 万元 always with two decimals: ``25,748.56万元``, ``12个``.

    ``spaced`` sets the unit off as prose does (``12 个``, ``95%`` stays whole).
    """
    number = format_wan(value) if unit == "万元" else figure(value)
    gap = " " if spaced and unit and unit != "%" else ""
    return f"{number}{gap}{unit}"


def target_text(item: IndicatorScore) -> str:
    indicator = item.indicator
    return _target(indicator, indicator.target, indicator.target_text)


def _target(indicator: Indicator, target: Decimal | None, words: str) -> str:
    if indicator.kind is IndicatorKind.QUALITATIVE or target is None:
        return words
    operator = indicator.operator.value if indicator.operator else ""
    return f"{operator}{measure(target, indicator.unit)}"


def approved_target_text(item: IndicatorScore, adjusted: str = ADJUSTED_TARGET) -> str:
    """The target a year-end form prints: the approved one, and when an approved 目标调整
    changed it, ``adjusted`` filled with the new and the original (``≥12个（经批准调整，
    原值≥10个）``); a form template may word the note its own way."""
    shown = target_text(item)
    before = item.indicator.adjusted_from
    if before is None:
        return shown
    original = _target(item.indicator, before.target, before.target_text)
    return adjusted.format(target=shown, original=original)


def target_words(item: IndicatorScore) -> str:
    """The target as prose: ``不少于10个``, ``不低于95%``, or the qualitative target."""
    indicator = item.indicator
    if indicator.kind is IndicatorKind.QUALITATIVE or indicator.target is None:
        return indicator.target_text
    words = OPERATOR_WORDS.get(indicator.operator, "") if indicator.operator else ""
    if indicator.unit == "%" and indicator.operator in RATE_WORDS:
        words = RATE_WORDS[indicator.operator]
    return f"{words} {measure(indicator.target, indicator.unit, spaced=True)}".strip()


def actual_text(item: IndicatorScore, *, spaced: bool = False) -> str:
    """What was achieved; ``spaced`` as prose writes it (``12 个``)."""
    indicator = item.indicator
    if indicator.kind is IndicatorKind.QUALITATIVE:
        band = f"（{indicator.band}）" if indicator.band else ""
        return f"{indicator.actual_text}{band}"
    if item.actual is None:
        return "未填报" if item.status is not Status.NOT_APPLICABLE else "不适用"
    return measure(item.actual, indicator.unit, spaced=spaced)


def source_text(item: IndicatorScore) -> str:
    """Where the score's evidence row sits, or that the system computed the value."""
    indicator = item.indicator
    where = ""
    if indicator.location is not None and indicator.location.row is not None:
        where = f"{indicator.location.sheet}第{indicator.location.row}行"
    if indicator.metric:
        return f"{where}（系统计算）" if where else "系统计算"
    return where


INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
INDICATOR_NUMERIC = frozenset({5, 6})
INDICATOR_WIDE = frozenset({2, 3, 4})


def indicator_row(item: IndicatorScore) -> tuple[str, ...]:
    indicator = item.indicator
    return (
        indicator.level1, indicator.level2, indicator.name, approved_target_text(item),
        actual_text(item), plain(indicator.weight), str(item.score),
    )  # fmt: skip
