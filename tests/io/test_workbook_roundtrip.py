"""What the writer writes, the reader reads back: records, exact amounts, units, template."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jixiao.core.records import BudgetLine, DepartmentYear, ExpenditureKind
from jixiao.io.workbook_format import ALL_SHEETS
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_writer import GUIDE_SHEET, write_workbook
from tests.builders import (
    GENERAL,
    LUOPU_BUILDER,
    amounts,
    edit_cells,
    load_module,
    small_department_year,
    write_small_workbook,
)

RECORD_FIELDS = (
    "budget_lines",
    "projects",
    "indicators",
    "department_indicators",
    "problems",
    "measures",
    "management",
)


def without_locations(data: DepartmentYear) -> DepartmentYear:
    """The reader fills ``location`` on every record; builders leave it None."""
    stripped = {
        name: tuple(replace(record, location=None) for record in getattr(data, name))
        for name in RECORD_FIELDS
    }
    return replace(data, **stripped)


def read_back(path: Path) -> DepartmentYear:
    result = read_workbook(path)
    assert [finding.describe() for finding in result.errors] == []
    assert result.data is not None
    return result.data


def every_amount(data: DepartmentYear) -> list[Decimal]:
    figures = [line.amounts for line in data.budget_lines]
    figures += [p.fiscal for p in data.projects] + [p.carryover for p in data.projects]
    return [value for a in figures for value in (a.initial, a.final, a.actual)]


@pytest.fixture(scope="module")
def luopu() -> DepartmentYear:
    return load_module(LUOPU_BUILDER, "make_luopu_2023").build()


def test_the_luopu_example_reads_back_as_the_records_it_was_written_from(
    luopu: DepartmentYear, tmp_path: Path
) -> None:
    back = without_locations(read_back(write_workbook(luopu, tmp_path / "luopu.xlsx")))

    # Field by field, so a failure names the part that drifted.
    for field in fields(DepartmentYear):
        if field.compare:
            assert getattr(back, field.name) == getattr(luopu, field.name), field.name
    assert len(back.projects) == 238
    assert len(back.indicators) == len(luopu.indicators) > 1000


def test_every_record_read_back_says_where_it_came_from(tmp_path: Path) -> None:
    back = read_back(write_small_workbook(tmp_path / "small.xlsx"))

    project = back.projects[0]
    assert project.location is not None
    assert (project.location.sheet, project.location.row) == ("项目", 3)
    assert [i.location.row for i in back.indicators if i.location] == [3, 4, 5, 6]
    assert back.source_name == "small.xlsx"


@pytest.mark.parametrize(
    "amount", ["187381258.37", "0.01", "0.10", "70104351.20", "12345678901.23", "999999999999.99"]
)
def test_amounts_survive_to_the_fen_as_exact_decimals(amount: str, tmp_path: Path) -> None:
    line = BudgetLine(GENERAL, "208", "社会保障和就业支出", ExpenditureKind.BASIC,
                      amounts(amount, amount, amount))  # fmt: skip
    data = small_department_year()
    data = replace(data, budget_lines=(*data.budget_lines, line))

    back = read_back(write_small_workbook(tmp_path / "amounts.xlsx", data))

    read = back.budget_lines[-1].amounts.final
    assert isinstance(read, Decimal)
    assert read == Decimal(amount)
    assert str(read) == amount


def test_a_sheet_in_wan_yuan_reads_as_yuan_times_ten_thousand(tmp_path: Path) -> None:
    in_yuan = read_back(write_small_workbook(tmp_path / "yuan.xlsx"))
    path = write_small_workbook(tmp_path / "wan.xlsx")
    edit_cells(path, "预算收支", {"A1": "金额单位：万元"})
    edit_cells(path, "项目", {"A1": "金额单位：万元"})

    in_wan = read_back(path)

    assert every_amount(in_wan) == [amount * 10000 for amount in every_amount(in_yuan)]
    assert in_wan.projects[0].fiscal.actual == Decimal("11873813700")


def test_wan_yuan_with_six_decimals_is_still_exact_to_the_fen(tmp_path: Path) -> None:
    path = write_small_workbook(tmp_path / "wan.xlsx")
    edit_cells(path, "预算收支", {"A1": "金额单位：万元", "G3": 18738.125837})

    basic = read_back(path).budget_lines[0]

    assert basic.amounts.actual == Decimal("187381258.37")


def test_a_unit_in_the_headers_declares_wan_yuan_too(tmp_path: Path) -> None:
    path = write_small_workbook(tmp_path / "wan.xlsx")
    headers = {"E2": "年初预算数（万元）", "F2": "全年预算数（万元）", "G2": "全年执行数（万元）"}
    edit_cells(path, "预算收支", {"A1": "每行一个科目。", **headers})

    basic = read_back(path).budget_lines[0]

    assert basic.amounts.actual == Decimal("19999999900")


def test_the_blank_template_has_every_sheet_with_its_note_row_and_headers(
    tmp_path: Path,
) -> None:
    workbook = openpyxl.load_workbook(write_workbook(None, tmp_path / "blank.xlsx"))

    assert workbook.sheetnames == [GUIDE_SHEET, *(spec.name for spec in ALL_SHEETS)]
    for spec in ALL_SHEETS:
        sheet = workbook[spec.name]
        assert sheet["A1"].value == spec.note
        headers = [cell.value for cell in sheet[2]][: len(spec.columns)]
        assert headers == [column.header for column in spec.columns], spec.name
    assert "金额单位：元" in workbook["预算收支"]["A1"].value
    assert workbook["部门信息"]["A3"].value == "部门名称"


def test_reading_the_blank_template_back_says_what_to_fill_in(tmp_path: Path) -> None:
    result = read_workbook(write_workbook(None, tmp_path / "blank.xlsx"))

    assert result.data is None
    messages = [finding.describe() for finding in result.errors]
    assert messages == [
        "[错误] 工作表“部门信息”第 3 行“内容”列（B 列）：缺少“部门名称”",
        "[错误] 工作表“部门信息”第 6 行“内容”列（B 列）：“年度”应为四位年份，实为“”",
        "[错误] 工作表“预算收支”：预算收支表没有数据行",
    ]


def test_the_organisation_items_and_the_signing_date_read_back(tmp_path: Path) -> None:
    data = small_department_year()
    department = replace(data.department, institutions=("内设综合办公室等 3 个机构。",),
                         staff_quota=30, staff_in_post=28, retired=0,
                         signing_date="2024年3月29日")  # fmt: skip
    path = write_workbook(replace(data, department=department), tmp_path / "w.xlsx")
    read = read_workbook(path).data.department
    assert (read.institutions, read.staff_quota, read.staff_in_post, read.retired,
            read.signing_date) == (("内设综合办公室等 3 个机构。",), 30, 28, 0, "2024年3月29日")  # fmt: skip


def test_the_initial_budget_of_carried_over_and_other_funds_reads_back(tmp_path: Path) -> None:
    data = small_department_year()
    project = replace(data.projects[0], carryover=amounts("3000.00", "5000.00", "4000.00"),
                      other_funds=amounts("1000.00", "2000.00", "2000.00"))  # fmt: skip
    path = write_workbook(replace(data, projects=(project,)), tmp_path / "w.xlsx")
    read = read_workbook(path).data.projects[0]
    assert (read.carryover, read.other_funds) == (project.carryover, project.other_funds)
