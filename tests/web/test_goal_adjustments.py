"""目标调整: requested by the section, passed by the department, approved by the bureau;
only the approval changes the target, with its history; nothing else can."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web import models
from jixiao.web.models import AdjustmentStatus, GoalPhase
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.goal_adjustments import do_decide_adjustment, do_request_adjustment


@pytest.fixture
def approved(year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.APPROVED)
    return year_a


@pytest.fixture
def target(approved):
    return approved.indicators.get(project__code="P1", name="完成数")


def request(user, indicator, value="12", reason="新增两处保洁点"):
    return do_request_adjustment(acting_user=user, indicator_id=indicator.pk, new_target=value,
                                 reason=reason)  # fmt: skip


def decide(user, adjustment, approve=True, reason=""):
    adjustment.refresh_from_db()
    return do_decide_adjustment(acting_user=user, adjustment_id=adjustment.pk, approve=approve,
                                reason=reason, expected_version=adjustment.version)  # fmt: skip


def test_an_approved_adjustment_changes_the_target_with_its_history(actors, target):
    adjustment = request(actors.section, target)
    assert decide(actors.working_group, adjustment).status == AdjustmentStatus.PASSED
    target.refresh_from_db()
    assert target.target == 10  # not until the bureau approves
    assert decide(actors.bureau, adjustment).status == AdjustmentStatus.APPROVED
    target.refresh_from_db()
    assert target.target == 12 and adjustment.old_target == 10
    last = target.history.first()
    assert last.history_user == actors.bureau
    assert last.history_change_reason == "目标调整（已批准）：10个 → 12个"


def test_a_rejection_needs_a_reason_and_leaves_the_target(actors, target):
    adjustment = request(actors.section, target)
    with pytest.raises(InvalidInput):
        decide(actors.working_group, adjustment, approve=False)
    rejected = decide(actors.working_group, adjustment, approve=False, reason="依据不足")
    assert rejected.status == AdjustmentStatus.REJECTED and rejected.decision_reason == "依据不足"
    target.refresh_from_db()
    assert target.target == 10


def test_no_adjustment_before_the_goals_are_approved(actors, target):
    models.DepartmentYear.objects.filter(pk=target.department_year_id).update(
        goal_phase=GoalPhase.DRAFTING
    )
    with pytest.raises(NotAllowed):
        request(actors.section, target)


@pytest.mark.parametrize("who", ["other_section", "working_group", "bureau", "outsider"])
def test_only_the_section_or_finance_requests(actors, target, who):
    with pytest.raises(NotAllowed):
        request(getattr(actors, who), target)


def test_the_department_cannot_approve_for_the_bureau(actors, target):
    adjustment = request(actors.finance, target)
    with pytest.raises(NotAllowed):
        decide(actors.bureau, adjustment)  # the department passes it first
    decide(actors.finance, adjustment)
    for user in (actors.finance, actors.working_group, actors.section):
        with pytest.raises(NotAllowed):
            decide(user, adjustment)


def test_one_open_request_per_indicator(actors, target):
    request(actors.section, target)
    with pytest.raises(NotAllowed, match="已有待审批"):
        request(actors.section, target, "13")


def test_a_request_for_the_same_value_is_refused(actors, target):
    with pytest.raises(InvalidInput, match="相同"):
        request(actors.section, target, "10")
    assert not models.GoalAdjustment.objects.exists()
    assert target.target == Decimal(10)


def test_the_year_end_edit_cannot_change_an_approved_target(actors, target):
    from jixiao.web.services.indicators import do_update_indicator

    with pytest.raises(InvalidInput):
        do_update_indicator(acting_user=actors.section, indicator_id=target.pk,
                            expected_version=target.version, changes={"target": "8"})  # fmt: skip
    target.refresh_from_db()
    assert target.target == 10
