"""The bureau's lists of its district's monitoring rounds: colours per department with a
return with a reason, and the district's red projects with each department's decision.

Both read the rounds' stored reviews with a few queries (``selectors.monitoring_district``);
the pages' bodies and the export are kept under the district's fingerprint, so a warm
request reads one cached part.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from jixiao.core.monitoring_review import months_label
from jixiao.web.list_output import (
    XLSX,
    filters_line,
    list_links,
    paged,
    wants_export,
    xlsx_response,
)
from jixiao.web.page_cache import cached, query_key
from jixiao.web.roles import is_bureau
from jixiao.web.selectors import monitoring_district as district
from jixiao.web.selectors.list_tables import monitoring_red_table

PAGE_SIZE = 50
# Red projects listed in a department's row; the rest are in the district's red table.
RED_SHOWN = 5
RED_TITLE = "全区红色预警项目及处理意见"
# Where a cached body's return forms take the viewer's CSRF field.
CSRF_SLOT = "<!--csrf-field-->"


@login_required
@require_GET
def bureau_monitoring(request: HttpRequest) -> HttpResponse:
    """Each department's latest round, sortable by its red projects."""
    if not is_bureau(request.user):
        raise Http404
    sort = "red" if request.GET.get("sort") == "red" else ""
    body = cached(
        ("monitoring-bureau", *district.district_key(request.user), query_key(request.GET)),
        lambda: _departments_body(request, sort),
    )
    # The body is shared by the district's reviewers; each gets its own CSRF field.
    body = mark_safe(body.replace(CSRF_SLOT, str(csrf_input(request))))
    return render(request, "jixiao/monitoring_bureau.html", {"body": body})


def _departments_body(request: HttpRequest, sort: str) -> str:
    summaries = district.district_summaries(request.user)
    if sort:
        summaries = sorted(summaries, key=lambda summary: -summary.red_count)
    page = paged(request, summaries, PAGE_SIZE)
    context = {
        "summaries": district.with_red(list(page.object_list), RED_SHOWN), "page": page,
        "sort": sort, "page_params": urlencode({"sort": sort} if sort else {}),
        "csrf_slot": mark_safe(CSRF_SLOT), "red_shown": RED_SHOWN,
        "red_count": sum(summary.red_count for summary in summaries),
    }  # fmt: skip
    context["pager"] = render_to_string("jixiao/partials/pager.html", context)
    return render_to_string("jixiao/monitoring_bureau_body.html", context, using="jinja2")


@login_required
@require_GET
def bureau_monitoring_red(request: HttpRequest) -> HttpResponse:
    """The district's red projects, sortable by any column, paged, with its export."""
    if not is_bureau(request.user):
        raise Http404
    sort = district.sort_key(request.GET.get("sort"))
    key = district.district_key(request.user)
    if wants_export(request):
        # Kept under the same key as the page: a district's file changes only with its data.
        content = cached(("monitoring-red-xlsx", *key, sort), lambda: _export(request, sort))
        return _download(content)
    body = cached(
        ("monitoring-red", *key, query_key(request.GET)), lambda: _red_body(request, sort)
    )
    return render(
        request, "jixiao/monitoring_bureau_red.html", {"body": body, **list_links(request)}
    )


def _download(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{RED_TITLE}.xlsx"
    )
    return response


def _export(request: HttpRequest, sort: str) -> bytes:
    rounds = district.latest_rounds(request.user)
    labels = {key: label for key, label, _ in district.RED_COLUMNS}
    order = "降序" if sort.startswith("-") else "升序"
    rows = map(district.red_row, district.red_entries([r.pk for r in rounds], sort))
    table = monitoring_red_table(
        rows, executed_label=_executed_label(rounds),
        title=RED_TITLE,
        filters=filters_line([], f"{labels[sort.removeprefix('-')]}（{order}）"),
    )  # fmt: skip
    return xlsx_response(table, f"{RED_TITLE}.xlsx").content


def _executed_label(rounds) -> str:
    """“1-7月执行数(万元)” when every round covers the same months, else 累计执行数."""
    months = {months_label(round_.end_month) for round_ in rounds}
    return f"{months.pop()}执行数(万元)" if len(months) == 1 else "累计执行数(万元)"


def _red_body(request: HttpRequest, sort: str) -> str:
    rounds = district.latest_rounds(request.user)
    page = paged(request, district.red_entries([r.pk for r in rounds], sort), PAGE_SIZE)
    context = {
        "rows": [district.red_row(entry) for entry in page.object_list], "page": page,
        "page_params": urlencode({"sort": sort}),
        "columns": [_column(key, label, numeric, sort, _executed_label(rounds))
                    for key, label, numeric in district.RED_COLUMNS],
        "departments": len(rounds), "total": page.paginator.count, "title": RED_TITLE,
    }  # fmt: skip
    context["pager"] = render_to_string("jixiao/partials/pager.html", context)
    html = render_to_string("jixiao/monitoring_bureau_red_body.html", context, using="jinja2")
    return mark_safe(html)  # Jinja2 escaped every value it wrote


def _column(key: str, label: str, numeric: bool, sort: str, executed: str) -> dict[str, object]:
    """A header that sorts by its column, and reverses when it already does."""
    current = sort.removeprefix("-") == key
    descending = sort.startswith("-")
    target = key if current and descending else f"-{key}" if current or numeric else key
    arrow = ("▼" if descending else "▲") if current else ""
    label = executed if key == "executed" else label
    return {"key": key, "label": label, "numeric": numeric, "query": f"?sort={target}",
            "arrow": arrow}  # fmt: skip
