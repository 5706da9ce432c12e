"""Workbook import in two steps (check and preview, then commit) and workbook export.

The uploaded file waits in a private folder under a random token between the steps;
the token is bound to the uploading user in their session, with the fingerprint of the
plan the preview showed, so nobody else can commit it and a commit applies only what
was shown. An import that removes evidence or reviewed work goes through a third page
that lists exactly what goes and asks for an explicit yes. A file with any error is
deleted at once and changes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from jixiao.web.conversion import department_year_record
from jixiao.web.models import Role
from jixiao.web.roles import can_import, membership
from jixiao.web.selectors.navigation_year import navigation_year
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services.errors import ImportRejected, InvalidInput, ServiceError
from jixiao.web.services.importing import (
    RemovalNotConfirmed,
    do_import_workbook,
    existing_year,
    preview_import,
    read_upload,
)
from jixiao.web.uploads import WORKBOOK_KINDS, check_upload
from jixiao.web.views.pending_uploads import (
    TOKEN_PATTERN,
    error_rows,
    forget,
    new_token,
    upload_path,
)

SESSION_KEY = "jixiao_uploads"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_upload(user: User) -> bool:
    found = membership(user)
    return user.is_superuser or (found is not None and found.role == Role.FINANCE)


def _department_allowed(user: User, data: DepartmentYearRecord) -> bool:
    """Whether ``user`` may import into the department the workbook names."""
    department = models.Department.objects.filter(
        district=data.department.jurisdiction, name=data.department.name
    ).first()
    return user.is_superuser if department is None else can_import(user, department)


def _page(request: HttpRequest, context: dict[str, object]) -> dict[str, object]:
    """The context of an upload page: the department's navigation stays on it."""
    year = navigation_year(request.user, request.GET.get("year"))
    return {"year": year, "active": "upload", **context}


@login_required
@require_http_methods(["GET", "POST"])
def upload_workbook(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: check the file, read it, and show what committing would change."""
    if not _may_upload(request.user):
        raise Http404
    if request.method == "GET":
        return render(request, "jixiao/upload.html", _page(request, {}))
    upload = request.FILES.get("file")
    if upload is None:
        return render(
            request,
            "jixiao/upload.html",
            _page(request, {"problem": "请选择要导入的工作簿文件（.xlsx）。"}),
            status=400,
        )
    try:
        check_upload(upload, WORKBOOK_KINDS)
    except InvalidInput as error:
        return render(
            request, "jixiao/upload.html", _page(request, {"problem": str(error)}), status=400
        )
    token = new_token()
    path = upload_path(token)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    path.chmod(0o600)
    try:
        data = read_upload(path)
    except ImportRejected as error:
        path.unlink(missing_ok=True)
        context = {"problem": str(error), "errors": error_rows(error), "file_name": upload.name}
        return render(request, "jixiao/upload.html", _page(request, context), status=400)
    if not _department_allowed(request.user, data):
        path.unlink(missing_ok=True)
        problem = f"您无权为“{data.department.name}”导入工作簿；工作簿中的部门名称与地区须与您所在部门一致。"
        context = {"problem": problem, "file_name": upload.name}
        return render(request, "jixiao/upload.html", _page(request, context), status=403)
    plan = preview_import(data)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"user": request.user.pk, "name": upload.name,
                      "fingerprint": plan.fingerprint, "outcome": plan.outcome()}  # fmt: skip
    request.session[SESSION_KEY] = pending
    context = {"plan": plan, "token": token, "file_name": upload.name,
               "department": data.department, "existing": existing_year(data)}  # fmt: skip
    return render(request, "jixiao/upload_preview.html", _page(request, context))


def _pending(request: HttpRequest, token: str) -> dict:
    """The waiting upload ``token`` of this user, or 404."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not TOKEN_PATTERN.fullmatch(token) or entry is None or entry.get("user") != request.user.pk:
        raise Http404
    return entry


def _forget(request: HttpRequest, token: str) -> None:
    forget(request, SESSION_KEY, token)


@login_required
@require_GET
def confirm_upload(request: HttpRequest, token: str) -> HttpResponse:
    """The removals that take evidence or reviewed work, listed, with the box to say yes."""
    entry = _pending(request, token)
    path = upload_path(token)
    if not path.exists():
        _forget(request, token)
        messages.error(request, "待导入的文件已过期，请重新上传。")
        return redirect("upload")
    data = read_upload(path)
    plan = preview_import(data)
    if plan.fingerprint != entry.get("fingerprint"):
        _forget(request, token)
        messages.error(
            request, "自预览以来，该部门年度的数据已被他人修改；请重新上传工作簿并核对新的预览。"
        )
        return redirect("upload")
    context = {"plan": plan, "token": token, "file_name": entry["name"],
               "department": data.department, "existing": existing_year(data)}  # fmt: skip
    return render(request, "jixiao/upload_confirm.html", _page(request, context))


@login_required
@require_POST
def commit_upload(request: HttpRequest, token: str) -> HttpResponse:
    """Import the previewed file, if this user uploaded it and nothing changed since.

    The file is deleted afterwards, unless the import only waits for the confirmation
    of its removals."""
    entry = _pending(request, token)
    path = upload_path(token)
    if not path.exists():
        _forget(request, token)
        messages.error(request, "待导入的文件已过期，请重新上传。")
        return redirect("upload")
    try:
        data = read_upload(path)
        year = do_import_workbook(
            acting_user=request.user, data=data, source_name=entry["name"],
            confirm_removals=request.POST.get("confirm_removals") == "yes",
            expected_fingerprint=entry.get("fingerprint"),
        )  # fmt: skip
    except RemovalNotConfirmed as error:
        messages.error(request, str(error))
        return redirect("upload_confirm", token=token)
    except ImportRejected as error:
        _forget(request, token)
        context = {"problem": str(error), "errors": error_rows(error), "file_name": entry["name"]}
        return render(request, "jixiao/upload.html", _page(request, context), status=400)
    except ServiceError as error:
        _forget(request, token)
        messages.error(request, f"“{entry['name']}”未导入：{error}")
        return redirect("upload")
    _forget(request, token)
    messages.success(request, f"已导入“{entry['name']}”：{year}，{entry.get('outcome', '')}。")
    return redirect("dashboard", pk=year.pk)


@login_required
@require_GET
def blank_workbook(request: HttpRequest) -> HttpResponse:
    """The blank workbook ``jixiao template`` writes: every sheet with its instructions."""
    if not _may_upload(request.user):
        raise Http404
    return _workbook_response(None, "部门年度工作簿-空白模板.xlsx")


@login_required
def export_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    """The department-year as a workbook in the import format: export → import is lossless."""
    year = get_department_year(request.user, pk)
    name = f"{year.department.name}-{year.year}年度-工作簿.xlsx"
    return _workbook_response(department_year_record(year), name)


def _workbook_response(data: DepartmentYearRecord | None, name: str) -> HttpResponse:
    """A workbook in the import format (blank when ``data`` is None) as a download."""
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as folder:
        path = write_workbook(data, Path(folder) / "export.xlsx")
        content = path.read_bytes()
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
