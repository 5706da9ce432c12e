"""绩效目标审核: each rule fires on a case that breaks it and stays quiet on one that
does not; grades follow the profile's bands at their boundaries."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jixiao.core.findings import Severity
from jixiao.core.goal_review import PRINCIPLES, REVIEW_CHECKS, review_goals
from jixiao.core.profile import load_profile
from jixiao.core.records import DEPARTMENT_OWNER, IndicatorKind, Location, Operator
from tests.goals_builders import (
    D,
    goal,
    goals_department,
    with_goal,
    with_project,
    without_goals,
)

PROFILE = load_profile()


def codes(data, profile=PROFILE) -> list[str]:
    return [finding.code for finding in review_goals(data, profile).findings]


def replaced_profile(**review_changes):
    return replace(PROFILE, goal_review=replace(PROFILE.goal_review, **review_changes))


def test_the_small_goals_pass_clean():
    review = review_goals(goals_department(), PROFILE)
    assert review.findings == ()
    assert [grade.grade for grade in review.projects] == ["优", "优"]
    assert review.department.score == D("100.00")


def test_every_rule_has_a_deduction_in_the_profile():
    assert len(REVIEW_CHECKS) >= 10
    for code in PRINCIPLES:
        assert PROFILE.goal_review.deduction(code) > 0, code


def test_a_project_without_goal_text_is_not_pointed():
    assert "GOAL_TEXT_MISSING" in codes(with_project(goals_department(), 0, goal=" "))


def test_a_funded_project_without_indicators_is_money_not_covered():
    data = without_goals(goals_department(), lambda i: i.owner != "P1")
    review = review_goals(data, PROFILE)
    missing = [f for f in review.findings if f.code == "GOAL_MISSING"]
    assert len(missing) == 1 and missing[0].severity is Severity.ERROR
    assert "10.00 万元" in missing[0].message
    department = [f for f in review.findings if f.code == "MONEY_NOT_COVERED"]
    assert department and "1 个项目共 10.00 万元" in department[0].message


def test_a_project_without_money_needs_no_goal():
    data = without_goals(goals_department(), lambda i: i.owner != "P1")
    data = with_project(data, 0, fiscal=replace(data.projects[0].fiscal, initial=D(0), final=D(0)))
    assert "GOAL_MISSING" not in codes(data) and "MONEY_NOT_COVERED" not in codes(data)


@pytest.mark.parametrize(("level1", "code"), [("产出指标", "OUTPUT_MISSING"), ("效益指标", "OUTCOME_MISSING")])  # fmt: skip
def test_a_goal_needs_output_and_outcome_indicators(level1, code):
    data = without_goals(goals_department(), lambda i: not (i.owner == "P1" and i.level1 == level1))  # fmt: skip
    found = codes(data)
    assert found.count(code) == 1


def test_a_project_with_service_recipients_needs_satisfaction():
    no_satisfaction = lambda i: i.level1 != "满意度指标"  # noqa: E731
    data = without_goals(goals_department(), no_satisfaction)
    # P2 社区服务 has service recipients (服务); P1 环卫保洁 (class 212) does not.
    review = review_goals(data, PROFILE)
    subjects = [f.subject for f in review.findings if f.code == "SATISFACTION_MISSING"]
    assert subjects == ["P2"]


def test_service_recipients_come_from_the_profile_class_list():
    data = without_goals(goals_department(), lambda i: i.level1 != "满意度指标")
    profile = replaced_profile(service_class_codes=("212",))
    assert codes(data, profile).count("SATISFACTION_MISSING") == 2


def test_too_few_quantified_indicators():
    # P1 with 2 of 4 定量 is exactly at the 50% floor: no finding; 1 of 4 is below.
    data = with_goal(goals_department(), 1, kind=IndicatorKind.QUALITATIVE, target_text="合格")
    assert "QUANTIFIED_SHARE_LOW" not in codes(data)
    data = with_goal(data, 0, kind=IndicatorKind.QUALITATIVE, target_text="完成")
    assert codes(data).count("QUANTIFIED_SHARE_LOW") == 1


def test_a_quantitative_goal_needs_operator_value_and_unit():
    assert "TARGET_INCOMPLETE" in codes(with_goal(goals_department(), 0, operator=None))
    assert "TARGET_INCOMPLETE" in codes(with_goal(goals_department(), 0, target=None))
    found = codes(with_goal(goals_department(), 0, unit=""))
    assert "UNIT_MISSING" in found and "TARGET_INCOMPLETE" not in found


def test_a_qualitative_goal_states_its_target():
    assert "QUALITATIVE_TARGET_MISSING" in codes(with_goal(goals_department(), 2, target_text=""))


def test_each_target_names_its_basis_from_the_profile_list():
    assert "BASIS_MISSING" in codes(with_goal(goals_department(), 0, basis=""))
    assert "BASIS_MISSING" in codes(with_goal(goals_department(), 0, basis="领导要求"))
    assert "BASIS_MISSING" not in codes(with_goal(goals_department(), 0, basis="历史标准"))


def test_money_and_staff_do_not_pose_as_outputs():
    assert "INPUT_AS_OUTPUT" in codes(with_goal(goals_department(), 0, unit="万元"))
    assert "INPUT_AS_OUTPUT" in codes(with_goal(goals_department(), 0, name="资金到位数"))
    cost = with_goal(goals_department(), 0, level2="成本指标", unit="万元", operator=Operator.AT_MOST)  # fmt: skip
    assert "INPUT_AS_OUTPUT" not in codes(cost)


def test_a_total_cost_target_stays_within_the_money():
    def cost(target: str):
        extra = goal("P1", "成本指标", "经济成本指标", "项目总成本", "10", operator=Operator.AT_MOST,
                     target=D(target), unit="万元")  # fmt: skip
        data = with_goal(goals_department(), 0, weight=D(20))
        return replace(data, indicators=(*data.indicators, extra))

    assert "COST_EXCEEDS_BUDGET" not in codes(cost("10"))  # 10 万元 = P1's 100,000 元
    assert "COST_EXCEEDS_BUDGET" in codes(cost("10.01"))


def test_a_target_below_last_years_actual_needs_a_reason():
    lower = with_goal(goals_department(), 0, previous_actual=D(11))
    assert "TARGET_BELOW_PREVIOUS" in codes(lower)
    assert "TARGET_BELOW_PREVIOUS" not in codes(with_goal(lower, 0, target_reason="任务量调减"))
    assert "TARGET_BELOW_PREVIOUS" not in codes(with_goal(goals_department(), 0, previous_actual=D(10)))  # fmt: skip


def test_a_lower_is_better_target_above_last_years_actual_needs_a_reason():
    data = with_goal(goals_department(), 0, operator=Operator.AT_MOST, previous_actual=D(8))
    assert "TARGET_BELOW_PREVIOUS" in codes(data)
    assert "TARGET_BELOW_PREVIOUS" not in codes(with_goal(data, 0, previous_actual=D(12)))


def test_weights_make_100_with_the_execution_weight():
    data = with_goal(goals_department(), 0, weight=D(29), location=Location("项目绩效指标", 3))
    review = review_goals(data, PROFILE)
    weight = [f for f in review.findings if f.code == "WEIGHT_TOTAL"]
    assert len(weight) == 1 and weight[0].severity is Severity.ERROR
    assert "99" in weight[0].message and weight[0].location.row == 3


def test_the_department_goal_has_text_indicators_and_weighs_100():
    data = goals_department()
    no_text = replace(data, department=replace(data.department, overall_goal=()))
    assert codes(no_text) == ["DEPARTMENT_GOAL_MISSING"]
    assert "DEPARTMENT_INDICATORS_MISSING" in codes(replace(data, department_indicators=()))
    heavier = (replace(data.department_indicators[0], weight=D(31)), *data.department_indicators[1:])  # fmt: skip
    assert "DEPARTMENT_WEIGHT_TOTAL" in codes(replace(data, department_indicators=heavier))
    no_outcome = tuple(i for i in data.department_indicators if i.level1 != "效益指标")
    assert "DEPARTMENT_OUTCOME_MISSING" in codes(replace(data, department_indicators=no_outcome))


def test_a_rule_deducts_once_per_project_whatever_the_rows():
    data = with_goal(with_goal(goals_department(), 0, basis=""), 1, basis="")
    review = review_goals(data, PROFILE)
    first = review.projects[0]
    assert len(first.reasons) == 2 and len(first.deductions) == 1
    assert first.score == 100 - PROFILE.goal_review.deduction("BASIS_MISSING")
    assert first.deductions[0].principle == "合理可行"


@pytest.mark.parametrize(
    ("deduction", "grade"),
    [("10", "优"), ("10.01", "良"), ("20", "良"), ("20.01", "中"), ("40", "中"), ("40.01", "差")],
)
def test_grades_follow_the_profile_bands_at_their_boundaries(deduction, grade):
    deductions = {**PROFILE.goal_review.deductions, "GOAL_TEXT_MISSING": D(deduction)}
    profile = replaced_profile(deductions=deductions)
    review = review_goals(with_project(goals_department(), 0, goal=""), profile)
    assert review.projects[0].score == 100 - D(deduction)
    assert review.projects[0].grade == grade


def test_the_department_score_mixes_money_weighted_projects_and_its_own():
    data = with_project(goals_department(), 0, goal="")  # P1 (100,000 元) loses 10
    data = replace(data, department=replace(data.department, overall_goal=()))  # own loses 20
    review = review_goals(data, PROFILE)
    mean = (D(90) * 100000 + D(100) * 50000) / 150000
    assert review.projects_mean == mean
    expected = (D("0.7") * mean + D("0.3") * D(80)).quantize(D("0.01"))
    assert review.department.score == expected
    assert review.department.subject == DEPARTMENT_OWNER
    assert [f.code for f in review.department.reasons] == ["DEPARTMENT_GOAL_MISSING"]


def test_a_profile_without_goal_review_uses_the_default_rules(tmp_path):
    from jixiao.core.profile import PROFILE_DIR, load_profile_text

    text = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
    older = text[: text.index("[goal_review]")]
    assert load_profile_text(older, "older.toml").goal_review == PROFILE.goal_review


def test_a_worded_goal_is_not_compared_with_last_years_words():
    data = with_goal(goals_department(), 2, previous_actual_text="显著改善", previous_actual=D(99))
    assert codes(data) == []


def test_the_messages_write_figures_as_typed_not_in_exponent_form():
    # Values read back from a database can come normalised (Decimal("1E+1") for 10).
    lower = with_goal(goals_department(), 0, target=D("1E+1"), previous_actual=D("1.1E+1"))
    [finding] = [
        f for f in review_goals(lower, PROFILE).findings if f.code == "TARGET_BELOW_PREVIOUS"
    ]
    assert "E+" not in finding.message
    assert "10" in finding.message and "11" in finding.message
