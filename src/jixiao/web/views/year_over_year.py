"""历年对比: a department's years side by side, with a chart, and one year against the last."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.web import models
from jixiao.web.selectors import year_over_year as selectors
from jixiao.web.selectors.scoping import get_department_year

CHANGES_SHOWN = 20
CONTINUING_SHOWN = 30  # without a chosen project; a district's department has a thousand


@login_required
@require_GET
def year_over_year(request: HttpRequest, pk: int) -> HttpResponse:
    """Score, grade, execution and findings over the years; continuing indicators; and this
    year against the one before (its figures and its projects' scores)."""
    year = get_department_year(request.user, pk)
    years = selectors.department_years(year)
    previous = selectors.previous_year(year)
    changes = selectors.project_changes(year, previous) if previous else []
    continuing = selectors.continuing_indicators(years)
    codes = sorted({row.code for row in continuing})
    chosen = request.GET.get("project", "")
    shown = [row for row in continuing if row.code == chosen] if chosen in codes else continuing
    return render(request, "jixiao/year_over_year.html", {
        "year": year, "active": "years", "years": years, "chart": _chart(years),
        "continuing": shown[:CONTINUING_SHOWN] if chosen not in codes else shown,
        "continuing_total": len(continuing), "continuing_codes": codes, "chosen": chosen,
        "year_numbers": [row.year for row in years], "previous": previous,
        "comparison": selectors.compare(year, previous) if previous else [],
        "changes": changes[:CHANGES_SHOWN], "changes_total": len(changes),
    })  # fmt: skip


def _number(value: Decimal | None) -> float | None:
    """Chart data only: ECharts takes JSON numbers, and nothing is computed from them."""
    return None if value is None else float(value)


def _chart(years: list[models.DepartmentYear]) -> dict[str, object]:
    """ECharts lines: the computed score and the execution rate (%) by year."""
    labels = [str(row.year) for row in years]
    values = [v for row in years for v in (row.computed_score, row.execution_rate) if v is not None]
    low = int(min(values, default=0) // 10 * 10)
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["依据计算得分", "预算执行率（%）"], "top": 0},
        "grid": {"left": 48, "right": 24, "top": 36, "bottom": 32},
        "xAxis": {"type": "category", "data": labels},
        "yAxis": {"type": "value", "min": low, "max": 100},
        "series": [
            {"type": "line", "name": "依据计算得分", "data": [_number(r.computed_score) for r in years],
             "label": {"show": True, "position": "top"}},
            {"type": "line", "name": "预算执行率（%）", "data": [_number(r.execution_rate) for r in years],
             "label": {"show": True, "position": "bottom"}},
        ],
        "animation": False,
    }  # fmt: skip
