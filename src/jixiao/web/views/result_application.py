"""Result application screens: the district's 结果应用建议表, a department's, and the decisions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from jixiao.io.application_xlsx import SuggestionRow, write_application_table
from jixiao.web.page_cache import cached
from jixiao.web.query_numbers import query_number
from jixiao.web.roles import is_bureau, reach
from jixiao.web.selectors import bureau as bureau_selectors
from jixiao.web.selectors import result_application as selectors
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.result_application import do_decide_application
from jixiao.web.services.revision import fingerprint

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUBTITLE = "建议金额 = 本年度全年预算数（财政拨款）× 评价等级对应系数；金额单位：万元"


def _district_year(request: HttpRequest, years: list[int]) -> int | None:
    wanted = query_number(request.GET.get("year"))
    return wanted if wanted in years else (years[0] if years else None)


@login_required
@require_GET
def district_table(request: HttpRequest) -> HttpResponse:
    """Every department of the district in one year: grade, suggestion, amount, decision."""
    if not is_bureau(request.user):
        raise Http404
    # One fingerprint of every year the user may review: the years offered, the year
    # chosen and its table are built together and kept until any of them changes.
    everything = bureau_selectors.all_years(request.user)
    years, year, body = cached(
        ("application", reach(request.user), request.GET.get("year", ""), fingerprint(everything)),
        lambda: _district_parts(request),
    )
    return render(request, "jixiao/application_district.html", {
        "body": body, "years": years, "selected_year": year,
    })  # fmt: skip


def _district_parts(request: HttpRequest) -> tuple[list[int], int | None, str]:
    years = bureau_selectors.years_for(request.user)
    year = _district_year(request, years)
    return years, year, _district_body(selectors.district_years(request.user, year or 0), year)


def _district_body(district, year: int | None) -> str:
    rows = selectors.district_rows_of(district)
    html = render_to_string("jixiao/application_rows.html", {"rows": rows, "year": year},
                            using="jinja2")  # fmt: skip
    return mark_safe(html)  # Jinja2 escaped every value it wrote


@login_required
@require_GET
def district_workbook(request: HttpRequest) -> HttpResponse:
    """The district's 结果应用建议表 (one row per department) as Excel."""
    if not is_bureau(request.user):
        raise Http404
    # Kept like the page's table, under the same fingerprint: a district's file is asked
    # for by many reviewers and changes only with the data.
    everything = bureau_selectors.all_years(request.user)
    content, name = cached(
        ("application.xlsx", reach(request.user), request.GET.get("year", ""),
         fingerprint(everything)),
        lambda: _district_file(request),
    )  # fmt: skip
    return _download(content, name)


def _district_file(request: HttpRequest) -> tuple[bytes, str]:
    year = _district_year(request, bureau_selectors.years_for(request.user))
    rows = selectors.district_rows_of(selectors.district_years(request.user, year or 0))
    name = rows[0].year.department.district if rows else ""
    content = _workbook_bytes(f"{name}{year}年度评价结果应用建议表", [_sheet_row(r) for r in rows])
    return content, f"{name}-{year}年度-结果应用建议表.xlsx"


@login_required
@require_GET
def department_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A department's suggestions: the department as a whole, then each project."""
    year = get_department_year(request.user, pk)
    return render(request, "jixiao/application_department.html", {
        "year": year, "active": "application", "department": selectors.department_row(year),
        "rows": selectors.project_rows(year), "settled": selectors.is_settled(year),
        "can_decide": is_bureau(request.user) and not request.user.is_superuser,
    })  # fmt: skip


@login_required
@require_GET
def department_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """A department's 结果应用建议表 as Excel: the department row, then its projects."""
    year = get_department_year(request.user, pk)
    rows = [selectors.department_row(year), *selectors.project_rows(year)]
    name = year.department.name
    content = _workbook_bytes(
        f"{name}{year.year}年度评价结果应用建议表", [_sheet_row(r) for r in rows]
    )
    return _download(content, f"{name}-{year.year}年度-结果应用建议表.xlsx")


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or override one suggestion, then back to the department's page."""
    year = get_department_year(request.user, pk)
    project = query_number(request.POST.get("project"))
    version = query_number(request.POST.get("version"))
    try:
        if version is None:
            raise ServiceError("缺少版本号，请刷新页面。")
        do_decide_application(
            acting_user=request.user, year_id=year.pk, project_id=project,
            decision=request.POST.get("decision", ""), amount_wan=request.POST.get("amount", ""),
            reason=request.POST.get("reason", ""), expected_version=version,
        )  # fmt: skip
    except ServiceError as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, "结果应用处理已保存。")
    return redirect("application_department", pk=year.pk)


def _sheet_row(row: selectors.ApplicationRow) -> SuggestionRow:
    project, year, decision = row.project, row.year, row.decision
    return SuggestionRow(
        code=project.code if project else "部门整体",
        name=project.name if project else year.department.name,
        score=project.computed_score if project else year.computed_score,
        grade=row.suggestion.grade, final_wan=row.suggestion.final_budget_wan,
        suggestion=row.suggestion.text, factor=row.suggestion.factor,
        proposed_wan=row.suggestion.proposed_wan,
        decision=decision.get_decision_display() if decision else "",
        decided_wan=row.decided_wan if decision else None,
        reason=decision.reason if decision else "",
    )  # fmt: skip


def _workbook_bytes(title: str, rows: list[SuggestionRow]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="jixiao-application-") as folder:
        path = write_application_table(Path(folder) / "table.xlsx", title=title,
                                       subtitle=SUBTITLE, rows=rows)  # fmt: skip
        return path.read_bytes()


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
