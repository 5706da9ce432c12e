"""A monitoring round reviewed: every project's and indicator's colour, and findings.

A project shows its worst colour (execution and each indicator). Any colour other
than green needs a cause and a corrective measure, and a red project needs the
working group's decision: each missing one is an error-level finding, since the round
cannot be submitted without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.findings import Finding, Severity
from jixiao.core.monitoring import (
    Deviation,
    IndicatorProgress,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.monitoring_colours import (
    TimeProgress,
    execution_colour,
    execution_rate,
    indicator_colour,
    indicator_progress,
    time_progress,
    worst,
)
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour, MonitoringRules
from jixiao.core.records import DEPARTMENT_OWNER, Location


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    indicator: IndicatorProgress
    colour: Colour | None  # None: value to date not filled
    progress: Decimal | None


@dataclass(frozen=True, slots=True)
class ProjectStatus:
    """One project in the round: its execution, time progress and colours."""

    execution: ProjectExecution
    time: TimeProgress
    rate: Decimal | None
    execution_colour: Colour
    indicators: tuple[IndicatorStatus, ...]
    colour: Colour


@dataclass(frozen=True, slots=True)
class ExecutionTotals:
    """The round's project spending together: sums in 元, 执行率 and 序时进度."""

    initial: Decimal
    final: Decimal
    executed: Decimal
    expected: Decimal | None  # None when no project states its 全年预计执行数
    rate: Decimal | None
    time: TimeProgress


def months_label(end_month: int) -> str:
    """A round's months as the forms and lists label them: ``1-7月``."""
    return f"1-{end_month}月"


@dataclass(frozen=True, slots=True)
class MonitoringReview:
    round: MonitoringRound
    rules: MonitoringRules
    projects: tuple[ProjectStatus, ...]
    findings: tuple[Finding, ...]
    department: tuple[IndicatorStatus, ...] = ()  # the 部门整体 indicators

    @property
    def months(self) -> str:
        """The round's months as forms label them: ``1-7月``."""
        return months_label(self.round.end_month)

    def totals(self) -> ExecutionTotals:
        items = [project.execution for project in self.projects]
        final = sum((item.final for item in items), Decimal(0))
        executed = sum((item.executed for item in items), Decimal(0))
        stated = [item.expected for item in items if item.expected is not None]
        return ExecutionTotals(
            initial=sum((item.initial for item in items), Decimal(0)),
            final=final,
            executed=executed,
            expected=sum(stated, Decimal(0)) if stated else None,
            rate=executed / final if final else None,
            time=time_progress(self.round.year, self.round.end_month, self.rules.time_rule),
        )

    def counts(self) -> dict[Colour, int]:
        """Projects per colour, in the order 红/黄/绿/蓝."""
        counts = {colour: 0 for colour in COLOUR_ORDER}
        for project in self.projects:
            counts[project.colour] += 1
        return counts

    def by_colour(self, colour: Colour) -> tuple[ProjectStatus, ...]:
        return tuple(project for project in self.projects if project.colour is colour)


def project_status(
    execution: ProjectExecution, round_: MonitoringRound, rules: MonitoringRules
) -> ProjectStatus:
    """The colours of one project of ``round_``."""
    time = time_progress(round_.year, execution.month, rules.time_rule)
    own = execution_colour(execution, time, rules)
    indicators = tuple(
        IndicatorStatus(
            item, indicator_colour(item, time, rules), indicator_progress(item, time, rules)
        )
        for item in round_.indicators_of(execution.code)
    )
    colour = worst([own, *(status.colour for status in indicators)])
    return ProjectStatus(execution, time, execution_rate(execution), own, indicators, colour)


def review_monitoring(round_: MonitoringRound, rules: MonitoringRules) -> MonitoringReview:
    """Every project's colours and the findings that keep the round from submission."""
    projects = tuple(project_status(item, round_, rules) for item in round_.projects)
    findings = [finding for project in projects for finding in _findings(project)]
    department = department_statuses(round_, rules)
    findings += [finding for status in department for finding in _department_findings(status)]
    return MonitoringReview(round_, rules, projects, tuple(findings), department)


def department_statuses(
    round_: MonitoringRound, rules: MonitoringRules
) -> tuple[IndicatorStatus, ...]:
    """The colours of the 部门整体 indicators, at the round's last month."""
    time = time_progress(round_.year, round_.end_month, rules.time_rule)
    return tuple(
        IndicatorStatus(
            item, indicator_colour(item, time, rules), indicator_progress(item, time, rules)
        )
        for item in round_.indicators_of(DEPARTMENT_OWNER)
    )


def _department_findings(status: IndicatorStatus) -> Iterator[Finding]:
    item = status.indicator
    if status.colour is None:
        yield Finding(
            "MONITOR_VALUE_MISSING", Severity.WARNING,
            f"部门整体指标“{item.name}”未填写完成值，未能预警", item.location, DEPARTMENT_OWNER,
        )  # fmt: skip
    elif status.colour is not Colour.GREEN:
        what = f"部门整体指标“{item.name}”"
        yield from _deviation_findings(
            item.deviation, status.colour, what, item.location, DEPARTMENT_OWNER
        )


def _label(execution: ProjectExecution) -> str:
    return f"项目“{execution.name}”（{execution.code}）"


def _findings(project: ProjectStatus) -> Iterator[Finding]:
    execution = project.execution
    if project.execution_colour is not Colour.GREEN:
        yield from _deviation_findings(
            execution.deviation, project.execution_colour, f"{_label(execution)}预算执行",
            execution.location, execution.code,
        )  # fmt: skip
    for status in project.indicators:
        item = status.indicator
        if status.colour is None:
            yield Finding(
                "MONITOR_VALUE_MISSING", Severity.WARNING,
                f"{_label(execution)}指标“{item.name}”未填写1-{execution.month}月完成值，未能预警",
                item.location, execution.code,
            )  # fmt: skip
        elif status.colour is not Colour.GREEN:
            yield from _deviation_findings(
                item.deviation, status.colour, f"{_label(execution)}指标“{item.name}”",
                item.location, execution.code,
            )  # fmt: skip
    if project.colour is Colour.RED and execution.decision is None:
        yield Finding(
            "MONITOR_DECISION_MISSING", Severity.ERROR,
            f"{_label(execution)}为红色预警，须由工作组作出处理意见"
            "（继续实施/调整目标/调整预算/暂缓或停止）",
            execution.location, execution.code,
        )  # fmt: skip


def _deviation_findings(
    deviation: Deviation, colour: Colour, what: str, where: Location | None, subject: str
) -> Iterator[Finding]:
    if deviation.cause is None:
        yield Finding(
            "MONITOR_CAUSE_MISSING", Severity.ERROR,
            f"{what}为{colour.value}色预警，须填写偏差原因（经费/制度/人员/硬件/其他）",
            where, subject,
        )  # fmt: skip
    if not deviation.measure:
        yield Finding(
            "MONITOR_MEASURE_MISSING", Severity.ERROR,
            f"{what}为{colour.value}色预警，须填写纠偏措施", where, subject,
        )  # fmt: skip
