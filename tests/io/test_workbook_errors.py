"""Every bad input is refused with a Chinese message naming sheet, row and column.

Each test spoils one cell of a small valid workbook (or removes a sheet) and expects
exactly one error, so it fails if the reader refuses the workbook for another reason.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.core.findings import Finding, Severity
from jixiao.io.workbook_reader import LoadResult, read_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable
from tests.builders import (
    delete_sheet,
    edit_cells,
    profile_row,
    small_department_year,
    small_project,
    write_small_workbook,
)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_small_workbook(tmp_path / "示例街道-2023.xlsx")


def spoiled(path: Path, sheet: str, edits: dict[str, object]) -> LoadResult:
    return read_workbook(edit_cells(path, sheet, edits))


def the_only_error(result: LoadResult) -> Finding:
    """The single error a spoiled workbook yields; no data comes with it."""
    assert result.data is None
    assert len(result.errors) == 1, [finding.describe() for finding in result.errors]
    (error,) = result.errors
    assert error.severity is Severity.ERROR
    return error


def assert_points_at(error: Finding, sheet: str, row: int, header: str, letter: str) -> None:
    assert error.location is not None
    where = (error.location.sheet, error.location.row, error.location.column)
    assert (*where, error.location.letter) == (sheet, row, header, letter)
    assert f"工作表“{sheet}”第 {row} 行“{header}”列（{letter} 列）" in error.describe()


def test_the_small_valid_workbook_reads_with_no_errors(workbook: Path) -> None:
    result = read_workbook(workbook)

    assert result.errors == ()
    assert result.data is not None
    assert [p.code for p in result.data.projects] == ["XT23001"]


def test_it_refuses_a_workbook_without_its_budget_sheet(workbook: Path) -> None:
    error = the_only_error(read_workbook(delete_sheet(workbook, "预算收支")))

    assert error.location is not None
    assert error.location.sheet == "预算收支"
    assert error.describe() == "[错误] 工作表“预算收支”：缺少工作表"


def test_it_refuses_a_sheet_missing_a_required_column(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"F2": None}))

    # The column is gone, so there is no letter to give: the header row and name are.
    assert error.location is not None
    assert (error.location.sheet, error.location.row, error.location.column) == (
        "项目",
        2,
        "责任科室",
    )
    assert "工作表“项目”第 2 行“责任科室”列：缺少必填列" in error.describe()


def test_a_missing_project_column_does_not_also_disown_every_indicator(workbook: Path) -> None:
    result = spoiled(workbook, "项目", {"F2": "科室"})

    assert [f.location.column for f in result.errors if f.location] == ["责任科室"]


def test_a_refused_project_row_does_not_also_disown_its_indicators(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"B3": None}))

    assert_points_at(error, "项目", 3, "项目名称", "B")
    assert "必填项为空" in error.message


def test_it_refuses_text_in_an_amount_cell(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "预算收支", {"E3": "一百万"}))

    assert_points_at(error, "预算收支", 3, "年初预算数", "E")
    assert error.message == "应为数字，实为“一百万”"


def test_it_refuses_text_in_a_weight_cell(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"I4": "二十"}))

    assert_points_at(error, "项目绩效指标", 4, "分值", "I")
    assert "应为数字" in error.message


def test_it_refuses_a_negative_amount(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"I3": -1187381.37}))

    assert_points_at(error, "项目", 3, "全年执行数", "I")
    assert error.message == "金额不能为负数，实为“-1187381.37”"


@pytest.mark.parametrize("absurd", [1_000_000_000_000, 3.5e12, 1e30, "1e30"])
def test_it_refuses_an_amount_of_a_trillion_yuan_or_more(workbook: Path, absurd: object) -> None:
    error = the_only_error(spoiled(workbook, "预算收支", {"F4": absurd}))

    assert_points_at(error, "预算收支", 4, "全年预算数", "F")
    assert "一万亿元" in error.message


def test_it_accepts_an_amount_just_under_a_trillion_yuan(workbook: Path) -> None:
    result = spoiled(workbook, "预算收支", {"F3": 999_999_999_999.99})

    assert result.errors == ()


def test_it_refuses_an_amount_more_precise_than_a_fen(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "预算收支", {"G3": 1999999.995}))

    assert_points_at(error, "预算收支", 3, "全年执行数", "G")
    assert error.message == "金额“1999999.995”精度超过分"


def test_it_refuses_an_amount_in_wan_yuan_more_precise_than_a_fen(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "预算收支", {"A1": "金额单位：万元", "G3": 0.0000001}))

    assert_points_at(error, "预算收支", 3, "全年执行数", "G")
    assert "精度超过分" in error.message


def test_it_refuses_a_percentage_in_an_amount_cell(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"H3": "95%"}))

    assert_points_at(error, "项目", 3, "全年预算数", "H")
    assert "百分数" in error.message


def test_it_refuses_an_unknown_functional_class(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "预算收支", {"B3": "299"}))

    assert_points_at(error, "预算收支", 3, "科目编码", "B")
    assert error.message == "未知的功能分类科目编码“299”（2023 年科目表）"


def test_it_refuses_an_unknown_budget_source(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"D3": "一般预算"}))

    assert_points_at(error, "项目", 3, "预算类型", "D")
    assert error.message.startswith("“一般预算”不是可选值")
    assert "一般公共预算" in error.message


def test_it_refuses_an_indicator_of_a_project_not_in_the_project_sheet(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目绩效指标", {"A5": "XT23999"}))

    assert_points_at(error, "项目绩效指标", 5, "项目编码", "A")
    assert error.message == "项目编码“XT23999”在“项目”表中不存在"


def test_it_refuses_a_duplicate_project_code(tmp_path: Path) -> None:
    data = small_department_year()
    second = small_project("XT23002", name="背街小巷改造经费")
    path = write_small_workbook(
        tmp_path / "dup.xlsx", replace(data, projects=(*data.projects, second))
    )

    error = the_only_error(spoiled(path, "项目", {"A4": "XT23001"}))

    assert_points_at(error, "项目", 4, "项目编码", "A")
    assert error.message == "项目编码“XT23001”与第 3 行重复"


@pytest.mark.parametrize("year", [2023.5, "二〇二三", "23", ""])
def test_it_refuses_a_year_that_is_not_a_four_digit_integer(workbook: Path, year: object) -> None:
    row = profile_row(workbook, "年度")

    error = the_only_error(spoiled(workbook, "部门信息", {f"B{row}": year}))

    assert_points_at(error, "部门信息", row, "内容", "B")
    assert error.message == f"“年度”应为四位年份，实为“{year}”"


def test_it_refuses_a_money_sheet_that_does_not_declare_its_unit(workbook: Path) -> None:
    error = the_only_error(spoiled(workbook, "项目", {"A1": "请按实际填写。"}))

    # The unit belongs in the note cell A1; no column header applies.
    assert error.location is not None
    assert (error.location.sheet, error.location.row, error.location.letter) == ("项目", 1, "A")
    assert "工作表“项目”第 1 行（A 列）" in error.describe()
    assert "金额单位：元" in error.message


def test_it_refuses_a_money_sheet_that_declares_both_yuan_and_wan_yuan(workbook: Path) -> None:
    # The template's note says 元; headers edited to 万元 must not be read as 元 silently.
    headers = {"E2": "年初预算数（万元）", "F2": "全年预算数（万元）", "G2": "全年执行数（万元）"}
    error = the_only_error(spoiled(workbook, "预算收支", headers))

    assert error.location is not None
    assert (error.location.sheet, error.location.row, error.location.letter) == ("预算收支", 1, "A")
    assert "金额单位不一致" in error.message


def test_it_says_in_chinese_that_a_renamed_text_file_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("部门名称,示例街道\n", encoding="utf-8")
    renamed = path.rename(tmp_path / "notes.xlsx")

    with pytest.raises(WorkbookUnreadable) as raised:
        read_workbook(renamed)

    # No file name: the caller names the file by the name its user knows.
    assert str(raised.value) == "无法读取工作簿：不是有效的 .xlsx 文件"


def test_it_says_in_chinese_that_a_workbook_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(WorkbookUnreadable, match="文件不存在"):
        read_workbook(tmp_path / "没有这个文件.xlsx")


def test_a_broken_indicator_sheet_read_on_the_second_thread_is_refused_in_chinese(
    workbook: Path, tmp_path: Path
) -> None:
    """The indicator sheet is parsed in the background; its failure still surfaces as
    the reader's own Chinese refusal, not as an exception from the thread."""
    with zipfile.ZipFile(workbook) as source:
        members = {name: source.read(name) for name in source.namelist()}
    sheet_xml = _sheet_xml_for(members, "项目绩效指标")
    members[sheet_xml] = b"<worksheet><sheetData><row><c r='A1' t='s'><v>"
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)

    with pytest.raises(WorkbookUnreadable, match=r"不是有效的 \.xlsx 文件"):
        read_workbook(broken)


