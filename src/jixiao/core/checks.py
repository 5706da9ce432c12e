"""Checks: each reads an Evaluation and returns findings (domain.md §3–§4).

Registered in ``CHECKS``; nothing here raises for a data problem. Error-level findings
stop a report from being written; the profile's ``error_codes`` raise a check's warnings
to errors. Findings are the department's to-do list (``jixiao check``, the 问题 screen),
never text of the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.core.department_checks import check_department_classes, check_typed_management_metrics
from jixiao.core.findings import Finding, Severity
from jixiao.core.money import format_percent, format_wan, yuan_to_wan
from jixiao.core.profile import EXECUTION_LINE
from jixiao.core.records import (
    Amounts,
    BudgetSource,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    Project,
)
from jixiao.core.scoring import IndicatorScore, ProjectScore, Status, qualitative_score

if TYPE_CHECKING:
    from jixiao.core.evaluation import Evaluation

ZERO = Decimal(0)
HUNDRED = Decimal(100)
OUTPUT = "产出指标"
OUTCOME = "效益指标"
SATISFACTION = "满意度指标"
MONEY_UNITS = ("元", "万元", "亿元")

Check = Callable[["Evaluation"], Iterator[Finding]]


def _project_label(project: Project) -> str:
    return f"项目“{project.name}”（{project.code}）"


def _indicator_label(indicator: Indicator) -> str:
    return f"指标“{indicator.name}”"


def check_project_weights(evaluation: Evaluation) -> Iterator[Finding]:
    """预算执行率 weight plus every indicator weight must make 100."""
    execution = evaluation.profile.execution_weight
    for score in evaluation.project_scores:
        if not score.indicator_scores:
            continue
        total = execution + sum((s.indicator.weight for s in score.indicator_scores), ZERO)
        if total != HUNDRED:
            yield Finding(
                "WEIGHT_TOTAL",
                Severity.ERROR,
                f"{_project_label(score.project)}的分值合计为 {total}（含预算执行率 {execution}），"
                "应为 100",
                score.indicator_scores[0].indicator.location,
                score.project.code,
            )


def check_project_level_weights(evaluation: Evaluation) -> Iterator[Finding]:
    """一级指标 totals against the profile's weights (with or without 满意度)."""
    profile = evaluation.profile
    for score in evaluation.project_scores:
        if not score.indicator_scores:
            continue
        levels = {s.indicator.level1 for s in score.indicator_scores}
        expected = (
            profile.project_weights
            if SATISFACTION in levels
            else profile.project_weights_without_satisfaction
        )
        actual = {EXECUTION_LINE: profile.execution_weight}
        for item in score.indicator_scores:
            actual[item.indicator.level1] = actual.get(item.indicator.level1, ZERO) + (
                item.indicator.weight
            )
        differing = [
            f"{name} {actual.get(name, ZERO)}（规则 {weight}）"
            for name, weight in expected.items()
            if actual.get(name, ZERO) != weight
        ]
        if differing:
            yield Finding(
                "LEVEL_WEIGHTS",
                Severity.WARNING,
                f"{_project_label(score.project)}的一级指标分值与规则配置不一致："
                + "；".join(differing),
                score.indicator_scores[0].indicator.location,
                score.project.code,
            )


def check_indicator_classes(evaluation: Evaluation) -> Iterator[Finding]:
    """Each project indicator's 一级指标 is a class of the profile's indicator system.

    The 财预〔2020〕10号 layout has 产出, 效益 and 满意度 (成本 under 产出); the 2021 101号
    layout adds 成本指标 as a class of its own. The profile's weights name the classes.
    """
    classes = evaluation.profile.indicator_classes
    for score in evaluation.project_scores:
        for item in score.indicator_scores:
            indicator = item.indicator
            if indicator.level1 in classes:
                continue
            yield Finding(
                "INDICATOR_CLASS",
                Severity.WARNING,
                f"{_project_label(score.project)}{_indicator_label(indicator)}的一级指标"
                f"“{indicator.level1}”不在规则配置的指标体系中，可填：{'、'.join(classes)}",
                indicator.location,
                score.project.code,
            )


