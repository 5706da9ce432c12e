"""The pipeline: a department-year and a profile in, every score and finding out."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from jixiao.core.budget_analysis import BudgetSummary, summarize_budget
from jixiao.core.checks import run_checks
from jixiao.core.classification import class_names
from jixiao.core.coverage import Coverage, self_evaluation_coverage
from jixiao.core.department_scoring import DepartmentScore, compute_metrics, score_department
from jixiao.core.findings import Finding
from jixiao.core.management_metrics import MetricValue, management_metrics
from jixiao.core.monitoring_review import MonitoringReview
from jixiao.core.profile import RulesProfile
from jixiao.core.records import ZERO_AMOUNTS, DepartmentYear, Indicator, Project
from jixiao.core.scoring import ProjectScore, score_project


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything computed for one department-year; the report renders only this."""

    data: DepartmentYear
    profile: RulesProfile
    budget: BudgetSummary
    coverage: tuple[Coverage, ...]
    project_scores: tuple[ProjectScore, ...]
    metrics: dict
    department_score: DepartmentScore
    findings: tuple[Finding, ...] = ()
    # With the profile's separate 结转 evaluation: one score per project with 上年结转 funds.
    carryover_scores: tuple[ProjectScore, ...] = ()
    # The year's submitted monitoring rounds (monitoring_followup.with_monitoring), if any.
    monitoring_rounds: tuple[MonitoringReview, ...] = ()
    # 管理效率 metrics computed from 决算与管理数据, with the figures behind each.
    management: dict[str, MetricValue] = field(default_factory=dict)


def evaluate(data: DepartmentYear, profile: RulesProfile) -> Evaluation:
    """Score every project and the department, then run every check."""
    budget = summarize_budget(data.budget_lines, class_names(data.department.year))
    grouped = data.indicators_by_project()
    separate = profile.separate_carryover
    project_scores = tuple(
        score_year(project, grouped.get(project.code, []), profile) for project in data.projects
    )
    carryover_scores = tuple(
        score_project(carryover_part(project), grouped.get(project.code, []), profile)
        for project in data.projects
        if separate and project.carryover.final
    )
    evaluated = {score.project.code for score in project_scores if score.indicator_scores}
    coverage = self_evaluation_coverage(data.projects, evaluated, budget)
    metrics = compute_metrics(budget, coverage, list(project_scores), len(data.projects))
    metrics, management = with_management_metrics(data, budget, metrics, profile)
    department = score_department(data.department_indicators, metrics, profile)
    evaluation = Evaluation(data, profile, budget, coverage, project_scores, metrics, department,
                            carryover_scores=carryover_scores, management=management)  # fmt: skip
    return replace(evaluation, findings=tuple(run_checks(evaluation)))


def with_management_metrics(
    data: DepartmentYear, budget: BudgetSummary, metrics: dict, profile: RulesProfile
) -> tuple[dict, dict[str, MetricValue]]:
    """``metrics`` with the 管理效率 metrics of 决算与管理数据 (None where not computable),
    and those metrics with the figures behind each."""
    management = management_metrics(data, budget, profile.management_metrics)
    metrics = metrics | {key: value.value for key, value in management.items()}
    metrics |= {key: None for key in profile.management_metrics if key not in management}
    return metrics, management


def score_year(
    project: Project, indicators: list[Indicator], profile: RulesProfile
) -> ProjectScore:
    """A project's score for the year (its own year's funds only, when the profile
    evaluates 上年结转 separately)."""
    scored = current_year_part(project) if profile.separate_carryover else project
    return score_project(scored, indicators, profile)


def current_year_part(project: Project) -> Project:
    """The project's own year: 财政拨款 and 其他资金, without what was carried over."""
    return replace(project, carryover=ZERO_AMOUNTS)


def carryover_part(project: Project) -> Project:
    """The funds carried over from the previous year (上年结转), evaluated on their own."""
    return replace(project, name=f"{project.name}（上年结转）", fiscal=ZERO_AMOUNTS,
                   other_funds=ZERO_AMOUNTS)  # fmt: skip
