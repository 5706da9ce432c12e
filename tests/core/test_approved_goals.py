"""The year-end workbook against the approved goals: every fixed field, added and
removed indicators, new projects, another department's goals."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.core.approved_goals import compare_with_approved
from jixiao.core.findings import Severity
from jixiao.core.records import Location, Operator
from tests.goals_builders import D, goal, goals_department, with_goal


def at(row: int):
    return Location("项目绩效指标", row)


def located(data):
    indicators = tuple(replace(i, location=at(n)) for n, i in enumerate(data.indicators, start=3))
    return replace(data, indicators=indicators)


def test_the_same_goals_agree():
    data = goals_department()
    assert compare_with_approved(data, data) == []


@pytest.mark.parametrize(
    ("change", "header", "approved_text", "now_text"),
    [
        ({"target": D(9)}, "年度指标值", "10", "9"),
        ({"operator": Operator.MORE_THAN}, "运算符", "≥", "＞"),
        ({"unit": "项"}, "度量单位", "个", "项"),
        ({"weight": D(25)}, "分值", "30", "25"),
    ],
)
def test_a_changed_fixed_field_is_an_error_at_its_cell(change, header, approved_text, now_text):
    approved = goals_department()
    year_end = located(with_goal(approved, 0, **change))
    findings = compare_with_approved(year_end, approved)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR and finding.code == "APPROVED_TARGET_CHANGED"
    assert finding.location == Location("项目绩效指标", 3, header)
    assert finding.message.startswith(f"{header}与批复目标不一致")
    assert f"批复为“{approved_text}”，工作簿为“{now_text}”" in finding.message


def test_a_target_written_with_other_trailing_zeros_is_the_same_target():
    approved = goals_department()
    assert compare_with_approved(with_goal(approved, 0, target=D("10.00")), approved) == []


def test_a_changed_qualitative_target_is_an_error():
    approved = goals_department()
    findings = compare_with_approved(with_goal(approved, 2, target_text="有所改善"), approved)
    assert [f.code for f in findings] == ["APPROVED_TARGET_CHANGED"]
    assert "批复为“明显改善”" in findings[0].message


def test_an_added_and_a_removed_indicator_are_errors():
    approved = goals_department()
    renamed = located(with_goal(approved, 0, name="完成件数"))
    findings = compare_with_approved(renamed, approved)
    assert sorted(f.code for f in findings) == ["APPROVED_INDICATOR_ADDED", "APPROVED_INDICATOR_REMOVED"]  # fmt: skip
    added = next(f for f in findings if f.code == "APPROVED_INDICATOR_ADDED")
    assert added.location == Location("项目绩效指标", 3, "三级指标")
    assert "完成件数" in added.message


def test_a_department_indicator_change_is_found():
    approved = goals_department()
    changed = (replace(approved.department_indicators[0], target=D(8)), *approved.department_indicators[1:])  # fmt: skip
    findings = compare_with_approved(replace(approved, department_indicators=changed), approved)
    assert [f.subject for f in findings] == ["部门整体"]


def test_a_project_added_in_the_year_is_only_noted():
    approved = goals_department()
    extra = replace(approved.projects[0], code="P3", name="年中新增")
    year_end = replace(approved, projects=(*approved.projects, extra),
                       indicators=(*approved.indicators, goal("P3", "产出指标", "数量指标", "x", "90")))  # fmt: skip
    findings = compare_with_approved(year_end, approved)
    assert [(f.code, f.severity) for f in findings] == [("APPROVED_PROJECT_NEW", Severity.INFO)]


def test_goals_of_another_department_or_year_are_refused():
    approved = goals_department()
    other = replace(approved, department=replace(approved.department, year=2025))
    findings = compare_with_approved(other, approved)
    assert [f.code for f in findings] == ["APPROVED_OTHER_DEPARTMENT"]
