"""Rescore what one inline edit touches: the edited project (or none, for a department
indicator), the department's metrics and score, and the findings about both.

The whole-year ``recompute`` reads every indicator of every project (about 170 ms on the
Luopu example's 238 projects); an inline save has to feel instant. Here the edited
project is read in full, the other projects only as their funds and stored totals (one
narrow query), and the core's ``evaluate_edit`` says why that is enough.
``tests/web/test_incremental_rescore.py`` checks the stored result against a full
recompute on many random edits.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, OuterRef

from jixiao.core.department_scoring import declared_total_of
from jixiao.core.partial_evaluation import KeptScore, evaluate_edit
from jixiao.core.records import DEPARTMENT_OWNER
from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.web import models
from jixiao.web.conversion import (
    PROJECT_FUNDS_FIELDS,
    budget_line_record,
    department_record,
    indicator_record,
    project_funds_record,
    project_record,
)
from jixiao.web.management_json import management_records
from jixiao.web.services.monitoring_store import store_project as store_monitoring
from jixiao.web.services.monitoring_year import with_rounds
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.recompute import (
    recompute,
    replace_findings,
    store_department,
    store_project,
)
from jixiao.web.services.revision import touch


class StoredProject(NamedTuple):
    """A project as the rescore reads it: its stored total, whether it has indicators,
    its self-score and its funds (``PROJECT_FUNDS_FIELDS``)."""

    pk: int
    total: Decimal | None
    has_goals: bool
    self_score: Decimal | None
    funds: tuple

    @property
    def code(self) -> str:
        return self.funds[0]


def _stored_projects(year: models.DepartmentYear) -> list[StoredProject]:
    goals = Exists(models.Indicator.objects.filter(project_id=OuterRef("pk")))
    rows = year.projects.annotate(has_goals=goals).values_list(
        "pk", "computed_score", "has_goals", "self_score", *PROJECT_FUNDS_FIELDS
    )
    return [StoredProject(*row[:4], funds=row[4:]) for row in rows]


def rescore_edit(year: models.DepartmentYear, project_id: int | None) -> None:
    """Rescore ``year`` after an inline edit of project ``project_id``'s filed values
    (None: a department indicator's), as ``recompute`` would store it."""
    stored = _stored_projects(year)
    if any(row.total is None for row in stored if row.pk != project_id):
        recompute(year)  # a year never scored in full has no stored totals to keep
        return
    edited = _edited_project(project_id)
    edited_indicators = list(edited.indicators.all()) if edited else []
    department_rows = list(year.indicators.filter(project__isnull=True))
    department_records = tuple(indicator_record(i, DEPARTMENT_OWNER) for i in department_rows)
    data = DepartmentYearRecord(
        department=department_record(year),
        budget_lines=tuple(budget_line_record(row) for row in year.budget_lines.all()),
        projects=tuple(
            project_record(edited, edited.section.name) if row.pk == project_id
            else project_funds_record(row.funds)
            for row in stored
        ),
        indicators=tuple(indicator_record(i, edited.code) for i in edited_indicators),
        department_indicators=department_records,
        management=management_records(year.management or []),
    )  # fmt: skip
    kept = {row.code: KeptScore(row.total, row.has_goals) for row in stored if row.pk != project_id}
    # The edited project's indicators read against the submitted monitoring rounds, too.
    evaluation = with_rounds(
        year, evaluate_edit(data, profile_for(year.profile), edited.code if edited else None, kept)
    )
    for score in evaluation.project_scores:
        store_project(edited, edited_indicators, score)
    ids = {row.code: row.pk for row in stored}
    counts = replace_findings(year, evaluation.findings, ids, project_id, partial=True)
    store_department(
        year, department_rows, evaluation.department_score, evaluation.metrics,
        declared_total_of(year.self_score, department_records),
        [score.total for score in evaluation.project_scores] + [k.total for k in kept.values()],
        [row.self_score for row in stored if row.self_score is not None],
        counts,
    )  # fmt: skip
    if project_id is not None:  # its budget and targets are what its round colours read
        store_monitoring(project_id)
    touch([year.pk])


def _edited_project(project_id: int | None) -> models.Project | None:
    if project_id is None:
        return None
    return models.Project.objects.select_related("section").get(pk=project_id)
