"""The 复核结果表 of the bureau's spot review: every drawn project, and the 通报 of large gaps.

Sheet 复核结果 lists each drawn project with why it was drawn, its self-score, computed
score, review total and both gaps; sheet 通报 lists only the flagged ones, by department.
Scores are Decimal until the cell is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from jixiao.io.xlsx_workbook import new_workbook

FONT = "宋体"
RESULT_HEADERS = (
    ("部门", 22), ("项目编码", 14), ("项目名称", 34), ("抽取原因", 18), ("自评总分", 10),
    ("依据计算得分", 12), ("复核总分", 10), ("与自评总分之差", 14), ("与计算得分之差", 14),
    ("差距超过阈值", 12),
)  # fmt: skip
NOTICE_HEADERS = (
    ("部门", 22), ("项目编码", 14), ("项目名称", 34), ("自评总分", 10), ("复核总分", 10),
    ("与自评总分之差", 14), ("与计算得分之差", 14),
)  # fmt: skip


@dataclass(frozen=True)
class ReviewResultRow:
    """One drawn project as the 复核结果表 states it (None: not scored or not reviewed)."""

    department: str
    code: str
    name: str
    reason: str
    self_score: Decimal | None
    computed_score: Decimal | None
    review_total: Decimal | None
    self_gap: Decimal | None
    computed_gap: Decimal | None
    flagged: bool


def write_review_results(
    path: str | Path, *, title: str, subtitle: str, rows: Sequence[ReviewResultRow]
) -> Path:
    """Write the 复核结果表 (sheets 复核结果 and 通报) to ``path``."""
    workbook = new_workbook(path)
    styles = {
        "title": workbook.add_format({"font_name": FONT, "font_size": 14, "bold": True,
                                      "align": "center"}),
        "note": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "center"}),
        "label": workbook.add_format({"font_name": FONT, "bold": True, "border": 1,
                                      "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}),
        "text": workbook.add_format({"font_name": FONT, "border": 1, "text_wrap": True}),
        "score": workbook.add_format({"font_name": FONT, "border": 1, "num_format": "0.00"}),
    }  # fmt: skip
    results = workbook.add_worksheet("复核结果")
    _heading(results, styles, title, subtitle, RESULT_HEADERS)
    for index, row in enumerate(rows):
        _result_row(results, styles, 3 + index, row)
    notices = workbook.add_worksheet("通报")
    flagged = sorted((row for row in rows if row.flagged), key=lambda row: row.department)
    _heading(notices, styles, f"{title}（通报）", "复核总分与自评总分或依据计算得分差距超过阈值的项目",
             NOTICE_HEADERS)  # fmt: skip
    for index, row in enumerate(flagged):
        _notice_row(notices, styles, 3 + index, row)
    workbook.close()
    return Path(path)


def _heading(sheet: Worksheet, styles, title: str, subtitle: str, headers) -> None:
    last = len(headers) - 1
    sheet.merge_range(0, 0, 0, last, title, styles["title"])
    sheet.merge_range(1, 0, 1, last, subtitle, styles["note"])
    for col, (header, width) in enumerate(headers):
        sheet.set_column(col, col, width)
        sheet.write_string(2, col, header, styles["label"])
    sheet.freeze_panes(3, 0)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2)


def _score(sheet: Worksheet, row: int, col: int, value: Decimal | None, styles) -> None:
    """A Decimal in a cell: xlsx stores doubles, so this is where the float is made."""
    if value is None:
        sheet.write_string(row, col, "—", styles["text"])
    else:
        sheet.write_number(row, col, float(value), styles["score"])


def _result_row(sheet: Worksheet, styles, row: int, item: ReviewResultRow) -> None:
    for col, text in enumerate((item.department, item.code, item.name, item.reason)):
        sheet.write_string(row, col, text, styles["text"])
    for col, value in enumerate((item.self_score, item.computed_score, item.review_total,
                                 item.self_gap, item.computed_gap), start=4):  # fmt: skip
        _score(sheet, row, col, value, styles)
    sheet.write_string(row, 9, "是" if item.flagged else "否", styles["text"])


def _notice_row(sheet: Worksheet, styles, row: int, item: ReviewResultRow) -> None:
    for col, text in enumerate((item.department, item.code, item.name)):
        sheet.write_string(row, col, text, styles["text"])
    for col, value in enumerate((item.self_score, item.review_total, item.self_gap,
                                 item.computed_gap), start=3):  # fmt: skip
        _score(sheet, row, col, value, styles)
