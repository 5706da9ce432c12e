"""Read a department workbook (.xlsx) into a DepartmentYear, or say exactly what is wrong.

python-calamine reads the cells; every value is validated and converted here. Nothing is
returned unless the whole workbook is valid: a bad file yields only errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao.core.classification import is_valid_class_code
from jixiao.core.findings import Finding, Severity
from jixiao.core.money import NotANumber, parse_decimal
from jixiao.core.records import (
    ZERO_AMOUNTS,
    Amounts,
    BudgetLine,
    BudgetSource,
    Department,
    DepartmentYear,
    ExpenditureKind,
    Location,
    Project,
    Statement,
)
from jixiao.io.indicator_rows import read_indicators
from jixiao.io.management_reader import read_management
from jixiao.io.sheet_cells import SheetCells, cell_text
from jixiao.io.workbook_format import (
    ALL_SHEETS,
    BUDGET_SHEET,
    DEPARTMENT_INDICATOR_SHEET,
    HEADCOUNT_KEYS,
    INDICATOR_SHEET,
    MANAGEMENT_SHEET,
    MULTI_PARAGRAPH_KEYS,
    PROFILE_KEYS,
    PROFILE_SHEET,
    PROJECT_SHEET,
    STATEMENT_SHEET,
    SheetSpec,
)
from jixiao.io.workbook_limits import workbook_limits
from jixiao.io.workbook_sheets import WorkbookSheets

SOURCES = {source.value: source for source in BudgetSource}
KINDS = {kind.value: kind for kind in ExpenditureKind}
LEVELS = {"一级": "一级", "二级": "二级", "": "二级"}
ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LoadResult:
    data: DepartmentYear | None
    errors: tuple[Finding, ...]


def read_workbook(path: str | Path) -> LoadResult:
    """Validate and read a whole workbook; ``data`` is None when anything is wrong."""
    path = Path(path)
    sheets = WorkbookSheets(
        path,
        wanted=frozenset(spec.name for spec in ALL_SHEETS),
        background=frozenset({INDICATOR_SHEET.name}),
    )
    errors: list[Finding] = []
    missing = [
        spec.name
        for spec in (PROFILE_SHEET, BUDGET_SHEET, PROJECT_SHEET)
        if spec.name not in sheets
    ]
    for name in missing:
        errors.append(Finding("INPUT", Severity.ERROR, "缺少工作表", Location(name)))
    if missing:
        return LoadResult(None, tuple(errors))
    department = _read_department(sheets[PROFILE_SHEET.name], errors)
    year = department.year if department else 0
    lines = _read_budget(_cells(BUDGET_SHEET, sheets, errors), year, errors)
    project_cells = _cells(PROJECT_SHEET, sheets, errors)
    projects = _read_projects(project_cells, year, errors)
    codes = _codes_in(project_cells)
    indicators = read_indicators(_cells(INDICATOR_SHEET, sheets, errors), codes)
    dept_indicators = read_indicators(
        _cells(DEPARTMENT_INDICATOR_SHEET, sheets, errors), None, department=True
    )
    problems, measures = _read_statements(_cells(STATEMENT_SHEET, sheets, errors))
    management = read_management(_cells(MANAGEMENT_SHEET, sheets, errors))
    if errors or department is None:
        return LoadResult(None, tuple(errors))
    data = DepartmentYear(
        department, tuple(lines), tuple(projects), tuple(indicators), tuple(dept_indicators),
        tuple(problems), tuple(measures), tuple(management), source_name=path.name,
    )  # fmt: skip
    return LoadResult(data, ())


def _cells(spec: SheetSpec, sheets: WorkbookSheets, errors: list[Finding]) -> SheetCells | None:
    """A sheet's cells; optional sheets that are absent read as empty."""
    if spec.name not in sheets:
        return None
    cells = SheetCells(spec, sheets[spec.name], errors)
    return cells if cells.ok else None


def _read_department(rows: list[list[object]], errors: list[Finding]) -> Department | None:
    cells = SheetCells(PROFILE_SHEET, rows, errors)
    if not cells.ok:
        return None
    fields: dict[str, object] = {key: [] for key in MULTI_PARAGRAPH_KEYS}
    for number, row in cells.data_rows():
        key = cells.text(number, row, "key")
        value = cell_text(cells.raw(row, "value"))
        field = PROFILE_KEYS.get(key)
        limit = workbook_limits().text_length(PROFILE_SHEET.name, key)
        if len(value) > limit:
            cells.invalid(number, "value", f"“{key}”最多 {limit:,} 个字符，实为 {len(value):,} 个")
        if field is None:
            cells.invalid(number, "key", f"未知项“{key}”，可填：{'、'.join(PROFILE_KEYS)}")
        elif field in MULTI_PARAGRAPH_KEYS:
            if value:
                fields[field].append(value)
        else:
            fields[field] = value
            fields[f"{field}_row"] = number
    return _department_from(fields, cells)


