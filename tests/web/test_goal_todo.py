"""The goals before the year on the to-do list: each goal phase waits for one role, an
open 目标调整 for whoever decides its step, and a year still filing its goals lists no
year-end work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.selectors.todo import todo_for
from jixiao.web.services.goal_adjustments import do_decide_adjustment, do_request_adjustment

WAITS_FOR = {
    GoalPhase.DRAFTING: ("section", "finance"),
    GoalPhase.SUBMITTED: ("working_group",),
    GoalPhase.REVIEWED: ("bureau",),
}
ROLES = ("section", "finance", "working_group", "bureau")


def _goal_items(user):
    return [item for group in todo_for(user) if group.heading == "绩效目标" for item in group.items]


def _set_phase(year, phase):
    models.DepartmentYear.objects.filter(pk=year.pk).update(goal_phase=phase)


@pytest.mark.parametrize("phase", list(WAITS_FOR))
def test_each_goal_phase_waits_for_its_roles_only(actors, year_a, phase):
    _set_phase(year_a, phase)
    for role in ROLES:
        items = _goal_items(getattr(actors, role))
        if role in WAITS_FOR[phase]:
            assert [item.url for item in items] == [reverse("goal_overview", args=[year_a.pk])]
        else:
            assert items == [], role
    assert _goal_items(actors.outsider) == []


def test_a_year_filing_its_goals_lists_no_year_end_work(actors, year_a):
    headings = [group.heading for group in todo_for(actors.section)]
    assert any(heading.startswith("待填报的项目") for heading in headings)
    _set_phase(year_a, GoalPhase.DRAFTING)
    headings = [group.heading for group in todo_for(actors.section)]
    assert headings == ["绩效目标"]


def test_a_returned_goal_shows_its_reason(actors, year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(
        goal_phase=GoalPhase.DRAFTING, goal_return_reason="缺少满意度指标"
    )
    assert [item.returned for item in _goal_items(actors.section)] == ["缺少满意度指标"]


def _adjustment_headings(user):
    return [group for group in todo_for(user) if group.heading == "待审批的目标调整"]


def test_an_adjustment_waits_for_the_department_then_the_bureau(actors, year_a):
    _set_phase(year_a, GoalPhase.APPROVED)
    target = year_a.indicators.get(project__code="P1", name="完成数")
    adjustment = do_request_adjustment(acting_user=actors.section, indicator_id=target.pk,
                                       new_target="12", reason="任务增加")  # fmt: skip
    assert _adjustment_headings(actors.working_group) and _adjustment_headings(actors.finance)
    assert not _adjustment_headings(actors.bureau) and not _adjustment_headings(actors.section)
    do_decide_adjustment(acting_user=actors.working_group, adjustment_id=adjustment.pk,
                         approve=True, expected_version=adjustment.version)  # fmt: skip
    [group] = _adjustment_headings(actors.bureau)
    assert group.items[0].url == reverse("project_goals", args=[target.project_id])
    assert not _adjustment_headings(actors.working_group)
    assert not _adjustment_headings(actors.outsider)


def test_the_home_page_shows_a_year_filing_its_goals_by_its_goal_phase(actors, year_a, client_for):
    _set_phase(year_a, GoalPhase.SUBMITTED)
    page = client_for(actors.working_group).get(reverse("home")).content.decode()
    assert "绩效目标已提交，待审核通过或退回" in page
    row = page[page.index("<tbody>") :]
    assert "目标已提交" in row and str(year_a.computed_score) not in row
