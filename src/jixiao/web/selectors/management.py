"""决算与管理数据 as the 部门整体 page shows it: the filed rows and the metrics computed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.money import format_wan, yuan_to_wan
from jixiao.core.profile import RulesProfile
from jixiao.web import models
from jixiao.web.management_json import AMOUNTS

AMOUNT_HEADERS = ("预算数", "决算数", "上年决算数", "调整金额")


@dataclass(frozen=True)
class MetricLine:
    name: str
    formula: str
    value: Decimal | None


def management_rows(year: models.DepartmentYear) -> list[dict[str, object]]:
    """Each stored row with its amounts in 万元 (two decimals, half-up) for the page."""
    rows = []
    for row in year.management or ():
        amounts = [
            format_wan(yuan_to_wan(Decimal(row[key]))) if row.get(key) is not None else ""
            for key in AMOUNTS
        ]
        dates = "～".join(str(row[key]) for key in ("approved_on", "published_on") if row.get(key))
        rows.append({**row, "amounts": amounts, "dates": dates})
    return rows


def management_metric_lines(
    profile: RulesProfile, metrics: dict[str, Decimal | None]
) -> list[MetricLine]:
    """The profile's 管理效率 metrics with their formulas and the values computed (or None)."""
    return [
        MetricLine(metric.name, metric.formula, metrics.get(key))
        for key, metric in profile.management_metrics.items()
    ]
