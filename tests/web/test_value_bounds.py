"""Every number and text typed on the web is checked against the field that stores it,
so an absurd value is a message on the form, never a 500, and the import refuses what
`jixiao check` refuses (the same reader)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.io.workbook_limits import workbook_limits
from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from tests.builders import edit_cells, two_project_department
from tests.web.test_indicators import HTMX, completed, edit
from tests.web.test_upload import row_counts, upload
from tests.web.test_workflow import fresh, move_project


@pytest.fixture(autouse=True)
def private_data_dir(settings, tmp_path):
    """Uploads go to a temporary data folder, not the real one."""
    settings.DATA_DIR = tmp_path


ABSURD = ["1e30", "9" * 60, "-1e308", "inf", "nan", "12.345678"]


@pytest.mark.parametrize("absurd", ABSURD)
def test_an_absurd_actual_value_is_refused_on_the_row_and_nothing_changes(
    year_a, actors, client_for, absurd
):
    indicator = completed(year_a)

    response = edit(client_for(actors.section), indicator, actual=absurd)

    assert response.status_code == 200
    assert "实际完成值：" in response.content.decode()
    assert fresh(indicator).actual == completed(year_a).actual
    assert fresh(indicator).version == indicator.version


def test_an_absurd_self_score_on_a_project_is_refused(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    data = {"version": project.version, "self_score": "99.999"}

    response = client_for(actors.section).post(
        reverse("project_edit", args=[project.pk]), data, **HTMX
    )

    assert response.status_code == 200
    assert "小数位数超过 2 位" in response.content.decode()
    assert fresh(project).version == project.version


def test_a_control_character_in_an_explanation_is_refused(year_a, actors, client_for):
    indicator = completed(year_a)

    response = edit(client_for(actors.section), indicator, explanation="进度\x01滞后")

    assert "控制字符（U+0001）" in response.content.decode()
    assert fresh(indicator).explanation == indicator.explanation


def test_a_windows_line_end_in_an_explanation_is_kept_as_a_line_break(year_a, actors, client_for):
    indicator = completed(year_a)

    edit(client_for(actors.section), indicator, explanation="第一行\r\n第二行")

    assert fresh(indicator).explanation == "第一行\n第二行"


def test_an_explanation_longer_than_a_cell_holds_is_refused(year_a, actors, client_for):
    indicator = completed(year_a)

    response = edit(client_for(actors.section), indicator, explanation="滞" * 32768)

    assert "最多 32,767 个字符" in response.content.decode()
    assert fresh(indicator).version == indicator.version


def test_a_return_reason_longer_than_a_history_note_is_kept_whole(year_a, actors, client_for):
    project = year_a.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    reason = "佐证材料不全。" * 40

    move_project(client_for(actors.working_group), fresh(project), "return", reason=reason)

    assert fresh(project).return_reason == reason
    assert len(project.history.first().history_change_reason) <= 100


@pytest.mark.parametrize(("cell", "value"), [("G3", 1e30), ("J3", "9" * 60), ("I3", 33.333)])
def test_an_upload_with_an_absurd_number_is_refused_before_anything_changes(
    actors, year_a, client_for, tmp_path, cell, value
):
    path = write_workbook(two_project_department(), tmp_path / "a.xlsx")
    edit_cells(path, "项目绩效指标", {cell: value})
    before = row_counts()

    response = upload(client_for(actors.finance), path)

    assert response.status_code == 400
    assert "<td>项目绩效指标</td>" in response.content.decode()
    assert row_counts() == before


def test_an_upload_with_a_far_cell_is_refused_naming_the_sheet(
    actors, year_a, client_for, tmp_path
):
    path = write_workbook(two_project_department(), tmp_path / "a.xlsx")
    edit_cells(path, "项目", {"XFD1048576": 1})

    response = upload(client_for(actors.finance), path)

    assert response.status_code == 400
    assert "工作表“项目”有数据写到了 XFD1048576 单元格" in response.content.decode()


TEXT_TABLES = {
    "部门信息": (models.Department, {"部门名称": "name", "部门全称": "full_name", "主管部门": "parent", "地区": "district"}),
    "项目": (models.Project, {"项目编码": "code", "项目名称": "name", "项目层级": "level", "预算类型": "source", "科目编码": "class_code"}),
    "预算收支": (models.BudgetLine, {"预算类型": "source", "科目编码": "class_code", "科目名称": "class_name", "支出类型": "kind"}),
    "项目绩效指标": (models.Indicator, {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "指标性质": "kind", "运算符": "operator", "度量单位": "unit", "完成等级": "band", "指标值依据": "basis", "年度指标值": "target_text", "实际完成值": "actual_text"}),
    "部门整体指标": (models.Indicator, {"维度": "dimension", "自动取数": "metric"}),
    "问题与措施": (models.Statement, {"类型": "kind", "标题": "title"}),
}  # fmt: skip
NUMBER_FIELDS = {
    "年度指标值": (models.Indicator, "target"), "实际完成值": (models.Indicator, "actual"),
    "分值": (models.Indicator, "weight"), "自评得分": (models.Indicator, "self_score"),
    "自评总分": (models.Project, "self_score"), "部门自评总分": (models.DepartmentYear, "self_score"),
}  # fmt: skip


@pytest.mark.parametrize("sheet", sorted(TEXT_TABLES))
def test_the_readers_text_limits_are_the_database_fields_lengths(sheet):
    model, fields = TEXT_TABLES[sheet]
    limits = workbook_limits()

    for header, field in fields.items():
        assert limits.text_length(sheet, header) == model._meta.get_field(field).max_length


def test_the_readers_number_sizes_are_the_database_fields_sizes():
    sizes = workbook_limits().number_sizes

    for header, (model, name) in NUMBER_FIELDS.items():
        field = model._meta.get_field(name)
        assert (sizes[header].digits, sizes[header].places) == (
            field.max_digits,
            field.decimal_places,
        ), header
    assert sizes["分值"].bound > Decimal(100)


def test_a_section_name_fits_its_field():
    field = models.Section._meta.get_field("name")

    assert workbook_limits().text_length("项目", "责任科室") == field.max_length


HUGE = "9" * 30


def test_a_huge_year_filter_on_the_bureau_page_is_ignored(actors, client_for):
    response = client_for(actors.bureau).get(reverse("bureau"), {"year": HUGE})

    assert response.status_code == 200


def test_a_huge_section_filter_on_the_project_list_is_ignored(year_a, actors, client_for):
    response = client_for(actors.finance).get(
        reverse("project_list", args=[year_a.pk]), {"section": HUGE}
    )

    assert response.status_code == 200