def check_department_weights(evaluation: Evaluation) -> Iterator[Finding]:
    """Department indicators must weigh 100, split by dimension as the profile says."""
    indicators = evaluation.data.department_indicators
    if not indicators:
        yield Finding(
            "DEPARTMENT_INDICATORS_MISSING",
            Severity.ERROR,
            "未填写部门整体绩效指标，无法进行部门整体自评",
        )
        return
    total = sum((item.weight for item in indicators), ZERO)
    if total != HUNDRED:
        yield Finding(
            "DEPARTMENT_WEIGHT_TOTAL",
            Severity.ERROR,
            f"部门整体指标分值合计为 {total}，应为 100",
            indicators[0].location,
        )
        return
    for name, expected in evaluation.profile.dimensions.items():
        weight = sum((i.weight for i in indicators if i.dimension and i.dimension == name), ZERO)
        if weight != expected:
            yield Finding(
                "DIMENSION_WEIGHT",
                Severity.WARNING,
                f"部门整体指标中“{name}”分值合计 {weight}，规则配置为 {expected}",
                indicators[0].location,
            )


def _all_indicator_scores(evaluation: Evaluation) -> Iterator[tuple[str, IndicatorScore]]:
    for score in evaluation.project_scores:
        label = _project_label(score.project)
        for item in score.indicator_scores:
            yield label, item
    for item in evaluation.department_score.indicator_scores:
        yield "部门整体", item


def check_qualitative_bands(evaluation: Evaluation) -> Iterator[Finding]:
    """A qualitative indicator needs a known band and a score inside it."""
    profile = evaluation.profile
    names = "、".join(band.name for band in profile.bands)
    for label, item in _all_indicator_scores(evaluation):
        indicator = item.indicator
        if indicator.kind is not IndicatorKind.QUALITATIVE or not indicator.applicable:
            continue
        band = profile.band(indicator.band)
        if band is None:
            yield Finding(
                "QUALITATIVE_BAND",
                Severity.ERROR,
                f"{label}{_indicator_label(indicator)}为定性指标，完成等级应为 {names} 之一，"
                f"实为“{indicator.band or '空'}”",
                indicator.location,
                indicator.owner,
            )
            continue
        declared = indicator.self_score
        if declared is not None and declared != qualitative_score(indicator, profile):
            low, high = band.low * indicator.weight, band.high * indicator.weight
            closing = "]" if band.top else ")"
            yield Finding(
                "QUALITATIVE_SCORE_OUT_OF_BAND",
                Severity.ERROR,
                f"{label}{_indicator_label(indicator)}评为“{band.name}”，自评得分 {declared} "
                f"不在该等级的得分区间 [{low:.2f}, {high:.2f}{closing} 内",
                indicator.location,
                indicator.owner,
            )


def check_quantitative_fields(evaluation: Evaluation) -> Iterator[Finding]:
    """A quantitative indicator needs operator, target, unit and an actual value."""
    for label, item in _all_indicator_scores(evaluation):
        indicator = item.indicator
        if indicator.kind is not IndicatorKind.QUANTITATIVE or not indicator.applicable:
            continue
        where = f"{label}{_indicator_label(indicator)}"
        if indicator.operator is None or indicator.target is None:
            yield Finding(
                "TARGET_INCOMPLETE",
                Severity.ERROR,
                f"{where}为定量指标，须填写运算符和年度指标值",
                indicator.location,
                indicator.owner,
            )
        elif not indicator.unit:
            yield Finding(
                "UNIT_MISSING",
                Severity.WARNING,
                f"{where}未填写度量单位",
                indicator.location,
                indicator.owner,
            )
        if item.status is Status.NO_VALUE and indicator.operator is not None:
            yield Finding(
                "ACTUAL_MISSING",
                Severity.WARNING,
                f"{where}未填写实际完成值，按 0 分计",
                indicator.location,
                indicator.owner,
            )


