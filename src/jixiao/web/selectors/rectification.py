"""Reads of the rectification ledger (整改台账): the scoped list with its filters, the
counts per status, one task with its evidence and history, and the open tasks of a
department's year that its next year's report carries.

逾期 is computed, not stored: a filter on status is a condition on the stored progress
and the deadline against today, so the database does the filtering and the paging.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from jixiao.core.rectification import (
    DEPARTMENT_OWNER,
    OPEN_PROGRESS,
    LedgerEntry,
    LedgerTask,
    ReportLedger,
    TaskProgress,
    TaskStatus,
    finding_key,
    task_status,
)
from jixiao.core.rectification_rules import SOURCE_LABELS, TaskSource
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.rectification_access import tasks_for
from jixiao.web.roles import department_filter, membership
from jixiao.web.services.revision import fingerprint

STATUSES = tuple(status.value for status in TaskStatus)
SOURCES = {source.value: label for source, label in SOURCE_LABELS.items()}
OPEN = [progress.value for progress in OPEN_PROGRESS]
TASK_COLUMNS = (
    "department_year", "section", "project_label", "source", "problem", "measure",
    "progress_note", "deadline", "progress", "closed_by", "closed_at",
)  # fmt: skip


def status_condition(status: str, today: date) -> Q:
    """The stored rows that show ``status`` today."""
    if status == TaskStatus.DONE:
        return Q(progress=TaskProgress.DONE)
    if status == TaskStatus.OVERDUE:
        return Q(progress__in=OPEN, deadline__lt=today)
    progress = (
        TaskProgress.IN_PROGRESS if status == TaskStatus.IN_PROGRESS else TaskProgress.NOT_STARTED
    )
    return Q(progress=progress, deadline__gte=today)


@dataclass(frozen=True)
class LedgerFilters:
    """What the list is narrowed to (each empty: all)."""

    year: int | None = None
    department_id: int | None = None
    section_id: int | None = None
    status: str = ""
    source: str = ""


def ledger(user: User, filters: LedgerFilters, today: date) -> QuerySet[models.RectificationTask]:
    """The user's tasks under ``filters``: overdue first, then by deadline."""
    rows = tasks_for(user)
    if filters.year:
        rows = rows.filter(department_year__year=filters.year)
    if filters.department_id:
        rows = rows.filter(department_year__department_id=filters.department_id)
    if filters.section_id:
        rows = rows.filter(section_id=filters.section_id)
    if filters.status in STATUSES:
        rows = rows.filter(status_condition(filters.status, today))
    if filters.source in SOURCES:
        rows = rows.filter(source=filters.source)
    # Only the columns a list shows: a department-year row carries large JSON texts.
    return (
        rows.select_related("department_year__department", "section")
        .only(*TASK_COLUMNS, "department_year__year", "department_year__profile",
              "department_year__department__name", "section__name")
        .order_by("deadline", "pk")
    )  # fmt: skip


def previous_year_open_tasks(user: User, year: models.DepartmentYear, today: date) -> list:
    """The tasks raised on the department's previous year that are still open, as the
    user may see them: what the goals of ``year`` have to answer (overdue first)."""
    rows = ledger(user, LedgerFilters(year=year.year - 1, department_id=year.department_id), today)
    return with_status(rows.filter(progress__in=OPEN), today)


def status_counts(user: User, filters: LedgerFilters, today: date) -> list[dict[str, object]]:
    """Each status with how many of the user's tasks (under the other filters) show it."""
    rows = ledger(user, LedgerFilters(**{**filters.__dict__, "status": ""}), today)
    counted = rows.order_by().aggregate(
        **{status: Count("pk", filter=status_condition(status, today)) for status in STATUSES}
    )
    return [{"status": status, "count": counted[status]} for status in STATUSES]


def _evidence_counts(ids: list[int]) -> dict[int, int]:
    """Per task, its evidence files: one grouped query for the listed tasks only (an
    annotation would make the paginator count through a GROUP BY of the whole list)."""
    found = (
        models.RectificationEvidence.objects.filter(task_id__in=ids)
        .values("task_id").annotate(n=Count("pk")).values_list("task_id", "n")
    )  # fmt: skip
    return dict(found)


def with_status(rows, today: date) -> list[models.RectificationTask]:
    """The listed tasks, each with ``status`` (TaskStatus), ``owner``, ``source_label`` and
    ``evidence_count``."""
    rows = list(rows)
    counts = _evidence_counts([row.pk for row in rows])
    for row in rows:
        row.evidence_count = counts.get(row.pk, 0)
    return _labelled(rows, today)


def _labelled(rows: list[models.RectificationTask], today: date) -> list[models.RectificationTask]:
    for row in rows:
        row.status = task_status(TaskProgress(row.progress), row.deadline, today)
        row.owner = row.section.name if row.section_id else DEPARTMENT_OWNER
        row.source_label = TaskSource(row.source).label
    return rows


LIST_VALUES = (
    "pk", "problem", "project_label", "source", "section__name", "measure", "deadline",
    "progress", "department_year__year", "department_year__department__name",
)  # fmt: skip


def _evidence_files() -> Coalesce:
    """A task's evidence files, counted in the list's own query: a subquery for each
    listed row only, one round trip fewer than a second grouped query."""
    files = (
        models.RectificationEvidence.objects.filter(task_id=OuterRef("pk")).order_by()
        .values("task_id").annotate(n=Count("pk")).values("n")
    )  # fmt: skip
    return Coalesce(Subquery(files), 0)


def list_values(rows: QuerySet[models.RectificationTask]) -> QuerySet:
    """The list's columns and each task's ``evidence_count`` as plain values: a district's
    page of a hundred tasks builds no model instances."""
    return rows.annotate(evidence_count=_evidence_files()).values(*LIST_VALUES, "evidence_count")


