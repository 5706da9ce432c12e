"""The goal screens: who sees what, drafting through the forms, suggestions, the moves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import GoalPhase

ROW = {"level1": "产出指标", "level2": "数量指标", "name": "清扫道路", "kind": "定量",
       "operator": "≥", "target": "30", "unit": "公里", "weight": "10", "basis": "计划标准"}  # fmt: skip


@pytest.fixture
def drafting(year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.DRAFTING)
    year_a.refresh_from_db()
    return year_a


def test_the_overview_shows_the_review_grade_and_a_sections_own_projects(
    actors, drafting, client_for
):
    page = client_for(actors.finance).get(reverse("goal_overview", args=[drafting.pk]))
    text = page.content.decode()
    assert "目标申报中" in text and "部门整体：" in text and "社区服务" in text
    section_page = client_for(actors.section).get(reverse("goal_overview", args=[drafting.pk]))
    assert "环卫保洁" in section_page.content.decode()
    assert "社区服务" not in section_page.content.decode()


@pytest.mark.parametrize(
    "name", ["goal_overview", "department_goals", "department_goal_suggestions"]
)
def test_an_outsider_gets_404(actors, drafting, client_for, name):
    response = client_for(actors.outsider).get(reverse(name, args=[drafting.pk]))
    assert response.status_code == 404


def test_another_sections_project_goals_are_404(actors, drafting, client_for):
    project = drafting.projects.get(code="P2")
    response = client_for(actors.section).get(reverse("project_goals", args=[project.pk]))
    assert response.status_code == 404


def test_a_section_adds_an_indicator_through_the_form(actors, drafting, client_for):
    project = drafting.projects.get(code="P1")
    response = client_for(actors.section).post(
        reverse("goal_indicator_add", args=[drafting.pk]),
        {**ROW, "project": project.pk},
        follow=True,
    )
    assert "已新增指标“清扫道路”" in response.content.decode()
    assert project.indicators.filter(name="清扫道路", target=30).exists()


def test_a_refused_value_is_said_in_chinese_and_nothing_is_saved(actors, drafting, client_for):
    indicator = drafting.indicators.filter(project__code="P1").first()
    response = client_for(actors.section).post(
        reverse("goal_indicator_edit", args=[indicator.pk]),
        {"version": indicator.version, "target": "很多"},
        follow=True,
    )
    assert "不是数字" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.target == 10


def test_suggestions_offer_library_indicators_that_fill_the_row(actors, drafting, client_for):
    project = drafting.projects.get(code="P2")
    response = client_for(actors.other_section).get(reverse("goal_suggestions", args=[project.pk]))
    text = response.content.decode()
    assert "data-goal-fill" in text and "指标库" in text


def test_suggestions_include_the_districts_history(actors, drafting, year_b, client_for):
    models.Indicator.objects.filter(department_year=year_b, project__code="P1").update(
        name="垃圾清运量"
    )
    project = drafting.projects.get(code="P1")
    response = client_for(actors.section).get(reverse("goal_suggestions", args=[project.pk]))
    assert "垃圾清运量" in response.content.decode()
    assert "本地区历史：另一街道办事处 2023" in response.content.decode()


def test_the_moves_are_buttons_for_the_roles_that_may_make_them(actors, drafting, client_for):
    url = reverse("goal_overview", args=[drafting.pk])
    assert "提交目标审核" in client_for(actors.finance).get(url).content.decode()
    assert "提交目标审核" not in client_for(actors.section).get(url).content.decode()
    client_for(actors.finance).post(
        reverse("goal_move", args=[drafting.pk]), {"name": "submit", "version": drafting.version}
    )
    drafting.refresh_from_db()
    assert drafting.goal_phase == GoalPhase.SUBMITTED
    page = client_for(actors.working_group).get(url).content.decode()
    assert "目标审核通过" in page and "退回修改原因" in page


def test_an_adjustment_goes_through_the_pages(actors, year_a, client_for):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.APPROVED)
    row = year_a.indicators.get(project__code="P1", name="完成数")
    page = client_for(actors.section).get(reverse("project_goals", args=[row.project_id]))
    assert "申请调整" in page.content.decode()
    client_for(actors.section).post(reverse("goal_adjustment_request", args=[row.pk]),
                                    {"new_target": "11", "reason": "新增保洁点"})  # fmt: skip
    adjustment = models.GoalAdjustment.objects.get()
    outsider = client_for(actors.outsider).post(
        reverse("goal_adjustment_decide", args=[adjustment.pk]),
        {"decision": "approve", "version": adjustment.version},
    )
    assert outsider.status_code == 404
    overview = reverse("goal_overview", args=[year_a.pk])
    assert "审核通过</button>" in client_for(actors.working_group).get(overview).content.decode()
    for user in (actors.working_group, actors.bureau):
        adjustment.refresh_from_db()
        client_for(user).post(reverse("goal_adjustment_decide", args=[adjustment.pk]),
                              {"decision": "approve", "version": adjustment.version})  # fmt: skip
    row.refresh_from_db()
    assert row.target == 11


@pytest.mark.parametrize("value", ["abc", "9" * 30])
def test_a_malformed_project_number_is_404_not_500(actors, drafting, client_for, value):
    response = client_for(actors.section).post(
        reverse("goal_indicator_add", args=[drafting.pk]), {**ROW, "project": value}
    )
    assert response.status_code == 404
