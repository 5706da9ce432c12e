"""Store what the core's review of a monitoring round found on its MonitoringProject rows.

Called inside every writing service's transaction that changes what a project's colours
depend on (its own execution and indicator rows, its budget and targets, the year's
rules), so the stored copy never disagrees with the filed values it comes from. The
colours still come only from ``core.monitoring_review`` (through ``review_round``); the
bureau's district lists read the copy (``selectors.monitoring_district``). A project's
colours depend only on its own rows and the round, so a write touching one project
reviews just that project (``store_entry``).
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import quantize_half_up
from jixiao.core.monitoring import Likelihood
from jixiao.core.monitoring_review import ProjectStatus
from jixiao.web import models
from jixiao.web.models.monitoring import REVIEWED_FIELDS
from jixiao.web.monitoring_conversion import entries, review_round
from jixiao.web.selectors.monitoring import project_view
from jixiao.web.services.row_updates import update_rows

# The stored ratios' places (the model's); the pages print a tenth of a percent.
RATIO_PLACES = Decimal("1E-10")
# The worst stated likelihood is the one a reader of the red list needs first.
LIKELIHOOD_RANK = {Likelihood.IMPOSSIBLE: 0, Likelihood.POSSIBLE: 1, Likelihood.CERTAIN: 2}


def cause_summary(status: ProjectStatus) -> str:
    """The project's 偏差原因, else that of its first explained indicator ("经费：说明")."""
    deviations = [status.execution.deviation] + [i.indicator.deviation for i in status.indicators]
    for deviation in deviations:
        if deviation.cause is not None:
            return "：".join(part for part in (deviation.cause.value, deviation.text) if part)
    return ""


def worst_likelihood(status: ProjectStatus) -> str:
    """The lowest 完成可能性 its indicators state (完全不可能 first), else empty."""
    stated = [i.indicator.likelihood for i in status.indicators if i.indicator.likelihood]
    return min(stated, key=LIKELIHOOD_RANK.__getitem__).value if stated else ""


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else quantize_half_up(value, RATIO_PLACES)


def reviewed_values(status: ProjectStatus) -> dict[str, object]:
    """What is stored of a project's review, by field (``REVIEWED_FIELDS``)."""
    return {
        "colour": status.colour.value,
        "execution_colour": status.execution_colour.value,
        "execution_rate": _ratio(status.rate),
        "time_progress": _ratio(status.time.share),
        "cause_summary": cause_summary(status),
        "worst_likelihood": worst_likelihood(status),
    }


def _changed(row: models.MonitoringProject, status: ProjectStatus) -> bool:
    changed = False
    for field, value in reviewed_values(status).items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    return changed


def store_round(round_: models.MonitoringRound) -> None:
    """Review the whole round and store every project's values that changed."""
    projects, indicators = entries(round_)
    review = review_round(round_, (projects, indicators))
    changed = [
        row for row, status in zip(projects, review.projects, strict=True) if _changed(row, status)
    ]
    update_rows(models.MonitoringProject, changed, REVIEWED_FIELDS)


def store_entry(entry: models.MonitoringProject) -> None:
    """Review one project of its round and store its values if they changed."""
    row = project_view(entry)[0]
    if _changed(row.entry, row.status):
        update_rows(models.MonitoringProject, [row.entry], REVIEWED_FIELDS)


def store_year(year: models.DepartmentYear) -> None:
    """Store every round of ``year`` (after a change to the year's rules or projects)."""
    for round_ in year.monitoring_rounds.select_related("department_year__department"):
        store_round(round_)


def store_project(project_id: int) -> None:
    """Store the project ``project_id`` in every round it is in (after an edit of its
    budget or its indicators' targets)."""
    rows = models.MonitoringProject.objects.filter(project_id=project_id)
    for entry in rows.select_related("round__department_year__department"):
        store_entry(entry)
