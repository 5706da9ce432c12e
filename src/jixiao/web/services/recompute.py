"""Recompute a department-year's scores through the core and store them.

Called inside every writing service's transaction, so stored scores never disagree
with the filed values they come from. ``recompute`` rescores the whole year (after an
import); ``services.rescore.rescore_edit`` rescores what one inline edit touches. Both
store through the functions here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q

from jixiao.core.department_scoring import DepartmentScore, declared_total
from jixiao.core.evaluation import Evaluation, evaluate
from jixiao.core.findings import Finding, Severity
from jixiao.core.money import HUNDRED, quantize_half_up
from jixiao.core.scoring import ProjectScore
from jixiao.web import models
from jixiao.web.conversion import department_year_record
from jixiao.web.services.monitoring_store import store_year
from jixiao.web.services.monitoring_year import with_rounds
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import touch
from jixiao.web.services.row_updates import update_rows
from jixiao.web.services.spot_review import refresh_reviews

PROJECT_FIELDS = ("computed_score", "grade", "execution_rate")
INDICATOR_FIELDS = ("computed_score", "computed_status")
ZERO = Decimal(0)


def recompute(year: models.DepartmentYear) -> Evaluation:
    """Evaluate ``year`` with the core and write back every computed value that changed."""
    projects = list(year.projects.all())
    indicators = list(year.indicators.all())
    data = department_year_record(year, projects, indicators)
    evaluation = with_rounds(year, evaluate(data, profile_for(year.profile)))
    _store_projects(projects, indicators, evaluation)
    counts = replace_findings(year, evaluation.findings, {row.code: row.pk for row in projects})
    store_department(
        year,
        [row for row in indicators if not row.project_id],
        evaluation.department_score,
        evaluation.metrics,
        declared_total(evaluation.data),
        [score.total for score in evaluation.project_scores],
        [p.self_score for p in data.projects if p.self_score is not None],
        counts,
    )
    refresh_reviews(year)  # a spot review's gaps are to the computed score
    store_year(year)  # the rounds' colours read the year's rules, budgets and targets
    touch([year.pk])
    return evaluation


def _percent(ratio: Decimal | None) -> Decimal | None:
    return None if ratio is None else quantize_half_up(ratio * HUNDRED)


def _changed(row, values: dict) -> bool:
    changed = False
    for field, value in values.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    return changed


def store_project(
    row: models.Project, indicators: list[models.Indicator], score: ProjectScore
) -> None:
    """Store one project's score and its indicators' scores (``indicators`` in position
    order, as the score lists them)."""
    changed, changed_indicators = _project_changes(row, indicators, score)
    update_rows(models.Project, [row] if changed else [], PROJECT_FIELDS)
    update_rows(models.Indicator, changed_indicators, INDICATOR_FIELDS)


def _project_changes(row, indicators, score: ProjectScore) -> tuple[bool, list]:
    values = {"computed_score": score.total, "grade": score.grade,
              "execution_rate": _percent(score.execution_rate)}  # fmt: skip
    changed = _changed(row, values)
    changed_indicators = [
        indicator
        for indicator, item in zip(indicators, score.indicator_scores, strict=True)
        if _changed(indicator, {"computed_score": item.score, "computed_status": item.status.value})
    ]
    return changed, changed_indicators


def _store_projects(projects, indicators, evaluation: Evaluation) -> None:
    by_project = defaultdict(list)
    for row in indicators:
        if row.project_id:
            by_project[row.project_id].append(row)
    changed_projects, changed_indicators = [], []
    for row, score in zip(projects, evaluation.project_scores, strict=True):
        changed, indicator_rows = _project_changes(row, by_project[row.pk], score)
        if changed:
            changed_projects.append(row)
        changed_indicators += indicator_rows
    update_rows(models.Project, changed_projects, PROJECT_FIELDS)
    update_rows(models.Indicator, changed_indicators, INDICATOR_FIELDS)


def _average(values: list[Decimal]) -> Decimal | None:
    return quantize_half_up(sum(values, ZERO) / len(values)) if values else None


def store_department(
    year: models.DepartmentYear,
    department_rows: list[models.Indicator],
    score: DepartmentScore,
    metrics: dict,
    declared: tuple[Decimal | None, bool],
    project_totals: list[Decimal],
    project_self_scores: list[Decimal],
    finding_counts: dict[str, int],
) -> None:
    """Store the department indicators' scores and the year's totals, with the finding
    counts ``replace_findings`` returned, in one UPDATE of the year."""
    changed = [
        row
        for row, item in zip(department_rows, score.indicator_scores, strict=True)
        if _changed(row, {"computed_score": item.score, "computed_status": item.status.value})
    ]
    update_rows(models.Indicator, changed, INDICATOR_FIELDS)
    values = {
        "computed_score": score.total,
        "grade": score.grade,
        "dimension_scores": {
            name: {"weight": str(weight), "score": str(value)}
            for name, (weight, value) in score.dimension_totals.items()
        },
        "execution_rate": metrics.get("budget_execution_rate"),
        "declared_score": declared[0],
        "declared_is_derived": declared[1],
        "project_count": len(project_totals),
        "project_average_score": _average(project_totals),
        "project_average_self_score": _average(project_self_scores),
        **finding_counts,
    }
    for field, value in values.items():
        setattr(year, field, value)
    models.DepartmentYear.objects.filter(pk=year.pk).update(**values)


def replace_findings(
    year: models.DepartmentYear,
    findings: Iterable[Finding],
    project_ids: dict[str, int],
    only_project: int | None = None,
    *,
    partial: bool = False,
) -> dict[str, int]:
    """Findings are derived data, not audited: replaced by ``findings``; returns the
    year's error and warning counts as now stored.

    ``partial``: only the findings about project ``only_project`` (None: no project) and
    about the department as a whole are replaced; the others are kept as stored."""
    stored = year.findings.all()
    if partial:
        stored = stored.filter(Q(project_id=only_project) | Q(project_id__isnull=True))
    stored.delete()
    rows = []
    for finding in findings:
        project_id = project_ids.get(finding.subject)
        if partial and project_id not in (None, only_project):
            continue
        rows.append(models.Finding(
            department_year=year, project_id=project_id, code=finding.code,
            severity=finding.severity.value, message=finding.message,
            location=finding.location.describe() if finding.location else "",
        ))  # fmt: skip
    models.Finding.objects.bulk_create(rows, batch_size=500)
    return _finding_counts(year)


def _finding_counts(year: models.DepartmentYear) -> dict[str, int]:
    counts = dict(year.findings.order_by().values_list("severity").annotate(n=Count("pk")))
    return {
        "error_count": counts.get(Severity.ERROR.value, 0),
        "warning_count": counts.get(Severity.WARNING.value, 0),
    }
