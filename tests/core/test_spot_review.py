"""The spot review's rules: who a draw takes (and does not), its seed, and the gap flag."""

from dataclasses import replace
from decimal import Decimal

from jixiao.core.profile import load_profile
from jixiao.core.spot_review import (
    REASON_HIGH_SCORE,
    REASON_MONEY,
    REASON_RANDOM,
    Candidate,
    ReviewLine,
    draw_sample,
    review_gap,
    review_total,
    score_problem,
)

D = Decimal
RULES = load_profile().spot_review


def candidate(key: str, money: str = "100", score: str | None = "80", missing: int = 0):
    return Candidate(key, D(money), None if score is None else D(score), missing)


def test_the_default_profile_carries_the_sampling_rules():
    assert RULES.money_share == D("0.30")
    assert RULES.high_self_score == D(95)
    assert RULES.random_count == 3
    assert RULES.gap_threshold == D(5)


def test_a_high_self_score_without_evidence_is_always_drawn():
    rules = replace(RULES, random_count=0, money_share=D(0))
    sample = draw_sample([candidate("1", score="95", missing=1), candidate("2")], rules, seed=1)
    assert [(p.key, p.reason) for p in sample.picks] == [("1", REASON_HIGH_SCORE)]


def test_a_high_self_score_with_all_evidence_or_below_the_line_is_not():
    rules = replace(RULES, random_count=0, money_share=D(0))
    candidates = [candidate("1", score="95", missing=0), candidate("2", score="94.99", missing=3),
                  candidate("3", score=None, missing=2)]  # fmt: skip
    assert draw_sample(candidates, rules, seed=1).picks == ()


def test_random_draws_take_the_count_and_the_same_seed_draws_the_same_sample():
    rules = replace(RULES, random_count=3, money_share=D(0))
    candidates = [candidate(str(n)) for n in range(20)]
    first = draw_sample(candidates, rules, seed=42)
    assert [p.reason for p in first.picks] == [REASON_RANDOM] * 3
    assert draw_sample(list(reversed(candidates)), rules, seed=42) == first
    others = {tuple(p.key for p in draw_sample(candidates, rules, seed=s).picks) for s in range(8)}
    assert len(others) > 1  # the seed matters


def test_draws_go_on_until_the_money_share_is_covered():
    rules = replace(RULES, random_count=0, money_share=D("0.5"))
    candidates = [candidate(str(n), money="100") for n in range(10)]
    sample = draw_sample(candidates, rules, seed=7)
    assert [p.reason for p in sample.picks] == [REASON_MONEY] * 5
    assert sample.money_covered == D("0.5")


def test_no_money_draw_when_the_required_share_is_already_held():
    rules = replace(RULES, random_count=0, money_share=D("0.3"))
    candidates = [candidate("big", money="900", score="99", missing=1), candidate("small")]
    sample = draw_sample(candidates, rules, seed=7)
    assert [p.key for p in sample.picks] == ["big"]


def test_the_review_total_replaces_only_the_rescored_indicators():
    lines = [ReviewLine(D(50), True, D(50), D(30)), ReviewLine(D(40), True, D(40), None)]
    assert review_total(D(10), D(10), lines, places=D("0.01")) == D(80)


def test_the_review_total_rescales_past_not_applicable_weight_and_keeps_the_cap():
    lines = [ReviewLine(D(50), True, D(50), D(40)), ReviewLine(D(40), False, None, None)]
    assert review_total(D(10), D(10), lines, places=D("0.01")) == D("83.33")
    assert review_total(D(10), D(10), lines, places=D("0.01"), cap=D(79)) == D(79)


def test_a_gap_over_the_threshold_is_flagged_and_one_at_it_is_not():
    assert review_gap(D(80), D(95), D(90), RULES.gap_threshold).flagged
    assert review_gap(D(80), D("79"), D("86"), RULES.gap_threshold).flagged
    at_line = review_gap(D(80), D(85), D(85), RULES.gap_threshold)
    assert not at_line.flagged and at_line.self_gap == D(5) and at_line.computed_gap == D(5)
    assert not review_gap(D(80), None, None, RULES.gap_threshold).flagged


def test_a_review_score_above_the_weight_or_different_without_reason_is_refused():
    assert score_problem(D(10), D("10.5"), None, "") == "复核得分应在 0 与分值 10 之间"
    assert "须填写复核理由" in score_problem(D(10), D(6), D(10), "")
    assert score_problem(D(10), D(6), D(10), "佐证材料不能支撑") == ""
    assert score_problem(D(10), D(10), D(10), "") == ""
