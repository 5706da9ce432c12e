"""目标调整: requesting, passing, approving or rejecting a change to one approved target.

The project's section or finance requests (new value and reason); the department's
working group or finance passes it; the bureau of the district approves it. Only the
approval writes the new target, on the indicator, with a history row that names the
adjustment; a rejection at either step needs a reason. One open request per indicator.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.narrative.indicator_text import plain
from jixiao.web import models
from jixiao.web.goal_roles import goal_role, targets_locked
from jixiao.web.models import AdjustmentStatus, Role
from jixiao.web.roles import membership
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import number_value, text_value
from jixiao.web.services.recompute import recompute
from jixiao.web.services.revision import touch

OPEN = (AdjustmentStatus.REQUESTED, AdjustmentStatus.PASSED)
# Who decides at each open step.
DECIDERS = {
    AdjustmentStatus.REQUESTED: (Role.WORKING_GROUP, Role.FINANCE),
    AdjustmentStatus.PASSED: (Role.BUREAU,),
}


def may_request(user: User, indicator: models.Indicator) -> bool:
    """The project's section, or finance of the department, once the goals are approved."""
    year = indicator.department_year
    found = membership(user)
    if not targets_locked(year) or found is None:
        return False
    if found.role == Role.SECTION:
        return indicator.project is not None and indicator.project.section_id == found.section_id
    return found.role == Role.FINANCE and found.department_id == year.department_id


def may_decide(user: User, adjustment: models.GoalAdjustment) -> bool:
    """Whether the user decides the adjustment's current step."""
    role = goal_role(user, adjustment.department_year)
    return adjustment.status in DECIDERS and role in DECIDERS[adjustment.status]


def _describe(number, text: str, unit: str) -> str:
    return text if number is None else f"{plain(number)}{unit}"


@transaction.atomic
def do_request_adjustment(*, acting_user: User, indicator_id: int, new_target: str,
                          reason: str) -> models.GoalAdjustment:  # fmt: skip
    """Ask to change an approved target to ``new_target``, for ``reason``."""
    indicator = (
        models.Indicator.objects.select_for_update(of=("self",))
        .select_related("project", "department_year__department")
        .get(pk=indicator_id)
    )
    if not may_request(acting_user, indicator):
        raise NotAllowed("只有目标已批复后，项目所属科室或财务人员才能申请调整该指标。")
    if indicator.adjustments.filter(status__in=OPEN).exists():
        raise NotAllowed(f"指标“{indicator.name}”已有待审批的调整申请。")
    reason = text_value(models.GoalAdjustment, "reason", reason)
    if not reason:
        raise InvalidInput("reason", "请填写调整原因。")
    qualitative = indicator.kind == "定性"
    number = None if qualitative else number_value(models.GoalAdjustment, "new_target", new_target)
    text = text_value(models.GoalAdjustment, "new_target_text", new_target) if qualitative else ""
    if number is None and not text:
        raise InvalidInput("new_target", "请填写调整后的年度指标值。")
    unchanged = text == indicator.target_text if qualitative else number == indicator.target
    if unchanged:
        raise InvalidInput("new_target", "调整后的年度指标值与批复目标相同。")
    adjustment = models.GoalAdjustment(
        department_year=indicator.department_year, indicator=indicator, reason=reason,
        old_target=indicator.target, new_target=number, old_target_text=indicator.target_text,
        new_target_text=text, requested_by=acting_user,
    )  # fmt: skip
    adjustment._history_user = acting_user
    adjustment._change_reason = "申请目标调整"
    adjustment.save()
    touch([indicator.department_year_id])
    return adjustment


def _apply(adjustment: models.GoalAdjustment, user: User) -> None:
    """Write the approved value on the indicator, with a history row naming it."""
    indicator = models.Indicator.objects.select_for_update(of=("self",)).get(
        pk=adjustment.indicator_id
    )
    old = _describe(indicator.target, indicator.target_text, indicator.unit)
    indicator.target = adjustment.new_target
    indicator.target_text = adjustment.new_target_text
    indicator.version += 1
    indicator._history_user = user
    new = _describe(indicator.target, indicator.target_text, indicator.unit)
    indicator._change_reason = f"目标调整（已批准）：{old} → {new}"
    indicator.save()
    recompute(adjustment.department_year)


@transaction.atomic
def do_decide_adjustment(*, acting_user: User, adjustment_id: int, approve: bool,
                         reason: str = "", expected_version: int) -> models.GoalAdjustment:  # fmt: skip
    """Pass (department) or approve (bureau) the adjustment, or reject it with a reason."""
    adjustment = (
        models.GoalAdjustment.objects.select_for_update()
        .select_related("department_year__department", "indicator")
        .get(pk=adjustment_id)
    )
    if not may_decide(acting_user, adjustment):
        raise NotAllowed("当前状态或您的角色不允许审批该调整申请。")
    if adjustment.version != expected_version:
        raise EditConflict("该调整申请")
    reason = text_value(models.GoalAdjustment, "decision_reason", reason)
    if not approve and not reason:
        raise InvalidInput("reason", "不予批准须填写原因。")
    if not approve:
        adjustment.status, adjustment.decision_reason = AdjustmentStatus.REJECTED, reason
    elif adjustment.status == AdjustmentStatus.REQUESTED:
        adjustment.status = AdjustmentStatus.PASSED
    else:
        adjustment.status = AdjustmentStatus.APPROVED
        _apply(adjustment, acting_user)
    adjustment.version += 1
    adjustment._history_user = acting_user
    adjustment._change_reason = adjustment.get_status_display()
    adjustment.save()
    touch([adjustment.department_year_id])
    return adjustment
