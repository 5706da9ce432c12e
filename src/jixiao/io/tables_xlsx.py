"""The standard tables workbook: 汇总, 部门整体支出绩效自评表 and one 项目支出绩效自评表 per project.

Laid out like the standard forms (domain.md §4–§5). Every figure comes from the
Evaluation: amounts are exact Decimal 元 turned into 万元 half-up by ``yuan_to_wan``, and a
Decimal becomes a float only in the call that writes it to a cell (xlsx stores doubles).
The forms carry only what the official forms show; where each figure came from (the
workbook row, the computed metric) and which rules were applied are on two sheets of their
own, 核对 and 说明 (``tables_notes``), so every score still traces to its evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from itertools import groupby
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import quantize_half_up, safe_ratio, yuan_to_wan
from jixiao.core.narrative.assessment import outcome_text, shortfall_text
from jixiao.core.narrative.indicator_text import actual_text, approved_target_text, plain
from jixiao.core.narrative.project_review import project_review
from jixiao.core.records import ZERO_AMOUNTS, Project
from jixiao.core.scoring import IndicatorScore, ProjectScore, Status
from jixiao.io.form_templates import (
    DEFAULT_DEPARTMENT_FORM,
    DEFAULT_PROJECT_FORM,
    DepartmentForm,
    ProjectForm,
    department_form,
    project_form,
)
from jixiao.io.tables_application import APPLICATION_SHEET, write_application
from jixiao.io.tables_notes import RULES_SHEET, TRACE_SHEET, write_rules, write_trace
from jixiao.io.xlsx_workbook import new_workbook

SUMMARY_SHEET = "汇总"
DEPARTMENT_SHEET = "部门整体"
RESERVED_NAMES = (SUMMARY_SHEET, DEPARTMENT_SHEET, APPLICATION_SHEET, TRACE_SHEET, RULES_SHEET,
                  "History")  # fmt: skip
SHEET_NAME_LIMIT = 31
FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
RATE_PLACES = Decimal("0.0001")
ZERO = Decimal(0)
FONT = "宋体"
# Column widths of a project form, A–I: the block labels, then 一级 … 偏差原因分析及改进措施.
PROJECT_FORM_WIDTHS = (9, 16, 12, 22, 13, 13, 8, 8, 30)
FORM_LAST = len(PROJECT_FORM_WIDTHS) - 1
NOT_SCORED = "—"
SIGNATURE_GAP = "　" * 8
LINE_HEIGHT = 15  # points per line of 10 pt 宋体
DEPARTMENT_WIDTHS = PROJECT_FORM_WIDTHS
SUMMARY_HEADERS = (
    ("项目编码", 14), ("项目名称", 36), ("预算类型", 14), ("责任科室", 16),
    ("全年预算数（万元）", 14), ("全年执行数（万元）", 14), ("执行率", 10),
    ("依据计算得分", 12), ("等级", 8), ("自评总分", 10), ("差距", 10),
)  # fmt: skip


def write_tables(evaluation: Evaluation, path: str | Path) -> Path:
    """Write the tables workbook for ``evaluation`` to ``path`` and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = new_workbook(path, in_memory=True)
    styles = _styles(workbook)
    scores = evaluation.project_scores + evaluation.carryover_scores
    # A separately evaluated 结转 part gets a sheet named after its project: P1-结转.
    named = [s.project for s in evaluation.project_scores] + [
        replace(s.project, code=f"{s.project.code}-结转") for s in evaluation.carryover_scores
    ]
    names = project_sheet_names(named)
    _write_summary(workbook.add_worksheet(SUMMARY_SHEET), styles, evaluation, scores, names)
    _write_department(workbook.add_worksheet(DEPARTMENT_SHEET), styles, evaluation)
    for score, name in zip(scores, names, strict=True):
        _write_project(workbook.add_worksheet(name), styles, evaluation, score)
    write_application(workbook.add_worksheet(APPLICATION_SHEET), styles, evaluation)
    write_trace(workbook.add_worksheet(TRACE_SHEET), styles, evaluation, scores, names)
    write_rules(workbook.add_worksheet(RULES_SHEET), styles, evaluation)
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
        "plain": workbook.add_format({"font_name": FONT, "font_size": 10, "valign": "vcenter"}),
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


