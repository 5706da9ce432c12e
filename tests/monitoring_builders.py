"""A small monitoring round (1-7月) of the goals in ``goals_builders``: P1 on track, P2
red on execution with its cause, measure and decision filled."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.core.monitoring import (
    Decision,
    Deviation,
    DeviationCause,
    IndicatorProgress,
    Likelihood,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.records import DepartmentYear, IndicatorKind
from jixiao.io.monitoring_writer import write_monitoring_workbook
from tests.goals_builders import goals_department

D = Decimal
VALUES = {"完成数": D(6), "验收合格率": D(96), "满意度": D(92)}
LATE = Deviation(DeviationCause.FUNDS, "上级资金 6 月才下达", "8 月底前完成拨付")


def progress_of(goals: DepartmentYear) -> tuple[IndicatorProgress, ...]:
    rows = []
    for goal in goals.indicators:
        quantitative = goal.kind is IndicatorKind.QUANTITATIVE
        rows.append(IndicatorProgress(
            goal.owner, goal.level1, goal.level2, goal.name, goal.kind, goal.operator,
            goal.target, goal.unit, goal.target_text,
            value=VALUES.get(goal.name) if quantitative else None,
            value_text="" if quantitative else "按计划推进",
            achievement="" if quantitative else "达成",
            expected=format(goal.target, "f") if quantitative else "达成",
            likelihood=Likelihood.CERTAIN,
        ))  # fmt: skip
    return tuple(rows)


def small_round(**changes) -> MonitoringRound:
    goals = goals_department()
    p1, p2 = goals.projects
    projects = (
        ProjectExecution(p1.code, p1.name, p1.section, p1.fiscal.initial, D("100000.00"),
                         D("60000.00"), 7, expected=D("100000.00")),
        ProjectExecution(p2.code, p2.name, p2.section, p2.fiscal.initial, D("50000.00"),
                         D("10000.00"), 7, expected=D("45000.00"), deviation=LATE,
                         decision=Decision.CONTINUE),
    )  # fmt: skip
    data = MonitoringRound(
        goals.department.name, goals.department.year, "1-7月", 7, projects, progress_of(goals)
    )
    return replace(data, **changes)


def with_execution(data: MonitoringRound, index: int, **fields) -> MonitoringRound:
    projects = list(data.projects)
    projects[index] = replace(projects[index], **fields)
    return replace(data, projects=tuple(projects))


def with_progress(data: MonitoringRound, index: int, **fields) -> MonitoringRound:
    indicators = list(data.indicators)
    indicators[index] = replace(indicators[index], **fields)
    return replace(data, indicators=tuple(indicators))


def write_small_round(path: Path, data: MonitoringRound | None = None) -> Path:
    return write_monitoring_workbook(data if data is not None else small_round(), path)


def with_department_goals(data: MonitoringRound, value: Decimal) -> MonitoringRound:
    """``data`` with the 部门整体 goals of ``goals_department``, each count at ``value``."""
    goals = goals_department()
    rows = progress_of(replace(goals, indicators=goals.department_indicators))
    values = {"新增经济项目": value, "预算执行率": D(96)}
    rows = tuple(replace(row, value=values.get(row.name, row.value)) for row in rows)
    return replace(data, indicators=(*data.indicators, *rows))
