"""The bureau's spot review (财政抽查复核): drawing the sample and judging the re-scored gap.

Pure: the caller passes the district's candidate projects in and stores what comes out.
A draw is reproducible: the same candidates, rules and seed always give the same sample,
so the seed recorded with a sample lets anyone redo the draw and check it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.spot_review_rules import SpotReviewRules

ZERO = Decimal(0)
HUNDRED = Decimal(100)
REASON_HIGH_SCORE = "自评高分且缺佐证材料"
REASON_RANDOM = "随机抽取"
REASON_MONEY = "资金覆盖比例"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A submitted project the bureau may draw."""

    key: str  # a stable identifier (the database id as text): the draw orders by it
    final_budget: Decimal  # 全年预算数, 元
    self_score: Decimal | None
    indicators_without_evidence: int


@dataclass(frozen=True, slots=True)
class Pick:
    key: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sample:
    seed: int
    picks: tuple[Pick, ...]
    money_covered: Decimal  # share of the candidates' money the sample holds (0–1)


def draw_sample(candidates: Iterable[Candidate], rules: SpotReviewRules, seed: int) -> Sample:
    """Every high self-score without evidence, then ``random_count`` at random, then more at
    random until the sample holds ``money_share`` of the money (domain.md §9)."""
    ordered = sorted(candidates, key=lambda item: item.key)
    total = sum((item.final_budget for item in ordered), ZERO)
    picks = [
        Pick(item.key, REASON_HIGH_SCORE) for item in ordered if _high_unsupported(item, rules)
    ]
    taken = {pick.key for pick in picks}
    rest = [item for item in ordered if item.key not in taken]
    random.Random(seed).shuffle(rest)
    covered = sum((item.final_budget for item in ordered if item.key in taken), ZERO)
    for position, item in enumerate(rest):
        if position < rules.random_count:
            reason = REASON_RANDOM
        elif total and covered / total < rules.money_share:
            reason = REASON_MONEY
        else:
            break
        picks.append(Pick(item.key, reason))
        covered += item.final_budget
    return Sample(seed, tuple(picks), covered / total if total else ZERO)


def _high_unsupported(item: Candidate, rules: SpotReviewRules) -> bool:
    return (
        item.self_score is not None
        and item.self_score >= rules.high_self_score
        and item.indicators_without_evidence > 0
    )


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """One indicator of a reviewed project: its weight, computed score and 复核得分 (if any)."""

    weight: Decimal
    applicable: bool
    computed: Decimal | None
    reviewed: Decimal | None


def review_total(
    execution_score: Decimal,
    execution_weight: Decimal,
    lines: Sequence[ReviewLine],
    *,
    places: Decimal,
    cap: Decimal | None = None,
) -> Decimal:
    """The project total with each 复核得分 in place of the computed score (the computed one
    stands where the reviewer entered none), rescaled and capped as scoring does."""
    earned, applicable, full = execution_score, execution_weight, execution_weight
    for line in lines:
        full += line.weight
        if line.applicable:
            score = line.reviewed if line.reviewed is not None else line.computed or ZERO
            earned += score
            applicable += line.weight
    if applicable == ZERO:
        return ZERO
    total = earned if applicable == full else earned * HUNDRED / applicable
    if cap is not None and total > cap:
        total = cap
    return total.quantize(places)


@dataclass(frozen=True, slots=True)
class ReviewGap:
    """The review total against the self-score and the computed score (positive: the
    department's figure is higher than the review's)."""

    review_total: Decimal
    self_gap: Decimal | None
    computed_gap: Decimal | None
    flagged: bool


def review_gap(
    total: Decimal, self_score: Decimal | None, computed: Decimal | None, threshold: Decimal
) -> ReviewGap:
    """Flagged when either gap is more than ``threshold`` points."""
    self_gap = None if self_score is None else self_score - total
    computed_gap = None if computed is None else computed - total
    flagged = any(gap is not None and abs(gap) > threshold for gap in (self_gap, computed_gap))
    return ReviewGap(total, self_gap, computed_gap, flagged)


def score_problem(weight: Decimal, score: Decimal, compared: Decimal | None, reason: str) -> str:
    """Why a 复核得分 cannot be kept ("" when it can): above the weight, negative, or
    different from the department's score without a reason."""
    if score < ZERO or score > weight:
        return f"复核得分应在 0 与分值 {weight.normalize():f} 之间"
    if compared is not None and score != compared and not reason.strip():
        return "复核得分与自评得分不同，须填写复核理由"
    return ""
