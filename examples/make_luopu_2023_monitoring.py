"""Build ``examples/luopu-2023-monitoring.xlsx``: 洛浦街道办事处's 2023 monitoring round on
January–July figures (the central rule's August round).

The projects, indicators and targets are those of the approved goals
(``luopu-2023-goals.xlsx``); each project's 全年预算数 and its 全年预计执行数 are the
year-end workbook's 全年预算数 and 全年执行数 (``luopu-2023.xlsx``), and the execution to
July never exceeds the year's. The seed says nothing of a monitoring round: the July
figures, causes, measures and decisions are illustrative, every row marked 示例数据 = 是,
and chosen so the round has projects of every colour (红/黄/绿/蓝).

Run: ``python examples/make_luopu_2023_monitoring.py`` (deterministic; rewrites the workbook).
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path

from make_luopu_2023 import build
from make_luopu_2023_goals import build_goals

from jixiao.core.money import FEN
from jixiao.core.monitoring import (
    Decision,
    Deviation,
    DeviationCause,
    IndicatorProgress,
    Likelihood,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.monitoring_review import ProjectStatus, review_monitoring
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour
from jixiao.core.profile import load_profile
from jixiao.core.records import DepartmentYear, Indicator, IndicatorKind, Project
from jixiao.io.monitoring_writer import write_monitoring_workbook

OUTPUT = Path(__file__).with_name("luopu-2023-monitoring.xlsx")
MONTH = 7
# Share of the final budget spent by July per planned colour (序时进度 is 7/12 ≈ 58.3%).
SPENT = {"红": (Decimal("0.12"), Decimal("0.25")), "黄": (Decimal("0.38"), Decimal("0.44")),
         "绿": (Decimal("0.50"), Decimal("0.64")), "蓝": (Decimal("0.52"), Decimal("0.62"))}  # fmt: skip
CAUSES = (
    Deviation(DeviationCause.FUNDS, "上级专项资金 6 月下旬才下达，支付进度滞后", "加快资金拨付，8 月底前完成支付"),
    Deviation(DeviationCause.RULES, "政府采购程序尚未完成", "9 月完成采购后按合同集中支付"),
    Deviation(DeviationCause.STAFF, "经办人员调整，工作衔接滞后", "明确专人负责，按月调度进度"),
    Deviation(DeviationCause.HARDWARE, "场地和设备未到位", "协调落实场地，10 月前完成设备安装"),
    Deviation(DeviationCause.OTHER, "受季节因素影响，工作集中在下半年开展", "按计划在四季度集中实施"),
)  # fmt: skip
AHEAD = Deviation(DeviationCause.OTHER, "年初目标按上年水平保守设定，上半年任务已基本完成",
                  "按实际工作量在下一年度申报时合理设定目标")  # fmt: skip
BEHIND = Deviation(DeviationCause.OTHER, "上滘村、西三村管网施工受征拆进度影响",
                   "加快征拆协调，四季度完成剩余村管网施工")  # fmt: skip
DECISIONS = (Decision.CONTINUE, Decision.ADJUST_GOAL, Decision.ADJUST_BUDGET, Decision.PAUSE)


def planned_colours(count: int, rng: random.Random) -> list[str]:
    """Mostly green, a few of each other colour; the first four cover every colour."""
    picks = ["红", "黄", "蓝", "绿"]
    weights = {"红": 3, "黄": 8, "蓝": 4, "绿": 85}
    picks += rng.choices(list(weights), list(weights.values()), k=count - len(picks))
    return picks


def execution_of(
    goal: Project, year_end: Project, plan: str, rng: random.Random
) -> ProjectExecution:
    final, actual = year_end.fiscal.final, year_end.fiscal.actual
    low, high = SPENT[plan]
    share = low + (high - low) * Decimal(rng.randint(0, 100)) / 100
    executed = min((final * share).quantize(FEN, ROUND_HALF_UP), actual)
    return ProjectExecution(
        goal.code, goal.name, goal.section, goal.fiscal.initial, final, executed, MONTH,
        expected=actual, illustrative=True,
    )  # fmt: skip


def _to_date(target: Decimal, plan: str) -> Decimal:
    """A count's value by July: on the time line for green, behind for red and yellow,
    the whole year's for blue."""
    due = target * MONTH / 12
    factor = {"红": Decimal("0.4"), "黄": Decimal("0.7"), "绿": Decimal(1), "蓝": Decimal("1.5")}[
        plan
    ]
    value = (due * factor).quantize(Decimal(1), ROUND_HALF_UP)
    if plan == "绿" and target and value * 12 >= target * MONTH * Decimal("1.2"):
        value = (due * factor).quantize(Decimal(1), ROUND_FLOOR)  # stay below blue
    return value


