"""The bureau's spot review (财政抽查复核): drawing a district-year's sample, entering 复核得分.

Each write is one service with the acting user, in one transaction, with a history row.
The rules (what a draw takes, the gap threshold) are the profile's ``[spot_review]``; the
sample records them with its seed, so the draw can be redone from the record alone.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import asdict
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from jixiao.core.scoring import execution_score
from jixiao.core.spot_review import (
    Candidate,
    ReviewLine,
    draw_sample,
    review_gap,
    review_total,
    score_problem,
)
from jixiao.core.spot_review_rules import SpotReviewRules, parse_spot_review
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.roles import membership
from jixiao.web.selectors.lock import LOCKED
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import number_value, text_value
from jixiao.web.services.profiles import profile_for

SEED_BITS = 31  # fits every database's integer and is easy to read out and type back


def bureau_district(user: User) -> str:
    """The district a bureau reviewer acts for; anyone else may not write a review."""
    found = membership(user)
    if found is None or found.role != Role.BUREAU or not found.district:
        raise NotAllowed("只有财政局的复核人员可以抽查复核。")
    return found.district


def signed_off_projects(district: str, year: int):
    """The projects a draw may take: those of the district's years signed off for ``year``."""
    return models.Project.objects.filter(
        department_year__department__district=district,
        department_year__year=year,
        department_year__status__in=LOCKED,
    )


def _candidates(district: str, year: int) -> list[Candidate]:
    lacking = Q(indicators__applicable=True, indicators__evidence="",
                indicators__evidence_files__isnull=True)  # fmt: skip
    rows = (
        signed_off_projects(district, year)
        .annotate(without_evidence=Count("indicators", filter=lacking, distinct=True))
        .values_list("pk", "final", "carryover_final", "other_final", "self_score",
                     "without_evidence")
    )  # fmt: skip
    return [
        Candidate(str(pk), final + carryover + other, self_score, missing)
        for pk, final, carryover, other, self_score, missing in rows
    ]


def _district_rules(district: str, year: int) -> tuple[str, SpotReviewRules]:
    """The profile most of the district's years are scored under, and its sampling rules."""
    keys = Counter(
        models.DepartmentYear.objects.filter(
            department__district=district, year=year, status__in=LOCKED
        ).values_list("profile", flat=True)
    )
    key = keys.most_common(1)[0][0]
    return key, profile_for(key).spot_review


@transaction.atomic
def do_draw_sample(*, acting_user: User, year: int, seed: int | None = None) -> models.SpotSample:
    """Draw the district's sample for ``year`` (a new random seed unless one is given)."""
    district = bureau_district(acting_user)
    if models.SpotSample.objects.filter(district=district, year=year).exists():
        raise NotAllowed(f"{year} 年度已抽取过样本，不能重新抽取（复核记录须保留）。")
    candidates = _candidates(district, year)
    if not candidates:
        raise InvalidInput("year", f"{year} 年度还没有经工作小组审核签发的部门，无可抽查的项目。")
    profile_key, rules = _district_rules(district, year)
    seed = secrets.randbits(SEED_BITS) if seed is None else seed
    drawn = draw_sample(candidates, rules, seed)
    recorded = {"profile": profile_key, **{k: str(v) for k, v in asdict(rules).items()}}
    sample = models.SpotSample(district=district, year=year, seed=seed, rules=recorded,
                               money_covered=drawn.money_covered.quantize(Decimal("0.0001")),
                               drawn_by=acting_user)  # fmt: skip
    sample._history_user = acting_user
    sample.save()
    items = [models.SpotReviewItem(sample=sample, project_id=int(pick.key), reason=pick.reason)
             for pick in drawn.picks]  # fmt: skip
    bulk_create_with_history(items, models.SpotReviewItem, default_user=acting_user,
                             default_change_reason="抽取")  # fmt: skip
    return sample


def recorded_rules(sample: models.SpotSample) -> SpotReviewRules:
    """The rules the sample was drawn by, as recorded with it."""
    return parse_spot_review(sample.rules)


