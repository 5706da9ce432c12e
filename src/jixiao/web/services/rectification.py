"""Every write to the rectification ledger (整改台账): one service per change, each with
the acting user, one transaction and a history row on the task.

``create_task_from_source`` is the one way a task comes to exist, whatever found the
problem (a finding of the self-evaluation, the bureau's review, the report audit,
monitoring, or an audit or inspection entered by hand); the others follow a task
through 整改中 to 销号. The rules (default deadlines, whether closing needs evidence)
come from the rules profile of the task's year, through the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from jixiao.core.rectification import (
    TaskProblem,
    TaskProgress,
    closing_problems,
    default_deadline,
    finding_key,
    task_problems,
)
from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.rectification_access import (
    can_close,
    can_create_in,
    can_set_deadline,
    can_work_on,
)
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.evidence import MAX_NAME, file_digest
from jixiao.web.services.field_values import text_value
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import touch
from jixiao.web.uploads import EVIDENCE_KINDS, check_upload

Task = models.RectificationTask


def _refuse(problems: list[TaskProblem]) -> None:
    if problems:
        first = problems[0]
        raise InvalidInput(first.field, first.message)


def _saved(task: Task, user: User, reason: str) -> None:
    task._history_user = user
    task._change_reason = reason[:100]
    task.save()
    # The ledger's cached list and export are keyed by the years' revisions.
    touch([task.department_year_id])


def _locked(task_id: int, expected_version: int | None = None) -> Task:
    task = Task.objects.select_for_update(of=("self",)).select_related(
        "department_year__department"
    ).get(pk=task_id)  # fmt: skip
    if expected_version is not None and task.version != expected_version:
        raise EditConflict("该整改任务")
    return task


@transaction.atomic
def create_task_from_source(
    *,
    acting_user: User,
    department_year_id: int,
    source: TaskSource,
    problem: str,
    project_id: int | None = None,
    section_id: int | None = None,
    measure: str = "",
    deadline: date | None = None,
    source_key: str = "",
) -> Task:
    """A new task (未开始) for the problem of ``department_year_id`` found by ``source``.

    The owner is ``section_id``, else the project's section, else the department as a
    whole; the deadline defaults to the profile's days for the source. ``source_key``
    names the finding or comment it comes from: a second task from the same key is
    refused. A deadline before today is refused in Chinese and nothing is saved.
    """
    year = models.DepartmentYear.objects.select_related("department").get(pk=department_year_id)
    if not can_create_in(acting_user, year):
        raise NotAllowed("您的角色不能为该部门创建整改任务。")
    project = year.projects.select_related("section").filter(pk=project_id).first()
    if project_id is not None and project is None:
        raise InvalidInput("project", "所选项目不属于该部门年度。")
    section = _owner(year, section_id, project)
    today = timezone.localdate()
    rules = profile_for(year.profile).rectification
    deadline = deadline or default_deadline(today, TaskSource(source), rules)
    problem = text_value(Task, "problem", problem)
    _refuse(task_problems(problem=problem, deadline=deadline, created=today))
    if source_key and year.rectification_tasks.filter(source_key=source_key).exists():
        raise InvalidInput("source", "该问题已列入整改台账。")
    task = Task(
        department_year=year, section=section, project=project,
        project_label=f"{project.code} {project.name}" if project else "",
        source=TaskSource(source).value, source_key=source_key[:500], problem=problem,
        measure=text_value(Task, "measure", measure), deadline=deadline,
        created_by=acting_user, created_on=today,
    )  # fmt: skip
    _saved(task, acting_user, f"列入整改台账（{TaskSource(source).label}）")
    return task


def _owner(year: models.DepartmentYear, section_id: int | None, project) -> models.Section | None:
    if section_id is not None:
        section = year.department.sections.filter(pk=section_id).first()
        if section is None:
            raise InvalidInput("section", "所选责任科室不属于该部门。")
        return section
    return project.section if project is not None else None


@dataclass(frozen=True)
class FromFindings:
    """What a bulk creation did: the new tasks, and the findings already in the ledger."""

    created: list[Task]
    already: int


@transaction.atomic
def do_create_tasks_from_findings(
    *, acting_user: User, department_year_id: int, finding_ids: list[int]
) -> FromFindings:
    """One task per selected finding of the year (自评发现), each owned by its project's
    section; findings already in the ledger are counted, not repeated."""
    findings = models.Finding.objects.filter(
        department_year_id=department_year_id, pk__in=finding_ids
    ).select_related("project").order_by("pk")  # fmt: skip
    if not findings:
        raise InvalidInput("findings", "请先选择要列入整改台账的问题。")
    created, already = [], 0
    for finding in findings:
        key = finding_key(finding.code, finding.project.code if finding.project else "",
                          finding.location)  # fmt: skip
        if Task.objects.filter(department_year_id=department_year_id, source_key=key).exists():
            already += 1
            continue
        created.append(create_task_from_source(
            acting_user=acting_user, department_year_id=department_year_id,
            source=TaskSource.SELF_EVALUATION, problem=finding.message,
            project_id=finding.project_id, source_key=key,
        ))  # fmt: skip
    return FromFindings(created, already)


@transaction.atomic
def do_update_task(
    *,
    acting_user: User,
    task_id: int,
    expected_version: int,
    measure: str,
    progress_note: str,
    deadline: date | None = None,
) -> Task:
    """The owner's measure and progress (the task is then 整改中); a new deadline from
    finance or the working group. A deadline before the task's creation is refused."""
    task = _locked(task_id, expected_version)
    may_work, may_date = can_work_on(acting_user, task), can_set_deadline(acting_user, task)
    if not (may_work or may_date):
        raise NotAllowed("您的角色或该任务的状态不允许修改该整改任务。")
    changed = []
    if may_work:
        task.measure = text_value(Task, "measure", measure)
        task.progress_note = text_value(Task, "progress_note", progress_note)
        changed.append("整改措施和整改情况")
        if task.measure or task.progress_note:
            task.progress = _started(task)
    if deadline is not None and deadline != task.deadline:
        if not may_date:
            raise NotAllowed("整改期限由财务人员或工作小组确定。")
        _refuse(task_problems(problem=task.problem, deadline=deadline, created=task.created_on))
        task.deadline = deadline
        changed.append("整改期限")
    task.version += 1
    _saved(task, acting_user, "修改" + "、".join(changed))
    return task


