from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.profile import load_profile
from jixiao.core.records import Amounts, BudgetSource, Indicator, IndicatorKind, Operator, Project
from jixiao.core.scoring import Status, execution_share, score_indicator, score_project

PROFILE = load_profile()
D = Decimal


def quantitative(operator, target, actual, weight="20", **fields):
    return Indicator(
        owner="P1", level1="产出指标", level2="数量指标", name="完成数", kind=IndicatorKind.QUANTITATIVE,
        weight=D(weight), operator=operator, target=D(target),
        actual=None if actual is None else D(actual), unit="个", **fields,
    )  # fmt: skip


def qualitative(band, self_score=None, weight="10"):
    return Indicator(
        owner="P1", level1="效益指标", level2="社会效益指标", name="作用", kind=IndicatorKind.QUALITATIVE,
        weight=D(weight), band=band, self_score=None if self_score is None else D(self_score),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("operator", "target", "actual", "expected"),
    [
        (Operator.AT_LEAST, "10", "12", "20.00"),
        (Operator.AT_LEAST, "10", "8", "16.00"),
        (Operator.MORE_THAN, "10", "5", "10.00"),
        (Operator.EQUAL, "100", "95", "19.00"),
        (Operator.EQUAL, "0", "0", "20.00"),
        (Operator.EQUAL, "0", "1", "0.00"),
        (Operator.AT_MOST, "10", "8", "20.00"),
        (Operator.AT_MOST, "10", "15", "10.00"),
        (Operator.LESS_THAN, "10", "20", "0.00"),
        (Operator.AT_MOST, "10", "25", "0.00"),
    ],
)
def test_it_scores_quantitative_indicators_by_the_domain_rules(operator, target, actual, expected):
    assert score_indicator(quantitative(operator, target, actual), PROFILE).score == D(expected)


def test_it_flags_over_achievement_past_the_threshold_without_losing_points():
    item = score_indicator(quantitative(Operator.AT_LEAST, "10", "13"), PROFILE)
    assert item.status is Status.OVER and item.score == D("20.00") and item.needs_explanation


def test_a_missing_actual_scores_zero_and_says_so():
    item = score_indicator(quantitative(Operator.AT_LEAST, "10", None), PROFILE)
    assert item.status is Status.NO_VALUE and item.score == 0


def test_a_qualitative_score_is_kept_inside_its_band():
    assert score_indicator(qualitative("达成", "9"), PROFILE).score == D("9.00")
    assert score_indicator(qualitative("部分达成", "9"), PROFILE).score == D("7.99")
    assert score_indicator(qualitative("未达成", "7"), PROFILE).score == D("5.99")


def test_a_qualitative_indicator_without_a_declared_score_gets_its_band_floor():
    assert score_indicator(qualitative("部分达成"), PROFILE).score == D("6.00")


def project(final="100", actual="95"):
    return Project(
        code="P1", name="项目", source=BudgetSource.GENERAL, class_code="212",
        fiscal=Amounts(D(final), D(final), D(actual)), section="科室",
    )  # fmt: skip


def test_a_project_total_adds_execution_and_indicator_scores():
    indicators = [
        quantitative(Operator.AT_LEAST, "10", "10", weight="50"),
        quantitative(Operator.AT_LEAST, "10", "5", weight="30"),
        qualitative("达成", "10"),
    ]
    score = score_project(project(), indicators, PROFILE)
    assert score.execution_score == D("9.50")
    assert score.total == D("9.50") + D(50) + D(15) + D(10)
    assert score.grade == "良"  # 84.50


def test_not_applicable_indicators_are_left_out_and_the_rest_rescaled_to_100():
    indicators = [
        quantitative(Operator.AT_LEAST, "10", "10", weight="60"),
        quantitative(Operator.AT_LEAST, "10", "5", weight="30", applicable=False),
    ]
    score = score_project(project(actual="100"), indicators, PROFILE)
    assert score.total == D("100.00")
    assert score.indicator_scores[1].status is Status.NOT_APPLICABLE


def test_a_project_with_no_final_budget_has_no_execution_rate():
    score = score_project(project(final="0", actual="0"), [], PROFILE)
    assert score.execution_rate is None and score.execution_score == 0


def test_tiered_execution_scoring_follows_the_profile():
    from dataclasses import replace

    tiered = replace(PROFILE, execution_method="tiers")
    assert execution_share(D("0.96"), tiered) == D("1.0")
    assert execution_share(D("0.85"), tiered) == D("0.6")


weights = st.integers(min_value=1, max_value=100).map(D)
values = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False)


@given(st.sampled_from(list(Operator)), values, values, weights)
def test_a_quantitative_score_lies_within_zero_and_its_weight(operator, target, actual, weight):
    indicator = quantitative(operator, target, actual, weight=str(weight))
    score = score_indicator(indicator, PROFILE).score
    assert D(0) <= score <= weight


@given(st.sampled_from(["达成", "部分达成", "未达成"]), st.decimals(0, 10, places=2), weights)
def test_a_qualitative_score_lies_within_zero_and_its_weight(band, declared, weight):
    score = score_indicator(qualitative(band, str(declared), weight=str(weight)), PROFILE).score
    assert D(0) <= score <= weight


def test_a_declared_score_just_under_an_uneven_band_bound_is_kept():
    # 部分达成 on 8.33 points spans [4.998, 6.664): 6.66 lies inside and must stay 6.66.
    assert score_indicator(qualitative("部分达成", "6.66", weight="8.33"), PROFILE).score == D(
        "6.66"
    )