def check_deviation_explanations(evaluation: Evaluation) -> Iterator[Finding]:
    """Every indicator not fully achieved, or over-achieved, needs 偏差原因分析."""
    threshold = format_percent(evaluation.profile.over_threshold, Decimal(1))
    for label, item in _all_indicator_scores(evaluation):
        indicator = item.indicator
        if not item.needs_explanation or indicator.explanation.strip():
            continue
        if item.status is Status.NO_VALUE:
            continue
        if item.status is Status.OVER:
            reason = f"实际完成值达到目标的 {threshold} 以上（目标可能偏低）"
        else:
            reason = f"未完全完成（{item.status.value}）"
        yield Finding(
            "DEVIATION_EXPLANATION_MISSING",
            Severity.WARNING,
            f"{label}{_indicator_label(indicator)}{reason}，未填写偏差原因分析及改进措施",
            indicator.location,
            indicator.owner,
        )


def check_execution_reasons(evaluation: Evaluation) -> Iterator[Finding]:
    """A project executed below the profile's threshold needs a written reason."""
    threshold = evaluation.profile.execution_reason_below
    for score in evaluation.project_scores:
        rate = score.execution_rate
        if rate is None or rate >= threshold or score.project.execution_explanation.strip():
            continue
        yield Finding(
            "EXECUTION_REASON_MISSING",
            Severity.WARNING,
            f"{_project_label(score.project)}预算执行率 {format_percent(rate)}，"
            f"低于 {format_percent(threshold, Decimal(1))}，未说明原因",
            score.project.location,
            score.project.code,
        )


def check_goal_structure(evaluation: Evaluation) -> Iterator[Finding]:
    """Each project's money is covered by a goal with 产出 and 效益 indicators."""
    for score in evaluation.project_scores:
        project = score.project
        levels = {item.indicator.level1 for item in score.indicator_scores}
        if not levels:
            yield Finding(
                "GOAL_MISSING",
                Severity.WARNING,
                f"{_project_label(project)}没有绩效指标：{format_wan(yuan_to_wan(project.total.final))}"
                " 万元资金未被绩效目标覆盖（目标与预算“两张皮”）",
                project.location,
                project.code,
            )
            continue
        for needed in (OUTPUT, OUTCOME):
            if needed not in levels:
                yield Finding(
                    "GOAL_LEVEL_MISSING",
                    Severity.WARNING,
                    f"{_project_label(project)}缺少{needed}",
                    project.location,
                    project.code,
                )


def check_qualitative_share(evaluation: Evaluation) -> Iterator[Finding]:
    """Few qualitative indicators: goals are quantified wherever possible."""
    limit = evaluation.profile.max_qualitative_share
    for score in evaluation.project_scores:
        items = score.indicator_scores
        if not items:
            continue
        qualitative = sum(1 for s in items if s.indicator.kind is IndicatorKind.QUALITATIVE)
        if Decimal(qualitative) / Decimal(len(items)) > limit:
            yield Finding(
                "QUALITATIVE_SHARE",
                Severity.WARNING,
                f"{_project_label(score.project)}定性指标 {qualitative} 个，占 {len(items)} 个指标的"
                f" {format_percent(Decimal(qualitative) / Decimal(len(items)))}，目标量化不足",
                score.project.location,
                score.project.code,
            )


def check_inputs_posing_as_outputs(evaluation: Evaluation) -> Iterator[Finding]:
    """Money is an input: an output indicator measured in 元 is not an output."""
    for label, item in _all_indicator_scores(evaluation):
        indicator = item.indicator
        if (
            indicator.level1 == OUTPUT
            and indicator.unit in MONEY_UNITS
            and "成本" not in (indicator.level2)
        ):
            yield Finding(
                "INPUT_AS_OUTPUT",
                Severity.WARNING,
                f"{label}{_indicator_label(indicator)}以金额（{indicator.unit}）作为产出指标，"
                "投入不应作为产出",
                indicator.location,
                indicator.owner,
            )


def _project_totals(projects: tuple[Project, ...], source: BudgetSource) -> Amounts:
    total = Amounts(ZERO, ZERO, ZERO)
    for project in projects:
        if project.source is source:
            total = total + project.fiscal
    return total


