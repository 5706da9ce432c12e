"""A round's files: the monitoring workbook imported (check and preview, then commit), and
the 绩效监控表 and 绩效监控报告 downloaded, written by io's writers from the core's review.

The uploaded file waits under a random token bound to the uploading user and round in
the session, with the fingerprint of the previewed plan, as the year's workbook import
does; a file with any error is deleted at once and changes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.monitoring_report import build_monitoring_report
from jixiao.io.monitoring_layout import load_monitoring_layout
from jixiao.io.monitoring_outputs import monitoring_output_names
from jixiao.io.monitoring_xlsx import write_monitoring_forms
from jixiao.io.report_docx import write_docx
from jixiao.web.models import Role
from jixiao.web.monitoring_conversion import review_round
from jixiao.web.roles import membership, sees_whole_department
from jixiao.web.services.errors import ImportRejected, InvalidInput, ServiceError
from jixiao.web.services.monitoring_import import (
    do_import_round,
    plan_round_import,
    read_round_upload,
)
from jixiao.web.uploads import WORKBOOK_KINDS, check_upload
from jixiao.web.views.monitoring import get_round
from jixiao.web.views.pending_uploads import (
    TOKEN_PATTERN,
    error_rows,
    forget,
    new_token,
    upload_path,
)

SESSION_KEY = "jixiao_monitoring_uploads"
CONTENT_TYPES = {
    "forms": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "report": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _finance_round(request: HttpRequest, pk: int):
    round_ = get_round(request.user, pk)
    found = membership(request.user)
    if found is None or found.role != Role.FINANCE:
        raise Http404
    return round_


def _page(request, round_, status: int = 200, **extra) -> HttpResponse:
    context = {"year": round_.department_year, "active": "monitoring", "round": round_, **extra}
    return render(request, "jixiao/monitoring_import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_import(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form. POST: check and read the workbook, then show what would change."""
    round_ = _finance_round(request, pk)
    if request.method == "GET":
        return _page(request, round_)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, round_, 400, problem="请选择要导入的监控工作簿文件（.xlsx）。")
    try:
        check_upload(upload, WORKBOOK_KINDS)
    except InvalidInput as error:
        return _page(request, round_, 400, problem=str(error))
    token = new_token()
    path = upload_path(token)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    path.chmod(0o600)
    try:
        data = read_round_upload(path, round_)
    except ImportRejected as error:
        path.unlink(missing_ok=True)
        return _page(request, round_, 400, problem=str(error), errors=error_rows(error),
                     file_name=upload.name)  # fmt: skip
    plan = plan_round_import(round_, data)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"user": request.user.pk, "round": round_.pk, "name": upload.name,
                      "fingerprint": plan.fingerprint}  # fmt: skip
    request.session[SESSION_KEY] = pending
    return _page(request, round_, plan=plan, token=token, file_name=upload.name)


def _forget(request: HttpRequest, token: str) -> None:
    forget(request, SESSION_KEY, token)


@login_required
@require_POST
def round_import_commit(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """Write the previewed workbook, if this user uploaded it here and nothing changed."""
    round_ = _finance_round(request, pk)
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not TOKEN_PATTERN.fullmatch(token) or entry is None or entry.get("user") != request.user.pk \
            or entry.get("round") != round_.pk:  # fmt: skip
        raise Http404
    path = upload_path(token)
    try:
        if not path.exists():
            raise ServiceError("待导入的文件已过期，请重新上传。")
        count = do_import_round(
            acting_user=request.user, round_id=round_.pk, data=read_round_upload(path, round_),
            source_name=entry["name"], expected_fingerprint=entry["fingerprint"],
        )  # fmt: skip
    except ImportRejected as error:
        _forget(request, token)
        return _page(request, round_, 400, problem=str(error), errors=error_rows(error),
                     file_name=entry["name"])  # fmt: skip
    except ServiceError as error:
        _forget(request, token)
        messages.error(request, f"“{entry['name']}”未导入：{error}")
        return redirect("monitoring_import", round_.pk)
    _forget(request, token)
    messages.success(request, f"已导入“{entry['name']}”：更新 {count} 行。")
    return redirect("monitoring_round", round_.pk)


@login_required
@require_GET
def round_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The round's 绩效监控表 (.xlsx) or 绩效监控报告 (.docx), for whole-department viewers."""
    round_ = get_round(request.user, pk)
    if kind not in CONTENT_TYPES or not sees_whole_department(request.user):
        raise Http404
    review = review_round(round_)
    year = round_.department_year
    name = monitoring_output_names(f"{year.department.name}{year.year}年{round_.name}")[kind]
    with tempfile.TemporaryDirectory(prefix="jixiao-monitoring-") as folder:
        path = Path(folder) / name
        if kind == "forms":
            write_monitoring_forms(review, load_monitoring_layout(), path)
        else:
            write_docx(build_monitoring_report(review), path)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
