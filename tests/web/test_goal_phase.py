"""The goals' phase of a department-year: drafted, submitted, returned, reviewed, approved."""

from __future__ import annotations

import pytest

from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.goal_drafting import do_update_goal_indicator, do_update_project_goal
from jixiao.web.services.goal_phase import available_goal_moves, do_move_goals


def move(user, year, name, reason=""):
    year.refresh_from_db()
    return do_move_goals(
        acting_user=user, year_id=year.pk, name=name, reason=reason, expected_version=year.version
    )


def drafting(year, actors):
    move(actors.finance, year, "start")
    year.refresh_from_db()
    return year


def test_an_imported_year_has_not_started_its_goals(actors, year_a):
    assert year_a.goal_phase == GoalPhase.NONE
    assert [t.name for t in available_goal_moves(actors.finance, year_a)] == ["start"]
    assert available_goal_moves(actors.section, year_a) == []


def test_the_goals_go_from_draft_to_approved_on_the_one_year(actors, year_a):
    drafting(year_a, actors)
    move(actors.finance, year_a, "submit")
    move(actors.working_group, year_a, "review")
    approved = move(actors.bureau, year_a, "approve")
    assert approved.pk == year_a.pk and approved.goal_phase == GoalPhase.APPROVED
    assert models.DepartmentYear.objects.count() == 2  # no copy made


def test_a_return_needs_a_reason_and_keeps_it_with_the_history(actors, year_a):
    drafting(year_a, actors)
    move(actors.finance, year_a, "submit")
    with pytest.raises(InvalidInput):
        move(actors.working_group, year_a, "return", reason="  ")
    returned = move(actors.working_group, year_a, "return", reason="满意度指标缺失")
    assert returned.goal_phase == GoalPhase.DRAFTING
    assert returned.goal_return_reason == "满意度指标缺失"
    last = returned.history.order_by("-history_date").first()
    assert last.history_user == actors.working_group
    assert "满意度指标缺失" in last.history_change_reason


def test_the_bureau_may_return_reviewed_goals(actors, year_a):
    drafting(year_a, actors)
    move(actors.finance, year_a, "submit")
    move(actors.working_group, year_a, "review")
    assert move(actors.bureau, year_a, "bureau_return", "目标偏低").goal_phase == GoalPhase.DRAFTING


@pytest.mark.parametrize("who", ["section", "working_group", "bureau", "outsider"])
def test_only_finance_submits_the_goals(actors, year_a, who):
    drafting(year_a, actors)
    with pytest.raises(NotAllowed):
        move(getattr(actors, who), year_a, "submit")


def test_only_the_bureau_approves(actors, year_a):
    drafting(year_a, actors)
    move(actors.finance, year_a, "submit")
    move(actors.working_group, year_a, "review")
    for user in (actors.finance, actors.working_group, actors.outsider):
        with pytest.raises(NotAllowed):
            move(user, year_a, "approve")


def test_a_stale_version_is_refused(actors, year_a):
    drafting(year_a, actors)
    with pytest.raises(EditConflict):
        do_move_goals(acting_user=actors.finance, year_id=year_a.pk, name="submit",
                      expected_version=year_a.version - 1)  # fmt: skip


def test_a_section_drafts_only_its_own_projects_and_only_while_drafting(actors, year_a):
    project = year_a.projects.get(code="P1")
    with pytest.raises(NotAllowed):
        do_update_project_goal(acting_user=actors.section, project_id=project.pk,
                               expected_version=project.version, goal="保洁")  # fmt: skip
    drafting(year_a, actors)
    saved = do_update_project_goal(acting_user=actors.section, project_id=project.pk,
                                   expected_version=project.version, goal="道路保洁全覆盖")  # fmt: skip
    assert saved.goal == "道路保洁全覆盖"
    assert saved.history.first().history_user == actors.section
    with pytest.raises(NotAllowed):
        do_update_project_goal(acting_user=actors.other_section, project_id=project.pk,
                               expected_version=saved.version, goal="改")  # fmt: skip


@pytest.mark.parametrize("phase", [GoalPhase.SUBMITTED, GoalPhase.REVIEWED, GoalPhase.APPROVED])
def test_no_target_changes_once_the_goals_are_submitted(actors, year_a, phase):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=phase)
    indicator = year_a.indicators.filter(project__code="P1").first()
    with pytest.raises(NotAllowed):
        do_update_goal_indicator(acting_user=actors.finance, indicator_id=indicator.pk,
                                 expected_version=indicator.version, changes={"target": "1"})  # fmt: skip
    indicator.refresh_from_db()
    assert indicator.target == 10
