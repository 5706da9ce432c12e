"""An import into a year whose goals are approved keeps every approved target, operator,
unit and weight; its actual values still import; the preview names sheet, row and column."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.services.importing import do_import_workbook, preview_import

from .conftest import department_data
from .test_import_in_place import indicator, upload, with_indicator, without_indicator

NAME = "示例街道办事处"


@pytest.fixture
def approved(year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.APPROVED)
    return year_a


def changed_target(**fields):
    return with_indicator(department_data(NAME), "P1", "完成数", **fields)


def as_read(data, tmp_path):
    """The records as read back from a workbook: with the sheet and row of each."""
    return read_workbook(write_workbook(data, tmp_path / "年终.xlsx")).data


def test_a_changed_target_is_refused_naming_sheet_row_and_column(actors, approved, tmp_path):
    plan = preview_import(as_read(changed_target(target=Decimal(8)), tmp_path))
    [refusal] = plan.refused
    [message] = refusal.refused
    assert "工作表“项目绩效指标”第 3 行 G 列“年度指标值”" in message
    assert "年度指标值与批复目标不一致（批复 10，工作簿 8）" in message
    assert "目标调整" in refusal.reason


def test_the_refused_target_stays_and_the_actual_value_imports(actors, approved):
    before = indicator("P1", "完成数")
    do_import_workbook(acting_user=actors.finance, source_name="年终.xlsx",
                       data=changed_target(target=Decimal(8), weight=Decimal(40), actual=Decimal(9)))  # fmt: skip
    after = indicator("P1", "完成数")
    assert (after.target, after.weight) == (before.target, before.weight)
    assert after.actual == 9


def test_a_draft_years_target_still_imports(actors, year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.DRAFTING)
    do_import_workbook(acting_user=actors.finance, data=changed_target(target=Decimal(8)))
    assert indicator("P1", "完成数").target == 8


def test_dropping_an_approved_indicator_is_refused(actors, approved):
    plan = preview_import(without_indicator(department_data(NAME), "P1", "完成数"))
    assert any("该指标是批复目标，不能删除" in item for r in plan.refused for item in r.refused)
    do_import_workbook(acting_user=actors.finance,
                       data=without_indicator(department_data(NAME), "P1", "完成数"))  # fmt: skip
    assert indicator("P1", "完成数")


def test_the_upload_preview_shows_the_refusal(actors, approved, client_for, tmp_path):
    text = upload(client_for(actors.finance), tmp_path, changed_target(unit="件")).content.decode()
    assert "度量单位与批复目标不一致（批复 个，工作簿 件）" in text


def test_the_year_end_score_is_against_the_approved_target(actors, approved):
    lowered = changed_target(target=Decimal(8), actual=Decimal(8))
    do_import_workbook(acting_user=actors.finance, data=lowered)
    scored = indicator("P1", "完成数")
    assert scored.target == 10 and scored.computed_status != "达成"
    models.DepartmentYear.objects.filter(pk=approved.pk).update(goal_phase=GoalPhase.DRAFTING)
    do_import_workbook(acting_user=actors.finance, data=lowered)
    assert indicator("P1", "完成数").computed_status == "达成"


def test_the_admin_cannot_change_a_year_or_an_indicator(actors, approved, client_for):
    admin = client_for(actors.admin)
    year_page = admin.post(f"/admin/jixiao/departmentyear/{approved.pk}/change/",
                           {"goal_phase": "drafting"})  # fmt: skip
    assert year_page.status_code in (403, 200)
    approved.refresh_from_db()
    assert approved.goal_phase == GoalPhase.APPROVED
    row = indicator("P1", "完成数")
    assert admin.get(f"/admin/jixiao/indicator/{row.pk}/change/").status_code == 404


def test_goals_under_review_are_kept_too(actors, year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.SUBMITTED)
    plan = preview_import(changed_target(target=Decimal(8)))
    assert "目标审核中" in plan.refused[0].reason
    assert "年度指标值与申报目标不一致（申报 10，工作簿 8）" in plan.refused[0].refused[0]
    do_import_workbook(acting_user=actors.finance, data=changed_target(target=Decimal(8)))
    assert indicator("P1", "完成数").target == 10