def _compared_score(indicator: models.Indicator) -> Decimal | None:
    """What a 复核得分 is compared with: the department's 自评得分, else the computed 得分."""
    return indicator.self_score if indicator.self_score is not None else indicator.computed_score


@transaction.atomic
def do_review_indicator(*, acting_user: User, item_id: int, indicator_id: int, score: str,
                        reason: str, expected_version: int) -> models.SpotReviewItem:  # fmt: skip
    """Keep a 复核得分 for one indicator of a drawn project and rejudge the project's gap."""
    district = bureau_district(acting_user)
    item = (
        models.SpotReviewItem.objects.select_for_update()
        .select_related("sample", "project__department_year")
        .filter(sample__district=district)
        .get(pk=item_id)
    )
    if item.version != expected_version:
        raise EditConflict(f"项目“{item.project.name}”的复核")
    indicator = item.project.indicators.filter(pk=indicator_id, applicable=True).first()
    if indicator is None:
        raise InvalidInput("indicator", "该指标不属于抽查项目，或已标为不适用，不能复核。")
    value = number_value(models.IndicatorReview, "score", score)
    if value is None:
        raise InvalidInput("score", "请填写复核得分。")
    text = text_value(models.IndicatorReview, "reason", reason)
    problem = score_problem(indicator.weight, value, _compared_score(indicator), text)
    if problem:
        raise InvalidInput("score", f"指标“{indicator.name}”：{problem}")
    review = models.IndicatorReview.objects.filter(item=item, indicator=indicator).first()
    review = review or models.IndicatorReview(item=item, indicator=indicator)
    review.score, review.reason, review.reviewed_by = value, text, acting_user
    review._history_user = acting_user
    review.save()
    _rejudge(item, acting_user)
    return item


def _execution(project: models.Project, profile) -> tuple[Decimal, Decimal | None]:
    """The execution-rate score as scoring computes it from the project's exact amounts."""
    final = project.final + project.other_final
    actual = project.actual + project.other_actual
    if not profile.separate_carryover:
        final, actual = final + project.carryover_final, actual + project.carryover_actual
    rate = actual / final if final else None
    return execution_score(rate, profile), rate


def _judged(item: models.SpotReviewItem) -> tuple[Decimal, Decimal | None, Decimal | None, bool]:
    """The review total, the gaps to the self-score and to the computed score, and the
    flag, from every 复核得分 kept so far and the project's stored computed score."""
    project = item.project
    profile = profile_for(project.department_year.profile)
    reviewed = dict(item.scores.values_list("indicator_id", "score"))
    lines = [
        ReviewLine(row.weight, row.applicable, row.computed_score, reviewed.get(row.pk))
        for row in project.indicators.all()
    ]
    exec_score, rate = _execution(project, profile)
    total = review_total(exec_score, profile.execution_weight, lines,
                         places=profile.score_places, cap=profile.total_cap(rate))  # fmt: skip
    gap = review_gap(total, project.self_score, project.computed_score,
                     recorded_rules(item.sample).gap_threshold)  # fmt: skip
    return total, gap.self_gap, gap.computed_gap, gap.flagged


def _rejudge(item: models.SpotReviewItem, user: User) -> None:
    """The review total and the gaps from every 复核得分 kept so far."""
    item.review_total, item.self_gap, item.computed_gap, item.flagged = _judged(item)
    item.reviewed_by, item.reviewed_at = user, timezone.now()
    item.version += 1
    item._history_user = user
    item._change_reason = "复核得分"
    item.save()


def refresh_reviews(year: models.DepartmentYear) -> None:
    """Judge the year's reviewed projects again after its scores were recomputed (a
    changed rules profile moves the computed score and the execution score of the review
    total); the 复核得分, who gave them and when stay as they were."""
    items = models.SpotReviewItem.objects.filter(
        project__department_year=year, review_total__isnull=False
    ).select_related("sample", "project__department_year")
    for item in items:
        judged = _judged(item)
        if judged == (item.review_total, item.self_gap, item.computed_gap, item.flagged):
            continue
        item.review_total, item.self_gap, item.computed_gap, item.flagged = judged
        item.version += 1
        item._change_reason = "得分重新计算后重算复核差距"
        item.save()
