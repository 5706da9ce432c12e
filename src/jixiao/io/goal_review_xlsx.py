"""The 目标审核意见 as Excel: a summary sheet (one row per project, the department first)
and a detail sheet (one row per reason, with the workbook cell it points at)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.core.goal_review import GoalReview, ReviewGrade
from jixiao.core.goal_review_document import review_title
from jixiao.core.money import yuan_to_wan
from jixiao.io.xlsx_workbook import new_workbook

SUMMARY_SHEET = "审核汇总"
DETAIL_SHEET = "审核意见"
FONT = "宋体"
SUMMARY_COLUMNS = (
    ("对象编码", 14), ("名称", 36), ("资金（万元）", 14), ("审核得分", 10), ("等级", 8),
    ("问题数", 8), ("审核意见", 80),
)  # fmt: skip
DETAIL_COLUMNS = (
    ("对象编码", 14), ("名称", 30), ("审核原则", 10), ("规则", 26), ("扣分", 8),
    ("意见", 80), ("位置", 30),
)  # fmt: skip


def write_review_xlsx(review: GoalReview, path: str | Path) -> Path:
    """Write the review's summary and detail sheets to ``path``."""
    path = Path(path)
    workbook = new_workbook(path, in_memory=True)
    base = {"font_name": FONT, "font_size": 10, "valign": "top", "border": 1, "text_wrap": True}
    styles = {
        "title": workbook.add_format({"font_name": FONT, "font_size": 16, "bold": True, "align": "center"}),
        "header": workbook.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"}),
        "text": workbook.add_format(base),
        "number": workbook.add_format({**base, "num_format": "#,##0.00"}),
    }  # fmt: skip
    grades = (review.department, *review.projects)
    summary = workbook.add_worksheet(SUMMARY_SHEET)
    _header(summary, styles, review_title(review), SUMMARY_COLUMNS)
    for row, grade in enumerate(grades, start=2):
        _summary_row(summary, styles, row, grade)
    detail = workbook.add_worksheet(DETAIL_SHEET)
    _header(detail, styles, review_title(review), DETAIL_COLUMNS)
    row = 2
    for grade in grades:
        for item in grade.deductions:
            for finding in item.findings:
                values = (grade.subject, grade.name, item.principle, finding.code, item.points,
                          finding.message, finding.location.describe() if finding.location else "")  # fmt: skip
                _write(detail, styles, row, values)
                row += 1
    workbook.close()
    return path


def _header(sheet, styles, title: str, columns: tuple[tuple[str, int], ...]) -> None:
    sheet.merge_range(0, 0, 0, len(columns) - 1, title, styles["title"])
    for index, (header, width) in enumerate(columns):
        sheet.set_column(index, index, width)
        sheet.write_string(1, index, header, styles["header"])
    sheet.freeze_panes(2, 0)


def _summary_row(sheet, styles, row: int, grade: ReviewGrade) -> None:
    opinion = "；".join(f"【{item.principle}】{f.message}" for item in grade.deductions for f in item.findings)  # fmt: skip
    values = (grade.subject, grade.name, yuan_to_wan(grade.money), grade.score, grade.grade,
              Decimal(len(grade.reasons)), opinion or "未发现需修改之处")  # fmt: skip
    _write(sheet, styles, row, values)


def _write(sheet, styles, row: int, values: tuple) -> None:
    for column, value in enumerate(values):
        if isinstance(value, Decimal):
            sheet.write_number(row, column, float(value), styles["number"])
        else:
            sheet.write_string(row, column, str(value), styles["text"])
