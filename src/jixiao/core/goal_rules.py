"""The rules of 绩效目标审核 (goal review) a machine can check (domain.md §3).

A registered list of checks (``REVIEW_CHECKS``), each reading a goals department-year
(filed before the year, no actual values) and returning findings; ``PRINCIPLES`` names
the principle each finding's rule serves. Thresholds and word lists come from the
profile's ``[goal_review]``. Nothing here raises for a data problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.findings import Finding, Severity
from jixiao.core.money import format_percent, format_wan, yuan_to_wan
from jixiao.core.narrative.indicator_text import plain
from jixiao.core.profile import GoalReviewRules, RulesProfile
from jixiao.core.records import (
    DEPARTMENT_OWNER,
    DepartmentYear,
    Dimension,
    Indicator,
    IndicatorKind,
    Project,
)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
OUTPUT = "产出指标"
OUTCOME = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"
# How many 元 one of each money unit is.
UNIT_IN_YUAN = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}

# The principle of domain.md §3 each rule serves, as the review states it.
POINTED = "指向明确"
DETAILED = "具体细化"
FEASIBLE = "合理可行"
MATCHED = "相应匹配"
PRINCIPLES = {
    "GOAL_TEXT_MISSING": POINTED,
    "INPUT_AS_OUTPUT": POINTED,
    "DEPARTMENT_GOAL_MISSING": POINTED,
    "SATISFACTION_MISSING": DETAILED,
    "QUANTIFIED_SHARE_LOW": DETAILED,
    "TARGET_INCOMPLETE": DETAILED,
    "UNIT_MISSING": DETAILED,
    "QUALITATIVE_TARGET_MISSING": DETAILED,
    "BASIS_MISSING": FEASIBLE,
    "TARGET_BELOW_PREVIOUS": FEASIBLE,
    "WEIGHT_TOTAL": FEASIBLE,
    "DEPARTMENT_WEIGHT_TOTAL": FEASIBLE,
    "GOAL_MISSING": MATCHED,
    "OUTPUT_MISSING": MATCHED,
    "OUTCOME_MISSING": MATCHED,
    "COST_EXCEEDS_BUDGET": MATCHED,
    "DEPARTMENT_INDICATORS_MISSING": MATCHED,
    "DEPARTMENT_OUTPUT_MISSING": MATCHED,
    "DEPARTMENT_OUTCOME_MISSING": MATCHED,
    "MONEY_NOT_COVERED": MATCHED,
}


@dataclass(frozen=True, slots=True)
class ReviewInput:
    """What every review check reads: the goals, the profile and each project's rows."""

    data: DepartmentYear
    profile: RulesProfile
    by_project: dict[str, list[Indicator]]

    @property
    def rules(self) -> GoalReviewRules:
        return self.profile.goal_review


ReviewCheck = Callable[[ReviewInput], Iterator[Finding]]


def _label(project: Project) -> str:
    return f"项目“{project.name}”（{project.code}）"


def _where(indicator: Indicator, projects: dict[str, Project]) -> str:
    project = projects.get(indicator.owner)
    owner = _label(project) if project else "部门整体"
    return f"{owner}指标“{indicator.name}”"


def _finding(code: str, severity: Severity, message: str, subject: str, location=None) -> Finding:
    return Finding(code, severity, message, location, subject)


def _every_indicator(review: ReviewInput) -> Iterator[Indicator]:
    yield from review.data.indicators
    yield from review.data.department_indicators


def project_money(project: Project) -> Decimal:
    """The money a goal must cover: the project's whole planned funds, in 元."""
    return project.total.final


def check_goal_text(review: ReviewInput) -> Iterator[Finding]:
    """指向明确: a project states its 年度总体目标."""
    for project in review.data.projects:
        if not project.goal.strip():
            yield _finding(
                "GOAL_TEXT_MISSING",
                Severity.WARNING,
                f"{_label(project)}未填写年度总体目标",
                project.code,
                project.location,
            )


def check_money_covered(review: ReviewInput) -> Iterator[Finding]:
    """相应匹配: every project with money has indicators (no “两张皮”)."""
    for project in review.data.projects:
        money = project_money(project)
        if money > ZERO and not review.by_project.get(project.code):
            yield _finding(
                "GOAL_MISSING",
                Severity.ERROR,
                f"{_label(project)}没有绩效指标：{format_wan(yuan_to_wan(money))} 万元资金未被绩效目标覆盖",
                project.code,
                project.location,
            )