def _department_from(fields: dict[str, object], cells: SheetCells) -> Department | None:
    name = str(fields.get("name") or "")
    year_text = str(fields.get("year") or "")
    if not name:
        cells.invalid(int(fields.get("name_row", 3)), "value", "缺少“部门名称”")
    if not (year_text.isdigit() and 2000 <= int(year_text) <= 2100):
        cells.invalid(
            int(fields.get("year_row", 3)), "value", f"“年度”应为四位年份，实为“{year_text}”"
        )
        return None
    self_score = _department_self_score(fields, cells)
    if not name:
        return None
    return Department(
        name=name,
        year=int(year_text),
        jurisdiction=str(fields.get("jurisdiction") or ""),
        parent=str(fields.get("parent") or ""),
        full_name=str(fields.get("full_name") or name),
        profile=str(fields.get("profile") or ""),
        self_score=self_score,
        signing_date=str(fields.get("signing_date") or ""),
        **_headcounts(fields, cells),
        **{key: tuple(fields[key]) for key in MULTI_PARAGRAPH_KEYS},
    )


def _headcounts(fields: dict[str, object], cells: SheetCells) -> dict[str, int | None]:
    """编制数, 实有在职人数, 离退休人数: whole numbers of people, or left blank."""
    labels = {field: key for key, field in PROFILE_KEYS.items()}
    counts: dict[str, int | None] = {}
    for field in HEADCOUNT_KEYS:
        text = str(fields.get(field) or "")
        try:
            value = parse_decimal(text) if text else None
        except NotANumber:
            value = Decimal(-1)
        size = workbook_limits().number_sizes[labels[field]]
        if value is not None and (value < 0 or size.problem(value)):
            cells.invalid(int(fields.get(f"{field}_row", 3)), "value",
                          f"“{labels[field]}”应为不小于 0 且小于 {size.bound:,f} 的整数（人数），"
                          f"实为“{text[:40]}”")  # fmt: skip
            value = None
        counts[field] = int(value) if value is not None else None
    return counts


def _department_self_score(fields: dict[str, object], cells: SheetCells) -> Decimal | None:
    """部门自评总分, the total the department declares, kept beside the computed one."""
    text = str(fields.get("self_score") or "")
    if not text:
        return None
    try:
        value = parse_decimal(text)
    except NotANumber:
        value = None
    size = workbook_limits().number_sizes["部门自评总分"]
    if value is None or not Decimal(0) <= value <= Decimal(100) or size.problem(value):
        cells.invalid(
            int(fields.get("self_score_row", 3)),
            "value",
            f"“部门自评总分”应为 0–100 的数字（最多 {size.places} 位小数），实为“{text}”",
        )
        return None
    return value


def _class_code(cells: SheetCells, number: int, row: list[object], year: int) -> str:
    code = cells.text(number, row, "class_code")
    if code and year and not is_valid_class_code(code, year):
        cells.invalid(number, "class_code", f"未知的功能分类科目编码“{code}”（{year} 年科目表）")
    return code


def _read_budget(cells: SheetCells | None, year: int, errors: list[Finding]) -> list[BudgetLine]:
    if cells is None:
        return []
    lines = []
    for number, row in cells.data_rows():
        source = cells.choice(number, row, "source", SOURCES)
        kind = cells.choice(number, row, "kind", KINDS)
        code = _class_code(cells, number, row, year)
        amounts = Amounts(
            cells.amount(number, row, "initial"),
            cells.amount(number, row, "final"),
            cells.amount(number, row, "actual"),
        )
        if source and kind and code:
            name = cell_text(cells.raw(row, "class_name"))
            lines.append(BudgetLine(source, code, name, kind, amounts, cells.location(number)))
    if not lines and cells.ok:
        errors.append(
            Finding("INPUT", Severity.ERROR, "预算收支表没有数据行", Location(cells.spec.name))
        )
    return lines


