"""How an indicator reads in prose and in tables: targets, actuals, scores, sources."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import format_percent
from jixiao.core.records import IndicatorKind
from jixiao.core.scoring import IndicatorScore, Status


def plain(value: Decimal) -> str:
    """A non-money figure without trailing zeros: 10, 98.3, 3.5."""
    return format(value.normalize(), "f")


def target_text(item: IndicatorScore) -> str:
    indicator = item.indicator
    if indicator.kind is IndicatorKind.QUALITATIVE or indicator.target is None:
        return indicator.target_text
    operator = indicator.operator.value if indicator.operator else ""
    return f"{operator}{plain(indicator.target)}{indicator.unit}"


def actual_text(item: IndicatorScore) -> str:
    indicator = item.indicator
    if indicator.kind is IndicatorKind.QUALITATIVE:
        band = f"（{indicator.band}）" if indicator.band else ""
        return f"{indicator.actual_text}{band}"
    if item.actual is None:
        return "未填报" if item.status is not Status.NOT_APPLICABLE else "不适用"
    return f"{plain(item.actual)}{indicator.unit}"


def source_text(item: IndicatorScore) -> str:
    """Where the score's evidence row sits, or that the system computed the value."""
    indicator = item.indicator
    where = ""
    if indicator.location is not None and indicator.location.row is not None:
        where = f"{indicator.location.sheet}第{indicator.location.row}行"
    if indicator.metric:
        return f"{where}（系统计算）" if where else "系统计算"
    return where


def sentence(item: IndicatorScore) -> str:
    """``新增经济项目目标≥10个，实际完成12个，完成率120.0%，得6.00分``."""
    indicator = item.indicator
    if item.status is Status.NOT_APPLICABLE:
        return f"{indicator.name}不适用，不计分"
    if indicator.kind is IndicatorKind.QUALITATIVE:
        text = f"{indicator.name}：{indicator.actual_text or '—'}（{indicator.band or '未评定'}）"
    else:
        text = f"{indicator.name}目标{target_text(item)}，实际{actual_text(item)}"
        if (
            item.achievement is not None
            and indicator.operator
            and indicator.operator.higher_is_better
        ):
            text += f"，完成率{format_percent(item.achievement)}"
    text += f"，得{item.score}分（分值{plain(indicator.weight)}分）"
    if item.needs_explanation and indicator.explanation:
        text += f"，偏差原因：{indicator.explanation.rstrip('。')}"
    return text


INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "数据来源",
)


def indicator_row(item: IndicatorScore) -> tuple[str, ...]:
    indicator = item.indicator
    return (
        indicator.level1, indicator.level2, indicator.name, target_text(item),
        actual_text(item), plain(indicator.weight), str(item.score), source_text(item),
    )  # fmt: skip


def status_counts(items: list[IndicatorScore]) -> str:
    """``完全达成 8 项、超额完成 1 项、部分达成 1 项`` (only the statuses present)."""
    order = (Status.ACHIEVED, Status.OVER, Status.PARTIAL, Status.MISSED, Status.NO_VALUE,
             Status.NOT_APPLICABLE)  # fmt: skip
    labels = {Status.ACHIEVED: "完全达成"}
    parts = []
    for status in order:
        count = sum(1 for item in items if item.status is status)
        if count:
            parts.append(f"{labels.get(status, status.value)} {count} 项")
    return "、".join(parts)
