"""A list written to .xlsx: text stays text, figures stay numbers, it prints on A4 landscape."""

from __future__ import annotations

from decimal import Decimal

import openpyxl

from jixiao.io.list_xlsx import AMOUNT, HEADER_ROW, MISSING, ListColumn, ListTable, write_list

TABLE = ListTable(
    title="项目",
    columns=(ListColumn("名称", 20), ListColumn("全年预算数（万元）", 14, AMOUNT)),
    rows=[("=cmd|'/c calc'!A1", Decimal("1234.56")), ("空值", None)],
    filters="筛选：无（全部）",
)


def read(tmp_path):
    return openpyxl.load_workbook(write_list(TABLE, tmp_path / "list.xlsx")).active


def test_the_cells_read_back_as_written(tmp_path):
    sheet = read(tmp_path)
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert rows == [
        ("名称", "全年预算数（万元）"),
        ("=cmd|'/c calc'!A1", 1234.56),
        ("空值", MISSING),
    ]
    assert sheet.cell(HEADER_ROW + 2, 1).data_type == "s"  # text, not a formula
    assert sheet.cell(HEADER_ROW + 2, 2).number_format == AMOUNT
    assert (sheet.cell(1, 1).value, sheet.cell(2, 1).value) == ("项目", "筛选：无（全部）")


def test_the_sheet_prints_on_a4_landscape_with_its_headings_on_every_page(tmp_path):
    sheet = read(tmp_path)
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
