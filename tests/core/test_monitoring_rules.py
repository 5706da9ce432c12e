"""The profile's ``[monitoring]``: the defaults, the alternatives, and a malformed table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.monitoring_rules import ExecutionRule, TimeRule
from jixiao.core.profile import PROFILE_DIR, ProfileError, load_profile, load_profile_text

DEFAULT = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")


def variant(old: str, new: str) -> str:
    assert old in DEFAULT
    return DEFAULT.replace(old, new)


def test_the_default_is_the_august_round_on_months_and_the_ratio() -> None:
    rules = load_profile().monitoring
    assert [(r.name, r.end_month) for r in rules.rounds] == [("1-7月", 7)]
    assert rules.time_rule is TimeRule.MONTHS and rules.execution_rule is ExecutionRule.RATIO


def test_the_warning_bands_are_marked_unconfirmed() -> None:
    profile = load_profile()
    for key in ("monitoring.execution_ratio", "monitoring.indicator_progress",
                "monitoring.execution_thresholds", "monitoring.unprorated_units"):  # fmt: skip
        assert profile.is_unconfirmed(key)


def test_a_profile_can_choose_days_fixed_thresholds_and_quarterly_rounds() -> None:
    text = variant('time_progress = "months"', 'time_progress = "days"')
    text = text.replace('execution_rule = "ratio"', 'execution_rule = "fixed"')
    text = text.replace(
        'rounds = [{ name = "1-7月", end_month = 7 }]',
        'rounds = [{ name = "1-3月", end_month = 3 }, { name = "1-6月", end_month = 6 }]',
    )
    rules = load_profile_text(text, "quarterly").monitoring
    assert rules.time_rule is TimeRule.DAYS and rules.execution_rule is ExecutionRule.FIXED
    assert rules.round("1–6月").end_month == 6 and rules.round("1-7月") is None
    assert rules.threshold(3) is None and rules.threshold(7) == Decimal("0.40")


def test_a_profile_without_monitoring_uses_the_default_rules() -> None:
    start = DEFAULT.index("[monitoring]")
    rules = load_profile_text(DEFAULT[:start], "older").monitoring
    assert rules == load_profile().monitoring


@pytest.mark.parametrize(
    ("old", "new"),
    [('time_progress = "months"', 'time_progress = "weeks"'),
     ('["黄", 0.60], ["绿", 0.80]]', '["绿", 0.80], ["黄", 0.60]]'),
     ("end_month = 7", "end_month = 13")],
)  # fmt: skip
def test_a_malformed_monitoring_table_is_a_chinese_error(
    old: str, new: str, tmp_path: Path
) -> None:
    with pytest.raises(ProfileError, match="规则配置“bad”缺少或写错了项"):
        load_profile_text(variant(old, new), "bad")
