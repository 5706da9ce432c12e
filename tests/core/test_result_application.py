"""Result application: grade → next year's suggestion, exact and rounded half-up."""

from dataclasses import replace
from decimal import Decimal

from jixiao.core.profile import load_profile
from jixiao.core.result_application import suggest

D = Decimal
PROFILE = load_profile()


def test_the_default_factors_follow_the_grades():
    assert PROFILE.application_factors == {"优": D("1.00"), "良": D("1.00"), "中": D("0.90"),
                                           "差": D("0.50")}  # fmt: skip


def test_a_middle_grade_is_cut_by_its_factor_in_exact_money():
    suggestion = suggest("中", D("1234567.89"), PROFILE)
    assert suggestion.text == "按比例压减"
    assert suggestion.proposed_yuan == D("1111111.1010")
    assert suggestion.proposed_wan == D("111.11")
    assert suggestion.change_wan == D("-12.35")  # −123,456.789 元, rounded once


def test_the_amount_rounds_half_up_not_to_even():
    profile = replace(PROFILE, application_factors={"差": D("0.5")})
    assert suggest("差", D("100.00"), profile).proposed_wan == D("0.01")  # 50 元 = 0.005 万元


def test_a_top_grade_keeps_the_budget():
    suggestion = suggest("优", D("5000000"), PROFILE)
    assert (suggestion.text, suggestion.proposed_wan, suggestion.change_wan) == (
        "优先保障", D("500.00"), D("0.00"))  # fmt: skip


def test_no_grade_gives_no_amount():
    suggestion = suggest("", D("5000000"), PROFILE)
    assert suggestion.proposed_yuan is None and suggestion.proposed_wan is None
    assert suggestion.text == "尚无评价等级"
