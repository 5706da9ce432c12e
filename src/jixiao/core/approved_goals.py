"""The year-end workbook against the goals approved before the year (批复目标).

Every target, operator, unit and weight must be the approved one; an indicator the
approved goals do not have, or one they have and the workbook dropped, is a change too.
Each difference is an error naming the workbook cell, so a December edit of a target
cannot pass as the goal. A project the approved goals do not list at all (added in the
year) has nothing to compare against and is only noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.findings import Finding, Severity
from jixiao.core.records import DEPARTMENT_OWNER, DepartmentYear, Indicator, IndicatorKind, Location

Key = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Compared:
    """One field the approved goals fix: its column header and how to read it."""

    header: str
    attribute: str


FIXED_FIELDS = (
    Compared("年度指标值", "target"),
    Compared("运算符", "operator"),
    Compared("度量单位", "unit"),
    Compared("分值", "weight"),
    Compared("指标性质", "kind"),
)


def indicator_key(indicator: Indicator) -> Key:
    """An indicator's identity across the two workbooks: owner, levels and name."""
    return (indicator.owner, indicator.level1, indicator.level2, indicator.name)


def _value(indicator: Indicator, attribute: str) -> object:
    if attribute == "target" and indicator.kind is IndicatorKind.QUALITATIVE:
        return indicator.target_text
    value = getattr(indicator, attribute)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _shown(value: object) -> str:
    if value is None or value == "":
        return "空"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _at(location: Location | None, header: str) -> Location | None:
    if location is None:
        return None
    return Location(location.sheet, location.row, header)


def _owner_label(owner: str, names: dict[str, str]) -> str:
    if owner == DEPARTMENT_OWNER:
        return "部门整体"
    return f"项目“{names.get(owner, owner)}”（{owner}）"


def compare_with_approved(data: DepartmentYear, approved: DepartmentYear) -> list[Finding]:
    """Every difference between ``data``'s indicators and the approved goals."""
    findings = list(_header_differences(data, approved))
    if findings:
        return findings
    names = {project.code: project.name for project in data.projects}
    approved_codes = {project.code for project in approved.projects}
    rows = [*data.indicators, *data.department_indicators]
    goals = {
        indicator_key(row): row for row in (*approved.indicators, *approved.department_indicators)
    }
    seen: set[Key] = set()
    for row in rows:
        key = indicator_key(row)
        seen.add(key)
        if row.owner != DEPARTMENT_OWNER and row.owner not in approved_codes:
            continue
        goal = goals.get(key)
        if goal is None:
            findings.append(_added(row, names))
        else:
            findings.extend(_changed(row, goal, names))
    # A removed indicator counts only where its project is still in the workbook.
    kept = {project.code for project in data.projects} | {DEPARTMENT_OWNER}
    findings.extend(
        _removed(goal, names)
        for key, goal in goals.items()
        if key not in seen and goal.owner in kept
    )
    findings.extend(_unplanned_projects(data, approved_codes))
    return findings


def _header_differences(data: DepartmentYear, approved: DepartmentYear) -> Iterator[Finding]:
    here, there = data.department, approved.department
    if (here.name, here.year) != (there.name, there.year):
        yield Finding(
            "APPROVED_OTHER_DEPARTMENT",
            Severity.ERROR,
            f"批复目标为“{there.name}”{there.year} 年度，与本工作簿“{here.name}”{here.year} 年度不符",
            Location("部门信息"),
        )


def _changed(row: Indicator, goal: Indicator, names: dict[str, str]) -> Iterator[Finding]:
    for field in FIXED_FIELDS:
        now, approved = _value(row, field.attribute), _value(goal, field.attribute)
        if now != approved:
            yield Finding(
                "APPROVED_TARGET_CHANGED",
                Severity.ERROR,
                f"{field.header}与批复目标不一致：{_owner_label(row.owner, names)}指标“{row.name}”"
                f"批复为“{_shown(approved)}”，工作簿为“{_shown(now)}”；"
                "批复后的目标只能经批准的目标调整变更",
                _at(row.location, field.header),
                row.owner,
            )


def _added(row: Indicator, names: dict[str, str]) -> Finding:
    return Finding(
        "APPROVED_INDICATOR_ADDED",
        Severity.ERROR,
        f"{_owner_label(row.owner, names)}指标“{row.name}”（{row.level1}/{row.level2}）"
        "不在批复目标中",
        _at(row.location, "三级指标"),
        row.owner,
    )


def _removed(goal: Indicator, names: dict[str, str]) -> Finding:
    where = f"（批复目标{goal.location.describe()}）" if goal.location else ""
    return Finding(
        "APPROVED_INDICATOR_REMOVED",
        Severity.ERROR,
        f"{_owner_label(goal.owner, names)}的批复指标“{goal.name}”（{goal.level1}/{goal.level2}）"
        f"在工作簿中缺失{where}",
        None,
        goal.owner,
    )


def _unplanned_projects(data: DepartmentYear, approved_codes: set[str]) -> Iterator[Finding]:
    for project in data.projects:
        if project.code not in approved_codes:
            yield Finding(
                "APPROVED_PROJECT_NEW",
                Severity.INFO,
                f"项目“{project.name}”（{project.code}）不在批复目标中（年中新增项目），其指标未比对",
                project.location,
                project.code,
            )
