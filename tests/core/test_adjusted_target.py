"""A target changed by an approved 目标调整 reads with the target it replaced."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.narrative.indicator_text import approved_target_text
from jixiao.core.profile import load_profile
from jixiao.core.records import TargetBeforeAdjustment
from jixiao.core.scoring import score_indicator
from tests.builders import counted, qualitative

PROFILE = load_profile("default")


def _text(indicator, *wording: str) -> str:
    return approved_target_text(score_indicator(indicator, PROFILE), *wording)


def test_a_quantitative_target_names_the_approved_value_it_replaced() -> None:
    adjusted = counted("P1", "产出指标", "完成数", "50", target="12",
                       adjusted_from=TargetBeforeAdjustment(Decimal(10)))  # fmt: skip
    assert _text(adjusted) == "≥12个（经批准调整，原值≥10个）"


def test_a_qualitative_target_names_the_approved_words() -> None:
    adjusted = qualitative("P1", "效益指标", "社会效益指标", "环境改善", 30, target_text="明显改善",
                           adjusted_from=TargetBeforeAdjustment(None, "有所改善"))  # fmt: skip
    assert _text(adjusted) == "明显改善（经批准调整，原值有所改善）"


def test_a_target_as_approved_reads_alone_and_a_form_may_word_the_note() -> None:
    assert _text(counted("P1", "产出指标", "完成数", "50")) == "≥10个"
    adjusted = counted("P1", "产出指标", "完成数", "50", target="12",
                       adjusted_from=TargetBeforeAdjustment(Decimal(10)))  # fmt: skip
    assert _text(adjusted, "{target}（调整前{original}）") == "≥12个（调整前≥10个）"
