"""Read a monitoring workbook into a MonitoringRound, or say what is wrong.

All or nothing, as for the department workbook: every problem is a Chinese error naming
sheet, row and column, and no round is returned unless the whole workbook is valid.
Besides each cell's type, a row is refused when its execution to date exceeds its final
budget, its month falls outside the round, its project is not in the approved goals
(when given), or it is red with no 偏差原因.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jixiao.core.findings import Finding, Severity
from jixiao.core.monitoring import (
    Decision,
    Deviation,
    DeviationCause,
    IndicatorProgress,
    Likelihood,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.monitoring_review import department_statuses, project_status
from jixiao.core.monitoring_rules import Colour, MonitoringRules
from jixiao.core.profile import RulesProfile, load_profile
from jixiao.core.records import DEPARTMENT_OWNER, DepartmentYear, IndicatorKind, Location
from jixiao.io.indicator_rows import DEPARTMENT_LEVEL1, INDICATOR_KINDS, LEVEL1, OPERATORS
from jixiao.io.monitoring_format import (
    EXECUTION_SHEET,
    INFO_KEYS,
    INFO_SHEET,
    MONITORING_SHEETS,
    PROGRESS_SHEET,
)
from jixiao.io.sheet_cells import SheetCells, cell_text
from jixiao.io.workbook_format import SheetSpec
from jixiao.io.workbook_sheets import WorkbookSheets

CAUSES = {cause.value: cause for cause in DeviationCause}
LIKELIHOODS = {likelihood.value: likelihood for likelihood in Likelihood}
DECISIONS = {decision.value: decision for decision in Decision}
ACHIEVEMENTS = {name: name for name in ("达成", "部分达成", "未达成")}
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class MonitoringLoad:
    """The round read (None when anything is wrong), the errors, and the profile used."""

    data: MonitoringRound | None
    errors: tuple[Finding, ...]
    profile: RulesProfile | None = None


@dataclass(frozen=True, slots=True)
class _Info:
    department: str
    year: int
    round_name: str
    end_month: int
    profile: str


def read_monitoring_workbook(
    path: str | Path, *, approved: DepartmentYear | None = None, profile: str | None = None
) -> MonitoringLoad:
    """Validate and read a monitoring workbook against ``approved`` goals (optional).

    ``profile`` overrides the workbook's 规则配置. Raises ``WorkbookUnreadable`` for a
    file that is not an .xlsx workbook and ``ProfileError`` for an unusable profile.
    """
    path = Path(path)
    sheets = WorkbookSheets(path, wanted=frozenset(spec.name for spec in MONITORING_SHEETS))
    errors: list[Finding] = []
    missing = [spec.name for spec in MONITORING_SHEETS if spec.name not in sheets]
    for name in missing:
        errors.append(Finding("INPUT", Severity.ERROR, "缺少工作表", Location(name)))
    if missing:
        return MonitoringLoad(None, tuple(errors))
    raw = _read_info_values(sheets[INFO_SHEET.name], errors)
    rules_profile = load_profile(profile or raw.get("profile") or "default")
    info = _info(raw, rules_profile.monitoring, errors)
    execution_cells = _cells(EXECUTION_SHEET, sheets, errors)
    progress_cells = _cells(PROGRESS_SHEET, sheets, errors)
    if info is None or execution_cells is None or progress_cells is None:
        return MonitoringLoad(None, tuple(errors), rules_profile)
    goals = _goals(approved, info, errors)
    projects = _read_projects(execution_cells, info, goals)
    indicators = _read_indicators(progress_cells, {p.code for p in projects}, goals)
    if errors:
        return MonitoringLoad(None, tuple(errors), rules_profile)
    round_ = MonitoringRound(
        info.department, info.year, info.round_name, info.end_month, tuple(projects),
        tuple(indicators), info.profile, path.name,
    )  # fmt: skip
    _red_rows_need_a_cause(round_, rules_profile.monitoring, execution_cells, progress_cells)
    if errors:
        return MonitoringLoad(None, tuple(errors), rules_profile)
    return MonitoringLoad(round_, (), rules_profile)


def _cells(spec: SheetSpec, sheets: WorkbookSheets, errors: list[Finding]) -> SheetCells | None:
    cells = SheetCells(spec, sheets[spec.name], errors)
    return cells if cells.ok else None


def _read_info_values(rows: list[list[object]], errors: list[Finding]) -> dict[str, str]:
    cells = SheetCells(INFO_SHEET, rows, errors)
    values: dict[str, str] = {}
    if not cells.ok:
        return values
    for number, row in cells.data_rows():
        key = cells.plain(row, "key")
        if key not in INFO_KEYS:
            options = "、".join(INFO_KEYS)
            cells.invalid(number, "key", f"“{key}”不是可填的项目（{options}）")
            continue
        values[INFO_KEYS[key]] = cell_text(cells.raw(row, "value"))
        values[f"{INFO_KEYS[key]}.row"] = str(number)
    return values


def _info(raw: dict[str, str], rules: MonitoringRules, errors: list[Finding]) -> _Info | None:
    def error(key: str, label: str, message: str) -> None:
        row = int(raw[f"{key}.row"]) if f"{key}.row" in raw else None
        errors.append(
            Finding("INPUT", Severity.ERROR, message, Location(INFO_SHEET.name, row, label))
        )

    department, year, name = raw.get("department", ""), raw.get("year", ""), raw.get("round", "")
    if not department:
        error("department", "部门名称", "部门名称为空")
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        error("year", "年度", f"年度应为四位年份，实为“{year}”")
    spec = rules.round(name) if name else None
    if spec is None:
        known = "、".join(r.name for r in rules.rounds)
        error("round", "监控轮次", f"监控轮次“{name}”不是规则配置中的轮次（{known}）")
    if errors or spec is None:
        return None
    return _Info(department, int(year), spec.name, spec.end_month, raw.get("profile", ""))


def _goals(
    approved: DepartmentYear | None, info: _Info, errors: list[Finding]
) -> DepartmentYear | None:
    if approved is None:
        return None
    here, there = (info.department, info.year), (approved.department.name, approved.department.year)
    if here != there:
        message = (f"批复目标为“{there[0]}”{there[1]} 年度，与本监控工作簿"
                   f"“{here[0]}”{here[1]} 年度不符")  # fmt: skip
        errors.append(Finding("INPUT", Severity.ERROR, message, Location(INFO_SHEET.name)))
    return approved


def _month(cells: SheetCells, number: int, row: list[object], info: _Info) -> int:
    value = cells.number(number, row, "month")
    if value is None:
        return info.end_month
    if value != value.to_integral_value() or not 1 <= value <= info.end_month:
        cells.invalid(
            number, "month",
            f"截至月份“{cell_text(cells.raw(row, 'month'))}”不在本轮监控期间（{info.round_name}）内",
        )  # fmt: skip
        return info.end_month
    return int(value)


def _deviation(cells: SheetCells, number: int, row: list[object]) -> Deviation:
    cause = cells.choice(number, row, "cause", CAUSES)
    return Deviation(cause, cells.plain(row, "cause_text"), cells.plain(row, "measure"))  # type: ignore[arg-type]


def _read_projects(
    cells: SheetCells, info: _Info, goals: DepartmentYear | None
) -> list[ProjectExecution]:
    planned = {project.code for project in goals.projects} if goals else None
    projects: list[ProjectExecution] = []
    seen: dict[str, int] = {}
    for number, row in cells.data_rows():
        code = cells.text(number, row, "code")
        name = cells.text(number, row, "name")
        final = cells.amount(number, row, "final")
        executed = cells.amount(number, row, "executed")
        expected = cells.amount(number, row, "expected") if cells.plain(row, "expected") else None
        if executed > final:
            cells.invalid(number, "executed", f"累计执行数 {executed} 元超过全年预算数 {final} 元")
        if code in seen:
            cells.invalid(number, "code", f"项目编码“{code}”与第 {seen[code]} 行重复")
        elif code and planned is not None and code not in planned:
            cells.invalid(number, "code", f"项目“{name}”（{code}）不在批复的绩效目标中")
        seen[code] = number
        projects.append(ProjectExecution(
            code=code, name=name, section=cells.plain(row, "section"),
            initial=cells.amount(number, row, "initial"), final=final, executed=executed,
            month=_month(cells, number, row, info), expected=expected,
            deviation=_deviation(cells, number, row),
            decision=cells.choice(number, row, "decision", DECISIONS),  # type: ignore[arg-type]
            illustrative=cells.yes_no(number, row, "illustrative", False),
            location=cells.location(number),
        ))  # fmt: skip
    return projects


def _approved_targets(goals: DepartmentYear | None) -> dict[tuple[str, ...], object] | None:
    if goals is None:
        return None
    return {
        (item.owner, item.level1, item.level2, item.name): (
            item.target_text if item.kind is IndicatorKind.QUALITATIVE else item.target
        )
        for item in (*goals.indicators, *goals.department_indicators)
    }


def _read_indicators(
    cells: SheetCells, codes: set[str], goals: DepartmentYear | None
) -> list[IndicatorProgress]:
    targets = _approved_targets(goals)
    indicators: list[IndicatorProgress] = []
    seen: dict[tuple[str, ...], int] = {}
    for number, row in cells.data_rows():
        item = _read_indicator(cells, number, row)
        if item is None:
            continue
        known = item.owner in codes or item.owner == DEPARTMENT_OWNER
        if not known:
            cells.invalid(number, "owner", f"项目编码“{item.owner}”不在“项目执行”表中")
        key = (item.owner, item.level1, item.level2, item.name)
        if key in seen:
            message = f"指标“{item.name}”与第 {seen[key]} 行重复（同一项目、同一二级指标下）"
            cells.invalid(number, "name", message)
            continue
        seen[key] = number
        if targets is not None and known:
            _against_approved(cells, number, item, key, targets)
        indicators.append(item)
    return indicators


def _against_approved(
    cells: SheetCells,
    number: int,
    item: IndicatorProgress,
    key: tuple[str, ...],
    targets: dict[tuple[str, ...], object],
) -> None:
    """The row's indicator must be an approved one, with the approved 年度指标值."""
    if key not in targets:
        cells.invalid(
            number, "name", f"指标“{item.name}”（{item.level1}/{item.level2}）不在批复目标中"
        )
        return
    approved = targets[key]
    mine = item.target_text if item.kind is IndicatorKind.QUALITATIVE else item.target
    if isinstance(approved, Decimal) and isinstance(mine, Decimal):
        same = approved.normalize() == mine.normalize()
    else:
        same = approved == mine
    if not same:
        shown = format(approved.normalize(), "f") if isinstance(approved, Decimal) else approved
        cells.invalid(number, "target", f"年度指标值与批复目标“{shown}”不一致")


