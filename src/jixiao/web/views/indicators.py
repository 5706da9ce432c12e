"""Editing one indicator inline (htmx), its evidence files, and its change history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.records import IndicatorKind
from jixiao.web import models
from jixiao.web.selectors.department import dimension_totals
from jixiao.web.selectors.indicators import (
    indicator_history as history_of,
)
from jixiao.web.selectors.indicators import (
    indicator_with_evidence,
    rows_for,
)
from jixiao.web.selectors.projects import score_gap
from jixiao.web.selectors.scoping import get_department_year, get_indicator
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.evidence import do_attach_evidence
from jixiao.web.services.indicators import do_update_indicator
from jixiao.web.services.profiles import profile_for

QUANTITATIVE_FIELDS = ("actual", "self_score", "explanation")
QUALITATIVE_FIELDS = ("actual_text", "band", "self_score", "explanation")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _owner_url(indicator: models.Indicator) -> str:
    """The page the indicator's table is on."""
    if indicator.project_id is not None:
        return reverse("project_detail", args=[indicator.project_id])
    return reverse("department_overall", args=[indicator.department_year_id])


def _row_response(
    request: HttpRequest, pk: int, *, error: str = "", notice: str = "", with_score: bool = False
) -> HttpResponse:
    """The re-rendered row and, after an edit, the score panel swapped out of band."""
    indicator = indicator_with_evidence(pk)
    project = indicator.project
    year = project.department_year if project is not None else indicator.department_year
    profile = profile_for(year.profile)
    [row] = rows_for(request.user, [indicator], year=year, profile=profile, project=project)
    row.error, row.notice = error, notice
    html = render_to_string("jixiao/partials/indicator_row.html", {"row": row}, request)
    if with_score and project is not None:
        gap = score_gap(project)
        html += render_to_string("jixiao/partials/project_score.html", {
            "project": project, "gap": gap, "oob": True,
            "gap_high": gap is not None and gap > profile.self_score_gap,
        }, request)  # fmt: skip
    elif with_score:
        html += render_to_string(
            "jixiao/partials/dash_year_score.html",
            {"year": year, "dimensions": dimension_totals(year), "oob": True},
            request,
        )
    return HttpResponse(html)


def _changes(request: HttpRequest, indicator: models.Indicator) -> dict[str, str]:
    fields = (
        QUALITATIVE_FIELDS if indicator.kind == IndicatorKind.QUALITATIVE else QUANTITATIVE_FIELDS
    )
    return {name: request.POST[name] for name in fields if name in request.POST}


@login_required
@require_POST
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the row's values; answer with the row and the new score, or the row and the error."""
    indicator = get_indicator(request.user, pk)
    version = request.POST.get("version", "")
    if not version.isdigit():
        return HttpResponseBadRequest("缺少版本号，请刷新页面。")
    error = ""
    try:
        do_update_indicator(
            acting_user=request.user, indicator_id=indicator.pk,
            expected_version=int(version), changes=_changes(request, indicator),
        )  # fmt: skip
    except ServiceError as failure:
        error = str(failure)
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, f"指标“{indicator.name}”已保存。")
        return redirect(_owner_url(indicator))
    return _row_response(
        request, pk, error=error, notice="" if error else "已保存", with_score=not error
    )


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach an evidence file (checked by content) to the indicator's actual value."""
    indicator = get_indicator(request.user, pk)
    upload = request.FILES.get("file")
    error, notice = "", ""
    if upload is None:
        error = "请选择要上传的文件。"
    else:
        try:
            evidence = do_attach_evidence(
                acting_user=request.user, indicator_id=indicator.pk, upload=upload
            )
            notice = f"已上传：{evidence.original_name}"
        except ServiceError as failure:
            error = str(failure)
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, notice)
        return redirect(_owner_url(indicator))
    return _row_response(request, pk, error=error, notice=notice)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, as an attachment, for anyone who may see its indicator (the whole
    department's users, for a file kept after an import removed its indicator)."""
    evidence = get_object_or_404(models.Evidence, pk=pk)
    if evidence.indicator_id is None:
        get_department_year(request.user, evidence.kept_in_year_id)
    else:
        get_indicator(request.user, evidence.indicator_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@login_required
@require_GET
def indicator_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed the indicator, when, why, and each field from → to."""
    indicator = get_indicator(request.user, pk)
    year = get_department_year(request.user, indicator.department_year_id, whole=False)
    return render(request, "jixiao/indicator_history.html", {
        "year": year, "active": "department" if indicator.project_id is None else "projects",
        "indicator": indicator, "entries": history_of(indicator),
    })  # fmt: skip