def _print_setup(
    sheet: Worksheet, repeat_row: int | None = None, *, portrait: bool = False
) -> None:
    """A4 (landscape unless ``portrait``), fitted to the page width, centred;
    ``repeat_row`` heads every page."""
    sheet.set_paper(9)
    if portrait:
        sheet.set_portrait()
    else:
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
    sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation,
    scores: tuple[ProjectScore, ...], names: list[str],
) -> None:  # fmt: skip
    """Department score and grade, then one row per project, then the exact totals."""
    department = evaluation.data.department
    result = evaluation.department_score
    last = len(SUMMARY_HEADERS) - 1
    sheet.merge_range(
        0, 0, 0, last, f"{department.name}{department.year}年度预算绩效自评汇总表", styles["title"]
    )
    subtitle = (
        f"部门整体自评得分 {result.total} 分，等级“{result.grade}”；"
        f"项目 {len(evaluation.project_scores)} 个；金额单位：万元"
    )
    sheet.merge_range(1, 0, 1, last, subtitle, styles["subtitle"])
    for col, (header, width) in enumerate(SUMMARY_HEADERS):
        sheet.set_column(col, col, width)
        sheet.write_string(2, col, header, styles["label"])
    row = 3
    for score, name in zip(scores, names, strict=True):
        _write_summary_row(sheet, styles, row, score, name)
        row += 1
    _write_summary_total(sheet, styles, row, scores)
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
    """部门整体支出绩效自评表, laid out as the profile's form template says."""
    form = department_form(evaluation.profile.forms.get("department", DEFAULT_DEPARTMENT_FORM))
    department = evaluation.data.department
    result = evaluation.department_score
    _set_widths(sheet, DEPARTMENT_WIDTHS)
    sheet.merge_range(0, 0, 0, FORM_LAST, form.title, styles["title"])
    sheet.set_row(0, 30)
    subtitle = form.subtitle.format(year=department.year)
    sheet.merge_range(1, 0, 1, FORM_LAST, subtitle, styles["subtitle"])
    row = _write_basic(sheet, styles, 2, form, evaluation)
    row = _write_department_goal(sheet, styles, row, form, evaluation)
    row = _write_spending(sheet, styles, row, form, evaluation)
    header = row
    for col, text in enumerate(form.indicator_columns, start=1):
        sheet.write_string(row, col, text, styles["label"])
    row += 1
    for dimension, items in _by_dimension(evaluation):
        row = _write_dimension(sheet, styles, row, form, dimension, items, evaluation)
    _merge_column(sheet, header, row - 1, 0, form.indicators_label, styles["label"])
    sheet.merge_range(row, 0, row, 5, form.total_label, styles["label"])
    full = sum((item.indicator.weight for item in result.indicator_scores), Decimal(0))
    _number(sheet, row, 6, full, styles["weight"])
    _number(sheet, row, 7, result.total, styles["total"])
    sheet.write_blank(row, FORM_LAST, None, styles["text"])
    sheet.merge_range(row + 1, 0, row + 1, 5, form.conclusion_label, styles["label"])
    grade = f"{result.grade}（{result.total} 分）"
    sheet.merge_range(row + 1, 6, row + 1, FORM_LAST, grade, styles["center"])
    _print_setup(sheet, portrait=form.portrait)
    sheet.repeat_rows(0, 1)


def _basic_value(field: str, evaluation: Evaluation) -> str | None:
    department = evaluation.data.department
    if field == "unit":
        return department.full_name or department.name
    if field == "parent":
        return department.parent
    count = getattr(department, field)
    return None if count is None else f"{count} 人"


def _write_basic(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: DepartmentForm,
    evaluation: Evaluation,
) -> int:  # fmt: skip
    """单位基本情况: the unit and the headcounts it filed."""
    lines = [(label, _basic_value(field, evaluation)) for label, field in form.basic_rows]
    lines = [(label, value) for label, value in lines if value is not None]
    for offset, (label, value) in enumerate(lines):
        sheet.merge_range(row + offset, 1, row + offset, 2, label, styles["label"])
        sheet.merge_range(row + offset, 3, row + offset, FORM_LAST, value, styles["text"])
    _merge_column(sheet, row, row + len(lines) - 1, 0, form.basic_label, styles["label"])
    return row + len(lines)


