"""The monitoring screens (双监控): the rounds of a year, a round's dashboard and review,
a project's entry form, and the working group's and bureau's moves.

Views read forms and call one service each; colours come from the core's review
(``selectors.monitoring``). A refusal comes back as the service's Chinese message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.monitoring import Decision, DeviationCause, Likelihood
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.page_cache import cached
from jixiao.web.roles import membership, reach, sees_whole_department
from jixiao.web.selectors.monitoring import (
    colour_tag,
    execution_groups,
    percent,
    project_view,
    round_view,
)
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services import monitoring_entries, monitoring_rounds
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.monitoring_entries import INDICATOR_FIELDS
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import current

CHOICES = {
    "causes": [c.value for c in DeviationCause],
    "likelihoods": [item.value for item in Likelihood],
    "decisions": [item.value for item in Decision],
    "achievements": ["达成", "部分达成", "未达成"],
}


def get_round(user, pk: int) -> models.MonitoringRound:
    """The round ``pk`` if the user may see its year (404 otherwise)."""
    round_ = get_object_or_404(models.MonitoringRound, pk=pk)
    round_.department_year = get_department_year(user, round_.department_year_id, whole=False)
    return round_


def get_entry(user, pk: int) -> models.MonitoringProject:
    """A project's round entry if the user may see the project (a section: its own)."""
    entry = get_object_or_404(models.MonitoringProject.objects.select_related("project"), pk=pk)
    entry.round = get_round(user, entry.round_id)
    found = membership(user)
    theirs = found is not None and found.role == Role.SECTION
    if theirs and entry.project.section_id != found.section_id:
        raise Http404
    return entry


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError as error:
        raise ServiceError("页面已过期，请刷新后重试。") from error


def _role(user) -> str:
    found = membership(user)
    return found.role if found else ""


@login_required
@require_GET
def round_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The year's rounds; finance opens one of the profile's rounds not yet opened."""
    year = get_department_year(request.user, pk, whole=False)
    rounds = list(year.monitoring_rounds.all())
    opened = {r.name for r in rounds}
    available = [
        s.name for s in profile_for(year.profile).monitoring.rounds if s.name not in opened
    ]
    context = {"year": year, "active": "monitoring", "rounds": rounds, "available": available,
               "may_open": _role(request.user) == Role.FINANCE}  # fmt: skip
    return render(request, "jixiao/monitoring_rounds.html", context)


@login_required
@require_POST
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    year = get_department_year(request.user, pk, whole=False)
    try:
        round_ = monitoring_rounds.do_open_round(
            acting_user=request.user, year_id=year.pk, round_name=request.POST.get("round", "")
        )
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("monitoring_rounds", year.pk)
    messages.success(request, f"已发起{round_.name}绩效运行监控，请导入或填报执行数。")
    return redirect("monitoring_round", round_.pk)


@login_required
@require_GET
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The round: its dashboard (whole-department viewers), every project's colours, the
    section's submit button, the working group's decisions and submit."""
    round_ = get_round(request.user, pk)
    whole = sees_whole_department(request.user)
    parts = cached(
        ("monitoring", round_.pk, current(round_.department_year), reach(request.user)),
        lambda: _round_parts(round_, request.user, whole),
    )
    context = {
        "year": round_.department_year, "active": "monitoring", "round": round_, "parts": parts,
        "whole": whole, "role": _role(request.user), "choices": CHOICES,
    }  # fmt: skip
    return render(request, "jixiao/monitoring_round.html", context)


def _round_parts(round_: models.MonitoringRound, user, whole: bool) -> dict[str, object]:
    """What the round page shows of the data, built once per revision and reach."""
    view = round_view(round_, user)
    table = render_to_string("jixiao/monitoring_projects.html", {"rows": view.rows}, using="jinja2")
    return {
        "counts": view.counts(), "totals": view.totals(), "needing": _needing(view),
        "unsubmitted": view.unsubmitted, "row_count": len(view.rows),
        "table": mark_safe(table),  # Jinja2 escaped every value it wrote
        "by_source": execution_groups(view, "source") if whole else [],
        "by_class": execution_groups(view, "class") if whole else [],
        "department_rows": _department_rows(view) if whole else [],
    }  # fmt: skip


def _needing(view) -> list[dict[str, object]]:
    """The red projects still without a decision, as the decision forms need them."""
    return [
        {"pk": row.entry.pk, "version": row.entry.version, "code": row.entry.project.code,
         "name": row.entry.project.name, "section": row.entry.project.section.name,
         "rate": row.rate, "time": row.time}
        for row in view.needing_decision
    ]  # fmt: skip


def _department_rows(view):
    return [
        {"status": status, "row": row, "colour": colour_tag(status.colour)}
        for status, row in zip(
            view.review.department,
            [r for r in view.indicator_rows.values() if r.indicator.project_id is None],
            strict=True,
        )
    ]