def check_levels_present(review: ReviewInput) -> Iterator[Finding]:
    """相应匹配: each goal has ≥1 产出 and ≥1 效益 indicator."""
    for project in review.data.projects:
        rows = review.by_project.get(project.code)
        if not rows:
            continue
        levels = {row.level1 for row in rows}
        for code, needed in (("OUTPUT_MISSING", OUTPUT), ("OUTCOME_MISSING", OUTCOME)):
            if needed not in levels:
                yield _finding(
                    code,
                    Severity.WARNING,
                    f"{_label(project)}缺少{needed}",
                    project.code,
                    rows[0].location,
                )


def has_service_recipients(project: Project, rules: GoalReviewRules) -> bool:
    """A project serves people when its class or its words say so (profile lists)."""
    if project.class_code[:3] in rules.service_class_codes:
        return True
    text = project.name + project.goal
    return any(word in text for word in rules.service_words)


def check_satisfaction(review: ReviewInput) -> Iterator[Finding]:
    """具体细化: a project with service recipients has a 满意度 indicator."""
    for project in review.data.projects:
        rows = review.by_project.get(project.code)
        if not rows or not has_service_recipients(project, review.rules):
            continue
        if all(row.level1 != SATISFACTION for row in rows):
            yield _finding(
                "SATISFACTION_MISSING",
                Severity.WARNING,
                f"{_label(project)}有服务对象，但未设置满意度指标",
                project.code,
                rows[0].location,
            )


def check_quantified_share(review: ReviewInput) -> Iterator[Finding]:
    """具体细化: at least the profile's share of a goal's indicators is 定量."""
    least = review.rules.min_quantitative_share
    for project in review.data.projects:
        rows = review.by_project.get(project.code)
        if not rows:
            continue
        quantified = sum(1 for row in rows if row.kind is IndicatorKind.QUANTITATIVE)
        share = Decimal(quantified) / Decimal(len(rows))
        if share < least:
            yield _finding(
                "QUANTIFIED_SHARE_LOW",
                Severity.WARNING,
                f"{_label(project)}定量指标 {quantified} 个，占 {len(rows)} 个指标的 "
                f"{format_percent(share)}，低于 {format_percent(least)}，目标量化不足",
                project.code,
                rows[0].location,
            )


def check_targets_complete(review: ReviewInput) -> Iterator[Finding]:
    """具体细化: each 定量 has operator, value and unit; each 定性 states its target."""
    projects = {project.code: project for project in review.data.projects}
    for row in _every_indicator(review):
        where = _where(row, projects)
        if row.kind is IndicatorKind.QUALITATIVE:
            if not row.target_text.strip():
                yield _finding(
                    "QUALITATIVE_TARGET_MISSING",
                    Severity.WARNING,
                    f"{where}为定性指标，未写明年度指标值（应有可分级判断的目标）",
                    row.owner,
                    row.location,
                )
            continue
        if row.operator is None or row.target is None:
            yield _finding(
                "TARGET_INCOMPLETE",
                Severity.ERROR,
                f"{where}为定量指标，须填写运算符和年度指标值",
                row.owner,
                row.location,
            )
        elif not row.unit:
            yield _finding(
                "UNIT_MISSING", Severity.WARNING, f"{where}未填写度量单位", row.owner, row.location
            )


def check_basis(review: ReviewInput) -> Iterator[Finding]:
    """合理可行: each target names its basis (计划标准/行业标准/历史标准/其他)."""
    bases = review.rules.bases
    projects = {project.code: project for project in review.data.projects}
    for row in _every_indicator(review):
        if row.basis not in bases:
            stated = f"，实为“{row.basis}”" if row.basis else ""
            yield _finding(
                "BASIS_MISSING",
                Severity.WARNING,
                f"{_where(row, projects)}的指标值依据应为 {'、'.join(bases)} 之一{stated}",
                row.owner,
                row.location,
            )


def _is_input(row: Indicator, rules: GoalReviewRules) -> bool:
    if row.level1 != OUTPUT or "成本" in row.level2:
        return False
    return row.unit in rules.money_units or any(word in row.name for word in rules.input_words)


def check_inputs_as_outputs(review: ReviewInput) -> Iterator[Finding]:
    """指向明确: money and staff are inputs, not outputs."""
    projects = {project.code: project for project in review.data.projects}
    for row in _every_indicator(review):
        if _is_input(row, review.rules):
            yield _finding(
                "INPUT_AS_OUTPUT",
                Severity.WARNING,
                f"{_where(row, projects)}以投入（资金、人员）作为产出指标，应改为所提供的产品或服务",
                row.owner,
                row.location,
            )


def _is_total_cost(row: Indicator) -> bool:
    costed = row.level1 == COST or "成本" in row.level2
    return costed and row.unit in UNIT_IN_YUAN and row.target is not None


