"""Build ``examples/luopu-2023-goals.xlsx``: 洛浦街道办事处's 2023 goals as approved at the
start of the year.

The goals are the targets, operators, units and weights of ``luopu-2023.xlsx`` (built by
``make_luopu_2023.py``), so ``jixiao check --approved`` on the two finds no unapproved
change. Projects added in the year (no 年初预算数) were not in the approved goals. The
seed says nothing of the goals' 上年实际完成值 or their reasons: those are illustrative,
on projects marked 示例数据 = 是, and a few reasons are left out, as in a real filing,
so the goal review has something to say.

Run: ``python examples/make_luopu_2023_goals.py`` (deterministic; rewrites the workbook).
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from make_luopu_2023 import build

from jixiao.core.records import DepartmentYear, Indicator, IndicatorKind, Project
from jixiao.io.goals_writer import write_goals_workbook

OUTPUT = Path(__file__).with_name("luopu-2023-goals.xlsx")
ZERO = Decimal(0)
REASONS = {
    "验收合格率": "按行业验收标准设定为 95%，上年实际为全部合格。",
    "服务对象满意度": "按区绩效目标指引统一设定为 90%。",
}
QUANTITY_REASON = "本年度任务量按年度工作计划核定，较上年减少。"


def as_goal(indicator: Indicator, rng: random.Random, illustrative: set[str]) -> Indicator:
    """The indicator as filed before the year: no actual value, band, score or evidence;
    for a continuing project, last year's actual (illustrative) beside the target."""
    goal = replace(indicator, actual=None, band="", self_score=None, explanation="",
                   evidence="", actual_text="")  # fmt: skip
    if indicator.owner in illustrative and rng.random() < 0.6:
        return _with_previous(goal, rng)
    return goal


def _with_previous(goal: Indicator, rng: random.Random) -> Indicator:
    if goal.kind is IndicatorKind.QUALITATIVE or goal.target is None:
        return replace(goal, previous_actual_text="按计划完成")
    if goal.name in REASONS:
        previous = Decimal(100) if goal.unit == "%" and goal.name == "验收合格率" else Decimal(91)
        reason = REASONS[goal.name] if rng.random() < 0.9 else ""
        return replace(goal, previous_actual=previous, target_reason=reason)
    previous = goal.target + rng.choice([-2, -1, 0, 0, 1, 2])
    reason = QUANTITY_REASON if previous > goal.target and rng.random() < 0.85 else ""
    return replace(goal, previous_actual=max(previous, ZERO), target_reason=reason)


def planned(project: Project) -> Project:
    """The project as budgeted at the start of the year (年初预算数, nothing spent)."""
    initial = project.fiscal.initial
    return replace(project, fiscal=replace(project.fiscal, final=initial, actual=ZERO),
                   goal_outcome="", execution_explanation="", self_score=None)  # fmt: skip


def build_goals() -> DepartmentYear:
    year_end = build()
    rng = random.Random(20230101)
    projects = tuple(planned(p) for p in year_end.projects if p.fiscal.initial > ZERO)
    codes = {project.code for project in projects}
    illustrative = {project.code for project in projects if project.illustrative}
    indicators = tuple(
        as_goal(i, rng, illustrative) for i in year_end.indicators if i.owner in codes
    )
    department = tuple(as_goal(i, rng, illustrative) for i in year_end.department_indicators)
    lines = tuple(
        replace(line, amounts=replace(line.amounts, final=line.amounts.initial, actual=ZERO))
        for line in year_end.budget_lines
    )
    profile = replace(year_end.department, self_score=None, effectiveness_text=(),
                      management_text=(), conclusion_text=())  # fmt: skip
    return DepartmentYear(profile, lines, projects, indicators, department)


def main() -> None:
    path = write_goals_workbook(build_goals(), OUTPUT)
    print(f"已写入 {path}")


if __name__ == "__main__":
    main()
