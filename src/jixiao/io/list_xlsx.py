"""A list as shown on a page (its columns, its filtered and sorted rows) as an .xlsx file.

One sheet: the list's title, a line saying which filters and sort order produced it, the
column headings and the rows. Figures stay figures: a Decimal cell is a number with the
column's number format (so a 万元 amount sums in Excel and reads as the page shows it);
None is written as “—”, as the page shows a missing value. The sheet prints on A4
landscape, one page wide, its headings repeated on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from jixiao.io.xlsx_workbook import new_workbook

MISSING = "—"
HEADER_ROW = 3  # 0-based: title, filter line, a blank row, then the headings.
A4 = 9  # xlsxwriter's paper code
SHEET_NAME_LIMIT = 31
FONT = "宋体"
AMOUNT = "#,##0.00"
SCORE = "0.00"
PERCENT = "0.00%"
SIGNED = "+0.00;-0.00;0.00"
WHOLE = "0"


@dataclass(frozen=True, slots=True)
class ListColumn:
    """A column: its heading, its width in characters and, for figures, the number format
    (``AMOUNT``, ``SCORE``, ``PERCENT`` for a ratio, ``SIGNED``, ``WHOLE``)."""

    label: str
    width: int = 12
    number_format: str = ""


@dataclass(frozen=True, slots=True)
class ListTable:
    """What a list page shows, ready to write: cells are str, int, Decimal or None."""

    title: str
    columns: tuple[ListColumn, ...]
    rows: Sequence[Sequence[object]]
    filters: str = ""
    sheet_name: str = "列表"


def write_list(table: ListTable, path: str | Path) -> Path:
    """Write ``table`` to ``path`` (one sheet) and return the path."""
    path = Path(path)
    workbook = new_workbook(path, in_memory=True)
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
    styles = {
        "title": workbook.add_format({**base, "bold": True, "font_size": 14}),
        "note": workbook.add_format({**base, "font_color": "#555555"}),
        "head": workbook.add_format({**base, "bold": True, "border": 1, "bg_color": "#EEEEEE",
                                     "text_wrap": True, "align": "center"}),
        "text": workbook.add_format({**base, "border": 1, "text_wrap": True}),
    }  # fmt: skip
    numbers = {
        column.number_format: workbook.add_format(
            {**base, "border": 1, "num_format": column.number_format}
        )
        for column in table.columns
        if column.number_format
    }
    sheet = workbook.add_worksheet(table.sheet_name[:SHEET_NAME_LIMIT])
    sheet.write_string(0, 0, table.title, styles["title"])
    if table.filters:
        sheet.write_string(1, 0, table.filters, styles["note"])
    for index, column in enumerate(table.columns):
        sheet.set_column(index, index, column.width)
        sheet.write_string(HEADER_ROW, index, column.label, styles["head"])
    for offset, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True)):
            _write_cell(sheet, offset, index, value, numbers.get(column.number_format), styles)
    _page_setup(sheet, table)
    workbook.close()
    return path


def _write_cell(sheet: Worksheet, row: int, col: int, value: object, number, styles) -> None:
    if value is None:
        sheet.write_string(row, col, MISSING, styles["text"])
    elif isinstance(value, Decimal | int) and not isinstance(value, bool):
        # Exact to here; the file stores doubles, as every .xlsx does.
        sheet.write_number(row, col, float(value), number or styles["text"])
    else:
        sheet.write_string(row, col, str(value), styles["text"])


def _page_setup(sheet: Worksheet, table: ListTable) -> None:
    last = len(table.columns) - 1
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(table.rows), 1), last)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)  # one page wide, as many tall as the rows need
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.set_footer("&C第 &P 页，共 &N 页")
