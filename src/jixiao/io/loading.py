"""Read a workbook and evaluate it under the rules profile it names (or one given)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.core.evaluation import Evaluation, evaluate
from jixiao.core.findings import Finding, Severity
from jixiao.core.profile import ProfileError, RulesProfile, load_profile
from jixiao.core.records import DepartmentYear, Location
from jixiao.io.approved import with_approved
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable


@dataclass(frozen=True, slots=True)
class Loaded:
    """An evaluation, or the input errors that prevented one."""

    path: Path
    evaluation: Evaluation | None
    input_errors: tuple[Finding, ...]


def _input_error(message: str, sheet: str | None = None) -> Finding:
    return Finding("INPUT", Severity.ERROR, message, Location(sheet) if sheet else None)


def _profile_for(name: str | None, year: int) -> RulesProfile:
    profile = load_profile(name or "default")
    first, last = profile.years
    if not first <= year <= last:
        raise ProfileError(f"规则配置“{profile.id}”适用于 {first}–{last} 年，不适用于 {year} 年")
    return profile


def load_and_evaluate(
    path: str | Path, profile_name: str | None = None, approved: DepartmentYear | None = None
) -> Loaded:
    """Read ``path``; evaluate under ``profile_name``, else the workbook's 规则配置; with
    ``approved`` goals, every difference from them is among the findings."""
    path = Path(path)
    try:
        result = read_workbook(path)
    except WorkbookUnreadable as error:
        return Loaded(path, None, (_input_error(str(error)),))
    if result.data is None:
        return Loaded(path, None, result.errors)
    try:
        profile = _profile_for(
            profile_name or result.data.department.profile, result.data.department.year
        )
    except ProfileError as error:
        # Only a profile the workbook names is the 部门信息 sheet's fault, not --profile's.
        sheet = None if profile_name else "部门信息"
        return Loaded(path, None, (_input_error(str(error), sheet),))
    evaluation = evaluate(result.data, profile)
    if approved is not None:
        evaluation = with_approved(evaluation, approved, path)
    return Loaded(path, evaluation, ())
