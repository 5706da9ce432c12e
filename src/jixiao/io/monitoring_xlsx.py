"""The 绩效监控表 workbook: the 部门整体绩效监控表, then one 项目绩效监控表 per project.

Drawn from a layout file (``monitoring_layout``), so labels, order and columns are data.
Amounts are 万元 with two decimals, half-up, from exact 元; rates are percent text with
one decimal. Each warning is written as text (红色 …) on its colour's fill, so the form
says it in a black-and-white print too. User text is always written as a string.
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from jixiao.core.money import format_percent, yuan_to_wan
from jixiao.core.monitoring import IndicatorProgress, ProjectExecution
from jixiao.core.monitoring_review import ExecutionTotals, MonitoringReview, ProjectStatus
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour
from jixiao.core.records import IndicatorKind
from jixiao.io.declaration_xlsx import decimal_text
from jixiao.io.monitoring_layout import MonitoringForm, MonitoringLayout
from jixiao.io.tables_xlsx import project_sheet_names
from jixiao.io.xlsx_workbook import new_workbook

DEPARTMENT_SHEET = "部门整体"
FONT = "宋体"
MONEY_FIELDS = frozenset({"initial", "final", "executed", "expected"})
Value = str | Decimal | Colour | None
# A CJK character takes about two units of Excel's column width; a wrapped line of
# 10-point 宋体 is about 14 points high.
UNITS_PER_CHAR = 2.1
LINE_HEIGHT = 14


def write_monitoring_forms(
    review: MonitoringReview, layout: MonitoringLayout, path: str | Path
) -> Path:
    """Write the 部门整体 form and every project's form to ``path``."""
    path = Path(path)
    workbook = new_workbook(path, in_memory=True)
    styles = _styles(workbook, layout)
    _department_form(_Form(workbook.add_worksheet(DEPARTMENT_SHEET), styles, layout), review)
    names = project_sheet_names(project.execution for project in review.projects)
    for project, name in zip(review.projects, names, strict=True):
        _project_form(_Form(workbook.add_worksheet(name), styles, layout), review, project)
    workbook.close()
    return path


def _styles(workbook: xlsxwriter.Workbook, layout: MonitoringLayout) -> dict[str, Format]:
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1, "text_wrap": True}
    styles = {
        "title": workbook.add_format({"font_name": FONT, "font_size": 18, "bold": True, "align": "center", "valign": "vcenter"}),
        "subtitle": workbook.add_format({"font_name": FONT, "font_size": 11, "align": "center"}),
        "unit": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "right"}),
        "label": workbook.add_format({**base, "bold": True, "align": "center"}),
        "text": workbook.add_format(base),
        "center": workbook.add_format({**base, "align": "center"}),
        "money": workbook.add_format({**base, "num_format": "#,##0.00"}),
        "sign": workbook.add_format({"font_name": FONT, "font_size": 10}),
    }  # fmt: skip
    for colour, fill in layout.fills.items():
        styles[colour.value] = workbook.add_format(
            {**base, "bold": True, "align": "center", "bg_color": fill}
        )
    return styles


class _Form:
    """A sheet filled row by row across the width of its widest table."""

    def __init__(self, sheet: Worksheet, styles: dict[str, Format], layout: MonitoringLayout):
        self.sheet, self.styles, self.layout, self.row = sheet, styles, layout, 0
        self.width = 1
        self.widths: list[int] = []

    def columns(self, widths: list[int]) -> None:
        self.width, self.widths = len(widths), widths
        for index, width in enumerate(widths):
            self.sheet.set_column(index, index, width)
        self.sheet.set_landscape()
        self.sheet.set_paper(9)  # A4
        self.sheet.fit_to_pages(1, 0)

    def put(self, first: int, last: int, value: Value, style: str = "text") -> None:
        """One cell (merged from ``first`` to ``last``): money as a number, a colour as
        its text on its fill, anything else as a string."""
        if isinstance(value, Colour):
            style, value = value.value, self.layout.colour_label(value)
        if isinstance(value, Decimal):
            number, fmt = float(value), self.styles["money"]
            if first == last:
                self.sheet.write_number(self.row, first, number, fmt)
            else:
                self.sheet.merge_range(self.row, first, self.row, last, number, fmt)
            return
        text, fmt = "" if value is None else str(value), self.styles[style]
        if first == last:
            self.sheet.write_string(self.row, first, text, fmt)
        else:
            self.sheet.merge_range(self.row, first, self.row, last, text, fmt)

    def line(self, value: str, style: str, height: int | None = None) -> None:
        self.put(0, self.width - 1, value, style)
        if height:
            self.sheet.set_row(self.row, height)
        self.row += 1

    def fit(self, spans: list[tuple[int, int, Value]]) -> None:
        """Size the row to its longest wrapped text: Excel does not fit merged cells."""
        lines = 1
        for first, last, value in spans:
            if isinstance(value, str):
                room = sum(self.widths[first : last + 1]) or 1
                lines = max(lines, math.ceil(len(value) * UNITS_PER_CHAR / room))
        if lines > 1:
            self.sheet.set_row(self.row, lines * LINE_HEIGHT)

    def pair(self, label: str, value: Value) -> None:
        self.fit([(0, 1, label), (2, self.width - 1, value)])
        self.put(0, 1, label, "label")
        self.put(2, self.width - 1, value)
        self.row += 1

    def spread(self, values: list[Value], style: str = "text") -> None:
        """Values one column each; the last takes the rest of the width."""
        spans = [(index, self.width - 1 if index == len(values) - 1 else index, value)
                 for index, value in enumerate(values)]  # fmt: skip
        self.fit(spans)
        for index, last, value in spans:
            self.put(index, last, value, "label" if style == "label" else _style_of(value, style))
        self.row += 1