def listed_count(counts: list[dict[str, object]], filters: LedgerFilters) -> int:
    """How many tasks the list under ``filters`` has, from its ``status_counts``: every
    task shows exactly one status, so the list's pager needs no count of its own."""
    if filters.status in STATUSES:
        return next(item["count"] for item in counts if item["status"] == filters.status)
    return sum(item["count"] for item in counts)


def list_rows(page, today: date) -> list[dict[str, object]]:
    """The listed values with ``status``, ``owner`` and ``source_label``."""
    rows = [dict(row) for row in page]
    for row in rows:
        row["status"] = task_status(TaskProgress(row["progress"]), row["deadline"], today)
        row["owner"] = row["section__name"] or DEPARTMENT_OWNER
        row["source_label"] = SOURCES[row["source"]]
    return rows


def reach_choices(user: User) -> dict[str, list[tuple[object, str]]]:
    """The years and departments the user's tasks have, for the filter lists: the same
    whatever the list is narrowed to, so the view keeps them for the whole reach."""
    rows = tasks_for(user)
    years = (
        rows.order_by("-department_year__year")
        .values_list("department_year__year", flat=True).distinct()
    )  # fmt: skip
    departments = (
        models.Department.objects.filter(pk__in=rows.values("department_year__department_id"))
        .order_by("name").values_list("pk", "name")
    )  # fmt: skip
    return {
        "years": [(year, f"{year} 年度") for year in years],
        "departments": list(departments),
    }


def section_choices(user: User, filters: LedgerFilters) -> list[tuple[int, str]]:
    """The sections the user's tasks have, for the filter list. Sections are offered within
    one department (the bureau's district has hundreds)."""
    rows = tasks_for(user)
    if filters.department_id:
        rows = rows.filter(department_year__department_id=filters.department_id)
    found = membership(user)
    whole_district = user.is_superuser or (found is not None and found.role == Role.BUREAU)
    if whole_district and not filters.department_id:
        return []
    sections = (
        models.Section.objects.filter(pk__in=rows.values("section_id"))
        .order_by("name").values_list("pk", "name")
    )  # fmt: skip
    return list(sections)


def task_history(task: models.RectificationTask) -> list[dict[str, object]]:
    """Who changed the task, when, and why (newest first)."""
    return [
        {
            "when": entry.history_date,
            "who": entry.history_user,
            "reason": entry.history_change_reason,
        }
        for entry in task.history.select_related("history_user").order_by("-history_date")[:50]
    ]


def mark_in_ledger(year: models.DepartmentYear, findings: list[models.Finding]) -> None:
    """Set ``in_ledger`` on each listed finding already made a task of the year."""
    keys = set(year.rectification_tasks.exclude(source_key="").values_list("source_key", flat=True))
    for finding in findings:
        code = finding.project.code if finding.project_id else ""
        finding.in_ledger = finding_key(finding.code, code, finding.location) in keys


def _ledger_tasks(rows) -> tuple[LedgerTask, ...]:
    return tuple(
        LedgerTask(task.problem, task.measure, task.owner, task.deadline, task.status)
        for task in rows
    )


def report_ledger(year: models.DepartmentYear) -> ReportLedger:
    """The tasks the year's report states: raised on this year, and on the previous one."""
    today = timezone.localdate()
    rows = models.RectificationTask.objects.filter(
        department_year__department_id=year.department_id,
        department_year__year__in=(year.year, year.year - 1),
    ).select_related("section", "department_year").order_by("deadline", "pk")  # fmt: skip
    tasks = with_status(rows, today)
    return ReportLedger(
        current=_ledger_tasks(t for t in tasks if t.department_year.year == year.year),
        previous=_ledger_tasks(t for t in tasks if t.department_year.year == year.year - 1),
    )


def _entry(task: models.RectificationTask) -> LedgerEntry:
    closer = task.closed_by
    return LedgerEntry(
        department=task.department_year.department.name,
        year=task.department_year.year,
        source=task.source_label,
        project=task.project_label,
        task=_ledger_tasks([task])[0],
        progress_note=task.progress_note,
        evidence_files=task.evidence_count,
        closed_by=(closer.get_full_name() or closer.username) if closer else "",
        closed_on=timezone.localdate(task.closed_at) if task.closed_at else None,
    )


def ledger_entries(user: User, filters: LedgerFilters, today: date) -> list[LedgerEntry]:
    """Every task of the list under ``filters`` (not paged), as rows of the exported ledger."""
    rows = ledger(user, filters, today).select_related("closed_by")
    rows = rows.annotate(evidence_count=_evidence_files())
    return [_entry(task) for task in _labelled(list(rows), today)]


def ledger_title(user: User, filters: LedgerFilters) -> str:
    """The export's title: the department (and section) or, for the bureau, the district."""
    found = membership(user)
    if filters.department_id:
        department = models.Department.objects.filter(pk=filters.department_id).first()
        if department is not None:
            return f"{department.name}整改台账"
    if found is None:
        return "整改台账"
    if found.role == Role.BUREAU:
        return f"{found.district}各部门整改台账"
    name = found.department.name if found.department_id else ""
    if found.role == Role.SECTION and found.section_id:
        name += found.section.name
    return f"{name}整改台账"


def ledger_fingerprint(user: User) -> tuple[int, int, int]:
    """The cached list's and export's key: the revisions of the department-years of the
    user's reach. Every write to a task (services.rectification) touches its year, and an
    administrator renaming a department or section touches the years it names, so one
    small aggregate over the years replaces one over every task of a district."""
    return fingerprint(models.DepartmentYear.objects.filter(department_filter(user)))