def _indicator_posts(request: HttpRequest) -> dict[int, dict[str, str]]:
    """``ind-<id>-<field>`` inputs as {indicator entry id: {field: value}}."""
    found: dict[int, dict[str, str]] = {}
    for key, value in request.POST.items():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == "ind" and parts[1].isdigit():
            found.setdefault(int(parts[1]), {})[parts[2]] = value
    return found


ENTRY_POSTED = ("month", "executed", "expected", "cause", "cause_text", "measure")


def _values(row, fields, posted, prefix: str) -> dict[str, str]:
    """What a form shows: the values just posted (after a refusal), else the stored ones."""
    shown = {}
    for field in fields:
        if f"{prefix}{field}" in posted:
            shown[field] = posted[f"{prefix}{field}"]
        else:
            value = getattr(row, field)
            shown[field] = (
                ""
                if value is None
                else (format(value.normalize(), "f") if hasattr(value, "normalize") else str(value))
            )
    return shown


@login_required
@require_http_methods(["GET", "POST"])
def entry_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's monitoring form: execution, deviation, each indicator's progress."""
    entry = get_entry(request.user, pk)
    problem, field = "", ""
    if request.method == "POST":
        execution = {f: request.POST[f] for f in ENTRY_POSTED if f in request.POST}
        try:
            monitoring_entries.do_fill_project(
                acting_user=request.user, entry_id=entry.pk, expected_version=_version(request),
                execution=execution, indicators=_indicator_posts(request),
            )  # fmt: skip
        except ServiceError as error:
            problem, field = str(error), getattr(error, "field", "")
        else:
            messages.success(request, f"已保存“{entry.project.name}”的监控填报。")
            return redirect("monitoring_entry", entry.pk)
    return _entry_response(request, entry, problem, field)


def _entry_response(request, entry, problem: str, field: str) -> HttpResponse:
    round_ = entry.round
    row, rows = project_view(entry)
    statuses = {
        (s.indicator.level1, s.indicator.level2, s.indicator.name): s for s in row.status.indicators
    }
    posted = request.POST if problem else {}
    indicators = []
    for item in rows:
        status = statuses[(item.indicator.level1, item.indicator.level2, item.indicator.name)]
        indicators.append({
            "row": item, "status": status, "colour": colour_tag(status.colour),
            "progress": percent(status.progress) if status.progress is not None else "",
            "values": _values(item, INDICATOR_FIELDS, posted, f"ind-{item.pk}-"),
        })  # fmt: skip
    role = _role(request.user)
    editable = (
        round_.status == models.RoundStatus.FILLING and not row.entry.submitted
        and role in (Role.SECTION, Role.FINANCE)
    )  # fmt: skip
    context = {
        "year": round_.department_year, "active": "monitoring", "round": round_, "row": row,
        "entry": row.entry, "indicators": indicators, "editable": editable,
        "finance": role == Role.FINANCE, "choices": CHOICES, "problem": problem,
        "decides": role == Role.WORKING_GROUP and row.red and round_.status == models.RoundStatus.FILLING,
        "problem_field": field, "values": _values(row.entry, ENTRY_POSTED, posted, ""),
    }  # fmt: skip
    return render(request, "jixiao/monitoring_entry.html", context, status=400 if problem else 200)


@login_required
@require_POST
def department_fill(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request.user, pk)
    try:
        monitoring_entries.do_fill_department(
            acting_user=request.user, round_id=round_.pk, expected_version=_version(request),
            indicators=_indicator_posts(request),
        )  # fmt: skip
        messages.success(request, "已保存部门整体指标的监控填报。")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("monitoring_round", round_.pk)


@login_required
@require_POST
def section_submit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request.user, pk)
    try:
        count = monitoring_rounds.do_submit_section(acting_user=request.user, round_id=round_.pk)
        messages.success(request, f"已提交 {count} 个项目的监控填报。")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("monitoring_round", round_.pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_entry(request.user, pk)
    try:
        monitoring_rounds.do_decide(
            acting_user=request.user, entry_id=entry.pk, expected_version=_version(request),
            decision=request.POST.get("decision", ""),
        )  # fmt: skip
        messages.success(request, f"已记录“{entry.project.name}”的处理意见。")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("monitoring_round", entry.round_id)


@login_required
@require_POST
def round_submit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request.user, pk)
    try:
        monitoring_rounds.do_submit_round(
            acting_user=request.user, round_id=round_.pk, expected_version=_version(request)
        )
        messages.success(request, f"已提交{round_.name}监控。")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("monitoring_round", round_.pk)


@login_required
@require_POST
def round_return(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(request.user, pk)
    try:
        monitoring_rounds.do_return_round(
            acting_user=request.user, round_id=round_.pk, expected_version=_version(request),
            reason=request.POST.get("reason", ""),
        )  # fmt: skip
        messages.success(
            request, f"已退回{round_.department_year.department.name}的{round_.name}监控。"
        )
    except ServiceError as error:
        messages.error(request, str(error))
    if request.POST.get("back") == "bureau":
        return redirect("bureau_monitoring")
    return redirect("monitoring_round", round_.pk)
