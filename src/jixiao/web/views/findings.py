"""The findings of the last recomputation, filterable by severity and code."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao.core.finding_codes import finding_name
from jixiao.web.list_output import (
    filters_line,
    is_print_view,
    list_links,
    paged,
    wants_export,
    xlsx_response,
)
from jixiao.web.rectification_access import can_create_in
from jixiao.web.selectors.findings import (
    SEVERITIES,
    finding_codes,
    findings,
    severity_counts,
    with_names,
)
from jixiao.web.selectors.list_tables import finding_table
from jixiao.web.selectors.rectification import mark_in_ledger
from jixiao.web.selectors.scoping import get_department_year

PAGE_SIZE = 100


@login_required
@require_GET
def finding_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Whole-department users only; each finding links to its project when it has one."""
    year = get_department_year(request.user, pk)
    severity = request.GET.get("severity", "")
    severity = severity if severity in SEVERITIES else ""
    code = request.GET.get("code", "").strip()
    rows = findings(year, severity=severity, code=code)
    if wants_export(request):
        title = f"问题清单 · {year.department.name} {year.year} 年度"
        chosen = [("严重程度", SEVERITIES.get(severity, "")),
                  ("问题类型", finding_name(code) if code else "")]  # fmt: skip
        table = finding_table(rows, title=title, filters=filters_line(chosen))
        return xlsx_response(table, f"{year.department.name}-{year.year}年度-问题.xlsx")
    page = paged(request, rows, PAGE_SIZE)
    params = request.GET.copy()
    params.pop("page", None)
    rows = with_names(page)
    mark_in_ledger(year, rows)
    return render(request, "jixiao/findings.html", {
        "year": year, "active": "findings", "page": page, "rows": rows, "severity": severity, "code": code,
        # The print view is the list as filed: no choosing, no buttons.
        "can_rectify": can_create_in(request.user, year) and not is_print_view(request),
        "query": request.GET.urlencode(),
        "counts": severity_counts(year), "codes": finding_codes(year), "severities": SEVERITIES,
        "page_params": params.urlencode(), **list_links(request),
    })  # fmt: skip