def _sheet_xml_for(members: dict[str, bytes], sheet: str) -> str:
    """The part name of a sheet, through workbook.xml and its relationships."""
    workbook_xml = members["xl/workbook.xml"].decode()
    relation = re.search(rf'<sheet[^>]*name="{sheet}"[^>]*r:id="([^"]+)"', workbook_xml)
    assert relation is not None
    rels = members["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship[^>]*Id="{relation.group(1)}"[^>]*Target="([^"]+)"', rels)
    target = target or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{relation.group(1)}"', rels
    )
    assert target is not None
    return "xl/" + target.group(1).removeprefix("/xl/")


# Sixty nines came from the fuzz test: a headcount that size made 在职人员控制率 a ratio
# exact arithmetic could not round, and `check` crashed instead of naming the cell.
@pytest.mark.parametrize("value", ["八十", "-1", "12.5", "9" * 60, "1e30", "10000000"])
def test_a_headcount_that_is_not_a_whole_number_is_refused_at_its_row(
    tmp_path: Path, value: str
) -> None:
    path = write_small_workbook(tmp_path / "w.xlsx")
    row = profile_row(path, "编制数")
    edit_cells(path, "部门信息", {f"B{row}": value})
    result = read_workbook(path)
    assert [f.describe() for f in result.errors] == [
        f"[错误] 工作表“部门信息”第 {row} 行“内容”列（B 列）："
        f"“编制数”应为不小于 0 且小于 10,000,000 的整数（人数），实为“{value[:40]}”"
    ]
