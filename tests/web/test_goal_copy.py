"""Year N+1's goals started from year N: continuing projects, indicators and targets as a
draft, year N's actual values as 上年实际; year N unchanged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.core.rectification import TaskProgress
from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.goal_copy import do_copy_goals_to_next_year
from jixiao.web.services.rectification import create_task_from_source


def copy(user, year, codes=("P1", "P2")):
    ids = list(year.projects.filter(code__in=codes).values_list("pk", flat=True))
    return do_copy_goals_to_next_year(acting_user=user, year_id=year.pk, project_ids=ids)


def test_the_continuing_projects_goals_become_next_years_draft(actors, year_a):
    models.Indicator.objects.filter(project__code="P1", name="完成数").update(actual=11)
    following = copy(actors.finance, year_a, codes=("P1",))
    assert (following.year, following.goal_phase) == (2024, GoalPhase.DRAFTING)
    assert list(following.projects.values_list("code", flat=True)) == ["P1"]
    done = following.indicators.get(project__code="P1", name="完成数")
    assert (done.target, done.previous_actual, done.actual) == (10, 11, None)
    assert following.indicators.filter(project__isnull=True).count() == 2
    assert done.history.get().history_user == actors.finance
    assert year_a.indicators.get(project__code="P1", name="完成数").actual == 11


def test_the_new_years_money_is_left_for_finance(actors, year_a):
    following = copy(actors.finance, year_a)
    assert all(p.initial == 0 for p in following.projects.all())


def test_a_year_is_copied_once_and_only_by_its_finance(actors, year_a):
    for user in (actors.section, actors.working_group, actors.outsider):
        with pytest.raises(NotAllowed):
            copy(user, year_a)
    copy(actors.finance, year_a)
    with pytest.raises(InvalidInput, match="2024 年度已存在"):
        copy(actors.finance, year_a)


def test_the_copy_button_starts_the_next_year(actors, year_a, client_for):
    client = client_for(actors.finance)
    page = client.get(reverse("goal_overview", args=[year_a.pk])).content.decode()
    assert "<summary>开始 2024 年度目标申报" in page
    ids = list(year_a.projects.values_list("pk", flat=True))
    response = client.post(reverse("goal_copy", args=[year_a.pk]), {"project": ids}, follow=True)
    assert "已由 2023 年度目标开始 2024 年度目标申报" in response.content.decode()
    assert models.DepartmentYear.objects.filter(year=2024).count() == 1


def test_next_years_goals_show_last_years_open_tasks_and_not_the_closed_ones(
    actors, year_a, client_for
):
    def task(problem: str):
        return create_task_from_source(
            acting_user=actors.working_group, department_year_id=year_a.pk,
            source=TaskSource.AUDIT_INSPECTION, problem=problem,
            project_id=year_a.projects.get(code="P1").pk,
        )  # fmt: skip

    task("保洁经费支付进度慢")
    closed = task("台账不全")
    models.RectificationTask.objects.filter(pk=closed.pk).update(progress=TaskProgress.DONE)
    following = copy(actors.finance, year_a)

    page = client_for(actors.finance).get(reverse("goal_overview", args=[following.pk]))

    text = page.content.decode()
    assert "上年未完成的整改任务（1）" in text
    assert "保洁经费支付进度慢" in text and "台账不全" not in text
