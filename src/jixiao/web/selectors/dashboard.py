"""The department dashboard (驾驶舱): a handful of database aggregates and their charts.

Money is summed in the database as whole 分 and read back as exact Decimal 元; it turns
into float only inside the ECharts options, which are display-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from jixiao.core.classification import class_names
from jixiao.core.money import ZERO, format_wan, yuan_to_wan
from jixiao.core.profile import RulesProfile
from jixiao.core.records import BudgetSource
from jixiao.core.scoring import Status as IndicatorStatus
from jixiao.web import models

TOP_CLASSES = 8
GRADE_COLOURS = {"优": "#1a7f37", "良": "#0969da", "中": "#9a6700", "差": "#cf222e"}
STATUS_COLOURS = {
    IndicatorStatus.ACHIEVED: "#1a7f37", IndicatorStatus.OVER: "#0969da",
    IndicatorStatus.PARTIAL: "#d4a72c", IndicatorStatus.MISSED: "#cf222e",
    IndicatorStatus.NO_VALUE: "#8c959f", IndicatorStatus.NOT_APPLICABLE: "#d0d7de",
}  # fmt: skip
SERIES = (("initial", "年初预算数"), ("final", "全年预算数"), ("actual", "全年执行数"))


@dataclass(frozen=True)
class Dashboard:
    fiscal_final: str
    fiscal_actual: str
    project_count: int
    indicator_count: int
    charts: dict[str, dict]


def _chart_wan(amount: Decimal | None) -> float:
    return float(yuan_to_wan(amount or ZERO))


def _bar(labels: list[str], series: list[tuple[str, list]], unit: str = "万元") -> dict:
    return {
        "tooltip": {"trigger": "axis"},
        # The legend sits right, clear of the unit the y axis names at its top left.
        "legend": {"top": 0, "right": 0},
        # Room left and below for the first rotated category label, which containLabel
        # alone lets run past the chart's edge.
        "grid": {"left": 24, "right": 8, "bottom": 8, "top": 48, "containLabel": True},
        "xAxis": {"type": "category", "data": labels, "axisLabel": {"interval": 0, "rotate": 20}},
        "yAxis": {"type": "value", "name": unit, "nameTextStyle": {"align": "left"}},
        "series": [{"name": name, "type": "bar", "data": data} for name, data in series],
    }


def _budget_sums() -> dict[str, Sum]:
    return {key: Sum(key) for key, _ in SERIES}


def _by_source(year: models.DepartmentYear) -> list[dict]:
    rows = {
        row["source"]: row for row in year.budget_lines.values("source").annotate(**_budget_sums())
    }
    return [
        rows[source.value] | {"label": source.value}
        for source in BudgetSource
        if source.value in rows
    ]


def _by_class(year: models.DepartmentYear) -> list[dict]:
    names = class_names(year.year)
    rows = (
        year.budget_lines.annotate(category=Substr("class_code", 1, 3))
        .values("category")
        .annotate(**_budget_sums())
        .order_by("-final", "category")[:TOP_CLASSES]
    )
    return [
        row | {"label": f"{row['category']} {names.get(row['category'], '')}".strip()}
        for row in rows
    ]


def _money_chart(rows: list[dict]) -> dict:
    labels = [row["label"] for row in rows]
    return _bar(labels, [(name, [_chart_wan(row[key]) for row in rows]) for key, name in SERIES])


def _grade_chart(year: models.DepartmentYear, profile: RulesProfile) -> tuple[dict, int]:
    counts = {
        row["grade"]: row["n"] for row in year.projects.values("grade").annotate(n=Count("pk"))
    }
    grades = [name for name, _ in profile.grades]
    data = [
        {"value": counts.get(g, 0), "itemStyle": {"color": GRADE_COLOURS.get(g, "#59636e")}}
        for g in grades
    ]
    chart = _bar(grades, [("项目数", data)], unit="个")
    chart["legend"] = {"show": False}
    return chart, sum(counts.values())


def _indicator_chart(year: models.DepartmentYear) -> tuple[dict, int]:
    rows = year.indicators.values("computed_status").annotate(
        projects=Count("pk", filter=Q(project__isnull=False)),
        department=Count("pk", filter=Q(project__isnull=True)),
    )
    counts = {row["computed_status"]: row for row in rows}
    statuses = [s for s in IndicatorStatus if s.value in counts]
    chart = {
        "tooltip": {"trigger": "item"},
        "legend": {"bottom": 0},
        "series": [{
            "name": "项目指标", "type": "pie", "radius": ["35%", "65%"],
            "label": {"formatter": "{b}\n{c}"},
            "data": [{"name": s.value, "value": counts[s.value]["projects"],
                      "itemStyle": {"color": STATUS_COLOURS[s]}} for s in statuses],
        }],
    }  # fmt: skip
    return chart, sum(row["projects"] + row["department"] for row in counts.values())


def dashboard(year: models.DepartmentYear, profile: RulesProfile) -> Dashboard:
    """Every figure of the dashboard in four aggregate queries."""
    sources = _by_source(year)
    fiscal = [row for row in sources if row["source"] != BudgetSource.OTHER.value]
    grade_chart, project_count = _grade_chart(year, profile)
    indicator_chart, indicator_count = _indicator_chart(year)
    return Dashboard(
        fiscal_final=format_wan(yuan_to_wan(sum((row["final"] for row in fiscal), ZERO))),
        fiscal_actual=format_wan(yuan_to_wan(sum((row["actual"] for row in fiscal), ZERO))),
        project_count=project_count,
        indicator_count=indicator_count,
        charts={
            "sources": _money_chart(sources),
            "classes": _money_chart(_by_class(year)),
            "grades": grade_chart,
            "indicators": indicator_chart,
        },
    )
