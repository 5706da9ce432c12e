"""The review workflow as data: 填报中 → 已提交 → 工作小组已审核 → 财政局已审阅, with 退回.

A project moves when its section submits it and the working group approves or returns
it; the department-year moves when finance submits it, the working group signs it off
(locking it) and the bureau reviews or returns it. A return always carries a reason.

Signing off a year while some of its projects are still 填报中 or 已提交 (not reviewed)
is refused, naming them, unless the working group confirms an override with a reason;
the override, with the projects it passed over, is kept on the year (``lock_override``)
and in its history row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.web import models
from jixiao.web.models import Role, Status
from jixiao.web.roles import membership
from jixiao.web.selectors.lock import LOCKED, unreviewed_projects
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import text_value
from jixiao.web.services.revision import touch


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: Status
    target: Status
    roles: tuple[str, ...]
    needs_reason: bool = False


PROJECT_TRANSITIONS = (
    Transition("submit", "提交", Status.DRAFT, Status.SUBMITTED, (Role.SECTION, Role.FINANCE)),
    Transition(
        "approve", "审核通过", Status.SUBMITTED, Status.GROUP_APPROVED, (Role.WORKING_GROUP,)
    ),
    Transition(
        "return", "退回", Status.SUBMITTED, Status.DRAFT, (Role.WORKING_GROUP, Role.FINANCE), True
    ),
    Transition("reopen", "退回", Status.GROUP_APPROVED, Status.DRAFT, (Role.WORKING_GROUP,), True),
)
YEAR_TRANSITIONS = (
    Transition("submit", "提交工作小组审核", Status.DRAFT, Status.SUBMITTED, (Role.FINANCE,)),
    Transition(
        "approve",
        "审核签发（锁定）",
        Status.SUBMITTED,
        Status.GROUP_APPROVED,
        (Role.WORKING_GROUP,),
    ),
    Transition("return", "退回", Status.SUBMITTED, Status.DRAFT, (Role.WORKING_GROUP,), True),
    Transition("review", "审阅完成", Status.GROUP_APPROVED, Status.BUREAU_REVIEWED, (Role.BUREAU,)),
    Transition("bureau_return", "退回", Status.GROUP_APPROVED, Status.DRAFT, (Role.BUREAU,), True),
)


def _acts_for(
    user: User, year: models.DepartmentYear, project: models.Project | None
) -> str | None:
    found = membership(user)
    if found is None:
        return None
    if found.role == Role.BUREAU:
        return found.role if found.district == year.department.district else None
    if found.department_id != year.department_id and found.role != Role.SECTION:
        return None
    if found.role == Role.SECTION and (project is None or project.section_id != found.section_id):
        return None
    return found.role


def available(
    user: User, year: models.DepartmentYear, project: models.Project | None = None
) -> list[Transition]:
    role = _acts_for(user, year, project)
    table = PROJECT_TRANSITIONS if project is not None else YEAR_TRANSITIONS
    status = project.status if project is not None else year.status
    if project is not None and year.status != Status.DRAFT:
        return []
    return [t for t in table if t.source == status and role in t.roles]


def _find(user, year, project, name: str) -> Transition:
    for transition in available(user, year, project):
        if transition.name == name:
            return transition
    raise NotAllowed("当前状态或您的角色不允许此操作。")


NAMED_IN_MESSAGE = 5


class LockBlocked(NotAllowed):
    """Signing off would pass over projects not yet reviewed; ``projects`` lists them."""

    def __init__(self, projects: list[models.Project]):
        named = "、".join(f"{p.code} {p.name}" for p in projects[:NAMED_IN_MESSAGE])
        more = f"等 {len(projects)} 个" if len(projects) > NAMED_IN_MESSAGE else ""
        super().__init__(
            f"还有 {len(projects)} 个项目未经工作小组审核（{named}{more}，填报中或已提交），"
            "不能审核签发。请先审核这些项目；确需签发的，须填写越过审核的原因并确认。"
        )
        self.projects = projects


def _override_note(projects: list[models.Project], reason: str) -> str:
    listed = "；".join(f"{p.code} {p.name}（{p.get_status_display()}）" for p in projects)
    return f"越过 {len(projects)} 个未审核项目签发。原因：{reason}。未审核项目：{listed}"


def _check_lock(year: models.DepartmentYear, override_reason: str) -> str:
    """The override note to keep ("" when every project is reviewed); refuses without one."""
    projects = unreviewed_projects(year)
    if not projects:
        return ""
    if not override_reason.strip():
        raise LockBlocked(projects)
    return _override_note(projects, override_reason.strip())


def _change_reason(record, text: str) -> str:
    """``text`` cut to what the history row's reason holds; the whole reason stays in
    ``return_reason``, whose history row keeps it too."""
    limit = record.history.model._meta.get_field("history_change_reason").max_length
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _apply(record, transition: Transition, user: User, reason: str, version: int) -> None:
    reason = text_value(type(record), "return_reason", reason)
    if transition.needs_reason and not reason:
        raise InvalidInput("reason", "退回须填写原因。")
    if record.version != version:
        raise EditConflict(str(record))
    record.status = transition.target
    record.return_reason = reason if transition.needs_reason else ""
    record.version += 1
    record._history_user = user
    record._change_reason = _change_reason(
        record, f"{transition.label}：{reason}" if reason else transition.label
    )
    record.save()
    touch([record.pk if isinstance(record, models.DepartmentYear) else record.department_year_id])


@transaction.atomic
def do_transition_project(*, acting_user: User, project_id: int, name: str, reason: str = "",
                          expected_version: int) -> models.Project:  # fmt: skip
    project = (
        models.Project.objects.select_for_update()
        .select_related("department_year__department")
        .get(pk=project_id)
    )
    transition = _find(acting_user, project.department_year, project, name)
    _apply(project, transition, acting_user, reason, expected_version)
    return project


@transaction.atomic
def do_transition_year(*, acting_user: User, year_id: int, name: str, reason: str = "",
                       expected_version: int, override_reason: str = "",
                       ) -> models.DepartmentYear:  # fmt: skip
    """Move the year; signing off over unreviewed projects needs ``override_reason``."""
    year = (
        models.DepartmentYear.objects.select_for_update()
        .select_related("department")
        .get(pk=year_id)
    )
    transition = _find(acting_user, year, None, name)
    if transition.target == Status.GROUP_APPROVED:
        year.lock_override = _check_lock(year, override_reason)
    elif transition.target not in LOCKED:
        year.lock_override = ""
    # An override note is also the history row's reason: who passed over what, and why.
    _apply(year, transition, acting_user, year.lock_override or reason, expected_version)
    return year
