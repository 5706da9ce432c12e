"""管理效率 figures computed from 决算与管理数据 by the profile's metric definitions.

Exact Decimal throughout: amounts in 元, headcounts as integers, results in percent to
two places (half-up). A metric whose figures were not filed, or whose base is zero, has
no value; a department indicator naming it is then left unscored, with a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.budget_analysis import BudgetSummary
from jixiao.core.management_rules import ManagementMetric, Operand
from jixiao.core.money import quantize_half_up
from jixiao.core.records import DepartmentYear

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class MetricValue:
    """A computed metric: its value in percent and the two figures it was computed from
    (for ``timeliness``: the publications on time, and those due)."""

    metric: ManagementMetric
    value: Decimal
    numerator: Decimal
    denominator: Decimal


def _item_figure(data: DepartmentYear, operand: Operand) -> Decimal | None:
    """The operand's column summed over its rows; None when no row gives it."""
    values = [
        getattr(item, operand.column)
        for item in data.management
        if item.category == operand.category
        and (not operand.name or item.name == operand.name)
        and not item.policy
    ]
    present = [value for value in values if value is not None]
    return sum(present, ZERO) if present else None


def _figure(data: DepartmentYear, budget: BudgetSummary, operand: Operand) -> Decimal | None:
    if operand.source == "budget":
        return getattr(budget.all_sources, operand.column)
    if operand.source == "headcount":
        count = getattr(data.department, operand.column)
        return None if count is None else Decimal(count)
    return _item_figure(data, operand)


def _timeliness(data: DepartmentYear, metric: ManagementMetric) -> MetricValue | None:
    due = [i for i in data.management if i.category == metric.category and i.approved_on]
    if not due:
        return None
    on_time = sum(
        1
        for item in due
        if item.published_on is not None
        and (item.published_on - item.approved_on).days <= metric.days  # type: ignore[operator]
    )
    value = quantize_half_up(Decimal(on_time) * HUNDRED / Decimal(len(due)))
    return MetricValue(metric, value, Decimal(on_time), Decimal(len(due)))


def metric_value(
    data: DepartmentYear, budget: BudgetSummary, metric: ManagementMetric
) -> MetricValue | None:
    """One metric's value, or None when its figures are missing or its base is zero."""
    if metric.rule == "timeliness":
        return _timeliness(data, metric)
    assert metric.numerator is not None and metric.denominator is not None
    top = _figure(data, budget, metric.numerator)
    base = _figure(data, budget, metric.denominator)
    if top is None or not base:
        return None
    ratio = (top - base) / base if metric.rule == "change" else top / base
    return MetricValue(metric, quantize_half_up(ratio * HUNDRED), top, base)


def management_metrics(
    data: DepartmentYear, budget: BudgetSummary, metrics: dict[str, ManagementMetric]
) -> dict[str, MetricValue]:
    """Every metric of the profile that the filed data let the system compute."""
    values = {key: metric_value(data, budget, metric) for key, metric in metrics.items()}
    return {key: value for key, value in values.items() if value is not None}