def check_projects_match_budget(evaluation: Evaluation) -> Iterator[Finding]:
    """Per source, the projects' 财政拨款 must add up to the 项目支出 budget lines."""
    labels = (("initial", "年初预算数"), ("final", "全年预算数"), ("actual", "全年执行数"))
    for summary in evaluation.budget.sources:
        projects = _project_totals(evaluation.data.projects, summary.source)
        for field, label in labels:
            stated = getattr(summary.project, field)
            summed = getattr(projects, field)
            if stated != summed:
                yield Finding(
                    "PROJECTS_VS_BUDGET",
                    Severity.ERROR,
                    f"{summary.source.value}项目支出{label}为 {stated} 元，"
                    f"各项目合计为 {summed} 元，相差 {stated - summed} 元",
                    None,
                    summary.source.value,
                )
    budget_sources = {summary.source for summary in evaluation.budget.sources}
    for project in evaluation.data.projects:
        if project.source not in budget_sources:
            yield Finding(
                "PROJECT_SOURCE_NOT_IN_BUDGET",
                Severity.ERROR,
                f"{_project_label(project)}的预算类型“{project.source.value}”在预算收支表中没有对应行",
                project.location,
                project.code,
            )


def _gap_message(score: ProjectScore, declared: Decimal) -> str:
    return (
        f"{_project_label(score.project)}自评总分 {declared}，依据指标计算得分 {score.total}"
        f"（{score.grade}），相差 {abs(declared - score.total)} 分"
    )


def check_self_score_gap(evaluation: Evaluation) -> Iterator[Finding]:
    """A self-declared total far from the computed one is a score nothing supports."""
    gap = evaluation.profile.self_score_gap
    for score in evaluation.project_scores:
        declared = score.project.self_score
        if declared is None or not score.indicator_scores:
            continue
        if abs(declared - score.total) > gap:
            yield Finding(
                "SELF_SCORE_GAP",
                Severity.WARNING,
                _gap_message(score, declared),
                score.project.location,
                score.project.code,
            )


def check_budget_kinds(evaluation: Evaluation) -> Iterator[Finding]:
    """Projects exist but the budget has no 项目支出 lines for their source."""
    for summary in evaluation.budget.sources:
        has_projects = any(p.source is summary.source for p in evaluation.data.projects)
        if summary.project.final == ZERO and has_projects:
            yield Finding(
                "PROJECT_LINES_MISSING",
                Severity.ERROR,
                f"{summary.source.value}有项目，但预算收支表中没有{ExpenditureKind.PROJECT.value}行",
            )


def check_unknown_metrics(evaluation: Evaluation) -> Iterator[Finding]:
    """A department indicator may only name metrics the profile knows."""
    known = evaluation.profile.metrics
    for indicator in evaluation.data.department_indicators:
        if indicator.metric and indicator.metric not in known:
            yield Finding(
                "METRIC_UNKNOWN",
                Severity.ERROR,
                f"部门整体{_indicator_label(indicator)}的自动取数“{indicator.metric}”不存在，"
                f"可用：{'、'.join(known)}",
                indicator.location,
            )
        elif indicator.metric and evaluation.metrics.get(indicator.metric) is None:
            yield Finding(
                "METRIC_UNAVAILABLE",
                Severity.WARNING,
                f"部门整体{_indicator_label(indicator)}的自动取数“{indicator.metric}”无法计算"
                "（分母为零）",
                indicator.location,
            )


CHECKS: tuple[Check, ...] = (
    check_project_weights,
    check_department_weights,
    check_qualitative_bands,
    check_quantitative_fields,
    check_projects_match_budget,
    check_budget_kinds,
    check_unknown_metrics,
    check_typed_management_metrics,
    check_department_classes,
    check_project_level_weights,
    check_indicator_classes,
    check_deviation_explanations,
    check_execution_reasons,
    check_goal_structure,
    check_qualitative_share,
    check_inputs_posing_as_outputs,
    check_self_score_gap,
)


def run_checks(evaluation: Evaluation) -> list[Finding]:
    """Every registered check, errors first, in a stable order."""
    raised = evaluation.profile.error_codes
    findings = [
        replace(finding, severity=Severity.ERROR) if finding.code in raised else finding
        for check in CHECKS
        for finding in check(evaluation)
    ]
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])
