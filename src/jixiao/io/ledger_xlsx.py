"""The 整改台账 as Excel: one row per task, and for several departments a summary sheet
with each department's tasks counted per status.

An overdue task says 逾期 in words on a red fill, so the sheet reads in black and white.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import BinaryIO

from jixiao.core.rectification import LedgerEntry, TaskStatus, chinese_date
from jixiao.io.xlsx_workbook import new_workbook

LEDGER_SHEET = "整改台账"
SUMMARY_SHEET = "各部门汇总"
FONT = "宋体"
LEDGER_COLUMNS = (
    ("序号", 6), ("部门", 20), ("年度", 7), ("问题来源", 11), ("项目", 26), ("存在的问题", 44),
    ("整改措施", 36), ("责任科室", 14), ("整改期限", 14), ("整改状态", 9), ("整改情况", 30),
    ("佐证材料（份）", 9), ("销号人", 10), ("销号日期", 14),
)  # fmt: skip
STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.OVERDUE)
SUMMARY_COLUMNS = (("部门", 24), ("任务数", 9), *((status.value, 9) for status in STATUSES))


def _styles(workbook) -> dict[str, object]:
    base = {"font_name": FONT, "font_size": 10, "valign": "top", "border": 1, "text_wrap": True}
    return {
        "title": workbook.add_format({"font_name": FONT, "font_size": 16, "bold": True, "align": "center"}),
        "header": workbook.add_format({**base, "bold": True, "align": "center", "bg_color": "#F2F2F2"}),
        "text": workbook.add_format(base),
        "overdue": workbook.add_format({**base, "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
        "number": workbook.add_format({**base, "align": "right"}),
    }  # fmt: skip


def _header(sheet, styles, title: str, columns) -> None:
    sheet.merge_range(0, 0, 0, len(columns) - 1, title, styles["title"])
    for index, (header, width) in enumerate(columns):
        sheet.set_column(index, index, width)
        sheet.write_string(1, index, header, styles["header"])
    sheet.freeze_panes(2, 0)
    sheet.repeat_rows(1)


def _values(index: int, entry: LedgerEntry) -> tuple[object, ...]:
    task = entry.task
    closed = chinese_date(entry.closed_on) if entry.closed_on else ""
    return (index, entry.department, entry.year, entry.source, entry.project, task.problem,
            task.measure, task.owner, chinese_date(task.deadline), task.status.value,
            entry.progress_note, entry.evidence_files, entry.closed_by, closed)  # fmt: skip


def _ledger_sheet(workbook, styles, title: str, entries: list[LedgerEntry]) -> None:
    sheet = workbook.add_worksheet(LEDGER_SHEET)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    _header(sheet, styles, title, LEDGER_COLUMNS)
    status_column = [header for header, _ in LEDGER_COLUMNS].index("整改状态")
    for row, entry in enumerate(entries, start=2):
        for column, value in enumerate(_values(row - 1, entry)):
            if isinstance(value, int):
                sheet.write_number(row, column, value, styles["number"])
                continue
            overdue = column == status_column and entry.task.status is TaskStatus.OVERDUE
            sheet.write_string(row, column, value, styles["overdue" if overdue else "text"])


def _summary_sheet(workbook, styles, title: str, entries: list[LedgerEntry]) -> None:
    sheet = workbook.add_worksheet(SUMMARY_SHEET)
    _header(sheet, styles, title, SUMMARY_COLUMNS)
    counts: dict[str, Counter] = {}
    for entry in entries:
        counts.setdefault(entry.department, Counter())[entry.task.status] += 1
    for row, (department, counted) in enumerate(sorted(counts.items()), start=2):
        sheet.write_string(row, 0, department, styles["text"])
        sheet.write_number(row, 1, sum(counted.values()), styles["number"])
        for column, status in enumerate(STATUSES, start=2):
            style = (
                styles["overdue"]
                if status is TaskStatus.OVERDUE and counted[status]
                else styles["number"]
            )
            sheet.write_number(row, column, counted[status], style)


def write_ledger_xlsx(
    title: str, entries: list[LedgerEntry], path: str | Path | BinaryIO
) -> str | Path | BinaryIO:
    """Write the ledger of ``entries`` under ``title`` to ``path`` (a file or a binary
    stream); a summary sheet when several departments are in it (the bureau's district)."""
    workbook = new_workbook(path, in_memory=True)
    styles = _styles(workbook)
    _ledger_sheet(workbook, styles, title, entries)
    if len({entry.department for entry in entries}) > 1:
        _summary_sheet(workbook, styles, f"{title}（汇总）", entries)
    workbook.close()
    return path
