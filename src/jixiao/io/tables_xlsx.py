"""The standard tables workbook: 汇总, 部门整体支出绩效自评表 and one 项目支出绩效自评表 per project.

Laid out like the standard forms (domain.md §4–§5). Every figure comes from the
Evaluation: amounts are exact Decimal 元 turned into 万元 half-up by ``yuan_to_wan``, and a
Decimal becomes a float only in the call that writes it to a cell (xlsx stores doubles).
Each indicator row names the workbook row it came from (来源), so every score traces to
its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import groupby
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import quantize_half_up, safe_ratio, yuan_to_wan
from jixiao.core.narrative.indicator_text import actual_text, target_text
from jixiao.core.records import ZERO_AMOUNTS, Amounts, Location, Project
from jixiao.core.scoring import IndicatorScore, ProjectScore, Status
from jixiao.io.xlsx_workbook import new_workbook

SUMMARY_SHEET = "汇总"
DEPARTMENT_SHEET = "部门整体"
RESERVED_NAMES = (SUMMARY_SHEET, DEPARTMENT_SHEET, "History")
SHEET_NAME_LIMIT = 31
FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
RATE_PLACES = Decimal("0.0001")
FONT = "宋体"
NO_SOURCE = "—"
# Column widths of a project sheet, A–I: 一级 … 来源.
PROJECT_WIDTHS = (12, 14, 28, 16, 16, 8, 8, 34, 30)
DEPARTMENT_WIDTHS = (10, 12, 14, 28, 16, 16, 8, 8, 34, 30)
SUMMARY_HEADERS = (
    ("项目编码", 14), ("项目名称", 36), ("预算类型", 14), ("责任科室", 16),
    ("全年预算数（万元）", 14), ("全年执行数（万元）", 14), ("执行率", 10),
    ("依据计算得分", 12), ("等级", 8), ("自评总分", 10), ("差距", 10),
)  # fmt: skip
FUNDS_HEADERS = (
    "",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "分值",
    "执行率",
    "得分",
    "来源（工作簿行）",
)
INDICATOR_HEADERS = (
    "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
    "偏差原因分析及改进措施", "来源（工作簿行）",
)  # fmt: skip


def write_tables(evaluation: Evaluation, path: str | Path) -> Path:
    """Write the tables workbook for ``evaluation`` to ``path`` and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path, in_memory=True)
    styles = _styles(workbook)
    names = project_sheet_names(evaluation.data.projects)
    _write_summary(workbook.add_worksheet(SUMMARY_SHEET), styles, evaluation, names)
    _write_department(workbook.add_worksheet(DEPARTMENT_SHEET), styles, evaluation)
    for score, name in zip(evaluation.project_scores, names, strict=True):
        _write_project(workbook.add_worksheet(name), styles, evaluation, score)
    workbook.close()
    return path


