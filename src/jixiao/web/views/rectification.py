"""The rectification ledger (整改台账): the list, a task's page, new tasks by hand and
from findings, evidence, and 销号. Every write goes through services.rectification."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core.rectification_rules import SOURCE_LABELS, TaskSource
from jixiao.io.ledger_xlsx import write_ledger_xlsx
from jixiao.web import models
from jixiao.web.page_cache import cached, query_key
from jixiao.web.rectification_access import (
    can_close,
    can_create_in,
    can_set_deadline,
    can_work_on,
    get_task,
    may_create_tasks,
)
from jixiao.web.roles import reach
from jixiao.web.selectors.rectification import (
    SOURCES,
    STATUSES,
    LedgerFilters,
    ledger,
    ledger_entries,
    ledger_fingerprint,
    ledger_title,
    list_rows,
    list_values,
    listed_count,
    reach_choices,
    section_choices,
    status_counts,
    task_history,
    with_status,
)
from jixiao.web.selectors.scoping import department_years_for, get_department_year
from jixiao.web.services.errors import InvalidInput, ServiceError
from jixiao.web.services.rectification import (
    create_task_from_source,
    do_attach_task_evidence,
    do_close_task,
    do_create_tasks_from_findings,
    do_update_task,
)

PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CountedPaginator(Paginator):
    """A paginator told how many rows it pages (the status counts already hold it), so it
    asks the database no count of its own."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _filters(request: HttpRequest) -> LedgerFilters:
    get = request.GET
    return LedgerFilters(
        year=_number(get.get("year")), department_id=_number(get.get("department")),
        section_id=_number(get.get("section")), status=get.get("status", ""),
        source=get.get("source", ""),
    )  # fmt: skip


def _creatable_years(user) -> list[models.DepartmentYear]:
    return [year for year in department_years_for(user) if can_create_in(user, year)]


def _ledger_body(
    request: HttpRequest, filters: LedgerFilters, today: date, version: tuple[int, int, int]
) -> str:
    counts = status_counts(request.user, filters, today)
    rows = list_values(ledger(request.user, filters, today))
    page = CountedPaginator(rows, PAGE_SIZE, listed_count(counts, filters)).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    choices = {
        **_reach_filters(request, version),
        "sections": section_choices(request.user, filters),
    }
    options = _selected(choices["department_options"], filters.department_id)
    return render_to_string("jixiao/rectification_ledger.html", {
        "page": page, "rows": list_rows(page, today), "filters": filters,
        "department_options": mark_safe(options),  # Jinja2 escaped every value in it
        "counts": counts, "statuses": STATUSES,
        "sources": SOURCES, "choices": choices, "many_departments": len(choices["departments"]) > 1,
        "page_params": params.urlencode(), "export_params": params.urlencode(),
        "can_create": may_create_tasks(request.user), "ledger_url": reverse("rectification_list"),
    }, using="jinja2")  # fmt: skip


def _reach_filters(request: HttpRequest, version: tuple[int, int, int]) -> dict[str, object]:
    """The years and departments of the user's tasks for the filter lists, and the
    departments' options as HTML: a district has hundreds, the same in all its lists, so
    they are built once per change of the reach rather than once per list."""

    def build() -> dict[str, object]:
        choices = reach_choices(request.user)
        options = render_to_string("jixiao/rectification_department_options.html", {
            "departments": choices["departments"],
        }, using="jinja2")  # fmt: skip
        return {**choices, "department_options": options}

    return cached(("rectification-choices", reach(request.user), version), build)


def _selected(options: str, department_id: int | None) -> str:
    """The department options with ``department_id``'s marked selected."""
    if department_id is None:
        return options
    chosen = f'<option value="{department_id}">'
    return options.replace(chosen, f'<option value="{department_id}" selected>', 1)


@login_required
@require_GET
def ledger_list(request: HttpRequest) -> HttpResponse:
    """The user's tasks with filters; overdue rows stand out; counts per status on top.

    The body is cached (``_ledger_key``), so a district's list is built once per change;
    the filter lists of the user's reach once for all its lists."""
    today = timezone.localdate()
    filters = _filters(request)
    version = ledger_fingerprint(request.user)
    body = cached(
        _ledger_key(request, "rectification-ledger", today, version),
        lambda: _ledger_body(request, filters, today, version),
    )
    # Jinja2 escaped every value it wrote.
    return render(request, "jixiao/rectification_list.html", {
        "body": mark_safe(body), "active": "rectification",
    })  # fmt: skip


def _task_context(request: HttpRequest, task: models.RectificationTask) -> dict[str, object]:
    [task] = with_status([task], timezone.localdate())
    return {
        "task": task, "evidence": task.evidence_files.select_related("uploaded_by"),
        "history": task_history(task), "can_work": can_work_on(request.user, task),
        "can_date": can_set_deadline(request.user, task), "can_close": can_close(request.user, task),
        "active": "rectification",
    }  # fmt: skip


@login_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The problem, the owner's measure and progress, evidence, status and 销号."""
    task = get_task(request.user, pk)
    return render(request, "jixiao/rectification_task.html", _task_context(request, task))


def _date(raw: str, field: str = "deadline") -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise InvalidInput(
            field, f"整改期限：“{raw[:20]}”不是有效日期（如 2024-06-30）。"
        ) from error