def _style_of(value: Value, style: str) -> str:
    return "center" if isinstance(value, str) and len(value) <= 8 and style == "text" else style


def _heading(form: _Form, layout: MonitoringForm, review: MonitoringReview) -> None:
    form.line(layout.title, "title", 30)
    replacements = {"year": review.round.year, "round": review.round.round_name}
    form.line(layout.subtitle.format(**replacements), "subtitle")
    form.line(layout.unit_note, "unit")


def _label(text: str, review: MonitoringReview) -> str:
    return text.replace("{months}", review.months)


def _header_value(field: str, review: MonitoringReview, execution: ProjectExecution | None) -> str:
    values = {
        "department.name": review.round.department,
        "year": str(review.round.year),
        "round": review.round.round_name,
    }
    if execution is not None:
        values |= {"project.name": execution.name, "project.code": execution.code,
                   "project.section": execution.section}  # fmt: skip
    return values.get(field, "")


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else yuan_to_wan(value)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else format_percent(value)


def _fund_value(field: str, status: ProjectStatus | ExecutionTotals) -> Value:
    if isinstance(status, ProjectStatus):
        item, time, rate = status.execution, status.time, status.rate
        values: dict[str, Value] = {"colour": status.execution_colour}
    else:
        item, time, rate, values = status, status.time, status.rate, {}
    if field in MONEY_FIELDS:
        return _money(getattr(item, field))
    if field == "rate":
        return _percent(rate)
    if field == "time":
        return _percent(time.share)
    return values.get(field)


def _funds(form: _Form, layout: MonitoringForm, review: MonitoringReview, status) -> None:
    form.line(layout.funds_label, "label")
    form.spread([_label(label, review) for label, _ in layout.funds], "label")
    form.spread([_fund_value(field, status) for _, field in layout.funds])


def _indicator_value(field: str, item: IndicatorProgress, colour: Colour | None) -> Value:
    quantitative = item.kind is IndicatorKind.QUANTITATIVE
    if field == "target":
        return item.target_shown
    if field == "value":
        if not quantitative:
            return "；".join(part for part in (item.value_text, item.achievement) if part)
        return "" if item.value is None else f"{decimal_text(item.value)}{item.unit}"
    if field == "kind":
        return item.kind.value
    if field == "likelihood":
        return item.likelihood.value if item.likelihood else ""
    if field == "cause":
        return item.deviation.described
    if field == "measure":
        return item.deviation.measure
    if field == "colour":
        return colour if colour is not None else "未填报"
    return str(getattr(item, field))


def _project_form(form: _Form, review: MonitoringReview, status: ProjectStatus) -> None:
    layout = form.layout.project
    form.columns([column.width for column in layout.columns])
    _heading(form, layout, review)
    for label, field in layout.header:
        form.pair(label, _header_value(field, review, status.execution))
    _funds(form, layout, review, status)
    execution = status.execution
    cause = "；".join(part for part in (execution.deviation.described,
                                        execution.deviation.measure) if part)  # fmt: skip
    form.pair(layout.labels["execution_cause_label"], cause or "—")
    form.line(layout.labels["indicators_label"], "label")
    form.spread([_label(column.header, review) for column in layout.columns], "label")
    for indicator in status.indicators:
        values = [_indicator_value(c.field, indicator.indicator, indicator.colour)
                  for c in layout.columns]  # fmt: skip
        form.spread(values)
    form.pair(layout.labels["result_label"], status.colour)
    decision = execution.decision.value if execution.decision else "—"
    form.pair(layout.labels["decision_label"], decision)
    _signature(form, layout)


def _project_row(field: str, review: MonitoringReview, status: ProjectStatus) -> Value:
    execution = status.execution
    if field in {"code", "name", "section"}:
        return getattr(execution, field)
    if field == "colour":
        return status.colour
    if field == "cause":
        # One cause often explains the execution and several indicators: said once.
        causes = [execution.deviation.described] + [
            i.indicator.deviation.described for i in status.indicators
        ]
        return "；".join(dict.fromkeys(cause for cause in causes if cause))
    if field == "measure":
        measures = [execution.deviation.measure] + [
            i.indicator.deviation.measure for i in status.indicators
        ]
        return "；".join(dict.fromkeys(measure for measure in measures if measure))
    if field == "decision":
        return execution.decision.value if execution.decision else ""
    return _fund_value(field, status)


def _department_form(form: _Form, review: MonitoringReview) -> None:
    layout = form.layout.department
    form.columns([column.width for column in layout.columns])
    _heading(form, layout, review)
    for label, field in layout.header:
        form.pair(label, _header_value(field, review, None))
    _funds(form, layout, review, review.totals())
    form.line(layout.labels["counts_label"], "label")
    counts = review.counts()
    form.spread(list(COLOUR_ORDER), "label")
    form.spread([str(counts[colour]) for colour in COLOUR_ORDER])
    form.line(layout.labels["projects_label"], "label")
    form.spread([_label(column.header, review) for column in layout.columns], "label")
    for status in review.projects:
        form.spread([_project_row(column.field, review, status) for column in layout.columns])
    if review.department:
        columns = form.layout.project.columns
        form.line(layout.labels["indicators_label"], "label")
        form.spread([_label(column.header, review) for column in columns], "label")
        for indicator in review.department:
            values = [_indicator_value(c.field, indicator.indicator, indicator.colour)
                      for c in columns]  # fmt: skip
            form.spread(values)
    _signature(form, layout)


def _signature(form: _Form, layout: MonitoringForm) -> None:
    form.row += 1
    step = max(form.width // max(len(layout.signature), 1), 1)
    for index, text in enumerate(layout.signature):
        form.sheet.write_string(form.row, index * step, text, form.styles["sign"])
