"""Moving a department-year's goals through 目标申报 → 已提交 → 已审核 → 已批复, with 退回.

Finance starts and submits the goals; the working group passes or returns them; the
bureau approves (批复, which fixes every target) or returns them. A return always carries
a reason, kept on the year and in its history row. The phase is a field of the one
DepartmentYear, so the year-end work later reads the very rows that were approved.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.web import models
from jixiao.web.goal_roles import goal_role
from jixiao.web.models import GoalPhase, Role
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import text_value
from jixiao.web.services.revision import touch


@dataclass(frozen=True)
class GoalTransition:
    name: str
    label: str
    source: GoalPhase
    target: GoalPhase
    roles: tuple[str, ...]
    needs_reason: bool = False


GOAL_TRANSITIONS = (
    GoalTransition("start", "开始目标申报", GoalPhase.NONE, GoalPhase.DRAFTING, (Role.FINANCE,)),
    GoalTransition(
        "submit", "提交目标审核", GoalPhase.DRAFTING, GoalPhase.SUBMITTED, (Role.FINANCE,)
    ),
    GoalTransition(
        "review", "目标审核通过", GoalPhase.SUBMITTED, GoalPhase.REVIEWED, (Role.WORKING_GROUP,)
    ),
    GoalTransition(
        "return", "退回修改", GoalPhase.SUBMITTED, GoalPhase.DRAFTING, (Role.WORKING_GROUP,), True
    ),
    GoalTransition(
        "approve", "批复目标（锁定）", GoalPhase.REVIEWED, GoalPhase.APPROVED, (Role.BUREAU,)
    ),
    GoalTransition(
        "bureau_return", "退回修改", GoalPhase.REVIEWED, GoalPhase.DRAFTING, (Role.BUREAU,), True
    ),
)


def available_goal_moves(user: User, year: models.DepartmentYear) -> list[GoalTransition]:
    """The goal moves the user may make on ``year`` now."""
    role = goal_role(user, year)
    return [t for t in GOAL_TRANSITIONS if t.source == year.goal_phase and role in t.roles]


def _history_reason(year: models.DepartmentYear, text: str) -> str:
    limit = year.history.model._meta.get_field("history_change_reason").max_length
    return text if len(text) <= limit else text[: limit - 1] + "…"


@transaction.atomic
def do_move_goals(*, acting_user: User, year_id: int, name: str, reason: str = "",
                  expected_version: int) -> models.DepartmentYear:  # fmt: skip
    """Make the goal move ``name`` on the year, if the user's role and the phase allow it."""
    year = (
        models.DepartmentYear.objects.select_for_update()
        .select_related("department")
        .get(pk=year_id)
    )
    move = next((t for t in available_goal_moves(acting_user, year) if t.name == name), None)
    if move is None:
        raise NotAllowed("当前目标阶段或您的角色不允许此操作。")
    reason = text_value(models.DepartmentYear, "goal_return_reason", reason)
    if move.needs_reason and not reason:
        raise InvalidInput("reason", "退回须填写原因。")
    if year.version != expected_version:
        raise EditConflict(str(year))
    year.goal_phase = move.target
    year.goal_return_reason = reason if move.needs_reason else ""
    year.version += 1
    year._history_user = acting_user
    year._change_reason = _history_reason(
        year, f"目标{move.label}：{reason}" if reason else f"目标{move.label}"
    )
    year.save()
    touch([year.pk])
    return year
