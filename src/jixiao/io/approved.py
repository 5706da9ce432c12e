"""The approved goals (批复目标) a year-end workbook is checked against, read once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jixiao.core.approved_goals import compare_with_approved
from jixiao.core.evaluation import Evaluation
from jixiao.core.findings import Finding, Severity
from jixiao.core.records import DepartmentYear
from jixiao.io.goals_reader import read_goals_workbook
from jixiao.io.sheet_cells import SheetCells, column_letter
from jixiao.io.workbook_format import DEPARTMENT_INDICATOR_SHEET, INDICATOR_SHEET
from jixiao.io.workbook_sheets import WorkbookSheets, WorkbookUnreadable


@dataclass(frozen=True, slots=True)
class ApprovedGoals:
    """The approved goals, or the errors that kept them from being read."""

    path: Path
    data: DepartmentYear | None
    errors: tuple[Finding, ...]


def read_approved(path: str | Path) -> ApprovedGoals:
    """Read a goals workbook as the approved goals; errors say it is the approved file."""
    path = Path(path)
    try:
        result = read_goals_workbook(path)
    except WorkbookUnreadable as error:
        message = f"批复目标：{error}"
        return ApprovedGoals(path, None, (Finding("INPUT", Severity.ERROR, message),))
    errors = tuple(
        replace(error, message=f"批复目标“{path.name}”：{error.message}") for error in result.errors
    )
    return ApprovedGoals(path, result.data, errors)


def with_approved(
    evaluation: Evaluation, approved: DepartmentYear, workbook: Path | None = None
) -> Evaluation:
    """The evaluation with every difference from the approved goals among its findings,
    errors first; with the ``workbook`` path, each names its cell's column letter too."""
    differences = compare_with_approved(evaluation.data, approved)
    if workbook is not None and differences:
        differences = _with_letters(differences, workbook)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    findings = sorted((*evaluation.findings, *differences), key=lambda f: order[f.severity])
    return replace(evaluation, findings=tuple(findings))


def _with_letters(findings: list[Finding], workbook: Path) -> list[Finding]:
    """Add the column letter to each finding that names an indicator sheet's column.

    The records keep only the row; the letter depends on where this workbook has the
    column, so it is read from the sheets' header rows.
    """
    letters = _header_letters(workbook)
    located = []
    for finding in findings:
        where = finding.location
        letter = letters.get(where.sheet, {}).get(where.column or "") if where else None
        if where is not None and letter:
            finding = replace(finding, location=replace(where, letter=letter))
        located.append(finding)
    return located


def _header_letters(workbook: Path) -> dict[str, dict[str, str]]:
    read = (INDICATOR_SHEET, DEPARTMENT_INDICATOR_SHEET)
    sheets = WorkbookSheets(workbook, wanted=frozenset(spec.name for spec in read))
    letters: dict[str, dict[str, str]] = {}
    for spec in read:
        if spec.name not in sheets:
            continue
        cells = SheetCells(spec, sheets[spec.name], [])
        letters[spec.name] = {
            spec.column(key).header: column_letter(index) for key, index in cells.columns.items()
        }
    return letters
