"""Moving a department-year or a project through the review workflow (POST only).

The view only reads the form and calls the workflow service; a refusal (role, state,
missing reason, stale version) comes back as the service's Chinese message. A plain
form post redirects back; an htmx post gets the refreshed buttons fragment.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jixiao.web.selectors.lock import blockers
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
    request, record, transitions, target_url: str, fallback: str, outcome: tuple[str, str],
    unreviewed: list | None = None,
):  # fmt: skip
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
                   "next": request.POST.get("next", ""), "unreviewed": unreviewed or []}  # fmt: skip
        return render(request, FRAGMENT, context)
    getattr(messages, level)(request, text)
    return _back(request, fallback)


def _move(request: HttpRequest, record, move, table, title: str) -> tuple[object, tuple[str, str]]:
    """Run ``move`` (a workflow service) on ``record``; the record as it now is and what to say."""
    name, reason, version = _form(request)
    try:
        if version is None:
            raise ServiceError("页面已过期，请刷新后重试。")
        record = move(acting_user=request.user, name=name, reason=reason, expected_version=version)
        label = next((t.label for t in table if t.name == name), name)
        return record, ("success", f"{title}：已{label}，当前状态“{record.get_status_display()}”。")
    except ServiceError as error:
        record.refresh_from_db()
        return record, ("error", str(error))


@login_required
@require_POST
def year_transition(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk)
    move = partial(
        workflow.do_transition_year,
        year_id=year.pk,
        override_reason=request.POST.get("override_reason", ""),
    )
    year, outcome = _move(request, year, move, workflow.YEAR_TRANSITIONS, str(year))
    url = reverse("year_transition", args=[year.pk])
    fallback = reverse("dashboard", args=[year.pk])
    transitions = workflow.available(request.user, year)
    return _respond(request, year, transitions, url, fallback, outcome, blockers(year, transitions))


@login_required
@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_project(request.user, pk)
    move = partial(workflow.do_transition_project, project_id=project.pk)
    title = f"项目“{project.name}”"
    project, outcome = _move(request, project, move, workflow.PROJECT_TRANSITIONS, title)
    transitions = workflow.available(request.user, project.department_year, project)
    url = reverse("project_transition", args=[project.pk])
    fallback = reverse("project_detail", args=[project.pk])
    return _respond(request, project, transitions, url, fallback, outcome)
