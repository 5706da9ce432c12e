"""The 绩效目标申报表 workbook: the 部门整体 form, then one project form per project.

Drawn from a layout file (``declaration_layout``), so labels, order and columns are
data. Amounts are 万元 with two decimals, half-up, from exact 元. Every text a user
typed is written as a string, never as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from jixiao.core.money import yuan_to_wan
from jixiao.core.records import (
    BudgetLine,
    BudgetSource,
    DepartmentYear,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    Project,
)
from jixiao.io.declaration_layout import DeclarationLayout, FormLayout, LayoutColumn
from jixiao.io.tables_xlsx import project_sheet_names
from jixiao.io.xlsx_workbook import new_workbook

DEPARTMENT_SHEET = "部门整体"
FONT = "宋体"
GROUPED_FIELDS = ("dimension", "level1", "level2")
# A CJK character takes about two units of Excel's column width; a wrapped line of
# 10-point 宋体 is about 14 points high. Excel does not fit merged cells to their text,
# so rows holding long text are sized from these.
UNITS_PER_CHAR = 2.1
LINE_HEIGHT = 14
A4 = 9


def decimal_text(value: Decimal) -> str:
    """A Decimal as plain digits, without exponent or trailing zeros (95.0 → 95)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def indicator_value(indicator: Indicator, field: str) -> str | Decimal:
    """What an indicator shows in a layout column named ``field``."""
    quantitative = indicator.kind is IndicatorKind.QUANTITATIVE
    if field == "weight":
        return indicator.weight
    if field == "kind":
        return indicator.kind.value
    if field == "operator":
        return indicator.operator.value if indicator.operator else ""
    if field == "dimension":
        return indicator.dimension.value if indicator.dimension else ""
    if field == "target":
        target = indicator.target
        return (
            decimal_text(target) if quantitative and target is not None else indicator.target_text
        )
    if field == "previous":
        if not quantitative:
            return indicator.previous_actual_text
        previous = indicator.previous_actual
        return "" if previous is None else f"{decimal_text(previous)}{indicator.unit}"
    if field == "planned":
        return planned_text(indicator)
    return str(getattr(indicator, field))


def planned_text(indicator: Indicator) -> str:
    """本年度计划水平: operator, value and unit of a 定量 (≥95%), the words of a 定性."""
    if indicator.kind is IndicatorKind.QUALITATIVE or indicator.target is None:
        return indicator.target_text
    operator = indicator.operator.value if indicator.operator else ""
    return f"{operator}{decimal_text(indicator.target)}{indicator.unit}"


def write_declarations(data: DepartmentYear, layout: DeclarationLayout, path: str | Path) -> Path:
    """Write the 部门整体 form and every project's form to ``path``."""
    path = Path(path)
    workbook = new_workbook(path, in_memory=True)
    styles = _styles(workbook)
    _department_form(workbook.add_worksheet(DEPARTMENT_SHEET), styles, layout.department, data)
    grouped = data.indicators_by_project()
    names = project_sheet_names(data.projects)
    for project, name in zip(data.projects, names, strict=True):
        sheet = workbook.add_worksheet(name)
        _project_form(sheet, styles, layout.project, data, project, grouped.get(project.code, []))
    workbook.close()
    return path


def _styles(workbook: xlsxwriter.Workbook) -> dict[str, Format]:
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "border": 1, "text_wrap": True}
    return {
        "title": workbook.add_format({"font_name": FONT, "font_size": 18, "bold": True, "align": "center", "valign": "vcenter"}),
        "subtitle": workbook.add_format({"font_name": FONT, "font_size": 11, "align": "center"}),
        "unit": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "right"}),
        "label": workbook.add_format({**base, "bold": True, "align": "center"}),
        "text": workbook.add_format(base),
        "center": workbook.add_format({**base, "align": "center"}),
        "money": workbook.add_format({**base, "num_format": "#,##0.00"}),
        "weight": workbook.add_format({**base, "align": "center", "num_format": "General"}),
        "sign": workbook.add_format({"font_name": FONT, "font_size": 10}),
    }  # fmt: skip


