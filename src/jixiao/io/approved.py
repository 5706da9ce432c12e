"""The approved goals (批复目标) a year-end workbook is checked against, read once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jixiao.core.approved_goals import compare_with_approved
from jixiao.core.evaluation import Evaluation
from jixiao.core.findings import Finding, Severity
from jixiao.core.records import DepartmentYear
from jixiao.io.goals_reader import read_goals_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable


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
        replace(error, message=f"批复目标「{path.name}」：{error.message}")
        for error in result.errors
    )
    return ApprovedGoals(path, result.data, errors)


def with_approved(evaluation: Evaluation, approved: DepartmentYear) -> Evaluation:
    """The evaluation with every difference from the approved goals among its findings,
    errors first."""
    differences = compare_with_approved(evaluation.data, approved)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    findings = sorted((*evaluation.findings, *differences), key=lambda f: order[f.severity])
    return replace(evaluation, findings=tuple(findings))
