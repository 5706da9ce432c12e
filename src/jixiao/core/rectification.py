"""Rectification tasks (整改任务): their status, their deadlines and what may be saved.

A task is stored with its progress (未开始, 整改中, 已完成 once the working group closes
it); 逾期 is never stored but computed from the deadline and today, so a task becomes
overdue on the morning after its deadline without anything being written. Problems are
returned as values (field, Chinese message); the caller decides what to show and saves
nothing while there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from jixiao.core.findings import Finding
from jixiao.core.rectification_rules import RectificationRules, TaskSource


class TaskProgress(StrEnum):
    """What is stored: how far the owner has come, and whether the task was closed."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class TaskStatus(StrEnum):
    """What every list shows (整改状态)."""

    NOT_STARTED = "未开始"
    IN_PROGRESS = "整改中"
    DONE = "已完成"
    OVERDUE = "逾期"


OPEN_PROGRESS = (TaskProgress.NOT_STARTED, TaskProgress.IN_PROGRESS)
# The owner of a task about the department as a whole rather than one project.
DEPARTMENT_OWNER = "部门整体"


def task_status(progress: TaskProgress, deadline: date, today: date) -> TaskStatus:
    """逾期 when the task is still open after its deadline day; else the stored progress."""
    if progress is TaskProgress.DONE:
        return TaskStatus.DONE
    if today > deadline:
        return TaskStatus.OVERDUE
    if progress is TaskProgress.IN_PROGRESS:
        return TaskStatus.IN_PROGRESS
    return TaskStatus.NOT_STARTED


def default_deadline(created: date, source: TaskSource, rules: RectificationRules) -> date:
    """The deadline a task gets unless one is given: the profile's days for its source."""
    return created + timedelta(days=rules.days_for(source))


def chinese_date(day: date) -> str:
    """A date as official documents write it: 2024年3月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True, slots=True)
class TaskProblem:
    """Why a task cannot be saved or closed: the field concerned and a Chinese message."""

    field: str
    message: str


def task_problems(*, problem: str, deadline: date | None, created: date) -> list[TaskProblem]:
    """What stops a task from being saved as given (nothing: it may be saved). The measure
    may come later: a task made from a finding is the owner's to plan."""
    found = []
    if not problem.strip():
        found.append(TaskProblem("problem", "请填写存在的问题。"))
    if deadline is None:
        found.append(TaskProblem("deadline", "请填写整改期限。"))
    elif deadline < created:
        found.append(
            TaskProblem(
                "deadline",
                f"整改期限（{chinese_date(deadline)}）早于任务创建日期（{chinese_date(created)}），"
                "请填写创建当日或之后的日期。",
            )
        )
    return found


def closing_problems(
    *, progress: TaskProgress, measure: str, evidence_count: int, rules: RectificationRules
) -> list[TaskProblem]:
    """What stops the working group from closing (销号) a task."""
    if progress is TaskProgress.DONE:
        return [TaskProblem("status", "该整改任务已销号，无需再次销号。")]
    if not measure.strip():
        return [TaskProblem("measure", "该整改任务尚未填写整改措施，不能销号。")]
    if rules.closing_needs_evidence and evidence_count == 0:
        return [
            TaskProblem(
                "evidence",
                "该整改任务尚未上传整改佐证材料；按规则配置，须核实佐证材料后方可销号。",
            )
        ]
    return []


@dataclass(frozen=True, slots=True)
class ProposedTask:
    """A task a finding calls for: what, whose (project code; "" for the department), by when."""

    problem: str
    project_code: str
    owner: str
    deadline: date
    key: str


def finding_key(code: str, subject: str, where: str) -> str:
    """Names one finding across recomputations (which replace the stored findings), so the
    same finding does not become two tasks."""
    return f"{code}|{subject}|{where}"


def tasks_called_for(
    findings: tuple[Finding, ...] | list[Finding],
    owners: dict[str, str],
    rules: RectificationRules,
    today: date,
) -> list[ProposedTask]:
    """The tasks the profile's ``finding_codes`` call for, one per finding, each owned by its
    project's section (``owners``: project code → 责任科室) or by the department."""
    deadline = default_deadline(today, TaskSource.SELF_EVALUATION, rules)
    wanted = set(rules.finding_codes)
    proposed = []
    for finding in findings:
        if finding.code not in wanted:
            continue
        where = finding.location.describe() if finding.location else ""
        proposed.append(
            ProposedTask(
                problem=finding.message,
                project_code=finding.subject,
                owner=owners.get(finding.subject, "") or DEPARTMENT_OWNER,
                deadline=deadline,
                key=finding_key(finding.code, finding.subject, where),
            )
        )
    return proposed


@dataclass(frozen=True, slots=True)
class LedgerTask:
    """A task as the report states it: the problem, the measure, who, by when, how far."""

    problem: str
    measure: str
    owner: str
    deadline: date
    status: TaskStatus


@dataclass(frozen=True, slots=True)
class ReportLedger:
    """The tasks a year's report speaks of: those raised on this year's evaluation (its
    四、下一步改进措施) and those raised on the previous year's (上年问题整改情况)."""

    current: tuple[LedgerTask, ...] = ()
    previous: tuple[LedgerTask, ...] = ()


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One row of the exported 整改台账."""

    department: str
    year: int
    source: str
    project: str
    task: LedgerTask
    progress_note: str
    evidence_files: int
    closed_by: str
    closed_on: date | None
