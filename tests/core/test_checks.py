from dataclasses import replace
from decimal import Decimal

from jixiao.core.evaluation import evaluate
from jixiao.core.profile import load_profile
from jixiao.core.records import IndicatorKind, Location
from tests.builders import D, two_project_department

PROFILE = load_profile()


def codes(data) -> list[str]:
    return [finding.code for finding in evaluate(data, PROFILE).findings]


def with_indicator(data, index, **changes):
    indicators = list(data.indicators)
    indicators[index] = replace(indicators[index], **changes)
    return replace(data, indicators=tuple(indicators))


def test_the_small_department_is_clean():
    assert codes(two_project_department()) == []


def test_it_finds_project_weights_that_do_not_make_100():
    data = with_indicator(
        two_project_department(), 0, weight=D(45), location=Location("项目绩效指标", 3)
    )
    findings = evaluate(data, PROFILE).findings
    weight = [f for f in findings if f.code == "WEIGHT_TOTAL"]
    assert len(weight) == 1 and weight[0].severity == "error"
    assert "95" in weight[0].message and weight[0].location.row == 3


def test_it_finds_department_weights_that_do_not_make_100():
    data = two_project_department()
    dept = (replace(data.department_indicators[0], weight=D(50)), data.department_indicators[1])
    assert "DEPARTMENT_WEIGHT_TOTAL" in codes(replace(data, department_indicators=dept))


def test_it_finds_a_qualitative_score_outside_its_band():
    data = with_indicator(
        two_project_department(), 1, kind=IndicatorKind.QUALITATIVE, operator=None, target=None,
        actual=None, band="部分达成", self_score=D(29),
    )  # fmt: skip
    assert "QUALITATIVE_SCORE_OUT_OF_BAND" in codes(data)


def test_a_qualitative_score_inside_its_band_is_accepted():
    data = with_indicator(
        two_project_department(), 1, kind=IndicatorKind.QUALITATIVE, operator=None, target=None,
        actual=None, band="部分达成", self_score=D(20), explanation="部分村未完工",
    )  # fmt: skip
    assert codes(data) == []


def test_it_finds_an_unknown_qualitative_band():
    data = with_indicator(
        two_project_department(), 1, kind=IndicatorKind.QUALITATIVE, operator=None, target=None,
        actual=None, band="基本达成",
    )  # fmt: skip
    assert "QUALITATIVE_BAND" in codes(data)


def test_a_missed_target_needs_a_deviation_explanation():
    data = with_indicator(two_project_department(), 0, actual=D(6))
    assert codes(data) == ["DEVIATION_EXPLANATION_MISSING"]
    explained = with_indicator(data, 0, explanation="工期顺延")
    assert codes(explained) == []


def test_over_achievement_past_the_threshold_needs_an_explanation():
    data = with_indicator(two_project_department(), 0, actual=D(14))
    assert codes(data) == ["DEVIATION_EXPLANATION_MISSING"]


def test_low_execution_needs_a_reason():
    data = two_project_department()
    low = replace(data.projects[0], fiscal=replace(data.projects[0].fiscal, actual=D("96000.00")))
    lines = list(data.budget_lines)
    lines[1] = replace(lines[1], amounts=low.fiscal)
    data = replace(data, projects=(low, data.projects[1]), budget_lines=tuple(lines))
    assert "EXECUTION_REASON_MISSING" in codes(data)
    explained = replace(low, execution_explanation="工程款待验收后支付")
    assert "EXECUTION_REASON_MISSING" not in codes(
        replace(data, projects=(explained, data.projects[1]))
    )


def test_it_finds_projects_that_do_not_add_up_to_the_budget_lines():
    data = two_project_department()
    changed = replace(
        data.projects[1], fiscal=replace(data.projects[1].fiscal, actual=D("39000.00"))
    )
    findings = evaluate(replace(data, projects=(data.projects[0], changed)), PROFILE).findings
    mismatch = [f for f in findings if f.code == "PROJECTS_VS_BUDGET"]
    assert len(mismatch) == 1 and "1000.00" in mismatch[0].message


def test_a_project_without_indicators_is_money_no_goal_covers():
    data = two_project_department()
    only_p1 = tuple(i for i in data.indicators if i.owner == "P1")
    assert codes(replace(data, indicators=only_p1)) == ["GOAL_MISSING"]