def _read_indicator(cells: SheetCells, number: int, row: list[object]) -> IndicatorProgress | None:
    owner = cells.text(number, row, "owner")
    classes = DEPARTMENT_LEVEL1 if owner == DEPARTMENT_OWNER else LEVEL1
    level1 = cells.choice(number, row, "level1", classes)
    level2 = cells.text(number, row, "level2")
    name = cells.text(number, row, "name")
    kind = cells.choice(number, row, "kind", INDICATOR_KINDS)
    quantitative = kind is IndicatorKind.QUANTITATIVE
    operator = cells.choice(number, row, "operator", OPERATORS) if quantitative else None
    if quantitative and operator is None and not cells.plain(row, "operator"):
        cells.invalid(number, "operator", "定量指标须填运算符")
    target = cells.number(number, row, "target") if quantitative else None
    if quantitative and target is None and not cells.plain(row, "target"):
        cells.invalid(number, "target", "定量指标须填年度指标值")
    value = cells.number(number, row, "value") if quantitative else None
    achievement = cells.choice(number, row, "achievement", ACHIEVEMENTS)
    likelihood = cells.choice(number, row, "likelihood", LIKELIHOODS)
    deviation = _deviation(cells, number, row)
    if not (owner and level1 and level2 and name and kind):
        return None
    return IndicatorProgress(
        owner=owner, level1=str(level1), level2=level2, name=name, kind=kind,  # type: ignore[arg-type]
        operator=operator, target=target, unit=cells.plain(row, "unit"),  # type: ignore[arg-type]
        target_text="" if quantitative else cells.plain(row, "target"),
        value=value, value_text="" if quantitative else cells.plain(row, "value"),
        achievement=str(achievement or ""), expected=cells.plain(row, "expected"),
        likelihood=likelihood, deviation=deviation, location=cells.location(number),  # type: ignore[arg-type]
    )  # fmt: skip


