"""The rules of the bureau's spot review (财政抽查复核) as read from a profile's ``[spot_review]``.

``spot_review`` applies them: which projects a draw takes, and when a re-scored
project's gap is flagged. Values are Decimal from the TOML text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class SpotReviewRules:
    """How a sample is drawn and when a gap is flagged."""

    money_share: Decimal  # the sample covers at least this share of the project money
    high_self_score: Decimal  # self-scored at least this, with evidence missing: always drawn
    random_count: int  # drawn at random on top of the above
    gap_threshold: Decimal  # points between the review total and a score that flag it


def parse_spot_review(table: dict[str, Any]) -> SpotReviewRules:
    """``[spot_review]`` as rules; a share outside 0–1 or a negative count is refused."""
    rules = SpotReviewRules(
        money_share=Decimal(str(table["money_share"])),
        high_self_score=Decimal(str(table["high_self_score"])),
        random_count=int(table["random_count"]),
        gap_threshold=Decimal(str(table["gap_threshold"])),
    )
    if not Decimal(0) <= rules.money_share <= Decimal(1):
        raise ValueError("spot_review.money_share 应在 0 与 1 之间")
    if rules.random_count < 0 or rules.gap_threshold < 0:
        raise ValueError("spot_review.random_count 与 gap_threshold 不能为负数")
    return rules
