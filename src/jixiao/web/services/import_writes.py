"""Writing an import plan: few statements per table, whatever the department's size.

Rows to create go in with bulk inserts and their history rows; rows to update are
written with one prepared UPDATE per table and get their history rows in bulk; rows only
moved get their new position and nothing else; rows to remove get their history rows in
bulk and go in a few DELETEs. Evidence of removed indicators moves to the
department-year before the rows go, so no file is lost with them.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from jixiao.web import models
from jixiao.web.services.import_plan import (
    BUDGET_FIELDS,
    INDICATOR_FIELDS,
    PROJECT_FIELDS,
    ImportPlan,
)
from jixiao.web.services.row_updates import delete_rows, update_rows

# What an update writes per table: the filed fields, and the version where there is one.
UPDATED_FIELDS = {
    models.Project: (*PROJECT_FIELDS, "version", "position"),
    models.Indicator: (*INDICATOR_FIELDS, "version", "position"),
    models.BudgetLine: (*BUDGET_FIELDS, "position"),
    models.Statement: ("body", "position"),
}
WITH_HISTORY = (models.Project, models.Indicator)
MAX_LABEL = models.Evidence._meta.get_field("former_indicator").max_length


def apply_plan(plan: ImportPlan, year: models.DepartmentYear, user: User, reason: str) -> None:
    """Write every change of ``plan`` to ``year`` (inside the caller's transaction)."""
    _save_sections(plan, year)
    _keep_evidence(plan, year)
    _delete(plan, user, reason)
    for model, fields in UPDATED_FIELDS.items():
        _update(model, plan.writes[model].update, fields, user, reason)
        update_rows(model, plan.writes[model].reorder, ("position",))
    _create(plan, user, reason)


def _save_sections(plan: ImportPlan, year: models.DepartmentYear) -> None:
    for section in plan.new_sections:
        section.department = year.department
        section.save()
    for row in (*plan.writes[models.Project].create, *plan.writes[models.Project].update):
        row.section_id = row.section.pk


def _keep_evidence(plan: ImportPlan, year: models.DepartmentYear) -> None:
    """The files of removed indicators stay, listed with the year under their old name."""
    kept = [
        models.Evidence(
            pk=pk, indicator=None, kept_in_year=year, former_indicator=label[:MAX_LABEL]
        )
        for pk, label in plan.removed_evidence.items()
    ]
    update_rows(models.Evidence, kept, ("indicator", "kept_in_year", "former_indicator"))


def _delete(plan: ImportPlan, user: User, reason: str) -> None:
    now = timezone.now()
    for model in (models.Indicator, models.Project, models.BudgetLine, models.Statement):
        rows = plan.writes[model].delete
        if not rows:
            continue
        ids = [row.pk for row in rows]
        if model in WITH_HISTORY:
            _removal_history(model, rows, user, reason, now)
        if model is models.Project:
            models.Finding.objects.filter(project_id__in=ids).delete()  # derived, rebuilt
        delete_rows(model, ids)


def _removal_history(model, rows: list, user: User, reason: str, now) -> None:
    """The history rows a deletion would write one by one, in one insert (signed)."""
    history = model.history.model
    model.history.model.objects.bulk_create(
        [
            history(history_type="-", history_date=now, history_user=user,
                    history_change_reason=reason,
                    **{f.attname: getattr(row, f.attname) for f in history.tracked_fields})
            for row in rows
        ],
        batch_size=500,
    )  # fmt: skip


def _update(model, rows: list, fields: tuple[str, ...], user: User, reason: str) -> None:
    if not rows:
        return
    if model in WITH_HISTORY:
        for row in rows:
            row.version += 1
    update_rows(model, rows, fields)
    if model in WITH_HISTORY:
        model.history.bulk_history_create(
            rows, update=True, default_user=user, default_change_reason=reason
        )


def _create(plan: ImportPlan, user: User, reason: str) -> None:
    for model in (models.Project, models.Indicator):
        rows = plan.writes[model].create
        if model is models.Indicator:
            for row in rows:
                row.project_id = row.project.pk if row.project is not None else None
        if rows:
            bulk_create_with_history(rows, model, batch_size=500, default_user=user,
                                     default_change_reason=reason)  # fmt: skip
    for model in (models.BudgetLine, models.Statement):
        models_rows = plan.writes[model].create
        model.objects.bulk_create(models_rows, batch_size=500)
