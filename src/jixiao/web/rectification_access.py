"""Who sees and who works on rectification tasks (整改台账). Every read and write asks here.

A business section sees and works only the tasks it owns. Finance and the working group
see every task of their department; finance works the tasks owned by the department as
a whole (no section), the working group closes (销号) tasks after checking the evidence.
The bureau sees its district's tasks and may raise tasks from its review. Outside a
user's reach a task is a 404, as everywhere.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import Http404

from jixiao.core.rectification import TaskProgress
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.roles import department_filter, membership


def task_filter(user: User) -> Q:
    """The tasks the user may see, as a filter on RectificationTask."""
    found = membership(user)
    if found is not None and found.role == Role.SECTION:
        return Q(section_id=found.section_id)
    return department_filter(user, via="department_year__department")


def tasks_for(user: User) -> QuerySet[models.RectificationTask]:
    return models.RectificationTask.objects.filter(task_filter(user))


def get_task(user: User, pk: int) -> models.RectificationTask:
    """The task ``pk`` if the user may see it, else 404."""
    task = (
        tasks_for(user)
        .select_related("department_year__department", "section", "created_by", "closed_by")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def can_create_in(user: User, year: models.DepartmentYear) -> bool:
    """Finance and the working group of the department, the bureau of its district."""
    if user.is_superuser:
        return True
    found = membership(user)
    if found is None:
        return False
    if found.role == Role.BUREAU:
        return found.district == year.department.district
    return found.role in (Role.FINANCE, Role.WORKING_GROUP) and (
        found.department_id == year.department_id
    )


def may_create_tasks(user: User) -> bool:
    """Whether the user creates tasks anywhere (the ledger then offers 新建整改任务)."""
    found = membership(user)
    creators = (Role.FINANCE, Role.WORKING_GROUP, Role.BUREAU)
    return user.is_superuser or (found is not None and found.role in creators)


def _department_role(user: User, task: models.RectificationTask) -> str | None:
    found = membership(user)
    if found is None or found.department_id != task.department_year.department_id:
        return None
    return found.role


def can_work_on(user: User, task: models.RectificationTask) -> bool:
    """The owner writes the measure and progress and uploads evidence, until it is closed."""
    if task.progress == TaskProgress.DONE:
        return False
    role = _department_role(user, task)
    if task.section_id is None:
        return role == Role.FINANCE
    return role == Role.SECTION and membership(user).section_id == task.section_id


def can_set_deadline(user: User, task: models.RectificationTask) -> bool:
    """Finance and the working group agree deadlines with the sections."""
    return task.progress != TaskProgress.DONE and _department_role(user, task) in (
        Role.FINANCE,
        Role.WORKING_GROUP,
    )


def can_close(user: User, task: models.RectificationTask) -> bool:
    """Only the department's working group closes (销号) a task."""
    return task.progress != TaskProgress.DONE and _department_role(user, task) == Role.WORKING_GROUP
