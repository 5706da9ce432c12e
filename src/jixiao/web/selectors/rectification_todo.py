"""The rectification tasks on each role's to-do list (待办), overdue ones first and marked.

A section: its open tasks. Finance: the open tasks owned by the department as a whole.
The working group: tasks with evidence waiting to be closed (销号), then its
department's overdue tasks. The bureau: how many tasks are overdue in each department
of its district, linking to the ledger filtered to them.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from jixiao.core.rectification import TaskProgress, TaskStatus
from jixiao.web.models import Role
from jixiao.web.rectification_access import tasks_for
from jixiao.web.roles import membership
from jixiao.web.selectors.rectification import OPEN, status_condition, with_status
from jixiao.web.selectors.todo import SHOWN, TodoGroup, TodoItem

LEDGER = "rectification_list"


def _items(rows, action) -> list[TodoItem]:
    today = timezone.localdate()
    items = [
        TodoItem(
            title=task.problem[:60],
            action=action(task),
            url=reverse("rectification_task", args=[task.pk]),
            overdue=task.status is TaskStatus.OVERDUE,
        )
        for task in with_status(rows, today)
    ]
    return items


def _deadline(task) -> str:
    state = "已逾期" if task.status is TaskStatus.OVERDUE else task.status.value
    return f"{task.owner} · 整改期限 {task.deadline:%Y-%m-%d} · {state}"


def _group(heading: str, rows, action, more_url: str) -> list[TodoGroup]:
    count = rows.count()
    if not count:
        return []
    items = _items(rows.select_related("section").order_by("deadline", "pk")[:SHOWN], action)
    return [TodoGroup(heading, items, max(count - SHOWN, 0), more_url)]


def _open(user: User):
    return tasks_for(user).filter(progress__in=OPEN)


def _bureau(user: User) -> list[TodoGroup]:
    today = timezone.localdate()
    rows = (
        tasks_for(user).filter(status_condition(TaskStatus.OVERDUE, today))
        .values("department_year__department_id", "department_year__department__name")
        .annotate(n=Count("pk")).order_by("department_year__department__name")
    )  # fmt: skip
    base = reverse(LEDGER) + f"?status={TaskStatus.OVERDUE.value}"
    items = [
        TodoItem(
            title=row["department_year__department__name"],
            action=f"{row['n']} 项整改任务已逾期",
            url=f"{base}&department={row['department_year__department_id']}",
            overdue=True,
        )
        for row in rows[:SHOWN]
    ]
    return [TodoGroup("逾期的整改任务", items, max(len(rows) - SHOWN, 0), base)] if items else []


def rectification_groups(user: User) -> list[TodoGroup]:
    """The user's open rectification tasks as to-do groups (none without a role)."""
    found = membership(user)
    if found is None:
        return []
    ledger = reverse(LEDGER)
    if found.role == Role.SECTION:
        return _group("整改任务", _open(user), _deadline, ledger)
    if found.role == Role.FINANCE:
        return _group(
            "整改任务（部门整体）", _open(user).filter(section__isnull=True), _deadline, ledger
        )
    if found.role == Role.WORKING_GROUP:
        ready = _open(user).filter(progress=TaskProgress.IN_PROGRESS, evidence_files__isnull=False)
        overdue = tasks_for(user).filter(status_condition(TaskStatus.OVERDUE, timezone.localdate()))
        return _group(
            "待销号的整改任务",
            ready.distinct(),
            lambda t: f"{t.owner}已上传整改佐证材料，待核实销号",
            ledger,
        ) + _group(
            "逾期的整改任务", overdue, _deadline, ledger + f"?status={TaskStatus.OVERDUE.value}"
        )
    return _bureau(user)
