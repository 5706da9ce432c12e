"""Read a goals workbook (.xlsx) into a DepartmentYear of goals, or say what is wrong.

The same validation as the year-end workbook: every problem is a Chinese error naming
sheet, row and column, and nothing is returned unless the whole workbook is valid. A
goal carries no actual values: each project's funds are its plan (年初预算数, with
全年预算数 the same and 执行数 zero) and each indicator's ``actual`` is empty.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.core.findings import Finding, Severity
from jixiao.core.records import (
    DEPARTMENT_OWNER,
    ZERO_AMOUNTS,
    Amounts,
    BudgetLine,
    DepartmentYear,
    Indicator,
    IndicatorKind,
    Location,
    Project,
)
from jixiao.io.goals_format import (
    GOALS_BUDGET_SHEET,
    GOALS_DEPARTMENT_INDICATOR_SHEET,
    GOALS_INDICATOR_SHEET,
    GOALS_PROJECT_SHEET,
    GOALS_SHEETS,
)
from jixiao.io.indicator_rows import (
    DEPARTMENT_LEVEL1,
    DIMENSIONS,
    INDICATOR_KINDS,
    LEVEL1,
    OPERATORS,
)
from jixiao.io.sheet_cells import SheetCells, cell_text
from jixiao.io.workbook_format import PROFILE_SHEET, SheetSpec
from jixiao.io.workbook_reader import (
    KINDS,
    LEVELS,
    SOURCES,
    LoadResult,
    project_codes_in,
    read_class_code,
    read_department_sheet,
    read_unique_projects,
)
from jixiao.io.workbook_sheets import WorkbookSheets

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def read_goals_workbook(path: str | Path) -> LoadResult:
    """Validate and read a whole goals workbook; ``data`` is None when anything is wrong.

    Raises ``WorkbookUnreadable`` for a file that is not an .xlsx workbook.
    """
    path = Path(path)
    sheets = WorkbookSheets(path, wanted=frozenset(spec.name for spec in GOALS_SHEETS))
    errors: list[Finding] = []
    required = (PROFILE_SHEET, GOALS_BUDGET_SHEET, GOALS_PROJECT_SHEET, GOALS_INDICATOR_SHEET)
    missing = [spec.name for spec in required if spec.name not in sheets]
    for name in missing:
        errors.append(Finding("INPUT", Severity.ERROR, "缺少工作表", Location(name)))
    if missing:
        return LoadResult(None, tuple(errors))
    department = read_department_sheet(sheets[PROFILE_SHEET.name], errors)
    year = department.year if department else 0
    lines = _read_budget(_cells(GOALS_BUDGET_SHEET, sheets, errors), year)
    project_cells = _cells(GOALS_PROJECT_SHEET, sheets, errors)
    projects = read_unique_projects(project_cells, year, _read_project)
    codes = project_codes_in(project_cells)
    indicators = _read_goal_rows(_cells(GOALS_INDICATOR_SHEET, sheets, errors), codes)
    own = _read_goal_rows(_cells(GOALS_DEPARTMENT_INDICATOR_SHEET, sheets, errors), None)
    if errors or department is None:
        return LoadResult(None, tuple(errors))
    data = DepartmentYear(
        department,
        tuple(lines),
        tuple(projects),
        tuple(indicators),
        tuple(own),
        source_name=path.name,
    )
    return LoadResult(data, ())


def _cells(spec: SheetSpec, sheets: WorkbookSheets, errors: list[Finding]) -> SheetCells | None:
    if spec.name not in sheets:
        return None
    cells = SheetCells(spec, sheets[spec.name], errors)
    return cells if cells.ok else None


def _planned(initial: Decimal) -> Amounts:
    """A plan as Amounts: the final budget is the initial one, nothing spent yet."""
    return Amounts(initial, initial, ZERO)


def _read_budget(cells: SheetCells | None, year: int) -> list[BudgetLine]:
    if cells is None:
        return []
    lines = []
    for number, row in cells.data_rows():
        source = cells.choice(number, row, "source", SOURCES)
        kind = cells.choice(number, row, "kind", KINDS)
        code = read_class_code(cells, number, row, year)
        initial = cells.amount(number, row, "initial")
        if source and kind and code:
            name = cells.plain(row, "class_name")
            lines.append(
                BudgetLine(source, code, name, kind, _planned(initial), cells.location(number))
            )
    return lines


def _read_project(cells: SheetCells, number: int, row: list[object], year: int) -> Project | None:
    code = cells.text(number, row, "code")
    name = cells.text(number, row, "name")
    level = cells.choice(number, row, "level", LEVELS) or "二级"
    source = cells.choice(number, row, "source", SOURCES)
    class_code = read_class_code(cells, number, row, year)
    section = cells.text(number, row, "section")
    initial = cells.amount(number, row, "initial")
    carryover = cells.amount(number, row, "carryover_final")
    other = cells.amount(number, row, "other_final")
    if not (code and name and source and class_code and section):
        return None
    return Project(
        code=code,
        name=name,
        source=source,
        class_code=class_code,
        fiscal=_planned(initial),
        section=section,
        level=str(level),
        carryover=Amounts(ZERO, carryover, ZERO) if carryover else ZERO_AMOUNTS,
        other_funds=Amounts(ZERO, other, ZERO) if other else ZERO_AMOUNTS,
        goal=cells.plain(row, "goal"),
        illustrative=cells.yes_no(number, row, "illustrative", False),
        location=cells.location(number),
    )


def _read_goal_rows(cells: SheetCells | None, codes: set[str] | None) -> list[Indicator]:
    """Goal indicators; ``codes`` None reads the department sheet (owner 部门整体)."""
    if cells is None:
        return []
    indicators: list[Indicator] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for number, row in cells.data_rows():
        indicator = _read_goal_row(cells, number, row, codes)
        if indicator is None:
            continue
        key = (indicator.owner, indicator.level1, indicator.level2, indicator.name)
        if key in seen:
            cells.invalid(
                number,
                "name",
                f"指标“{indicator.name}”与第 {seen[key]} 行重复（同一项目、同一二级指标下）",
            )
            continue
        seen[key] = number
        indicators.append(indicator)
    return indicators


def _owner(cells: SheetCells, number: int, row: list[object], codes: set[str] | None) -> str:
    if codes is None:
        return DEPARTMENT_OWNER
    owner = cells.text(number, row, "owner")
    if owner and owner not in codes:
        cells.invalid(number, "owner", f"项目编码“{owner}”在“项目”表中不存在")
    return owner


def _read_goal_row(
    cells: SheetCells, number: int, row: list[object], codes: set[str] | None
) -> Indicator | None:
    department = codes is None
    owner = _owner(cells, number, row, codes)
    dimension = cells.choice(number, row, "dimension", DIMENSIONS) if department else None
    level1 = cells.choice(number, row, "level1", DEPARTMENT_LEVEL1 if department else LEVEL1)
    kind = cells.choice(number, row, "kind", INDICATOR_KINDS)
    weight = cells.number(number, row, "weight")
    if weight is not None and not ZERO < weight <= HUNDRED:
        cells.invalid(number, "weight", f"分值应大于 0 且不超过 100，实为 {weight}")
    operator = cells.choice(number, row, "operator", OPERATORS)
    quantitative = kind is IndicatorKind.QUANTITATIVE
    target = cells.number(number, row, "target") if quantitative else None
    previous = cells.number(number, row, "previous_actual") if quantitative else None
    name = cells.text(number, row, "name")
    level2 = cells.text(number, row, "level2")
    if not (owner and level1 and kind and weight is not None and name and level2):
        return None
    if department and dimension is None:
        return None
    return Indicator(
        owner=owner,
        level1=str(level1),
        level2=level2,
        name=name,
        kind=kind,
        weight=weight,
        operator=operator,
        target=target,
        unit=cells.plain(row, "unit"),
        basis=cells.plain(row, "basis"),
        target_text="" if quantitative else cells.plain(row, "target"),
        dimension=dimension,
        metric=cells.plain(row, "metric") if department else "",
        location=cells.location(number),
        previous_actual=previous,
        previous_actual_text="" if quantitative else cell_text(cells.raw(row, "previous_actual")),
        target_reason=cells.plain(row, "target_reason"),
    )