def test_a_goal_without_outcome_indicators_is_incomplete():
    data = two_project_department()
    outputs = [i for i in data.indicators if i.owner == "P1" and i.level1 != "效益指标"]
    output = replace(outputs[0], weight=D(80))
    rest = tuple(i for i in data.indicators if i.owner != "P1")
    found = codes(replace(data, indicators=(output, outputs[1], *rest)))
    assert "GOAL_LEVEL_MISSING" in found


def test_a_self_declared_total_far_from_the_computed_one_is_flagged():
    data = two_project_department()
    inflated = replace(data.projects[0], self_score=Decimal(100))
    assert codes(replace(data, projects=(inflated, data.projects[1]))) == []  # computed 99.83
    missed = with_indicator(data, 0, actual=D(5), explanation="未完成")
    flagged = replace(missed, projects=(inflated, data.projects[1]))
    assert "SELF_SCORE_GAP" in codes(flagged)


def test_money_posing_as_an_output_is_flagged():
    data = with_indicator(two_project_department(), 0, unit="万元")
    assert "INPUT_AS_OUTPUT" in codes(data)


def test_too_many_qualitative_indicators_are_flagged():
    data = two_project_department()
    qualitative = {"kind": IndicatorKind.QUALITATIVE, "operator": None, "target": None,
                   "actual": None, "band": "达成"}  # fmt: skip
    data = with_indicator(data, 0, **qualitative)
    data = with_indicator(data, 1, **qualitative)
    assert "QUALITATIVE_SHARE" in codes(data)


def test_an_unknown_metric_is_an_error():
    data = two_project_department()
    bad = replace(data.department_indicators[1], metric="no_such_metric")
    found = codes(replace(data, department_indicators=(data.department_indicators[0], bad)))
    assert "METRIC_UNKNOWN" in found


def test_findings_never_raise_for_a_department_with_no_indicators_at_all():
    data = replace(two_project_department(), indicators=(), department_indicators=())
    found = codes(data)
    assert "DEPARTMENT_INDICATORS_MISSING" in found and found.count("GOAL_MISSING") == 2


def test_missing_unit_is_a_warning_not_an_error():
    data = with_indicator(two_project_department(), 0, unit="")
    assert codes(data) == ["UNIT_MISSING"]


def _severity(data, code, profile=PROFILE):
    return [f.severity.value for f in evaluate(data, profile).findings if f.code == code]


def _profile_with_error_codes(codes_text: str):
    from jixiao.core.profile import PROFILE_DIR, load_profile_text

    text = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
    start = text.index("error_codes = ")
    end = text.index("\n", start)
    return load_profile_text(text[:start] + f"error_codes = {codes_text}" + text[end:], "t")


def test_by_default_a_missing_deviation_explanation_is_an_error_that_blocks_the_report():
    data = with_indicator(two_project_department(), 0, actual=D(6))
    assert _severity(data, "DEVIATION_EXPLANATION_MISSING") == ["error"]


def test_the_profile_decides_which_codes_are_errors():
    data = with_indicator(two_project_department(), 0, actual=D(6))
    lenient = _profile_with_error_codes("[]")
    assert _severity(data, "DEVIATION_EXPLANATION_MISSING", lenient) == ["warning"]
    strict = _profile_with_error_codes('["DEVIATION_EXPLANATION_MISSING", "SELF_SCORE_GAP"]')
    declared = replace(
        data, projects=(replace(data.projects[0], self_score=D(100)), data.projects[1])
    )
    assert _severity(declared, "SELF_SCORE_GAP", strict) == ["error"]
    assert _severity(declared, "SELF_SCORE_GAP") == ["warning"]


def test_a_missing_execution_reason_is_an_error_below_the_threshold_only():
    data = two_project_department()

    def at(actual: str):
        low = replace(data.projects[0], fiscal=replace(data.projects[0].fiscal, actual=D(actual)))
        lines = list(data.budget_lines)
        lines[1] = replace(lines[1], amounts=low.fiscal)
        return replace(data, projects=(low, data.projects[1]), budget_lines=tuple(lines))

    # 全年预算数 120,000: 108,000 is exactly 90%, 107,999.99 just below it.
    assert _severity(at("108000.00"), "EXECUTION_REASON_MISSING") == []
    assert _severity(at("107999.99"), "EXECUTION_REASON_MISSING") == ["error"]