def project_sheet_names(projects: Iterable[Project]) -> list[str]:
    """One valid, unique sheet name per project, from its code.

    Excel allows 31 characters, none of ``[]:*?/\\``, no apostrophe at either end, and
    compares names without regard to case; a clash gets a ``(2)``-style suffix.
    """
    taken = {name.casefold() for name in RESERVED_NAMES}
    names = []
    for project in projects:
        base = FORBIDDEN_IN_SHEET_NAME.sub("_", project.code).strip("'")[:SHEET_NAME_LIMIT]
        name = base or "项目"
        number = 1
        while name.casefold() in taken:
            number += 1
            suffix = f"({number})"
            name = (base or "项目")[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _styles(workbook: xlsxwriter.Workbook) -> dict[str, Format]:
    """The few cell formats every sheet shares (宋体, thin borders)."""
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1}
    label = {**base, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#F2F2F2"}
    return {
        "title": workbook.add_format({"font_name": FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"}),
        "subtitle": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "center"}),
        "note": workbook.add_format({"font_name": FONT, "font_size": 9}),
        "label": workbook.add_format(label),
        "text": workbook.add_format({**base, "text_wrap": True}),
        "center": workbook.add_format({**base, "align": "center", "text_wrap": True}),
        "money": workbook.add_format({**base, "num_format": "#,##0.00"}),
        "score": workbook.add_format({**base, "num_format": "0.00"}),
        "rate": workbook.add_format({**base, "num_format": "0.00%"}),
        "weight": workbook.add_format({**base, "num_format": "General"}),
        "total": workbook.add_format({**base, "bold": True, "num_format": "0.00"}),
    }  # fmt: skip


def _number(sheet: Worksheet, row: int, col: int, value: Decimal | None, style: Format) -> None:
    """A Decimal in a cell: the xlsx boundary, the one place a Decimal becomes a float."""
    if value is None:
        sheet.write_blank(row, col, None, style)
    else:
        sheet.write_number(row, col, float(value), style)


def _rate(ratio: Decimal | None) -> Decimal | None:
    """A ratio rounded half-up to the hundredth of a percent a rate cell shows."""
    return None if ratio is None else quantize_half_up(ratio, RATE_PLACES)


def _source(location: Location | None) -> str:
    return location.describe() if location else NO_SOURCE


def _print_setup(sheet: Worksheet, repeat_row: int | None = None) -> None:
    """A4 landscape, fitted to the page width, centred; ``repeat_row`` heads every page."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    if repeat_row is not None:
        sheet.repeat_rows(repeat_row)


def _set_widths(sheet: Worksheet, widths: Iterable[int]) -> None:
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)


# --- 汇总 -------------------------------------------------------------------------------


def _write_summary(
    sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation, names: list[str]
) -> None:
    """Department score and grade, then one row per project, then the exact totals."""
    department = evaluation.data.department
    result = evaluation.department_score
    last = len(SUMMARY_HEADERS) - 1
    sheet.merge_range(
        0, 0, 0, last, f"{department.name}{department.year}年度预算绩效自评汇总表", styles["title"]
    )
    subtitle = (
        f"部门整体自评得分 {result.total} 分，等级「{result.grade}」；"
        f"项目 {len(evaluation.project_scores)} 个；金额单位：万元"
    )
    sheet.merge_range(1, 0, 1, last, subtitle, styles["subtitle"])
    for col, (header, width) in enumerate(SUMMARY_HEADERS):
        sheet.set_column(col, col, width)
        sheet.write_string(2, col, header, styles["label"])
    row = 3
    for score, name in zip(evaluation.project_scores, names, strict=True):
        _write_summary_row(sheet, styles, row, score, name)
        row += 1
    _write_summary_total(sheet, styles, row, evaluation.project_scores)
    sheet.freeze_panes(3, 2)
    sheet.autofilter(2, 0, row - 1, last)
    _print_setup(sheet, 2)


def _write_summary_row(
    sheet: Worksheet, styles: dict[str, Format], row: int, score: ProjectScore, sheet_name: str
) -> None:
    project = score.project
    funds = project.total
    target = sheet_name.replace("'", "''")
    sheet.write_url(row, 0, f"internal:'{target}'!A1", styles["text"], project.code)
    sheet.write_string(row, 1, project.name, styles["text"])
    sheet.write_string(row, 2, project.source.value, styles["text"])
    sheet.write_string(row, 3, project.section, styles["text"])
    _number(sheet, row, 4, yuan_to_wan(funds.final), styles["money"])
    _number(sheet, row, 5, yuan_to_wan(funds.actual), styles["money"])
    _number(sheet, row, 6, _rate(score.execution_rate), styles["rate"])
    _number(sheet, row, 7, score.total, styles["score"])
    sheet.write_string(row, 8, score.grade, styles["center"])
    declared = project.self_score
    _number(sheet, row, 9, declared, styles["score"])
    _number(sheet, row, 10, None if declared is None else declared - score.total, styles["score"])


def _write_summary_total(
    sheet: Worksheet, styles: dict[str, Format], row: int, scores: tuple[ProjectScore, ...]
) -> None:
    """合计 from the exact 元 sums, rounded once (not the sum of rounded rows)."""
    total = sum((score.project.total for score in scores), ZERO_AMOUNTS)
    sheet.merge_range(row, 0, row, 3, "合计", styles["label"])
    _number(sheet, row, 4, yuan_to_wan(total.final), styles["money"])
    _number(sheet, row, 5, yuan_to_wan(total.actual), styles["money"])
    _number(sheet, row, 6, _rate(safe_ratio(total.actual, total.final)), styles["rate"])
    for col in range(7, len(SUMMARY_HEADERS)):
        sheet.write_blank(row, col, None, styles["text"])


# --- 部门整体 -----------------------------------------------------------------------------


def _write_department(sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation) -> None:
    """部门整体支出绩效自评表: indicators by dimension, subtotals, total and grade."""
    department = evaluation.data.department
    result = evaluation.department_score
    last = len(DEPARTMENT_WIDTHS) - 1
    _set_widths(sheet, DEPARTMENT_WIDTHS)
    sheet.merge_range(0, 0, 0, last, "部门整体支出绩效自评表", styles["title"])
    unit = department.full_name or department.name
    sheet.merge_range(1, 0, 1, last, f"（{department.year}年度）{unit}", styles["subtitle"])
    sheet.write_string(2, 0, "维度", styles["label"])
    for col, header in enumerate(INDICATOR_HEADERS, start=1):
        sheet.write_string(2, col, header, styles["label"])
    row = 3
    for dimension, items in _by_dimension(evaluation):
        row = _write_dimension(sheet, styles, row, dimension, items, evaluation)
    sheet.merge_range(row, 0, row, 5, "总分", styles["label"])
    full = sum((item.indicator.weight for item in result.indicator_scores), Decimal(0))
    _number(sheet, row, 6, full, styles["weight"])
    _number(sheet, row, 7, result.total, styles["total"])
    sheet.merge_range(row, 8, row, last, "", styles["text"])
    sheet.merge_range(row + 1, 0, row + 1, 5, "自评结论", styles["label"])
    sheet.merge_range(
        row + 1, 6, row + 1, last, f"{result.grade}（{result.total} 分）", styles["center"]
    )
    _write_footnote(sheet, styles, row + 2, evaluation)
    sheet.freeze_panes(3, 0)
    _print_setup(sheet, 2)


def _by_dimension(evaluation: Evaluation) -> Iterator[tuple[str, list[IndicatorScore]]]:
    """Indicator scores grouped by dimension, in the profile's order, then any others."""
    groups: dict[str, list[IndicatorScore]] = {name: [] for name in evaluation.profile.dimensions}
    for item in evaluation.department_score.indicator_scores:
        dimension = item.indicator.dimension
        groups.setdefault(dimension.value if dimension else "未分维度", []).append(item)
    return ((name, items) for name, items in groups.items() if items)


def _write_dimension(
    sheet: Worksheet, styles: dict[str, Format], row: int, dimension: str,
    items: list[IndicatorScore], evaluation: Evaluation,
) -> int:  # fmt: skip
    """A dimension's indicator rows and its 小计 row; returns the next free row."""
    first = row
    for item in items:
        _write_indicator_row(sheet, styles, row, 1, item, _department_source(item, evaluation))
        row += 1
    _merge_column(sheet, first, row - 1, 0, dimension, styles["center"])
    weight, score = evaluation.department_score.dimension_totals.get(
        dimension, (Decimal(0), Decimal(0))
    )
    sheet.merge_range(row, 0, row, 5, f"{dimension}小计", styles["label"])
    _number(sheet, row, 6, weight, styles["weight"])
    _number(sheet, row, 7, score, styles["total"])
    sheet.merge_range(row, 8, row, 9, "", styles["text"])
    return row + 1


def _department_source(item: IndicatorScore, evaluation: Evaluation) -> str:
    """Where the value came from: the workbook row, and for 自动取数 the computed metric."""
    metric = item.indicator.metric
    where = _source(item.indicator.location)
    if not metric:
        return where
    return f"{where}；系统计算：{evaluation.profile.metrics.get(metric, metric)}"


def _write_footnote(
    sheet: Worksheet, styles: dict[str, Format], row: int, evaluation: Evaluation
) -> None:
    """How the scores were made and what 来源 means (one cell, overflowing to the right)."""
    text = (
        f"注：得分由系统依据实际完成值按「{evaluation.profile.name}」计算；"
        "「来源」列为该指标在所填工作簿中的行。"
    )
    sheet.write_string(row, 0, text, styles["note"])


# --- 项目支出绩效自评表 --------------------------------------------------------------------


def _write_project(
    sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation, score: ProjectScore
) -> None:
    """One project's 项目支出绩效自评表, top to bottom, rows in order."""
    project = score.project
    _set_widths(sheet, PROJECT_WIDTHS)
    title = f"项目支出绩效自评表（{evaluation.data.department.year}年度）"
    sheet.merge_range(0, 0, 0, 8, title, styles["title"])
    sheet.set_row(0, 30)
    row = _write_project_header(sheet, styles, 1, project, evaluation)
    row = _write_funds(sheet, styles, row, score)
    row = _write_goal(sheet, styles, row, project)
    row = _write_indicator_block(sheet, styles, row, score)
    row = _write_project_total(sheet, styles, row, score)
    _write_footnote(sheet, styles, row, evaluation)
    _print_setup(sheet)


def _write_project_header(
    sheet: Worksheet, styles: dict[str, Format], row: int, project: Project, evaluation: Evaluation
) -> int:
    department = evaluation.data.department
    pairs = (
        ("项目名称", project.name, "项目编码", project.code),
        ("主管部门", department.parent, "实施单位", department.full_name or department.name),
        ("责任科室", project.section, "预算类型", project.source.value),
    )
    for offset, (left, left_value, right, right_value) in enumerate(pairs):
        sheet.write_string(row + offset, 0, left, styles["label"])
        sheet.merge_range(row + offset, 1, row + offset, 4, left_value, styles["text"])
        sheet.write_string(row + offset, 5, right, styles["label"])
        sheet.merge_range(row + offset, 6, row + offset, 8, right_value, styles["text"])
    return row + len(pairs)


def _write_funds(sheet: Worksheet, styles: dict[str, Format], row: int, score: ProjectScore) -> int:
    """项目资金（万元）: 年度资金总额 / 财政拨款 / 上年结转 / 其他资金 × the six columns."""
    project = score.project
    for col, header in enumerate(FUNDS_HEADERS, start=1):
        sheet.write_string(row, col, header, styles["label"])
    lines = (
        ("年度资金总额", project.total),
        ("其中：财政拨款", project.fiscal),
        ("上年结转", project.carryover),
        ("其他资金", project.other_funds),
    )
    for offset, (label, amounts) in enumerate(lines, start=1):
        _write_funds_line(sheet, styles, row + offset, label, amounts)
    _merge_column(sheet, row + 1, row + len(lines), 5, score.execution_weight, styles["weight"])
    _merge_column(sheet, row + 1, row + len(lines), 7, score.execution_score, styles["total"])
    _merge_column(sheet, row + 1, row + len(lines), 8, _source(project.location), styles["text"])
    _merge_column(sheet, row, row + len(lines), 0, "项目资金（万元）", styles["label"])
    return row + len(lines) + 1


def _write_funds_line(
    sheet: Worksheet, styles: dict[str, Format], row: int, label: str, amounts: Amounts
) -> None:
    sheet.write_string(row, 1, label, styles["text"])
    _number(sheet, row, 2, yuan_to_wan(amounts.initial), styles["money"])
    _number(sheet, row, 3, yuan_to_wan(amounts.final), styles["money"])
    _number(sheet, row, 4, yuan_to_wan(amounts.actual), styles["money"])
    _number(sheet, row, 6, _rate(safe_ratio(amounts.actual, amounts.final)), styles["rate"])


def _write_goal(sheet: Worksheet, styles: dict[str, Format], row: int, project: Project) -> int:
    """年度总体目标: 预期目标 beside 实际完成情况."""
    sheet.merge_range(row, 0, row + 1, 0, "年度总体目标", styles["label"])
    sheet.merge_range(row, 1, row, 4, "预期目标", styles["label"])
    sheet.merge_range(row, 5, row, 8, "实际完成情况", styles["label"])
    sheet.merge_range(row + 1, 1, row + 1, 4, project.goal, styles["text"])
    sheet.merge_range(row + 1, 5, row + 1, 8, project.goal_outcome, styles["text"])
    longest = max(len(project.goal), len(project.goal_outcome))
    sheet.set_row(row + 1, max(30, 15 * (longest // 30 + 1)))
    return row + 2


def _write_indicator_block(
    sheet: Worksheet, styles: dict[str, Format], row: int, score: ProjectScore
) -> int:
    """The indicator rows, with 一级 and 二级 merged over consecutive equal cells."""
    for col, header in enumerate(INDICATOR_HEADERS):
        sheet.write_string(row, col, header, styles["label"])
    first = row + 1
    items = score.indicator_scores
    for offset, item in enumerate(items):
        _write_indicator_row(
            sheet, styles, first + offset, 0, item, _source(item.indicator.location)
        )
    _merge_runs(sheet, styles, first, [item.indicator.level1 for item in items], 0)
    _merge_runs(
        sheet, styles, first, [(item.indicator.level1, item.indicator.level2) for item in items], 1
    )
    return first + len(items)


def _write_indicator_row(
    sheet: Worksheet,
    styles: dict[str, Format],
    row: int,
    col: int,
    item: IndicatorScore,
    source: str,
) -> None:
    """一级 … 来源 of one indicator, starting at column ``col``."""
    indicator = item.indicator
    sheet.write_string(row, col, indicator.level1, styles["center"])
    sheet.write_string(row, col + 1, indicator.level2, styles["center"])
    sheet.write_string(row, col + 2, indicator.name, styles["text"])
    sheet.write_string(row, col + 3, target_text(item), styles["center"])
    sheet.write_string(row, col + 4, actual_text(item), styles["center"])
    _number(sheet, row, col + 5, indicator.weight, styles["weight"])
    if item.status is Status.NOT_APPLICABLE:
        sheet.write_string(row, col + 6, Status.NOT_APPLICABLE.value, styles["center"])
    else:
        _number(sheet, row, col + 6, item.score, styles["score"])
    sheet.write_string(row, col + 7, indicator.explanation, styles["text"])
    sheet.write_string(row, col + 8, source, styles["text"])


def _write_project_total(
    sheet: Worksheet, styles: dict[str, Format], row: int, score: ProjectScore
) -> int:
    """总分 (预算执行率 + indicators, rescaled when some are not applicable) and 自评结论."""
    full = score.execution_weight + sum(
        (item.indicator.weight for item in score.indicator_scores), Decimal(0)
    )
    sheet.merge_range(row, 0, row, 4, "总分", styles["label"])
    _number(sheet, row, 5, full, styles["weight"])
    _number(sheet, row, 6, score.total, styles["total"])
    declared = score.project.self_score
    note = "" if declared is None else f"单位自评总分 {declared} 分"
    sheet.merge_range(row, 7, row, 8, note, styles["text"])
    sheet.merge_range(row + 1, 0, row + 1, 4, "自评结论", styles["label"])
    sheet.merge_range(
        row + 1, 5, row + 1, 8, f"{score.grade}（{score.total} 分）", styles["center"]
    )
    return row + 2


def _merge_column(
    sheet: Worksheet, first: int, last: int, col: int, value: str | Decimal, style: Format
) -> None:
    """``value`` over rows ``first``–``last`` of one column (a plain cell for one row)."""
    if first == last:
        if isinstance(value, Decimal):
            _number(sheet, first, col, value, style)
        else:
            sheet.write_string(first, col, value, style)
        return
    if isinstance(value, Decimal):
        sheet.merge_range(first, col, last, col, "", style)
        _number(sheet, first, col, value, style)
    else:
        sheet.merge_range(first, col, last, col, value, style)


def _merge_runs(
    sheet: Worksheet, styles: dict[str, Format], first: int, keys: list[object], col: int
) -> None:
    """Merge runs of equal consecutive ``keys`` in column ``col`` (the form's 一级/二级)."""
    row = first
    for key, run in groupby(keys):
        length = len(list(run))
        if length > 1:
            text = key[-1] if isinstance(key, tuple) else key
            sheet.merge_range(row, col, row + length - 1, col, str(text), styles["center"])
        row += length