def _write_department_goal(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: DepartmentForm,
    evaluation: Evaluation,
) -> int:  # fmt: skip
    """年度整体绩效目标, 实际完成情况, 未能完成原因: one box each."""
    texts = {
        "goal": "".join(evaluation.data.department.overall_goal),
        "outcome": outcome_text(evaluation),
        "shortfall": shortfall_text(evaluation),
    }
    for offset, (label, field) in enumerate(form.goal_rows):
        text = texts[field]
        sheet.merge_range(row + offset, 0, row + offset, 2, label, styles["label"])
        sheet.merge_range(row + offset, 3, row + offset, FORM_LAST, text, styles["text"])
        sheet.set_row(row + offset, max(30, 15 * (len(text) // 50 + 1)))
    return row + len(form.goal_rows)


def _write_spending(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: DepartmentForm,
    evaluation: Evaluation,
) -> int:  # fmt: skip
    """年度部门整体支出规模 by source of funds: 全年预算数, 全年执行数, 执行率."""
    spans = ((1, 2), (3, 4), (5, 6), (7, 8))
    for (first, last), text in zip(spans, form.spending_columns, strict=True):
        sheet.merge_range(row, first, row, last, text, styles["label"])
    lines = [(s.source.value, s.amounts) for s in evaluation.budget.sources]
    total = sum((amounts for _, amounts in lines), ZERO_AMOUNTS)
    for offset, (label, amounts) in enumerate([*lines, (form.spending_total, total)], start=1):
        line = row + offset
        sheet.merge_range(line, 1, line, 2, label, styles["text"])
        values = (yuan_to_wan(amounts.final), yuan_to_wan(amounts.actual),
                  _rate(safe_ratio(amounts.actual, amounts.final)))  # fmt: skip
        for (first, last), value, style in zip(spans[1:], values, ("money", "money", "rate"),
                                               strict=True):  # fmt: skip
            sheet.merge_range(line, first, line, last, "", styles[style])
            _number(sheet, line, first, value, styles[style])
    last = row + len(lines) + 1
    _merge_column(sheet, row, last, 0, form.spending_label, styles["label"])
    return last + 1


def _by_dimension(evaluation: Evaluation) -> Iterator[tuple[str, list[IndicatorScore]]]:
    """Indicator scores grouped by dimension, in the profile's order, then any others."""
    groups: dict[str, list[IndicatorScore]] = {name: [] for name in evaluation.profile.dimensions}
    for item in evaluation.department_score.indicator_scores:
        dimension = item.indicator.dimension
        groups.setdefault(dimension.value if dimension else "未分维度", []).append(item)
    return ((name, items) for name, items in groups.items() if items)


def _write_dimension(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: DepartmentForm, dimension: str,
    items: list[IndicatorScore], evaluation: Evaluation,
) -> int:  # fmt: skip
    """A dimension's rows (the dimension is their 一级指标) and its 小计; the next free row."""
    first = row
    for item in items:
        _write_indicator_row(sheet, styles, row, 1, item, form.adjusted_target)
        row += 1
    _merge_column(sheet, first, row - 1, 1, dimension, styles["center"])
    _merge_runs(sheet, styles, first, [i.indicator.level2 for i in items], 2)
    weight, score = evaluation.department_score.dimension_totals.get(
        dimension, (Decimal(0), Decimal(0))
    )
    sheet.merge_range(row, 1, row, 5, form.subtotal.format(name=dimension), styles["label"])
    _number(sheet, row, 6, weight, styles["weight"])
    _number(sheet, row, 7, score, styles["total"])
    sheet.write_blank(row, 8, None, styles["text"])
    return row + 1


# --- 项目支出绩效自评表 --------------------------------------------------------------------


def _write_project(
    sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation, score: ProjectScore
) -> None:
    """One project's 项目支出绩效自评表, laid out as the profile's form template says."""
    form = project_form(evaluation.profile.forms.get("project", DEFAULT_PROJECT_FORM))
    _set_widths(sheet, PROJECT_FORM_WIDTHS)
    sheet.merge_range(0, 0, 0, FORM_LAST, form.title, styles["title"])
    sheet.set_row(0, 30)
    subtitle = form.subtitle.format(year=evaluation.data.department.year)
    sheet.merge_range(1, 0, 1, FORM_LAST, subtitle, styles["subtitle"])
    row = _write_project_header(sheet, styles, 2, form, score.project, evaluation)
    row = _write_funds(sheet, styles, row, form, score)
    row = _write_goal(sheet, styles, row, form, score.project)
    row = _write_indicator_block(sheet, styles, row, form, score)
    row = _write_project_total(sheet, styles, row, form, score)
    row = _write_boxes(sheet, styles, row, form, score, evaluation)
    if form.signatures:
        sheet.merge_range(row + 1, 0, row + 1, FORM_LAST, SIGNATURE_GAP.join(form.signatures),
                          styles["plain"])  # fmt: skip
    _print_setup(sheet, portrait=form.portrait)
    sheet.repeat_rows(0, 1)


def _header_value(field: str, project: Project, evaluation: Evaluation) -> str:
    department = evaluation.data.department
    values = {
        "project_name": project.name, "project_code": project.code, "section": project.section,
        "source": project.source.value, "parent": department.parent,
        "unit": department.full_name or department.name,
    }  # fmt: skip
    return values[field]


def _write_project_header(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: ProjectForm, project: Project,
    evaluation: Evaluation,
) -> int:  # fmt: skip
    """项目名称, 主管部门, 实施单位 …: one pair on a line spans the form, two share it."""
    for offset, line in enumerate(form.header):
        spans = ((1, FORM_LAST),) if len(line) == 1 else ((1, 4), (6, FORM_LAST))
        for (label, field), (first, last), label_col in zip(line, spans, (0, 5), strict=False):
            sheet.write_string(row + offset, label_col, label, styles["label"])
            value = _header_value(field, project, evaluation)
            sheet.merge_range(row + offset, first, row + offset, last, value, styles["text"])
    return row + len(form.header)


def _write_funds(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: ProjectForm, score: ProjectScore
) -> int:
    """项目资金（万元）: 年度资金总额 and its parts × 年初预算数 … 得分; 分值 and 得分 once."""
    project = score.project
    sheet.merge_range(row, 1, row, 2, "", styles["label"])
    for col, header in enumerate(form.funds_columns, start=3):
        sheet.write_string(row, col, header, styles["label"])
    for offset, (label, field) in enumerate(form.funds_rows, start=1):
        amounts = getattr(project, field)
        line = row + offset
        sheet.merge_range(line, 1, line, 2, label, styles["text"])
        _number(sheet, line, 3, yuan_to_wan(amounts.initial), styles["money"])
        _number(sheet, line, 4, yuan_to_wan(amounts.final), styles["money"])
        _number(sheet, line, 5, yuan_to_wan(amounts.actual), styles["money"])
        _number(sheet, line, 7, _rate(safe_ratio(amounts.actual, amounts.final)), styles["rate"])
        if offset == 1:
            _number(sheet, line, 6, score.execution_weight, styles["weight"])
            _number(sheet, line, 8, score.execution_score, styles["total"])
        else:
            sheet.write_string(line, 6, NOT_SCORED, styles["center"])
            sheet.write_string(line, 8, NOT_SCORED, styles["center"])
    last = row + len(form.funds_rows)
    _merge_column(sheet, row, last, 0, form.funds_label, styles["label"])
    return last + 1


def _write_goal(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: ProjectForm, project: Project
) -> int:
    """年度总体目标: 预期目标 beside 实际完成情况."""
    sheet.merge_range(row, 0, row + 1, 0, form.goal_label, styles["label"])
    sheet.merge_range(row, 1, row, 4, form.goal_expected, styles["label"])
    sheet.merge_range(row, 5, row, FORM_LAST, form.goal_outcome, styles["label"])
    sheet.merge_range(row + 1, 1, row + 1, 4, project.goal, styles["text"])
    sheet.merge_range(row + 1, 5, row + 1, FORM_LAST, project.goal_outcome, styles["text"])
    longest = max(len(project.goal), len(project.goal_outcome))
    sheet.set_row(row + 1, max(30, 15 * (longest // 24 + 1)))
    return row + 2


def _level_label(name: str, weight: Decimal, with_weight: bool) -> str:
    """产出指标（50分） where the form shows the weights, else the class alone."""
    return f"{name}（{plain(weight)}分）" if with_weight else name


def _write_indicator_block(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: ProjectForm, score: ProjectScore
) -> int:
    """绩效指标: the header, then the rows, 一级 and 二级 merged over equal neighbours."""
    for col, header in enumerate(form.indicator_columns, start=1):
        sheet.write_string(row, col, header, styles["label"])
    first = row + 1
    items = score.indicator_scores
    for offset, item in enumerate(items):
        _write_indicator_row(sheet, styles, first + offset, 1, item, form.adjusted_target)
    totals = score.level_totals()
    levels = [
        _level_label(i.indicator.level1, totals.get(i.indicator.level1, (ZERO, ZERO))[0],
                     form.level_weights)
        for i in items
    ]  # fmt: skip
    _merge_runs(sheet, styles, first, levels, 1)
    _merge_runs(sheet, styles, first, [(i.indicator.level1, i.indicator.level2) for i in items], 2)
    _merge_column(sheet, row, first + len(items) - 1, 0, form.indicators_label, styles["label"])
    return first + len(items)


def _write_indicator_row(
    sheet: Worksheet,
    styles: dict[str, Format],
    row: int,
    col: int,
    item: IndicatorScore,
    adjusted: str,
) -> None:
    """一级 … 偏差原因分析及改进措施 of one indicator, starting at column ``col``; a target
    changed by an approved 目标调整 says so as the form's ``adjusted`` wording has it."""
    indicator = item.indicator
    sheet.write_string(row, col, indicator.level1, styles["center"])
    sheet.write_string(row, col + 1, indicator.level2, styles["center"])
    sheet.write_string(row, col + 2, indicator.name, styles["text"])
    target = approved_target_text(item, adjusted)
    sheet.write_string(row, col + 3, target, styles["center"])
    sheet.write_string(row, col + 4, actual_text(item), styles["center"])
    _number(sheet, row, col + 5, indicator.weight, styles["weight"])
    if item.status is Status.NOT_APPLICABLE:
        sheet.write_string(row, col + 6, Status.NOT_APPLICABLE.value, styles["center"])
    else:
        _number(sheet, row, col + 6, item.score, styles["score"])
    sheet.write_string(row, col + 7, indicator.explanation, styles["text"])
    lines = max(_wrapped_lines(target, PROJECT_FORM_WIDTHS[col + 3]),
                _wrapped_lines(indicator.explanation, PROJECT_FORM_WIDTHS[col + 7]))  # fmt: skip
    if lines > 1:  # a spreadsheet program does not grow the row for wrapped text itself
        sheet.set_row(row, LINE_HEIGHT * lines)


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (a Chinese
    character takes two)."""
    units = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return max(1, -(-units // max(width - 1, 1)))


def _write_project_total(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: ProjectForm, score: ProjectScore
) -> int:
    """总分 (预算执行率 + indicators, rescaled when some are not applicable) and 自评结论."""
    full = score.execution_weight + sum(
        (item.indicator.weight for item in score.indicator_scores), Decimal(0)
    )
    sheet.merge_range(row, 0, row, 5, form.total_label, styles["label"])
    _number(sheet, row, 6, full, styles["weight"])
    _number(sheet, row, 7, score.total, styles["total"])
    sheet.write_blank(row, 8, None, styles["text"])
    sheet.merge_range(row + 1, 0, row + 1, 5, form.conclusion_label, styles["label"])
    grade = f"{score.grade}（{score.total} 分）"
    sheet.merge_range(row + 1, 6, row + 1, FORM_LAST, grade, styles["center"])
    return row + 2


def _write_boxes(
    sheet: Worksheet, styles: dict[str, Format], row: int, form: ProjectForm, score: ProjectScore,
    evaluation: Evaluation,
) -> int:  # fmt: skip
    """评价结论, 存在问题, 改进措施: each a labelled box across the form."""
    texts = project_review(score, evaluation.profile)
    for offset, label in enumerate(form.boxes):
        text = texts.get(label, "")
        sheet.write_string(row + offset, 0, label, styles["label"])
        sheet.merge_range(row + offset, 1, row + offset, FORM_LAST, text, styles["text"])
        sheet.set_row(row + offset, max(30, 15 * (len(text) // 60 + 1)))
    return row + len(form.boxes)


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
        text = str(key[-1] if isinstance(key, tuple) else key)
        if length > 1:
            sheet.merge_range(row, col, row + length - 1, col, text, styles["center"])
        else:
            sheet.write_string(row, col, text, styles["center"])
        row += length
