"""Drafting goals: indicators added, changed and removed, 上年实际 from year N−1, bad values."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth.models import User

from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.goal_drafting import (
    do_add_goal_indicator,
    do_remove_goal_indicator,
    do_update_department_goal,
    do_update_goal_indicator,
)
from jixiao.web.services.importing import do_import_workbook
from tests.web.conftest import department_data

ROW = {"level1": "产出指标", "level2": "数量指标", "name": "完成数", "kind": "定量",
       "operator": "≥", "target": "12", "unit": "个", "weight": "20", "basis": "计划标准"}  # fmt: skip


@pytest.fixture
def next_year(actors, year_a):
    """Department A's 2024, imported with the 2023 projects, its goals being drafted."""
    data = department_data("示例街道办事处")
    data = replace(data, department=replace(data.department, year=2024))
    year = do_import_workbook(
        acting_user=User.objects.get(username="root"), data=data, source_name="2024.xlsx"
    )
    models.DepartmentYear.objects.filter(pk=year.pk).update(goal_phase=GoalPhase.DRAFTING)
    year.refresh_from_db()
    return year


def add(user, year, project=None, **fields):
    return do_add_goal_indicator(acting_user=user, year_id=year.pk,
                                 project_id=project.pk if project else None,
                                 fields={**ROW, **fields})  # fmt: skip


def test_a_new_indicator_of_a_continuing_project_takes_last_years_actual(actors, year_a, next_year):
    models.Indicator.objects.filter(
        department_year=year_a, project__code="P1", name="完成数"
    ).update(actual=11)
    project = next_year.projects.get(code="P1")
    indicator = add(actors.section, next_year, project)
    assert indicator.previous_actual == 11
    assert indicator.target == 12 and indicator.basis == "计划标准"
    assert indicator.history.first().history_change_reason == "目标申报：新增指标"


def test_an_indicator_new_to_the_project_has_no_previous_actual(actors, next_year):
    indicator = add(actors.section, next_year, next_year.projects.get(code="P1"), name="新指标")
    assert indicator.previous_actual is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("kind", "半定量", "指标性质"), ("operator", "≈", "运算符"), ("basis", "经验", "指标值依据"),
     ("weight", "120", "分值"), ("target", "十个", "不是数字"), ("name", " ", "三级指标")],
)  # fmt: skip
def test_a_bad_value_is_refused_naming_its_field(actors, next_year, field, value, message):
    project = next_year.projects.get(code="P1")
    before = project.indicators.count()
    with pytest.raises(InvalidInput, match=message):
        add(actors.section, next_year, project, **{field: value})
    assert project.indicators.count() == before


def test_a_change_rescores_and_is_kept_in_the_history(actors, next_year):
    indicator = next_year.indicators.filter(project__code="P1", name="完成数").get()
    saved = do_update_goal_indicator(acting_user=actors.section, indicator_id=indicator.pk,
                                     expected_version=indicator.version,
                                     changes={"target": "15", "unit": "处"})  # fmt: skip
    assert (saved.target, saved.unit) == (15, "处")
    assert saved.history.first().history_user == actors.section


def test_a_section_cannot_draft_the_department_goals(actors, next_year):
    with pytest.raises(NotAllowed):
        add(actors.section, next_year, dimension="履职效能")
    row = add(actors.finance, next_year, dimension="履职效能")
    assert row.project_id is None and row.dimension == "履职效能"


def test_finance_writes_the_department_goal_as_paragraphs(actors, next_year):
    year = do_update_department_goal(acting_user=actors.finance, year_id=next_year.pk,
                                     expected_version=next_year.version, goal="一\n\n二")  # fmt: skip
    assert year.texts["overall_goal"] == ["一", "二"]


def test_a_draft_indicator_can_be_removed_by_its_section(actors, next_year):
    indicator = add(actors.section, next_year, next_year.projects.get(code="P1"), name="临时")
    with pytest.raises(NotAllowed):
        do_remove_goal_indicator(acting_user=actors.other_section, indicator_id=indicator.pk,
                                 expected_version=indicator.version)  # fmt: skip
    do_remove_goal_indicator(acting_user=actors.section, indicator_id=indicator.pk,
                             expected_version=indicator.version)  # fmt: skip
    assert not models.Indicator.objects.filter(pk=indicator.pk).exists()
