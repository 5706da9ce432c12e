"""The 决算与管理数据 sheet: written, read back, and each bad cell named by row and column."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jixiao.core.records import ManagementItem
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_writer import write_workbook
from tests.builders import edit_cells, small_department_year, write_small_workbook

D = Decimal
SHEET = "决算与管理数据"
ITEMS = (
    ManagementItem("“三公”经费", "公务接待费", budget=D("80000.00"), actual=D("56213.00"),
                   previous=D("63105.00"), illustrative=True),
    ManagementItem("预算调整", "追加城乡社区支出", adjustment=D("1200000.00"), policy=True,
                   note="上级交办"),
    ManagementItem("信息公开", "预算公开", approved_on=date(2023, 1, 20),
                   published_on=date(2023, 2, 6), address="https://example.gov.cn/yusuan"),
)  # fmt: skip


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_small_workbook(tmp_path / "w.xlsx", small_department_year(management=ITEMS))


def messages(path: Path) -> list[str]:
    result = read_workbook(path)
    assert result.data is None
    return [finding.describe() for finding in result.errors]


def test_the_sheet_reads_back_as_written(workbook: Path) -> None:
    back = read_workbook(workbook).data

    assert back is not None
    assert tuple(replace(item, location=None) for item in back.management) == ITEMS
    assert back.management[0].location.describe() == "工作表“决算与管理数据”第 3 行"


def test_a_date_cell_and_a_date_written_in_chinese_both_read(workbook: Path) -> None:
    edit_cells(workbook, SHEET, {"H5": datetime(2023, 1, 18), "I5": "2023年2月3日"})

    item = read_workbook(workbook).data.management[2]

    assert (item.approved_on, item.published_on) == (date(2023, 1, 18), date(2023, 2, 3))


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ({"A3": "三公费用"}, "第 3 行“类别”列（A 列）：“三公费用”不是可选值"),
        ({"B3": "会议费"}, "第 3 行“项目”列（B 列）：“‘三公’经费”的项目应为 因公出国（境）费、"
                          "公务接待费、公务用车购置及运行费，实为“会议费”"),
        ({"D3": None}, "第 3 行“决算数”列（D 列）：“‘三公’经费”行必须填写此列"),
        ({"F4": None, "K4": "仍有说明"}, "第 4 行“调整金额”列（F 列）：“预算调整”行必须填写此列"),
        ({"C3": "约八万"}, "第 3 行“预算数”列（C 列）：应为数字，实为“约八万”"),
        ({"H5": "一月底"}, "第 5 行“批复日期”列（H 列）：应为日期"),
        ({"H5": "2023-02-30"}, "第 5 行“批复日期”列（H 列）：应为日期"),
        ({"I5": "2023-01-01"}, "第 5 行“公开日期”列（I 列）：公开日期 2023-01-01 早于批复日期"),
        ({"G4": "也许"}, "第 4 行“政策性调整”列（G 列）：应填“是”或“否”"),
        ({"A6": "“三公”经费", "B6": "公务接待费", "C6": 1, "D6": 1},
         "第 6 行“项目”列（B 列）：“‘三公’经费/公务接待费”与第 3 行重复"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_named_by_sheet_row_and_column(workbook: Path, edits, expected) -> None:
    edit_cells(workbook, SHEET, edits)

    assert any(f"[错误] 工作表“{SHEET}”{expected}" in m for m in messages(workbook)), messages(
        workbook
    )


def test_the_blank_template_lists_every_fixed_item_and_reads_as_nothing_filed(
    tmp_path: Path,
) -> None:
    path = write_workbook(None, tmp_path / "blank.xlsx")
    rows = list(openpyxl.load_workbook(path)[SHEET].iter_rows(min_row=3, values_only=True))

    assert ("信息公开", "绩效信息公开") in {row[:2] for row in rows}
    assert not [m for m in messages(path) if SHEET in m]


def test_a_workbook_without_the_sheet_still_reads(tmp_path: Path) -> None:
    path = write_small_workbook(tmp_path / "old.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook[SHEET]
    workbook.save(path)

    assert read_workbook(path).data.management == ()
