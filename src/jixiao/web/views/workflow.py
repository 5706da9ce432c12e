"""Moving a department-year or a project through the review workflow (POST only).

The view only reads the form and calls the workflow service; a refusal (role, state,
missing reason, stale version) comes back as the service's Chinese message. A plain
form post redirects back; an htmx post gets the refreshed buttons fragment.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.web.selectors.scoping import get_department_year, get_project
from jixiao.web.services import workflow
from jixiao.web.services.errors import ServiceError

FRAGMENT = "jixiao/partials/workflow_buttons.html"


def _form(request: HttpRequest) -> tuple[str, str, int | None]:
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    return request.POST.get("name", ""), request.POST.get("reason", ""), version


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _respond(
    request, record, transitions, target_url: str, fallback: str, outcome: tuple[str, str]
):
    level, text = outcome
    if request.headers.get("HX-Request") and level == "success":
        # A move changes what the whole page may edit: reload it rather than swap buttons.
        messages.success(request, text)
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _back(request, fallback)["Location"]
        return response
    if request.headers.get("HX-Request"):
        context = {"transitions": transitions, "target_url": target_url, "version": record.version,
                   "record": record, "notice": text, "notice_level": level,
                   "next": request.POST.get("next", "")}  # fmt: skip
        return render(request, FRAGMENT, context)
    getattr(messages, level)(request, text)
    return _back(request, fallback)


@login_required
@require_POST
def year_transition(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    name, reason, version = _form(request)
    try:
        if version is None:
            raise ServiceError("页面已过期，请刷新后重试。")
        year = workflow.do_transition_year(acting_user=request.user, year_id=year.pk, name=name,
                                           reason=reason, expected_version=version)  # fmt: skip
        outcome = (
            "success",
            f"{year}：已{_label(workflow.YEAR_TRANSITIONS, name)}，当前状态“{year.get_status_display()}”。",
        )
    except ServiceError as error:
        outcome = ("error", str(error))
        year.refresh_from_db()
    url = reverse("year_transition", args=[year.pk])
    fallback = reverse("dashboard", args=[year.pk])
    return _respond(request, year, workflow.available(request.user, year), url, fallback, outcome)


@login_required
@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request.user, pk)
    name, reason, version = _form(request)
    try:
        if version is None:
            raise ServiceError("页面已过期，请刷新后重试。")
        project = workflow.do_transition_project(acting_user=request.user, project_id=project.pk, name=name,
                                                 reason=reason, expected_version=version)  # fmt: skip
        outcome = (
            "success",
            f"项目「{project.name}」：已{_label(workflow.PROJECT_TRANSITIONS, name)}，当前状态“{project.get_status_display()}”。",
        )
    except ServiceError as error:
        outcome = ("error", str(error))
        project.refresh_from_db()
    year = project.department_year
    transitions = workflow.available(request.user, year, project)
    url = reverse("project_transition", args=[project.pk])
    fallback = reverse("project_detail", args=[project.pk])
    return _respond(request, project, transitions, url, fallback, outcome)


def _label(table: tuple[workflow.Transition, ...], name: str) -> str:
    return next((t.label for t in table if t.name == name), name)
