"""Numbers too large or too precise to store, control characters and over-long text are
refused at reading, naming the cell, so a workbook that passes `check` can be imported
and reported. Each test spoils one cell of a small valid workbook and expects exactly
that one error."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.core.records import DepartmentYear
from jixiao.io.sheet_cells import column_letter
from jixiao.io.workbook_format import PROJECT_SHEET
from jixiao.io.workbook_reader import read_workbook
from tests.builders import (
    edit_cells,
    profile_row,
    small_department_year,
    with_indicator,
    write_small_workbook,
)
from tests.io.test_workbook_errors import assert_points_at, spoiled, the_only_error

SIXTY_NINES = "9" * 60


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_small_workbook(tmp_path / "示例街道-2023.xlsx")


@pytest.mark.parametrize("absurd", [1e30, SIXTY_NINES, -1e308, "1e30", "-1E+308"])
def test_it_refuses_a_target_too_large_to_store(workbook: Path, absurd: object) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"G3": absurd}))

    assert_points_at(error, "项目绩效指标", 3, "年度指标值", "G")
    assert "数值超出范围" in error.message


@pytest.mark.parametrize("absurd", [1e30, SIXTY_NINES, -1e308])
def test_it_refuses_an_actual_too_large_to_store(workbook: Path, absurd: object) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"J3": absurd}))

    assert_points_at(error, "项目绩效指标", 3, "实际完成值", "J")
    assert "数值超出范围" in error.message


@pytest.mark.parametrize("word", ["inf", "-inf", "nan", "Infinity"])
def test_it_refuses_infinity_and_nan_written_as_words(workbook: Path, word: str) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"J3": word}))

    assert_points_at(error, "项目绩效指标", 3, "实际完成值", "J")
    assert error.message == f"应为数字，实为“{word}”"


def test_it_refuses_an_actual_more_precise_than_it_is_stored(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"J3": 12.00001}))

    assert_points_at(error, "项目绩效指标", 3, "实际完成值", "J")
    assert error.message.startswith("小数位数超过 4 位")


def test_it_refuses_a_weight_with_more_decimals_than_a_score_has(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"I3": 29.999}))

    assert_points_at(error, "项目绩效指标", 3, "分值", "I")
    assert error.message.startswith("小数位数超过 2 位")


def test_trailing_zeros_are_no_extra_precision(workbook: Path) -> None:
    result = spoiled(workbook, "项目绩效指标", {"J3": "12.000000"})

    assert result.errors == ()


def project_column(key: str) -> str:
    """The project sheet's column of ``key``, wherever the sheet's layout puts it."""
    return column_letter([c.key for c in PROJECT_SHEET.columns].index(key))


GOAL_COLUMN = project_column("goal")


def test_it_refuses_a_project_self_score_of_absurd_size(workbook: Path) -> None:
    column = project_column("self_score")
    error = the_only_error(spoiled(workbook, "项目", {f"{column}3": 1e30}))

    assert_points_at(error, "项目", 3, "自评总分", column)


def written(tmp_path: Path, data: DepartmentYear) -> Path:
    """``data`` as a workbook; xlsxwriter keeps control characters (as ``_x0001_``)."""
    return write_small_workbook(tmp_path / "控制字符.xlsx", data)


@pytest.mark.parametrize("control", ["\x01", "\x08", "\x0b", "\x1f", "\x7f", "\x85"])
def test_it_refuses_a_control_character_in_a_text_cell(tmp_path: Path, control: str) -> None:
    data = small_department_year()
    project = replace(data.projects[0], goal=f"完成{control}整治任务")

    error = the_only_error(read_workbook(written(tmp_path, replace(data, projects=(project,)))))

    assert_points_at(error, "项目", 3, "年度总体目标", GOAL_COLUMN)
    assert f"U+{ord(control):04X}" in error.message


def test_it_refuses_a_control_character_in_an_indicator_name(tmp_path: Path) -> None:
    data = with_indicator(small_department_year(), 0, name="整治\x02小区数")

    error = the_only_error(read_workbook(written(tmp_path, data)))

    assert_points_at(error, "项目绩效指标", 3, "三级指标", "D")


def test_tabs_and_line_breaks_are_kept_and_carriage_returns_become_line_breaks(
    workbook: Path,
) -> None:
    result = spoiled(workbook, "项目", {f"{GOAL_COLUMN}3": "第一段\r\n第二段\r第三段\t完"})

    assert result.data is not None
    assert result.data.projects[0].goal == "第一段\n第二段\n第三段\t完"


def test_it_refuses_a_department_name_longer_than_its_field(workbook: Path) -> None:
    row = profile_row(workbook, "部门名称")
    result = read_workbook(edit_cells(workbook, "部门信息", {f"B{row}": "街" * 300}))

    error = the_only_error(result)
    assert_points_at(error, "部门信息", row, "内容", "B")
    assert error.message == "“部门名称”最多 100 个字符，实为 300 个"


def test_it_refuses_a_project_name_longer_than_its_field(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"B3": "项" * 201}))

    assert_points_at(error, "项目", 3, "项目名称", "B")
    assert error.message == "文字过长：最多 200 个字符，实为 201 个"


def test_text_at_every_limit_is_read_whole(tmp_path: Path) -> None:
    data = small_department_year()
    longest = replace(data.department, name="街" * 100, full_name="全" * 200, parent="主" * 200)
    path = write_small_workbook(tmp_path / "长.xlsx", replace(data, department=longest))

    result = read_workbook(path)

    assert result.errors == ()
    assert result.data is not None and result.data.department.full_name == "全" * 200
