"""Where a flagged spot-review gap becomes a rectification task (整改任务).

The rectification ledger creates a task from a source; for the bureau's review the
source is what ``review_finding`` returns for a flagged project, and the task's
``source_key`` names the sample and the project, so one gap is one task. This module is
the one place that hands a review over, one gap or every gap of a sample.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.narrative.indicator_text import plain
from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.roles import membership
from jixiao.web.services.errors import InvalidInput, NotAllowed
from jixiao.web.services.rectification import create_task_from_source

SOURCE = "财政抽查复核"


@dataclass(frozen=True)
class ReviewFinding:
    """A problem the bureau's review found, as a rectification task takes it."""

    source: str
    department_year_id: int
    project_id: int
    section_id: int
    problem: str


def review_finding(item: models.SpotReviewItem) -> ReviewFinding | None:
    """The problem a flagged item states (None when its gap is within the threshold)."""
    if not item.flagged:
        return None
    project = item.project
    gaps = [f"{label} {plain(score)} 分" for label, score in
            (("自评总分", project.self_score), ("依据计算得分", project.computed_score))
            if score is not None]  # fmt: skip
    problem = (
        f"项目“{project.name}”（{project.code}）财政抽查复核得分 {plain(item.review_total)} 分，"
        f"与{'、'.join(gaps)}差距超过阈值，须核实自评依据并整改。"
    )
    return ReviewFinding(
        SOURCE, project.department_year_id, project.pk, project.section_id, problem
    )


def review_task_key(item: models.SpotReviewItem) -> str:
    """Names the review of one drawn project in the ledger, so it becomes one task only."""
    return f"spot_review|{item.sample_id}|{item.project_id}"


def _locked_sample(user: User, sample_id: int) -> models.SpotSample:
    # One gap, or all of a sample, at a time: two requests at once do not both find a gap
    # unlisted and then both list it.
    sample = models.SpotSample.objects.select_for_update().get(pk=sample_id)
    found = membership(user)
    if found is None or found.role != models.Role.BUREAU or found.district != sample.district:
        raise NotAllowed("只有本区财政局可将抽查复核发现列入整改台账。")
    return sample


def _task_for(user: User, item: models.SpotReviewItem) -> models.RectificationTask:
    finding = review_finding(item)
    if finding is None:
        raise InvalidInput("item", "该项目复核差距未超过阈值，无需列入整改台账。")
    return create_task_from_source(
        acting_user=user, department_year_id=finding.department_year_id,
        source=TaskSource.BUREAU_REVIEW, problem=finding.problem,
        project_id=finding.project_id, section_id=finding.section_id,
        source_key=review_task_key(item),
    )  # fmt: skip


@transaction.atomic
def do_rectify_review_item(*, acting_user: User, item_id: int) -> models.RectificationTask:
    """A rectification task (财政复核) for the project's section from one flagged gap.

    A second time is refused in Chinese (该问题已列入整改台账) and nothing is saved; so is
    an item within the threshold.
    """
    item = _items().get(pk=item_id)
    _locked_sample(acting_user, item.sample_id)
    return _task_for(acting_user, item)


@dataclass(frozen=True)
class FromReview:
    """What listing a sample's gaps did: the new tasks, and the gaps already in the ledger."""

    created: list[models.RectificationTask]
    already: int


@transaction.atomic
def do_rectify_sample(*, acting_user: User, sample_id: int) -> FromReview:
    """One task per flagged gap of the sample; gaps already in the ledger are counted."""
    sample = _locked_sample(acting_user, sample_id)
    items = list(_items().filter(sample=sample, flagged=True))
    if not items:
        raise InvalidInput("sample", "该样本暂无差距超过阈值的项目。")
    listed = set(
        models.RectificationTask.objects.filter(
            source_key__in=[review_task_key(item) for item in items]
        ).values_list("source_key", flat=True)
    )
    fresh = [item for item in items if review_task_key(item) not in listed]
    return FromReview([_task_for(acting_user, item) for item in fresh], len(items) - len(fresh))


def _items():
    return models.SpotReviewItem.objects.select_related("sample", "project").order_by("pk")
