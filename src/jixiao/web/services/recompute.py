"""Recompute a department-year's scores through the core and store them.

Called inside every writing service's transaction, so stored scores never disagree
with the filed values they come from.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from jixiao.core.department_scoring import declared_total
from jixiao.core.evaluation import Evaluation, evaluate
from jixiao.core.findings import Severity, count_by_severity
from jixiao.core.money import HUNDRED, quantize_half_up
from jixiao.web import models
from jixiao.web.conversion import department_year_record
from jixiao.web.services.monitoring_year import with_rounds
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.revision import touch
from jixiao.web.services.row_updates import update_rows

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
    _store_department(year, indicators, evaluation)
    _store_findings(year, projects, evaluation)
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


def _store_projects(projects, indicators, evaluation: Evaluation) -> None:
    by_project = defaultdict(list)
    for row in indicators:
        if row.project_id:
            by_project[row.project_id].append(row)
    changed_projects, changed_indicators = [], []
    for row, score in zip(projects, evaluation.project_scores, strict=True):
        values = {"computed_score": score.total, "grade": score.grade,
                  "execution_rate": _percent(score.execution_rate)}  # fmt: skip
        if _changed(row, values):
            changed_projects.append(row)
        for indicator, item in zip(by_project[row.pk], score.indicator_scores, strict=True):
            if _changed(
                indicator, {"computed_score": item.score, "computed_status": item.status.value}
            ):
                changed_indicators.append(indicator)
    update_rows(models.Project, changed_projects, PROJECT_FIELDS)
    update_rows(models.Indicator, changed_indicators, INDICATOR_FIELDS)


def _average(values: list[Decimal]) -> Decimal | None:
    return quantize_half_up(sum(values, ZERO) / len(values)) if values else None


def _store_department(year, indicators, evaluation: Evaluation) -> None:
    department_rows = [row for row in indicators if not row.project_id]
    changed = []
    for row, item in zip(
        department_rows, evaluation.department_score.indicator_scores, strict=True
    ):
        if _changed(row, {"computed_score": item.score, "computed_status": item.status.value}):
            changed.append(row)
    update_rows(models.Indicator, changed, INDICATOR_FIELDS)
    score = evaluation.department_score
    counts = count_by_severity(evaluation.findings)
    declared, derived = declared_total(evaluation.data)
    projects = evaluation.project_scores
    values = {
        "computed_score": score.total,
        "grade": score.grade,
        "dimension_scores": {
            name: {"weight": str(weight), "score": str(value)}
            for name, (weight, value) in score.dimension_totals.items()
        },
        "error_count": counts[Severity.ERROR],
        "warning_count": counts[Severity.WARNING],
        "execution_rate": evaluation.metrics.get("budget_execution_rate"),
        "declared_score": declared,
        "declared_is_derived": derived,
        "project_count": len(projects),
        "project_average_score": _average([s.total for s in projects]),
        "project_average_self_score": _average(
            [s.project.self_score for s in projects if s.project.self_score is not None]
        ),
    }
    for field, value in values.items():
        setattr(year, field, value)
    models.DepartmentYear.objects.filter(pk=year.pk).update(**values)


def _store_findings(year, projects, evaluation: Evaluation) -> None:
    """Findings are derived data: replaced wholesale, not audited."""
    project_ids = {row.code: row.pk for row in projects}
    year.findings.all().delete()
    models.Finding.objects.bulk_create(
        [
            models.Finding(
                department_year=year,
                project_id=project_ids.get(finding.subject),
                code=finding.code,
                severity=finding.severity.value,
                message=finding.message,
                location=finding.location.describe() if finding.location else "",
            )
            for finding in evaluation.findings
        ],
        batch_size=500,
    )
