"""Reads of the bureau's spot review: its samples, a drawn project's 复核得分, the results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from jixiao.io.spot_review_xlsx import ReviewResultRow
from jixiao.web import models
from jixiao.web.roles import membership
from jixiao.web.selectors.lock import LOCKED
from jixiao.web.selectors.rectification import with_status
from jixiao.web.services.spot_review_rectification import review_task_key


def district_of(user: User) -> str:
    """The bureau reviewer's district ("" for anyone else)."""
    found = membership(user)
    return found.district if found is not None and found.role == models.Role.BUREAU else ""


def samples_for(user: User):
    """The samples of the user's district, newest year first."""
    return models.SpotSample.objects.filter(district=district_of(user) or None).order_by("-year")


def get_sample(user: User, pk: int) -> models.SpotSample:
    """The sample ``pk`` of the user's district, else 404."""
    return get_object_or_404(samples_for(user), pk=pk)


def drawable_years(user: User) -> list[int]:
    """The years with signed-off department-years in the user's district, newest first."""
    district = district_of(user)
    return list(
        models.DepartmentYear.objects.filter(department__district=district, status__in=LOCKED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def result_rows(sample: models.SpotSample) -> list[tuple[int, ReviewResultRow]]:
    """Every drawn project (its id, its row) with its scores and gaps, by department and code."""
    items = sample.items.select_related("project__department_year__department").order_by(
        "project__department_year__department__name", "project__code"
    )
    return [
        (
            item.project_id,
            ReviewResultRow(
                department=item.project.department_year.department.name,
                code=item.project.code,
                name=item.project.name,
                reason=item.reason,
                self_score=item.project.self_score,
                computed_score=item.project.computed_score,
                review_total=item.review_total,
                self_gap=item.self_gap,
                computed_gap=item.computed_gap,
                flagged=item.flagged,
            ),
        )
        for item in items
    ]


@dataclass(frozen=True)
class IndicatorReviewRow:
    indicator: models.Indicator
    review: models.IndicatorReview | None


@dataclass(frozen=True)
class ProjectReview:
    """A drawn project's review as its page shows it; ``editable`` for the bureau's reviewer."""

    item: models.SpotReviewItem
    rows: list[IndicatorReviewRow]
    editable: bool
    threshold: Decimal
    task: models.RectificationTask | None


def project_review(user: User, project: models.Project) -> ProjectReview | None:
    """The review of ``project`` (already scoped by the caller), or None when it was not drawn."""
    item = (
        models.SpotReviewItem.objects.select_related("sample", "reviewed_by")
        .filter(project=project)
        .first()
    )
    if item is None:
        return None
    reviews = {row.indicator_id: row for row in item.scores.select_related("reviewed_by")}
    indicators = project.indicators.filter(applicable=True).order_by("position", "pk")
    rows = [IndicatorReviewRow(indicator, reviews.get(indicator.pk)) for indicator in indicators]
    editable = district_of(user) == item.sample.district
    threshold = Decimal(item.sample.rules["gap_threshold"])
    return ProjectReview(item, rows, editable, threshold, ledger_tasks([item]).get(item.pk))


def get_item(user: User, pk: int) -> models.SpotReviewItem:
    """A drawn project of the user's district, else 404."""
    item = get_object_or_404(models.SpotReviewItem.objects.select_related("sample"), pk=pk)
    if item.sample.district != district_of(user):
        raise Http404
    return item


def ledger_tasks(items: list[models.SpotReviewItem]) -> dict[int, models.RectificationTask]:
    """Per drawn project (its item id), the rectification task its gap became, with status."""
    keys = {review_task_key(item): item.pk for item in items}
    tasks = models.RectificationTask.objects.filter(source_key__in=keys).select_related("section")
    return {keys[task.source_key]: task for task in with_status(tasks, timezone.localdate())}


@dataclass(frozen=True)
class NoticeRow:
    """A project of the 通报 list, with the task its gap became (None while not listed)."""

    item_id: int
    project_id: int
    row: ReviewResultRow
    task: models.RectificationTask | None


def notice_rows(
    sample: models.SpotSample, rows: list[tuple[int, ReviewResultRow]]
) -> list[NoticeRow]:
    """The flagged projects of ``rows`` (the sample's result rows), each with its task."""
    items = {item.project_id: item for item in sample.items.filter(flagged=True)}
    tasks = ledger_tasks(list(items.values()))
    return [
        NoticeRow(items[pk].pk, pk, row, tasks.get(items[pk].pk))
        for pk, row in rows
        if row.flagged and pk in items
    ]
