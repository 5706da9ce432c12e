"""The goals workbook: the blank template, a write-and-read round trip, and the same
sheet/row/column validation in Chinese as the year-end workbook."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import python_calamine

from jixiao.io.goals_reader import read_goals_workbook
from jixiao.io.goals_writer import write_goals_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable
from tests.builders import edit_cells
from tests.goals_builders import D, goals_department, with_goal

ACTUAL_HEADERS = {"全年执行数", "实际完成值", "完成等级", "自评得分", "偏差原因分析及改进措施"}


def headers(path: Path, sheet: str) -> list[str]:
    rows = (
        python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    )
    return [str(cell) for cell in rows[1] if cell]


def unlocated(indicators) -> list:
    return [replace(indicator, location=None) for indicator in indicators]


@pytest.fixture
def goals_file(tmp_path: Path) -> Path:
    data = with_goal(goals_department(), 0, previous_actual=D(11), target_reason="任务调减")
    data = with_goal(data, 2, previous_actual_text="有所改善")
    return write_goals_workbook(data, tmp_path / "goals.xlsx")


def test_the_blank_goals_workbook_has_no_actual_value_columns(tmp_path: Path):
    path = write_goals_workbook(None, tmp_path / "blank.xlsx")
    indicator = headers(path, "项目绩效指标")
    assert {"指标值依据", "上年实际完成值", "目标值说明", "年度指标值", "分值"} <= set(indicator)
    for sheet in ("预算收支", "项目", "项目绩效指标", "部门整体指标"):
        assert not ACTUAL_HEADERS & set(headers(path, sheet)), sheet
    assert "年初预算数" in headers(path, "项目") and "全年预算数" not in headers(path, "项目")


def test_goals_read_back_as_written(goals_file: Path):
    result = read_goals_workbook(goals_file)
    assert result.errors == ()
    expected = with_goal(goals_department(), 0, previous_actual=D(11), target_reason="任务调减")
    expected = with_goal(expected, 2, previous_actual_text="有所改善")
    data = result.data
    assert data.projects[0].fiscal == expected.projects[0].fiscal
    assert data.projects[0].goal == "完成辖区环卫保洁。"
    assert unlocated(data.indicators) == list(expected.indicators)
    assert unlocated(data.department_indicators) == list(expected.department_indicators)
    assert data.indicators[0].location.row == 3


def test_a_bad_target_is_named_by_sheet_row_and_column(goals_file: Path):
    edit_cells(goals_file, "项目绩效指标", {"G3": "约十个"})
    result = read_goals_workbook(goals_file)
    assert result.data is None
    [error] = result.errors
    assert (
        error.describe()
        == "[错误] 工作表“项目绩效指标”第 3 行“年度指标值”列（G 列）：应为数字，实为“约十个”"
    )


def test_a_bad_previous_actual_is_named_too(goals_file: Path):
    edit_cells(goals_file, "项目绩效指标", {"K3": "十一"})
    [error] = read_goals_workbook(goals_file).errors
    assert "“上年实际完成值”列（K 列）" in error.describe()


def test_an_indicator_twice_under_one_project_is_refused(goals_file: Path):
    edit_cells(goals_file, "项目绩效指标", {"C4": "数量指标", "D4": "完成数"})
    [error] = read_goals_workbook(goals_file).errors
    assert "第 4 行“三级指标”列" in error.describe() and "与第 3 行重复" in error.message


def test_an_unknown_project_code_is_refused(goals_file: Path):
    edit_cells(goals_file, "项目绩效指标", {"A3": "P9"})
    [error] = read_goals_workbook(goals_file).errors
    assert "项目编码“P9”在“项目”表中不存在" in error.message


def test_a_missing_sheet_is_refused(goals_file: Path):
    from tests.builders import delete_sheet

    delete_sheet(goals_file, "项目绩效指标")
    [error] = read_goals_workbook(goals_file).errors
    assert error.describe() == "[错误] 工作表“项目绩效指标”：缺少工作表"


def test_a_file_that_is_not_a_workbook_is_unreadable(tmp_path: Path):
    path = tmp_path / "goals.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    with pytest.raises(WorkbookUnreadable):
        read_goals_workbook(path)
