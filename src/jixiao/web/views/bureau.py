"""The finance bureau's screen: every department's computed and declared scores side by side."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from jixiao.web.list_output import filters_line, list_links, paged, wants_export, xlsx_response
from jixiao.web.page_cache import cached, query_key
from jixiao.web.query_numbers import query_number
from jixiao.web.roles import is_bureau, reach
from jixiao.web.selectors import bureau as selectors
from jixiao.web.selectors.list_tables import bureau_table
from jixiao.web.services.revision import fingerprint

PAGE_SIZE = 50


@login_required
@require_GET
def side_by_side(request: HttpRequest) -> HttpResponse:
    if not is_bureau(request.user):
        raise Http404
    if wants_export(request):
        return _export(request)
    district = selectors.all_years(request.user)
    body = cached(
        ("bureau", reach(request.user), fingerprint(district), query_key(request.GET)),
        lambda: _body(request),
    )
    return render(request, "jixiao/bureau.html", {"body": body, **list_links(request)})


def _export(request: HttpRequest) -> HttpResponse:
    """Every department-year the screen lists with this year filter, in its order."""
    sort = selectors.sort_key(request.GET.get("sort", "department"))
    year = query_number(request.GET.get("year"))
    rows = selectors.side_by_side(request.user, sort=sort, year=year)
    labels = {key: label for key, label, _ in selectors.COLUMNS}
    order = "降序" if sort.startswith("-") else "升序"
    filters = filters_line([("年度", str(year) if year else "")],
                           f"{labels[sort.removeprefix('-')]}（{order}）")  # fmt: skip
    table = bureau_table(rows, title="各部门依据计算得分与自报总分对比", filters=filters)
    return xlsx_response(table, "各部门依据计算得分与自报总分对比.xlsx")


def _body(request: HttpRequest) -> str:
    context = _context(request)
    context["pager"] = render_to_string("jixiao/partials/pager.html", context)
    html = render_to_string("jixiao/bureau_body.html", context, using="jinja2")
    return mark_safe(html)  # Jinja2 escaped every value it wrote


def _context(request: HttpRequest) -> dict[str, object]:
    sort = selectors.sort_key(request.GET.get("sort", "department"))
    year = query_number(request.GET.get("year"))
    years_queryset = selectors.ordered_years(request.user, sort=sort, year=year)
    # The chart shows the whole district; the table a page of it (a district has hundreds).
    page = paged(request, years_queryset, PAGE_SIZE)
    return {
        "rows": selectors.rows_for(page.object_list),
        "page": page,
        "page_params": urlencode({"sort": sort} | ({"year": year} if year else {})),
        "columns": [
            _column(key, label, numeric, sort, year) for key, label, numeric in selectors.COLUMNS
        ],
        "years": selectors.years_for(request.user),
        "selected_year": year,
        "sort": sort,
        "chart": _chart(selectors.chart_points(years_queryset)),
        "any_derived": years_queryset.filter(declared_is_derived=True).exists(),
    }


def _column(key: str, label: str, numeric: bool, sort: str, year: int | None) -> dict[str, object]:
    """A header that sorts by its column, and reverses when it already does."""
    current = sort.removeprefix("-") == key
    descending = sort.startswith("-")
    target = key if current and descending else f"-{key}" if current or numeric else key
    query = f"?sort={target}" + (f"&year={year}" if year else "")
    arrow = ("▼" if descending else "▲") if current else ""
    return {"key": key, "label": label, "numeric": numeric, "query": query, "arrow": arrow}


def _chart(points: list[tuple[str, int, Decimal, Decimal]]) -> dict[str, object]:
    """ECharts scatter: computed (x) against declared (y); points above the diagonal overclaim."""
    data = [
        {"name": f"{name} {year}", "value": [float(computed), float(declared)]}
        for name, year, computed, declared in points
    ]
    values = [v for point in data for v in point["value"]]
    low = float(int(min(values, default=0) // 10 * 10))
    return {
        "tooltip": {"trigger": "item"},
        "grid": {"left": 56, "right": 24, "top": 32, "bottom": 48},
        "xAxis": {"type": "value", "name": "依据计算得分", "nameLocation": "middle", "nameGap": 28,
                  "min": low, "max": 100},
        "yAxis": {"type": "value", "name": "自报总分", "min": low, "max": 100},
        "series": [
            {"type": "scatter", "name": "部门", "data": data, "symbolSize": 10},
            {"type": "line", "name": "持平线", "data": [[low, low], [100, 100]], "showSymbol": False,
             "silent": True, "lineStyle": {"type": "dashed", "color": "#999999"},
             # Drawn at once: an animated diagonal is caught half-drawn by a glance or a print.
             "animation": False},
        ],
    }  # fmt: skip