def check_cost_matches_money(review: ReviewInput) -> Iterator[Finding]:
    """相应匹配: a total-cost target (in 元/万元/亿元) within the project's money."""
    for project in review.data.projects:
        money = project_money(project)
        for row in review.by_project.get(project.code, []):
            if not _is_total_cost(row):
                continue
            assert row.target is not None
            cost = row.target * UNIT_IN_YUAN[row.unit]
            if cost > money:
                yield _finding(
                    "COST_EXCEEDS_BUDGET",
                    Severity.WARNING,
                    f"{_label(project)}成本指标“{row.name}”为 {plain(row.target)} {row.unit}，"
                    f"超过项目资金 {format_wan(yuan_to_wan(money))} 万元，目标与预算不匹配",
                    project.code,
                    row.location,
                )


def _below_previous(row: Indicator) -> bool:
    if row.kind is not IndicatorKind.QUANTITATIVE or row.operator is None:
        return False
    if row.target is None or row.previous_actual is None:
        return False
    if row.operator.higher_is_better:
        return row.target < row.previous_actual
    return row.target > row.previous_actual


def check_not_below_previous(review: ReviewInput) -> Iterator[Finding]:
    """合理可行: a target not easier than last year's actual, unless a reason is given."""
    projects = {project.code: project for project in review.data.projects}
    for row in _every_indicator(review):
        if _below_previous(row) and not row.target_reason.strip():
            yield _finding(
                "TARGET_BELOW_PREVIOUS",
                Severity.WARNING,
                f"{_where(row, projects)}年度指标值 {row.operator}{plain(row.target)}{row.unit}，"
                f"低于上年实际完成值 {plain(row.previous_actual)}{row.unit}，未说明理由",
                row.owner,
                row.location,
            )


def check_project_weights(review: ReviewInput) -> Iterator[Finding]:
    """合理可行: 预算执行率's weight plus every indicator weight makes 100."""
    execution = review.profile.execution_weight
    for project in review.data.projects:
        rows = review.by_project.get(project.code)
        if not rows:
            continue
        total = execution + sum((row.weight for row in rows), ZERO)
        if total != HUNDRED:
            yield _finding(
                "WEIGHT_TOTAL",
                Severity.ERROR,
                f"{_label(project)}的分值合计为 {total}（含预算执行率 {execution}），应为 100",
                project.code,
                rows[0].location,
            )


def check_department_goal(review: ReviewInput) -> Iterator[Finding]:
    """The department's overall goal, its indicators (产出 and 效益), weighing 100."""
    data = review.data
    if not data.department.overall_goal:
        yield _finding(
            "DEPARTMENT_GOAL_MISSING",
            Severity.WARNING,
            "未填写部门整体绩效目标（部门信息“整体绩效目标”）",
            DEPARTMENT_OWNER,
        )
    rows = data.department_indicators
    if not rows:
        yield _finding(
            "DEPARTMENT_INDICATORS_MISSING",
            Severity.ERROR,
            "未填写部门整体绩效指标",
            DEPARTMENT_OWNER,
        )
        return
    total = sum((row.weight for row in rows), ZERO)
    if total != HUNDRED:
        yield _finding(
            "DEPARTMENT_WEIGHT_TOTAL",
            Severity.ERROR,
            f"部门整体指标分值合计为 {total}，应为 100",
            DEPARTMENT_OWNER,
            rows[0].location,
        )
    duties = {row.level1 for row in rows if row.dimension is Dimension.EFFECTIVENESS}
    for code, needed in (
        ("DEPARTMENT_OUTPUT_MISSING", OUTPUT),
        ("DEPARTMENT_OUTCOME_MISSING", OUTCOME),
    ):
        if needed not in duties:
            yield _finding(
                code,
                Severity.WARNING,
                f"部门整体指标的履职效能部分缺少{needed}",
                DEPARTMENT_OWNER,
                rows[0].location,
            )


def check_money_coverage(review: ReviewInput) -> Iterator[Finding]:
    """相应匹配, department side: how much project money no goal covers."""
    uncovered = [
        project
        for project in review.data.projects
        if project_money(project) > ZERO and not review.by_project.get(project.code)
    ]
    if uncovered:
        money = sum((project_money(project) for project in uncovered), ZERO)
        yield _finding(
            "MONEY_NOT_COVERED",
            Severity.WARNING,
            f"{len(uncovered)} 个项目共 {format_wan(yuan_to_wan(money))} 万元资金未被绩效目标覆盖",
            DEPARTMENT_OWNER,
        )


REVIEW_CHECKS: tuple[ReviewCheck, ...] = (
    check_money_covered,
    check_targets_complete,
    check_project_weights,
    check_department_goal,
    check_goal_text,
    check_levels_present,
    check_satisfaction,
    check_quantified_share,
    check_basis,
    check_inputs_as_outputs,
    check_cost_matches_money,
    check_not_below_previous,
    check_money_coverage,
)
