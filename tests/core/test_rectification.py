"""Rectification tasks in the core: overdue from the deadline, default deadlines from the
profile, and the Chinese errors that stop a task from being saved or closed."""

from __future__ import annotations

from datetime import date

import pytest

from jixiao.core.findings import Finding, Severity
from jixiao.core.profile import PROFILE_DIR, ProfileError, load_profile, load_profile_text
from jixiao.core.rectification import (
    DEPARTMENT_OWNER,
    TaskProgress,
    TaskStatus,
    closing_problems,
    default_deadline,
    task_problems,
    task_status,
    tasks_called_for,
)
from jixiao.core.rectification_rules import TaskSource

DEFAULT = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
RULES = load_profile().rectification
DEADLINE = date(2024, 6, 30)


def test_an_open_task_is_overdue_from_the_day_after_its_deadline() -> None:
    assert task_status(TaskProgress.IN_PROGRESS, DEADLINE, date(2024, 7, 1)) is TaskStatus.OVERDUE
    assert task_status(TaskProgress.NOT_STARTED, DEADLINE, date(2025, 1, 1)) is TaskStatus.OVERDUE


def test_a_task_is_not_overdue_on_its_deadline_day() -> None:
    assert task_status(TaskProgress.IN_PROGRESS, DEADLINE, DEADLINE) is TaskStatus.IN_PROGRESS
    assert task_status(TaskProgress.NOT_STARTED, DEADLINE, DEADLINE) is TaskStatus.NOT_STARTED


def test_a_closed_task_is_never_overdue() -> None:
    assert task_status(TaskProgress.DONE, DEADLINE, date(2030, 1, 1)) is TaskStatus.DONE


def test_default_deadlines_come_from_the_profile_per_source() -> None:
    created = date(2024, 3, 1)
    assert default_deadline(created, TaskSource.SELF_EVALUATION, RULES) == date(2024, 5, 30)
    assert default_deadline(created, TaskSource.MONITORING, RULES) == date(2024, 3, 31)


def test_a_profile_can_change_the_days_and_drop_the_evidence_rule() -> None:
    text = DEFAULT.replace("monitoring = 30", "monitoring = 10").replace(
        "closing_needs_evidence = true", "closing_needs_evidence = false"
    )
    rules = load_profile_text(text, "local.toml").rectification
    assert default_deadline(date(2024, 3, 1), TaskSource.MONITORING, rules) == date(2024, 3, 11)
    assert (
        closing_problems(
            progress=TaskProgress.IN_PROGRESS, measure="加快支付", evidence_count=0, rules=rules
        )
        == []
    )


def test_a_profile_without_days_for_a_source_is_refused() -> None:
    text = DEFAULT.replace(", monitoring = 30", "")
    with pytest.raises(ProfileError, match="缺少或写错了项"):
        load_profile_text(text, "local.toml")


def test_a_profile_written_before_the_ledger_uses_the_default_rules() -> None:
    older = DEFAULT[: DEFAULT.index("[rectification]")]
    assert load_profile_text(older, "old.toml").rectification == RULES


def test_a_deadline_before_the_creation_day_is_refused_in_chinese() -> None:
    found = task_problems(
        problem="项目执行偏慢",
        deadline=date(2024, 2, 28),
        created=date(2024, 3, 1),
    )
    assert [(p.field, p.message) for p in found] == [
        (
            "deadline",
            "整改期限（2024年2月28日）早于任务创建日期（2024年3月1日），请填写创建当日或之后的日期。",
        )
    ]


def test_a_deadline_on_the_creation_day_is_accepted() -> None:
    day = date(2024, 3, 1)
    assert task_problems(problem="问题", deadline=day, created=day) == []


def test_a_task_needs_its_problem_and_deadline() -> None:
    found = task_problems(problem=" ", deadline=None, created=date(2024, 3, 1))
    assert [p.field for p in found] == ["problem", "deadline"]


def test_closing_without_evidence_is_refused_where_the_profile_requires_it() -> None:
    found = closing_problems(
        progress=TaskProgress.IN_PROGRESS, measure="加快支付", evidence_count=0, rules=RULES
    )
    assert [p.field for p in found] == ["evidence"]
    assert "佐证材料" in found[0].message


def test_closing_with_evidence_is_allowed_and_closing_twice_is_not() -> None:
    assert (
        closing_problems(
            progress=TaskProgress.IN_PROGRESS, measure="加快支付", evidence_count=1, rules=RULES
        )
        == []
    )
    again = closing_problems(
        progress=TaskProgress.DONE, measure="加快支付", evidence_count=1, rules=RULES
    )
    assert [p.field for p in again] == ["status"]


def test_only_the_findings_the_profile_names_call_for_tasks() -> None:
    findings = [
        Finding(
            "SELF_SCORE_GAP",
            Severity.WARNING,
            "项目“道路保洁”自评总分高于计算得分 12 分",
            None,
            "P1",
        ),
        Finding("UNIT_MISSING", Severity.WARNING, "指标缺少度量单位", None, "P1"),
        Finding("GOAL_MISSING", Severity.WARNING, "项目“维修”没有绩效指标", None, "P9"),
    ]
    proposed = tasks_called_for(findings, {"P1": "城管科"}, RULES, date(2024, 3, 1))
    assert [(t.project_code, t.owner) for t in proposed] == [
        ("P1", "城管科"),
        ("P9", DEPARTMENT_OWNER),
    ]
    assert all(t.deadline == date(2024, 5, 30) for t in proposed)
    assert len({t.key for t in proposed}) == 2


def test_closing_without_a_measure_is_refused() -> None:
    found = closing_problems(
        progress=TaskProgress.IN_PROGRESS, measure="", evidence_count=1, rules=RULES
    )
    assert [p.field for p in found] == ["measure"]
