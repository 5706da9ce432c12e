"""The pipeline: a department-year and a profile in, every score and finding out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from jixiao.core.budget_analysis import BudgetSummary, summarize_budget
from jixiao.core.checks import run_checks
from jixiao.core.classification import class_names
from jixiao.core.coverage import Coverage, self_evaluation_coverage
from jixiao.core.department_scoring import DepartmentScore, compute_metrics, score_department
from jixiao.core.findings import Finding
from jixiao.core.profile import RulesProfile
from jixiao.core.records import DepartmentYear
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


def evaluate(data: DepartmentYear, profile: RulesProfile) -> Evaluation:
    """Score every project and the department, then run every check."""
    budget = summarize_budget(data.budget_lines, class_names(data.department.year))
    grouped = data.indicators_by_project()
    project_scores = tuple(
        score_project(project, grouped.get(project.code, []), profile) for project in data.projects
    )
    evaluated = {score.project.code for score in project_scores if score.indicator_scores}
    coverage = self_evaluation_coverage(data.projects, evaluated, budget)
    metrics = compute_metrics(budget, coverage, list(project_scores), len(data.projects))
    department = score_department(data.department_indicators, metrics, profile)
    evaluation = Evaluation(data, profile, budget, coverage, project_scores, metrics, department)
    return replace(evaluation, findings=tuple(run_checks(evaluation)))
