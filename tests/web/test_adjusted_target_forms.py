"""The year-end 自评表 prints the approved target; one changed by an approved 目标调整
says so in its 年度指标值 cell, with the target it replaced."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.services.goal_adjustments import do_decide_adjustment, do_request_adjustment

ADJUSTED = "≥12个（经批准调整，原值≥10个）"


@pytest.fixture
def approved(year_a):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.APPROVED)
    return year_a


def _adjust(actors, indicator, value, approvers):
    adjustment = do_request_adjustment(
        acting_user=actors.finance, indicator_id=indicator.pk, new_target=value, reason="任务增加"
    )
    for user in approvers:
        adjustment.refresh_from_db()
        do_decide_adjustment(acting_user=user, adjustment_id=adjustment.pk, approve=True,
                             expected_version=adjustment.version)  # fmt: skip


def _target_cell(client, year, sheet_name, indicator_name):
    """The 年度指标值 cell of ``indicator_name`` on ``sheet_name`` of the downloaded tables."""
    response = client.get(reverse("report_download", args=[year.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))[sheet_name]
    header = next(row for row in sheet.iter_rows() if any(c.value == "年度指标值" for c in row))
    column = next(c.column for c in header if c.value == "年度指标值")
    name_column = next(c.column for c in header if c.value == "三级指标")
    row = next(r for r in sheet.iter_rows() if r[name_column - 1].value == indicator_name)
    return row[column - 1].value


def test_an_approved_adjustment_is_printed_with_the_original_target(actors, approved, client_for):
    indicator = approved.indicators.get(project__code="P1", name="完成数")
    _adjust(actors, indicator, "12", [actors.working_group, actors.bureau])
    assert _target_cell(client_for(actors.finance), approved, "P1", "完成数") == ADJUSTED


def test_a_target_adjusted_twice_names_the_one_approved_with_the_goals(
    actors, approved, client_for
):
    indicator = approved.indicators.get(project__code="P1", name="完成数")
    _adjust(actors, indicator, "11", [actors.working_group, actors.bureau])
    _adjust(actors, indicator, "12", [actors.working_group, actors.bureau])
    assert _target_cell(client_for(actors.finance), approved, "P1", "完成数") == ADJUSTED


def test_a_target_as_approved_and_an_adjustment_not_yet_approved_print_plainly(
    actors, approved, client_for
):
    indicator = approved.indicators.get(project__code="P1", name="完成数")
    _adjust(actors, indicator, "12", [actors.working_group])  # passed, not approved
    assert _target_cell(client_for(actors.finance), approved, "P1", "完成数") == "≥10个"


def test_the_report_table_and_the_department_form_say_it_too(actors, approved, client_for):
    indicator = approved.indicators.get(project=None, name="新增经济项目")
    _adjust(actors, indicator, "11", [actors.working_group, actors.bureau])
    client = client_for(actors.finance)
    expected = "≥11个（经批准调整，原值≥10个）"
    assert _target_cell(client, approved, "部门整体", "新增经济项目") == expected
    response = client.get(reverse("report_download", args=[approved.pk, "docx"]))
    cells = {
        cell.text
        for table in docx.Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    }
    assert expected in cells
