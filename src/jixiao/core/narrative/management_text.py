"""The 管理效率 figures of 决算与管理数据 in the report's words, each with its formula."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.evaluation import Evaluation
from jixiao.core.management_metrics import MetricValue
from jixiao.core.management_rules import Operand
from jixiao.core.money import format_wan, yuan_to_wan
from jixiao.core.narrative.indicator_text import figure

ZERO = Decimal(0)


def _operand_text(value: Decimal, operand: Operand | None) -> str:
    if operand is not None and operand.is_money:
        return f"{format_wan(yuan_to_wan(value))} 万元"
    return f"{figure(value)} 人"


def _metric_text(item: MetricValue) -> str:
    """``结转结余率 4.23%（年末结转结余 ÷ 全年预算数：1,137.15 万元 ÷ 26,885.71 万元）``."""
    metric = item.metric
    if metric.rule == "timeliness":
        figures = f"应公开 {figure(item.denominator)} 项，按时公开 {figure(item.numerator)} 项"
        return f"{metric.name} {figure(item.value)}%（{metric.formula}；{figures}）"
    top = _operand_text(item.numerator, metric.numerator)
    base = _operand_text(item.denominator, metric.denominator)
    if metric.rule == "change":
        sign = "−" if item.value < ZERO else ""
        return (f"{metric.name} {sign}{figure(abs(item.value))}%（{metric.formula}；本年 {top}，"
                f"上年 {base}）")  # fmt: skip
    return f"{metric.name} {figure(item.value)}%（{metric.formula}：{top} ÷ {base}）"


def management_figures(evaluation: Evaluation) -> str:
    """One sentence listing every metric computed from 决算与管理数据; "" without any."""
    if not evaluation.management:
        return ""
    parts = "；".join(_metric_text(item) for item in evaluation.management.values())
    return f"依据本年度决算与管理数据计算：{parts}。"
