"""Re-evaluating a department-year after one inline edit, without rescoring every project.

An inline edit changes filed values of one project (an indicator's actual value, band,
self-score, explanation, evidence or applicability; the project's own texts or
self-score) or of one department indicator. It changes no amount, budget line, weight,
class or unit. So after it:

- only the edited project's score can change; every other project keeps the score it
  has (the caller passes their stored totals);
- the department's metrics and score are recomputed from the budget, every project's
  funds and every project's total, as ``evaluate`` does (``metrics_of``);
- the findings about the edited project, and those about the department as a whole, are
  the checks' findings on an ``Evaluation`` whose ``project_scores`` hold the edited
  project alone: each check's findings about a project come from that project's own
  score and rows (or from its funds against the budget), and the department's from the
  budget, every project's funds and the department's score — all present here. Findings
  about any other project cannot change and are kept by the caller.

Why a second path beside ``evaluate``: an inline save rescoring the whole year spends
most of its time reading every indicator of every project; this path reads one project.
``tests/web/test_incremental_rescore.py`` proves, over many random edits of the Luopu
example, that what it stores equals a full ``evaluate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.core.budget_analysis import summarize_budget
from jixiao.core.checks import run_checks
from jixiao.core.classification import class_names
from jixiao.core.coverage import self_evaluation_coverage
from jixiao.core.department_scoring import metrics_of, score_department
from jixiao.core.evaluation import Evaluation, score_year, with_management_metrics
from jixiao.core.profile import RulesProfile
from jixiao.core.records import DepartmentYear


@dataclass(frozen=True, slots=True)
class KeptScore:
    """What the rescore needs of a project it does not rescore: its stored total and
    whether it has any indicator (a goal)."""

    total: Decimal
    has_goals: bool


def evaluate_edit(
    data: DepartmentYear,
    profile: RulesProfile,
    edited: str | None,
    kept: Mapping[str, KeptScore],
) -> Evaluation:
    """The evaluation after an edit of project ``edited`` (None: a department indicator).

    ``data`` holds every project's funds, the edited project's indicators and every
    department indicator; ``kept`` the other projects by code. The result's
    ``project_scores`` hold the edited project alone; its department score, metrics and
    findings are those of a full evaluation (the findings about other projects excepted).
    """
    budget = summarize_budget(data.budget_lines, class_names(data.department.year))
    grouped = data.indicators_by_project()
    scores = tuple(
        score_year(project, grouped.get(project.code, []), profile)
        for project in data.projects
        if project.code == edited
    )
    totals = [score.total for score in scores] + [item.total for item in kept.values()]
    with_goals = {score.project.code for score in scores if score.indicator_scores}
    with_goals |= {code for code, item in kept.items() if item.has_goals}
    coverage = self_evaluation_coverage(data.projects, with_goals, budget)
    metrics = metrics_of(budget, coverage, totals, len(with_goals), len(data.projects))
    metrics, management = with_management_metrics(data, budget, metrics, profile)
    department = score_department(data.department_indicators, metrics, profile)
    evaluation = Evaluation(
        data, profile, budget, coverage, scores, metrics, department, management=management
    )
    return replace(evaluation, findings=tuple(run_checks(evaluation)))
