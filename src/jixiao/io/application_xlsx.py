"""The 结果应用建议表 (评价结果应用): next year's budget suggestion per project or department.

One sheet: a title, then one row per project (a department's table) or per department (the
district's), with this year's grade and 全年预算数, the suggestion, the factor, the
proposed amount and the bureau's decision. Amounts are 万元 (two decimals, half-up),
Decimal until the cell is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from jixiao.io.xlsx_workbook import new_workbook

FONT = "宋体"
SHEET = "结果应用建议"
HEADERS = (
    ("编码", 14), ("名称", 34), ("评价得分", 10), ("等级", 8), ("全年预算数（万元）", 16),
    ("结果应用建议", 14), ("系数", 8), ("建议金额（万元）", 16), ("财政局处理", 12),
    ("下年度安排（万元）", 16), ("调整理由", 30),
)  # fmt: skip


@dataclass(frozen=True)
class SuggestionRow:
    """One project or department as the table states it (None: no figure)."""

    code: str
    name: str
    score: Decimal | None
    grade: str
    final_wan: Decimal
    suggestion: str
    factor: Decimal | None
    proposed_wan: Decimal | None
    decision: str
    decided_wan: Decimal | None
    reason: str


def write_application_table(
    path: str | Path, *, title: str, subtitle: str, rows: Sequence[SuggestionRow]
) -> Path:
    """Write the 结果应用建议表 of ``rows`` to ``path``."""
    workbook = new_workbook(path, in_memory=True)
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter"}
    styles = {
        "title": workbook.add_format({"font_name": FONT, "font_size": 14, "bold": True,
                                      "align": "center"}),
        "note": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "center"}),
        "label": workbook.add_format({**base, "bold": True, "align": "center", "text_wrap": True,
                                      "bg_color": "#F2F2F2"}),
        "text": workbook.add_format({**base, "text_wrap": True}),
        "money": workbook.add_format({**base, "num_format": "#,##0.00"}),
        "score": workbook.add_format({**base, "num_format": "0.00"}),
        "factor": workbook.add_format({**base, "num_format": "0%"}),
    }  # fmt: skip
    sheet = workbook.add_worksheet(SHEET)
    last = len(HEADERS) - 1
    sheet.merge_range(0, 0, 0, last, title, styles["title"])
    sheet.merge_range(1, 0, 1, last, subtitle, styles["note"])
    for col, (header, width) in enumerate(HEADERS):
        sheet.set_column(col, col, width)
        sheet.write_string(2, col, header, styles["label"])
    for index, row in enumerate(rows):
        _write_row(sheet, styles, 3 + index, row)
    sheet.freeze_panes(3, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)
    workbook.close()
    return Path(path)


def _number(sheet: Worksheet, row: int, col: int, value: Decimal | None, style) -> None:
    """A Decimal in a cell: xlsx stores doubles, so this is where the float is made."""
    if value is None:
        sheet.write_string(row, col, "—", style)
    else:
        sheet.write_number(row, col, float(value), style)


def _write_row(sheet: Worksheet, styles, row: int, item: SuggestionRow) -> None:
    sheet.write_string(row, 0, item.code, styles["text"])
    sheet.write_string(row, 1, item.name, styles["text"])
    _number(sheet, row, 2, item.score, styles["score"])
    sheet.write_string(row, 3, item.grade or "—", styles["text"])
    _number(sheet, row, 4, item.final_wan, styles["money"])
    sheet.write_string(row, 5, item.suggestion, styles["text"])
    _number(sheet, row, 6, item.factor, styles["factor"])
    _number(sheet, row, 7, item.proposed_wan, styles["money"])
    sheet.write_string(row, 8, item.decision or "未处理", styles["text"])
    _number(sheet, row, 9, item.decided_wan, styles["money"])
    sheet.write_string(row, 10, item.reason, styles["text"])
