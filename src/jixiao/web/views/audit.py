"""审核已有报告: upload a report, see every finding beside the text it is about."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from jixiao.web.roles import can_audit_reports
from jixiao.web.selectors.navigation_year import navigation_year
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.report_audit import audit_upload, limits_text


@login_required
@require_http_methods(["GET", "POST"])
def audit_report(request: HttpRequest) -> HttpResponse:
    """The upload form, and on POST the uploaded report with its findings or a refusal."""
    if not can_audit_reports(request.user):
        raise Http404
    # The department's navigation stays on the page (see selectors.navigation_year).
    year = navigation_year(request.user, request.GET.get("year"))
    page = {"limits": limits_text(), "year": year, "active": "audit"}
    if request.method == "GET":
        return render(request, "jixiao/audit.html", page)
    upload = request.FILES.get("file")
    if upload is None:
        page["problem"] = "请选择要审核的报告文件。"
        return render(request, "jixiao/audit.html", page, status=400)
    try:
        page["report"] = audit_upload(upload)
    except ServiceError as error:
        page["problem"] = str(error)
        return render(request, "jixiao/audit.html", page, status=400)
    return render(request, "jixiao/audit.html", page)
