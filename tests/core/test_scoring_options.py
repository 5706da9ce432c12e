"""Scoring rules the field uses, as profile options: each boundary from both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.profile import PROFILE_DIR, ProfileError, load_profile_text
from jixiao.core.records import Amounts, BudgetSource, Operator, Project
from jixiao.core.scoring import Status, score_indicator, score_project
from tests.builders import D, counted, two_project_indicators

DEFAULT = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
CAPS = (
    "caps = [{ below = 0.80, max_total = 89 }, { below = 0.70, max_total = 79 },"
    " { below = 0.60, max_total = 69 }, { below = 0.50, max_total = 59 }]"
)


def profile_with(old: str, new: str):
    assert old in DEFAULT
    return load_profile_text(DEFAULT.replace(old, new, 1), "t")


def project_at(actual: str) -> Project:
    """全年预算数 100,000.00 元; every indicator met, so only the cap can lower the total."""
    return Project(code="P", name="p", source=BudgetSource.GENERAL, class_code="212",
                   fiscal=Amounts(D("100000"), D("100000"), D(actual)), section="s")  # fmt: skip


@pytest.mark.parametrize(
    ("actual", "total"),
    [
        ("80000.00", "98.00"),  # 80%: no cap (the band is below 80%)
        ("79999.99", "89.00"),  # just below 80%: at most 89
        ("70000.00", "89.00"),
        ("69999.99", "79.00"),
        ("60000.00", "79.00"),
        ("59999.99", "69.00"),
        ("50000.00", "69.00"),
        ("49999.99", "59.00"),
    ],
)
def test_the_project_total_is_capped_by_its_execution_band(actual, total):
    capped = profile_with("caps = []", CAPS)
    score = score_project(project_at(actual), two_project_indicators("P"), capped)
    uncapped = score_project(project_at(actual), two_project_indicators("P"), profile_with("", ""))
    assert score.total == D(total)
    assert score.total <= uncapped.total
    assert score.grade == capped.grade(D(total))


def test_a_project_at_55_percent_cannot_be_graded_excellent():
    capped = profile_with("caps = []", CAPS)
    score = score_project(project_at("55000.00"), two_project_indicators("P"), capped)
    assert score.total == D("69.00") and score.grade == "中"
    assert score_project(project_at("55000.00"), two_project_indicators("P"),
                         profile_with("", "")).grade == "优"  # fmt: skip


@pytest.mark.parametrize(
    ("actual", "score", "status"),
    [
        ("12.99", "20.00", Status.ACHIEVED),  # 129.9% of the target: not past the threshold
        ("13", "18.00", Status.OVER),  # 130%: 2 points off
        ("40", "18.00", Status.OVER),  # the deduction is fixed, not proportional
    ],
)
def test_over_achievement_past_the_threshold_can_cost_a_fixed_deduction(actual, score, status):
    fixed = profile_with("fixed_deduction = 0", "fixed_deduction = 2")
    item = score_indicator(counted("P", "产出指标", "完成数", "20", actual=actual), fixed)
    assert (item.score, item.status) == (D(score), status)
    unchanged = score_indicator(counted("P", "产出指标", "完成数", "20", actual=actual),
                                profile_with("", ""))  # fmt: skip
    assert unchanged.score == D("20.00")


def test_a_fixed_deduction_never_takes_an_indicator_below_zero():
    fixed = profile_with("fixed_deduction = 0", "fixed_deduction = 2")
    item = score_indicator(counted("P", "产出指标", "完成数", "1.5", actual="20"), fixed)
    assert item.score == Decimal(0)


def test_the_two_deductions_cannot_both_be_chosen():
    text = DEFAULT.replace("reduce_points = false", "reduce_points = true").replace(
        "fixed_deduction = 0", "fixed_deduction = 2"
    )
    with pytest.raises(ProfileError, match="只能选用一种"):
        load_profile_text(text, "t")


def _cost_layout_department():
    """P1 filed in the 101号 layout: 产出 40, 效益 30, 成本 10, 满意度 10."""
    from dataclasses import replace

    from tests.builders import two_project_department

    data = two_project_department()
    p1 = [
        counted("P1", "产出指标", "完成数", "40"),
        counted("P1", "效益指标", "受益人数", "30", target="100", actual="100", unit="人"),
        counted("P1", "成本指标", "单位成本", "10", target="5", actual="5", unit="万元",
                operator=Operator.AT_MOST),
        counted("P1", "满意度指标", "满意度", "10", target="90", actual="95", unit="%"),
    ]  # fmt: skip
    rest = [i for i in data.indicators if i.owner != "P1"]
    return replace(data, indicators=tuple(p1 + rest))


def _codes(data, profile) -> list[str]:
    from jixiao.core.evaluation import evaluate

    return [f.code for f in evaluate(data, profile).findings if f.subject == "P1"]


def test_the_101_layout_takes_cost_as_a_first_level_class_with_its_weight():
    from jixiao.core.profile import load_profile

    cost_layout = load_profile("caiyu-2021-101")
    assert cost_layout.project_weights["成本指标"] == D(10)
    assert _codes(_cost_layout_department(), cost_layout) == []
    # The same filing under the 10号 layout: 成本指标 is no class of its own there.
    assert _codes(_cost_layout_department(), load_profile()) == ["LEVEL_WEIGHTS", "INDICATOR_CLASS"]


def test_a_10_layout_filing_under_the_101_profile_misses_its_cost_weight():
    from jixiao.core.profile import load_profile
    from tests.builders import two_project_department

    assert _codes(two_project_department(), load_profile("caiyu-2021-101")) == ["LEVEL_WEIGHTS"]
    assert _codes(two_project_department(), load_profile()) == []


def _with_carryover(final: str, actual: str):
    from dataclasses import replace

    from tests.builders import two_project_department

    data = two_project_department()
    p1 = replace(data.projects[0], carryover=Amounts(D(0), D(final), D(actual)))
    return replace(data, projects=(p1, data.projects[1]))


SEPARATE = ("separate = false", "separate = true")


def test_carried_over_funds_are_evaluated_on_their_own_when_the_profile_asks():
    from jixiao.core.evaluation import evaluate

    data = _with_carryover("20000.00", "10000.00")
    together = evaluate(data, profile_with("", ""))
    apart = evaluate(data, profile_with(*SEPARATE))
    # P1: 财政拨款 118,000 of 120,000; 上年结转 10,000 of 20,000.
    assert together.project_scores[0].execution_rate == D("128000") / D("140000")
    assert together.carryover_scores == ()
    assert apart.project_scores[0].execution_rate == D("118000") / D("120000")
    (carried,) = apart.carryover_scores
    assert carried.execution_rate == D("0.5") and carried.project.name == "环卫保洁（上年结转）"
    assert len(apart.project_scores) == 2


@pytest.mark.parametrize(("final", "separately"), [("0", 0), ("0.01", 1)])
def test_only_a_project_with_carried_over_funds_gets_a_separate_evaluation(final, separately):
    from jixiao.core.evaluation import evaluate

    apart = evaluate(_with_carryover(final, "0"), profile_with(*SEPARATE))
    assert len(apart.carryover_scores) == separately


def test_the_separate_evaluation_has_its_form_and_its_line_in_the_report(tmp_path):
    from python_calamine import CalamineWorkbook

    from jixiao.core.evaluation import evaluate
    from jixiao.core.narrative.finance import performance_management
    from jixiao.core.narrative.report import build_report
    from jixiao.io.tables_xlsx import write_tables

    evaluation = evaluate(_with_carryover("20000.00", "10000.00"), profile_with(*SEPARATE))
    sheets = CalamineWorkbook.from_path(str(write_tables(evaluation, tmp_path / "t.xlsx")))
    assert "P1-结转" in sheets.sheet_names
    assert "另对 1 个项目的上年结转资金单独开展绩效自评，共涉及资金 1.00 万元。" in (
        performance_management(evaluation)
    )
    (appendix,) = build_report(evaluation, project_appendix=True).appendices[1:]
    assert [row[1] for row in appendix.blocks[0].rows][-1] == "环卫保洁（上年结转）"