def _read_projects(cells: SheetCells | None, year: int, errors: list[Finding]) -> list[Project]:
    return read_unique_projects(cells, year, _read_project)


def read_unique_projects(
    cells: SheetCells | None,
    year: int,
    read_project: Callable[[SheetCells, int, list[object], int], Project | None],
) -> list[Project]:
    """The projects ``read_project`` makes of the sheet's rows; a 项目编码 given twice is
    refused on its second row."""
    if cells is None:
        return []
    projects: list[Project] = []
    seen: dict[str, int] = {}
    for number, row in cells.data_rows():
        project = read_project(cells, number, row, year)
        if project is None:
            continue
        if project.code in seen:
            cells.invalid(
                number, "code", f"项目编码“{project.code}”与第 {seen[project.code]} 行重复"
            )
            continue
        seen[project.code] = number
        projects.append(project)
    return projects


def _read_project(cells: SheetCells, number: int, row: list[object], year: int) -> Project | None:
    code = cells.text(number, row, "code")
    name = cells.text(number, row, "name")
    level = cells.choice(number, row, "level", LEVELS) or "二级"
    source = cells.choice(number, row, "source", SOURCES)
    class_code = _class_code(cells, number, row, year)
    section = cells.text(number, row, "section")
    fiscal = Amounts(
        cells.amount(number, row, "initial"),
        cells.amount(number, row, "final"),
        cells.amount(number, row, "actual"),
    )
    carryover = _extra_funds(cells, number, row, "carryover")
    other = _extra_funds(cells, number, row, "other")
    self_score = cells.number(number, row, "self_score")
    if self_score is not None and not ZERO <= self_score <= HUNDRED:
        cells.invalid(number, "self_score", f"自评总分应在 0–100 之间，实为 {self_score}")
    if not (code and name and source and class_code and section):
        return None
    return Project(
        code=code, name=name, source=source, class_code=class_code, fiscal=fiscal,
        section=section, level=str(level), carryover=carryover, other_funds=other,
        goal=cell_text(cells.raw(row, "goal")),
        goal_outcome=cell_text(cells.raw(row, "goal_outcome")),
        execution_explanation=cell_text(cells.raw(row, "execution_explanation")),
        self_score=self_score,
        illustrative=cells.yes_no(number, row, "illustrative", False),
        location=cells.location(number),
    )  # fmt: skip


def _codes_in(cells: SheetCells | None) -> set[str] | None:
    """Every 项目编码 the sheet lists, even on rows refused for another reason.

    None when the sheet itself could not be read: its error is already reported, and
    every indicator would otherwise be flagged as naming an unknown project.
    """
    if cells is None:
        return None
    codes = {cell_text(cells.raw(row, "code")) for _, row in cells.data_rows()}
    return codes - {""}


def _extra_funds(cells: SheetCells, number: int, row: list[object], prefix: str) -> Amounts:
    """上年结转 or 其他资金: 年初预算数 (a column older workbooks lack: zero), 全年, 执行."""
    initial = cells.amount(number, row, f"{prefix}_initial")
    final = cells.amount(number, row, f"{prefix}_final")
    actual = cells.amount(number, row, f"{prefix}_actual")
    if not initial and not final and not actual:
        return ZERO_AMOUNTS
    return Amounts(initial, final, actual)


def _read_statements(cells: SheetCells | None) -> tuple[list[Statement], list[Statement]]:
    problems: list[Statement] = []
    measures: list[Statement] = []
    if cells is None:
        return problems, measures
    targets = {"问题": problems, "措施": measures}
    for number, row in cells.data_rows():
        kind = cells.choice(number, row, "type", {name: name for name in targets})
        title = cells.text(number, row, "title")
        if kind is not None and title:
            body = cell_text(cells.raw(row, "body"))
            targets[str(kind)].append(Statement(title, body, cells.location(number)))
    return problems, measures


def read_department_sheet(rows: list[list[object]], errors: list[Finding]) -> Department | None:
    """The 部门信息 sheet alone (the goals workbook shares it with this one)."""
    return _read_department(rows, errors)


def read_class_code(cells: SheetCells, number: int, row: list[object], year: int) -> str:
    """A 科目编码 cell, checked against the year's classification."""
    return _class_code(cells, number, row, year)


def project_codes_in(cells: SheetCells | None) -> set[str] | None:
    """Every 项目编码 a project sheet lists (see ``_codes_in``)."""
    return _codes_in(cells)