class _Form:
    """A sheet being filled row by row across ``width`` columns."""

    def __init__(
        self, sheet: Worksheet, styles: dict[str, Format], columns: Sequence[LayoutColumn]
    ):
        self.sheet, self.styles, self.row = sheet, styles, 0
        self.width = len(columns)
        self.middle = 2 + (self.width - 2) // 2
        self.chars_per_line = max(1, int(sum(c.width for c in columns[2:]) / UNITS_PER_CHAR))
        for index, column in enumerate(columns):
            sheet.set_column(index, index, column.width)
        # Printed as filed: A4 landscape, one page wide.
        sheet.set_paper(A4)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.center_horizontally()

    def fit(self, text: str) -> None:
        """Give the current row the height its wrapped text needs."""
        lines = sum(len(part) // self.chars_per_line + 1 for part in text.split("\n"))
        self.sheet.set_row(self.row, LINE_HEIGHT * max(1, lines) + 4)

    def span(self, first: int, last: int, value: str | Decimal, style: str) -> None:
        format_ = self.styles[style]
        if isinstance(value, Decimal):
            if first != last:
                self.sheet.merge_range(self.row, first, self.row, last, None, format_)
            self.sheet.write_number(self.row, first, float(value), format_)
        elif first == last:
            self.sheet.write_string(self.row, first, value, format_)
        else:
            self.sheet.merge_range(self.row, first, self.row, last, "", format_)
            self.sheet.write_string(self.row, first, value, format_)

    def heading(self, layout: FormLayout, year: int) -> None:
        self.span(0, self.width - 1, layout.title, "title")
        self.sheet.set_row(self.row, 30)
        self.row += 1
        if layout.subtitle:
            self.span(0, self.width - 1, layout.subtitle.format(year=year), "subtitle")
            self.row += 1
        if layout.unit_note:
            self.span(0, self.width - 1, layout.unit_note, "unit")
            self.row += 1

    def pair(self, label: str, value: str, tall: bool = False) -> None:
        self.span(0, 1, label, "label")
        self.span(2, self.width - 1, value, "text")
        if tall:
            self.fit(value)
        self.row += 1

    def block_label(self, label: str, rows: int) -> None:
        """A label on the left spanning the next ``rows`` rows."""
        if rows > 1:
            self.sheet.merge_range(self.row, 0, self.row + rows - 1, 1, "", self.styles["label"])
        else:
            self.sheet.merge_range(self.row, 0, self.row, 1, "", self.styles["label"])
        self.sheet.write_string(self.row, 0, label, self.styles["label"])

    def indicators(self, layout: FormLayout, rows: list[Indicator]) -> None:
        self.span(0, self.width - 1, layout.indicators_label, "label")
        self.row += 1
        for index, column in enumerate(layout.columns):
            self.span(index, index, column.header, "label")
        self.row += 1
        first = self.row
        for item in rows:
            for index, column in enumerate(layout.columns):
                value = indicator_value(item, column.field)
                style = "weight" if column.field == "weight" else "text"
                self.span(index, index, value, style)
            self.row += 1
        self._merge_groups(layout.columns, rows, first)

    def _merge_groups(
        self, columns: Sequence[LayoutColumn], rows: list[Indicator], first: int
    ) -> None:
        """Merge runs of the same 维度/一级/二级 down a column, as the printed forms do."""
        for index, column in enumerate(columns):
            if column.field not in GROUPED_FIELDS:
                continue
            prefix = [c.field for c in columns[: index + 1] if c.field in GROUPED_FIELDS]
            keys = [tuple(indicator_value(item, field) for field in prefix) for item in rows]
            start = 0
            for end in range(1, len(keys) + 1):
                if end == len(keys) or keys[end] != keys[start]:
                    if end - start > 1:
                        self.sheet.merge_range(first + start, index, first + end - 1, index,
                                               str(keys[start][-1]), self.styles["center"])  # fmt: skip
                    start = end

    def signature(self, layout: FormLayout) -> None:
        self.row += 1
        step = max(1, self.width // max(1, len(layout.signature)))
        for position, text in enumerate(layout.signature):
            self.sheet.write_string(self.row, position * step, text, self.styles["sign"])


def _header_value(field: str, data: DepartmentYear, project: Project | None) -> str:
    owner, attribute = field.split(".")
    record = data.department if owner == "department" else project
    value = getattr(record, attribute)
    return value.value if isinstance(value, BudgetSource) else str(value)


def _fund(project: Project, field: str) -> Decimal:
    amounts = {"total": project.total, "fiscal": project.fiscal,
               "carryover": project.carryover, "other": project.other_funds}[field]  # fmt: skip
    return yuan_to_wan(amounts.final)


def _project_form(
    sheet: Worksheet, styles: dict[str, Format], layout: FormLayout, data: DepartmentYear,
    project: Project, rows: list[Indicator],
) -> None:  # fmt: skip
    form = _Form(sheet, styles, layout.columns)
    form.heading(layout, data.department.year)
    for label, field in layout.header:
        form.pair(label, _header_value(field, data, project))
    if layout.funds:
        form.block_label(layout.funds_label, len(layout.funds))
        for label, field in layout.funds:
            form.span(2, form.middle - 1, label, "text")
            form.span(form.middle, form.width - 1, _fund(project, field), "money")
            form.row += 1
    form.pair(layout.goal_label, project.goal, tall=True)
    form.indicators(layout, rows)
    form.signature(layout)


def _spans(width: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` column spans covering ``width`` columns, the first taking the rest."""
    size, extra = divmod(width, parts)
    spans, start = [], 0
    for index in range(parts):
        end = start + size + (extra if index == 0 else 0) - 1
        spans.append((start, end))
        start = end + 1
    return spans


def _department_funds(form: _Form, layout: FormLayout, data: DepartmentYear) -> None:
    if not layout.funds_columns:
        return
    form.span(0, form.width - 1, layout.funds_label, "label")
    form.row += 1
    spans = _spans(form.width, len(layout.funds_columns))
    for (first, last), header in zip(spans, layout.funds_columns, strict=True):
        form.span(first, last, header, "label")
    form.row += 1
    for source in BudgetSource:
        lines = [line for line in data.budget_lines if line.source is source]
        if not lines:
            continue
        basic = _initial(lines, ExpenditureKind.BASIC)
        project = _initial(lines, ExpenditureKind.PROJECT)
        values = (source.value, *(yuan_to_wan(v) for v in (basic + project, basic, project)))
        for (first, last), value in zip(spans, values, strict=False):
            form.span(first, last, value, "money" if isinstance(value, Decimal) else "center")
        form.row += 1


def _initial(lines: list[BudgetLine], kind: ExpenditureKind) -> Decimal:
    return sum((line.amounts.initial for line in lines if line.kind is kind), Decimal(0))


def _department_form(
    sheet: Worksheet, styles: dict[str, Format], layout: FormLayout, data: DepartmentYear
) -> None:
    form = _Form(sheet, styles, layout.columns)
    form.heading(layout, data.department.year)
    for label, field in layout.header:
        form.pair(label, _header_value(field, data, None))
    _department_funds(form, layout, data)
    tasks = data.department.tasks
    if layout.tasks_label and tasks:
        form.block_label(layout.tasks_label, len(tasks))
        for task in tasks:
            form.span(2, form.width - 1, task, "text")
            form.fit(task)
            form.row += 1
    form.pair(layout.goal_label, "\n".join(data.department.overall_goal), tall=True)
    form.indicators(layout, list(data.department_indicators))
    form.signature(layout)