def _red_rows_need_a_cause(
    round_: MonitoringRound, rules: MonitoringRules, projects: SheetCells, progress: SheetCells
) -> None:
    """A red row with no 偏差原因 is refused: a red warning is never filed unexplained."""
    for execution in round_.projects:
        status = project_status(execution, round_, rules)
        if status.execution_colour is Colour.RED and execution.deviation.cause is None:
            projects.invalid(
                execution.location.row, "cause",  # type: ignore[union-attr,arg-type]
                f"项目“{execution.name}”预算执行为红色预警（执行率低于序时进度要求），须填写偏差原因",
            )  # fmt: skip
        for indicator in status.indicators:
            item = indicator.indicator
            if indicator.colour is Colour.RED and item.deviation.cause is None:
                progress.invalid(
                    item.location.row, "cause",  # type: ignore[union-attr,arg-type]
                    f"指标“{item.name}”为红色预警，须填写偏差原因",
                )  # fmt: skip
    for status in department_statuses(round_, rules):
        item = status.indicator
        if status.colour is Colour.RED and item.deviation.cause is None:
            progress.invalid(
                item.location.row, "cause",  # type: ignore[union-attr,arg-type]
                f"部门整体指标“{item.name}”为红色预警，须填写偏差原因",
            )  # fmt: skip