def _done(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    """Run a write; say what happened (or why not) on the task's page."""
    try:
        action()
        messages.success(request, success)
    except ServiceError as failure:
        messages.error(request, str(failure))
    return redirect("rectification_task", pk=pk)


@login_required
@require_POST
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request.user, pk)
    post = request.POST
    return _done(request, pk, lambda: do_update_task(
        acting_user=request.user, task_id=task.pk, expected_version=_number(post.get("version")) or 0,
        measure=post.get("measure", task.measure), progress_note=post.get("progress_note", task.progress_note),
        deadline=_date(post.get("deadline", "")),
    ), "整改任务已保存。")  # fmt: skip


@login_required
@require_POST
def task_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
        return redirect("rectification_task", pk=pk)
    return _done(request, pk, lambda: do_attach_task_evidence(
        acting_user=request.user, task_id=task.pk, upload=upload
    ), f"已上传：{upload.name}")  # fmt: skip


@login_required
@require_POST
def task_close(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request.user, pk)
    post = request.POST
    return _done(request, pk, lambda: do_close_task(
        acting_user=request.user, task_id=task.pk,
        expected_version=_number(post.get("version")) or 0, note=post.get("note", ""),
    ), "已销号。")  # fmt: skip


@login_required
@require_GET
def task_evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, as an attachment, for anyone who may see its task."""
    evidence = get_object_or_404(models.RectificationEvidence, pk=pk)
    get_task(request.user, evidence.task_id)
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


def _chosen_year(request: HttpRequest, years: list[models.DepartmentYear]):
    wanted = _number(request.GET.get("year") or request.POST.get("year"))
    return next((y for y in years if y.pk == wanted), years[0] if years else None)


def _source(post) -> TaskSource:
    raw = post.get("source", "")
    if raw not in SOURCES:
        raise InvalidInput("source", "请选择问题来源。")
    return TaskSource(raw)


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request: HttpRequest) -> HttpResponse:
    """A task entered by hand (e.g. from an audit or inspection, 审计或巡察)."""
    years = _creatable_years(request.user)
    year = _chosen_year(request, years)
    if year is None:
        return render(
            request, "jixiao/rectification_new.html", {"years": [], "active": "rectification"}
        )
    error, post = "", request.POST
    if request.method == "POST":
        try:
            task = create_task_from_source(
                acting_user=request.user, department_year_id=year.pk, source=_source(post),
                problem=post.get("problem", ""), measure=post.get("measure", ""),
                section_id=_number(post.get("section")), project_id=_number(post.get("project")),
                deadline=_date(post.get("deadline", "")),
            )  # fmt: skip
            messages.success(request, "整改任务已列入整改台账。")
            return redirect("rectification_task", pk=task.pk)
        except ServiceError as failure:
            error = str(failure)
    return render(request, "jixiao/rectification_new.html", {
        "years": years, "year_choice": year, "error": error, "form": post,
        "sources": SOURCE_LABELS.items(), "sections": year.department.sections.order_by("name"),
        "projects": year.projects.order_by("position", "pk").only("pk", "code", "name"),
        "active": "rectification",
    })  # fmt: skip


@login_required
@require_POST
def tasks_from_findings(request: HttpRequest, pk: int) -> HttpResponse:
    """One finding (the row's button) or the ticked ones become tasks of the year."""
    year = get_department_year(request.user, pk)
    one = _number(request.POST.get("one"))
    ids = [one] if one else [int(v) for v in request.POST.getlist("finding") if v.isdigit()]
    back = reverse("finding_list", args=[year.pk])
    query = request.POST.get("query", "")
    try:
        result = do_create_tasks_from_findings(
            acting_user=request.user, department_year_id=year.pk, finding_ids=ids
        )
    except ServiceError as failure:
        messages.error(request, str(failure))
        return redirect(f"{back}?{query}" if query else back)
    text = f"已列入整改台账 {len(result.created)} 项"
    if result.already:
        text += f"，另有 {result.already} 项此前已列入"
    messages.success(request, text + "。")
    return redirect(f"{back}?{query}" if query else back)


def _ledger_key(
    request: HttpRequest, kind: str, today: date, version: tuple[int, int, int]
) -> tuple[object, ...]:
    """A cached ledger part's key: the user's reach, ``version`` (``ledger_fingerprint``:
    every task write touches its year), the day (逾期 changes at midnight), the query."""
    return (kind, reach(request.user), version, today.isoformat(), query_key(request.GET))


@login_required
@require_GET
def ledger_export(request: HttpRequest) -> HttpResponse:
    """The list under its filters as 整改台账.xlsx: a department's, or the bureau's district.
    The file is kept under the list's key: it changes with the tasks and with the names
    of departments and sections (which touch their years); an account an administrator
    renames shows as 销号人 from the ledger's next change."""
    today = timezone.localdate()
    content, title = cached(
        _ledger_key(request, "rectification-export", today, ledger_fingerprint(request.user)),
        lambda: _ledger_file(request, _filters(request), today),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, f"{title}.xlsx")
    return response


def _ledger_file(request: HttpRequest, filters: LedgerFilters, today: date) -> tuple[bytes, str]:
    entries = ledger_entries(request.user, filters, today)
    title = ledger_title(request.user, filters)
    # Built in memory: a temporary folder per download costs more than the file.
    content = BytesIO()
    write_ledger_xlsx(title, entries, content)
    return content.getvalue(), title