def progress_of(goal: Indicator, year_end: Indicator, plan: str) -> IndicatorProgress:
    base = IndicatorProgress(
        goal.owner, goal.level1, goal.level2, goal.name, goal.kind, goal.operator, goal.target,
        goal.unit, goal.target_text, likelihood=Likelihood.CERTAIN,
    )  # fmt: skip
    if goal.kind is IndicatorKind.QUALITATIVE:
        achievement = "部分达成" if plan in ("黄", "红") else "达成"
        return replace(base, value_text="按计划推进", achievement=achievement,
                       expected=year_end.band or "达成")  # fmt: skip
    if goal.unit == "%":  # a rate: its level to date, the year-end one
        return replace(base, value=year_end.actual, expected=_text(year_end.actual))
    value = _to_date(goal.target or Decimal(0), plan)
    return replace(base, value=value, expected=_text(year_end.actual))


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def explained(
    status: ProjectStatus, index: int
) -> tuple[ProjectExecution, list[IndicatorProgress]]:
    """Causes and measures on every row that is not green, a decision on a red project."""
    execution = status.execution
    cause = CAUSES[index % len(CAUSES)]
    if status.execution_colour is not Colour.GREEN:
        execution = replace(execution, deviation=cause)
    if status.colour is Colour.RED:
        execution = replace(execution, decision=DECISIONS[index % len(DECISIONS)])
    rows = []
    for item in status.indicators:
        row = item.indicator
        if item.colour is Colour.BLUE:
            row = replace(row, deviation=AHEAD)
        elif item.colour in (Colour.YELLOW, Colour.RED):
            likelihood = Likelihood.IMPOSSIBLE if item.colour is Colour.RED else Likelihood.POSSIBLE
            row = replace(row, deviation=cause, likelihood=likelihood)
        rows.append(row)
    return execution, rows


def department_progress(goals: DepartmentYear, year_end: DepartmentYear) -> list[IndicatorProgress]:
    """The 部门整体 goals by July, on the time line; those the system computes from the
    budget data at year end (自动取数) are left out of the round."""
    actuals = {i.name: i for i in year_end.department_indicators}
    return [
        # What was only partly achieved by December was already behind in July.
        progress_of(
            goal, actuals[goal.name], "黄" if actuals[goal.name].band == "部分达成" else "绿"
        )
        for goal in goals.department_indicators
        if not goal.metric
    ]


def build_round() -> MonitoringRound:
    goals, year_end = build_goals(), build()
    rng = random.Random(20230731)
    finals = {project.code: project for project in year_end.projects}
    actuals = {(i.owner, i.level1, i.level2, i.name): i for i in year_end.indicators}
    plans = planned_colours(len(goals.projects), rng)
    projects, indicators = [], []
    for project, plan in zip(goals.projects, plans, strict=True):
        projects.append(execution_of(project, finals[project.code], plan, rng))
        for goal in goals.indicators_by_project().get(project.code, []):
            year_end_row = actuals[(goal.owner, goal.level1, goal.level2, goal.name)]
            indicators.append(progress_of(goal, year_end_row, plan))
    indicators += department_progress(goals, year_end)
    draft = MonitoringRound(goals.department.name, goals.department.year, "1-7月", MONTH,
                            tuple(projects), tuple(indicators), "default")  # fmt: skip
    review = review_monitoring(draft, load_profile().monitoring)
    filled = [explained(status, index) for index, status in enumerate(review.projects)]
    department = [
        replace(s.indicator, deviation=BEHIND, likelihood=Likelihood.POSSIBLE)
        if s.colour is not Colour.GREEN
        else s.indicator
        for s in review.department
    ]
    final = replace(draft, projects=tuple(e for e, _ in filled),
                    indicators=(*(row for _, rows in filled for row in rows), *department))  # fmt: skip
    counts = review_monitoring(final, load_profile().monitoring).counts()
    missing = [colour.value for colour in COLOUR_ORDER if not counts[colour]]
    assert not missing, f"示例缺少颜色：{missing}"
    return final


def main() -> None:
    path = write_monitoring_workbook(build_round(), OUTPUT)
    print(f"已写入 {path}")


if __name__ == "__main__":
    main()