def _started(task: Task) -> str:
    return TaskProgress.IN_PROGRESS.value if task.progress != TaskProgress.DONE else task.progress


@transaction.atomic
def do_attach_task_evidence(
    *, acting_user: User, task_id: int, upload: UploadedFile
) -> models.RectificationEvidence:
    """Store ``upload`` (checked by content, stored under its digest) as evidence that the
    task was done; the task is then 整改中 and its history names the file."""
    task = _locked(task_id)
    if not can_work_on(acting_user, task):
        raise NotAllowed("您的角色或该任务的状态不允许上传整改佐证材料。")
    kind = check_upload(upload, EVIDENCE_KINDS)
    name = PurePath(upload.name or "").name[-MAX_NAME:] or f"整改佐证材料.{kind}"
    digest = file_digest(upload)
    evidence = models.RectificationEvidence(
        task=task, original_name=name, size=upload.size, sha256=digest, uploaded_by=acting_user
    )
    evidence.file.save(f"{digest[:32]}.{kind}", upload, save=False)
    evidence.save()
    task.progress = _started(task)
    task.version += 1
    _saved(task, acting_user, f"上传整改佐证材料：{name}")
    return evidence


@transaction.atomic
def do_close_task(*, acting_user: User, task_id: int, expected_version: int, note: str) -> Task:
    """销号: the working group, having checked the evidence, marks the task 已完成; who and
    when are kept. Without evidence where the profile requires it, nothing changes."""
    task = _locked(task_id, expected_version)
    if not can_close(acting_user, task):
        if task.progress == TaskProgress.DONE:
            raise InvalidInput("status", "该整改任务已销号，无需再次销号。")
        raise NotAllowed("只有本部门工作小组可以在核实佐证材料后销号。")
    rules = profile_for(task.department_year.profile).rectification
    _refuse(closing_problems(
        progress=TaskProgress(task.progress), measure=task.measure,
        evidence_count=task.evidence_files.count(), rules=rules,
    ))  # fmt: skip
    task.progress = TaskProgress.DONE.value
    task.closed_by, task.closed_at = acting_user, timezone.now()
    task.close_note = text_value(Task, "close_note", note)
    task.version += 1
    _saved(task, acting_user, "销号")
    return task
