"""The project list (filters, sorting, score gaps) and the project page (inline indicator table)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from jixiao.core.money import format_percent, yuan_to_wan
from jixiao.core.profile import RulesProfile
from jixiao.web import models
from jixiao.web.list_output import filters_line, list_links, paged, wants_export, xlsx_response
from jixiao.web.models import Status
from jixiao.web.page_cache import cached, query_key
from jixiao.web.roles import can_edit_project, reach, sees_whole_department
from jixiao.web.selectors.indicators import project_history, rows_for, with_evidence
from jixiao.web.selectors.list_tables import project_table
from jixiao.web.selectors.lock import LOCKED, lock_state
from jixiao.web.selectors.projects import (
    SORTS,
    SOURCES,
    ProjectQuery,
    execution_line,
    filtered_projects,
    funds_rows,
    mark_rows,
    score_gap,
    sort_columns,
)
from jixiao.web.selectors.result_application import previous_suggestion
from jixiao.web.selectors.scoping import get_department_year, get_project
from jixiao.web.selectors.spot_review import project_review
from jixiao.web.services import workflow
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.indicators import do_update_project
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import current

PAGE_SIZE = 50
PROJECT_FIELDS = ("goal_outcome", "execution_explanation", "self_score")


@login_required
@require_GET
def project_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The projects the user may see, filtered and sorted, 50 to a page."""
    year = get_department_year(request.user, pk, whole=False)
    query = ProjectQuery.from_querydict(request.GET)
    whole = sees_whole_department(request.user)
    if wants_export(request):
        return _export(request, year, query)
    profile, sections, table = cached(
        ("projects", year.pk, current(year), reach(request.user), query_key(request.GET)),
        lambda: _project_list_parts(request, year, query, whole),
    )
    return render(request, "jixiao/project_list.html", {
        "year": year, "active": "projects", "query": query, "table": table, "sections": sections,
        "lock": lock_state(year), "sources": SOURCES, "grades": [name for name, _ in profile.grades], "statuses": Status.choices,
        **list_links(request),
    })  # fmt: skip


def _export(request: HttpRequest, year: models.DepartmentYear, query: ProjectQuery) -> HttpResponse:
    """Every project the list shows with these filters, in its order, as an .xlsx file."""
    projects = list(filtered_projects(request.user, year, query))
    title = f"项目支出绩效自评 · {year.department.name} {year.year} 年度"
    table = project_table(projects, title=title, filters=_filters(year, query),
                          locked=year.status in LOCKED)  # fmt: skip
    return xlsx_response(table, f"{year.department.name}-{year.year}年度-项目.xlsx")


def _filters(year: models.DepartmentYear, query: ProjectQuery) -> str:
    """The list's filters and sort order in words, for the export's second line."""
    section = year.department.sections.filter(pk=query.section).first() if query.section else None
    status = dict(Status.choices).get(query.status, "")
    sort = ""
    if query.sort:
        label = SORTS[query.sort.lstrip("-")][0]
        sort = f"{label}（{'降序' if query.descending else '升序'}）"
    chosen = [("科室", section.name if section else ""), ("预算类型", query.source),
              ("等级", query.grade), ("状态", status), ("编码或名称含", query.search)]  # fmt: skip
    return filters_line(chosen, sort)


def _project_list_parts(
    request: HttpRequest, year: models.DepartmentYear, query: ProjectQuery, whole: bool
) -> tuple[RulesProfile, list[dict[str, object]], str]:
    """What the list needs from the data: the rules profile, the sections to filter by
    (for those who see the whole department) and the rendered table."""
    profile = profile_for(year.profile)
    sections = _section_choices(year) if whole else []
    return profile, sections, _project_table(request, year, query, profile.self_score_gap)


def _section_choices(year: models.DepartmentYear) -> list[dict[str, object]]:
    return list(year.department.sections.order_by("name").values("pk", "name"))


def _project_table(
    request: HttpRequest, year: models.DepartmentYear, query: ProjectQuery, threshold: Decimal
) -> str:
    page = paged(request, filtered_projects(request.user, year, query), PAGE_SIZE)
    mark_rows(page, threshold)
    params = request.GET.copy()
    params.pop("page", None)
    pager = render_to_string(
        "jixiao/partials/pager.html", {"page": page, "page_params": params.urlencode()}
    )
    html = render_to_string("jixiao/project_table.html", {
        "page": page, "columns": sort_columns(query, request.GET), "pager": pager,
        "gap_threshold": threshold, "locked": year.status in LOCKED,
    }, using="jinja2")  # fmt: skip
    return mark_safe(html)  # Jinja2 escaped every value it wrote


def _score_context(project: models.Project, profile: RulesProfile) -> dict[str, object]:
    gap = score_gap(project)
    return {
        "project": project, "gap": gap, "gap_high": gap is not None and gap > profile.self_score_gap,
        # The form says below which execution rate a reason is required, as the profile does.
        "reason_below": format_percent(profile.execution_reason_below, Decimal(1)),
    }  # fmt: skip


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Funds, scores, workflow, the indicator table (editable inline) and the change history."""
    project = get_project(request.user, pk)
    year = project.department_year
    profile = profile_for(year.profile)
    indicators = list(with_evidence(project.indicators.order_by("position", "pk")))
    return render(request, "jixiao/project_detail.html", {
        "year": year, "active": "projects", **_score_context(project, profile),
        "funds": funds_rows(project), "execution": execution_line(project, profile), "can_edit": can_edit_project(request.user, project),
        "rows": rows_for(request.user, indicators, year=year, profile=profile, project=project),
        "transitions": workflow.available(request.user, year, project),
        "history": project_history(project, indicators), "lock": lock_state(year),
        "spot": project_review(request.user, project),
        "previous": previous_suggestion(project), "funds_final": yuan_to_wan(project.final),
    })  # fmt: skip


@login_required
@require_POST
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the project's own fields (实际完成情况, 执行偏差说明, 自评总分)."""
    project = get_project(request.user, pk)
    version = request.POST.get("version", "")
    if not version.isdigit():
        return HttpResponseBadRequest("缺少版本号，请刷新页面。")
    changes = {name: request.POST[name] for name in PROJECT_FIELDS if name in request.POST}
    error = ""
    try:
        project = do_update_project(
            acting_user=request.user,
            project_id=project.pk,
            expected_version=int(version),
            changes=changes,
        )
    except ServiceError as failure:
        error = str(failure)
    if request.headers.get("HX-Request") != "true":
        if error:
            messages.error(request, error)
        else:
            messages.success(request, "项目信息已保存。")
        return redirect("project_detail", pk=pk)
    project = get_project(request.user, pk)
    profile = profile_for(project.department_year.profile)
    return render(request, "jixiao/partials/project_edit_form.html", {
        **_score_context(project, profile), "oob": True,
        "can_edit": can_edit_project(request.user, project),
        "error": error, "notice": "" if error else "已保存",
    })  # fmt: skip
