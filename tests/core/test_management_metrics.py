"""管理效率 metrics computed from 决算与管理数据 by the profile's definitions, and what they feed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from jixiao.core.evaluation import evaluate
from jixiao.core.profile import PROFILE_DIR, load_profile, load_profile_text
from jixiao.core.records import DEPARTMENT_OWNER, Dimension, ManagementItem, Operator
from tests.builders import qualitative, quantitative, small_department_year

D = Decimal
THREE = "“三公”经费"
PROFILE = load_profile()


def evaluated(*items: ManagementItem, **fields):
    return evaluate(small_department_year(management=items, **fields), PROFILE)


def test_the_three_public_control_rate_is_final_over_budget_over_every_row() -> None:
    evaluation = evaluated(
        ManagementItem(THREE, "公务接待费", budget=D("80000"), actual=D("56213")),
        ManagementItem(THREE, "公务用车购置及运行费", budget=D("250000"), actual=D("213688.40")),
    )

    value = evaluation.management["three_public_control_rate"]
    assert (value.numerator, value.denominator) == (D("269901.40"), D("330000"))
    assert value.value == D("81.79")  # 0.817883… half-up
    assert evaluation.metrics["three_public_control_rate"] == D("81.79")


def test_the_change_rate_is_against_last_year_and_may_be_negative() -> None:
    evaluation = evaluated(
        ManagementItem(THREE, "公务接待费", budget=D(1), actual=D("90"), previous=D("100")),
    )

    assert evaluation.management["three_public_change_rate"].value == D("-10.00")


def test_a_metric_without_its_figures_or_with_a_zero_base_has_no_value() -> None:
    evaluation = evaluated(ManagementItem(THREE, "因公出国（境）费", budget=D(0), actual=D(0)))

    assert "three_public_control_rate" not in evaluation.management
    assert evaluation.metrics["three_public_control_rate"] is None
    assert evaluation.metrics["procurement_execution_rate"] is None


def test_policy_adjustments_are_left_out_of_the_adjustment_rate() -> None:
    data = small_department_year()
    initial = sum((line.amounts.initial for line in data.budget_lines), D(0))
    evaluation = evaluated(
        ManagementItem("预算调整", "追加城乡社区支出", adjustment=initial / 10),
        ManagementItem("预算调整", "上级交办追加", adjustment=initial, policy=True),
    )

    assert evaluation.management["itemised_adjustment_rate"].value == D("10.00")


def test_the_carryover_rate_divides_by_the_final_budget() -> None:
    data = small_department_year()
    final = sum((line.amounts.final for line in data.budget_lines), D(0))
    evaluation = evaluated(ManagementItem("结转结余", "年末结转结余", actual=final / 20))

    assert evaluation.management["carryover_rate"].value == D("5.00")


def test_publication_on_the_twentieth_day_is_on_time_and_on_the_twenty_first_is_not() -> None:
    approved = date(2023, 1, 10)
    evaluation = evaluated(
        ManagementItem(
            "信息公开", "预算公开", approved_on=approved, published_on=date(2023, 1, 30)
        ),
        ManagementItem(
            "信息公开", "决算公开", approved_on=approved, published_on=date(2023, 1, 31)
        ),
        ManagementItem("信息公开", "绩效信息公开", approved_on=approved),  # not published
    )

    value = evaluation.management["publication_timeliness"]
    assert (value.numerator, value.denominator, value.value) == (D(1), D(3), D("33.33"))


def test_the_staff_control_rate_reads_the_headcounts_of_the_department_sheet() -> None:
    data = small_department_year()
    department = replace(data.department, staff_quota=80, staff_in_post=81)
    evaluation = evaluate(replace(data, department=department), PROFILE)

    assert evaluation.management["staff_control_rate"].value == D("101.25")


def test_a_department_indicator_naming_a_metric_is_scored_from_the_data() -> None:
    over_budget = ManagementItem(THREE, "公务接待费", budget=D("100"), actual=D("120"))
    indicator = quantitative(DEPARTMENT_OWNER, "管理效率", "预算管理", "“三公”经费控制率", 40,
                             operator=Operator.AT_MOST, target=D(100), actual=None,
                             metric="three_public_control_rate",
                             dimension=Dimension.EFFICIENCY)  # fmt: skip
    base = small_department_year().department_indicators[0]
    evaluation = evaluated(over_budget, department_indicators=(base, indicator))

    scored = evaluation.department_score.indicator_scores[1]
    assert scored.actual == D("120.00")
    assert scored.score == D("32.00")  # (1 − 20 ÷ 100) × 40
    assert evaluation.department_score.dimension_totals["管理效率"] == (D(40), D("32.00"))


def typed_three_public() -> tuple:
    base = small_department_year().department_indicators[0]
    typed = qualitative(DEPARTMENT_OWNER, "管理效率", "预算管理", "“三公”经费控制", 40,
                        dimension=Dimension.EFFICIENCY)  # fmt: skip
    return (base, typed)


def test_a_typed_达成_for_a_metric_the_data_compute_is_an_error() -> None:
    evaluation = evaluated(
        ManagementItem(THREE, "公务接待费", budget=D("100"), actual=D("80")),
        department_indicators=typed_three_public(),
    )

    (finding,) = [f for f in evaluation.findings if f.code == "MANAGEMENT_METRIC_TYPED"]
    assert finding.severity.value == "error"
    assert "three_public_control_rate" in finding.message and "80.00%" in finding.message


def test_without_the_data_a_typed_达成_is_accepted() -> None:
    evaluation = evaluated(department_indicators=typed_three_public())

    assert not [f for f in evaluation.findings if f.code == "MANAGEMENT_METRIC_TYPED"]


def test_a_管理效率_row_labelled_产出指标_is_a_finding_and_管理效率_is_not() -> None:
    data = small_department_year()
    base, efficiency = data.department_indicators
    wrong = replace(efficiency, level1="产出指标")

    flagged = evaluate(replace(data, department_indicators=(base, wrong)), PROFILE)
    right = evaluate(data, PROFILE)

    assert [f.code for f in flagged.findings if f.code == "DEPARTMENT_CLASS"] == [
        "DEPARTMENT_CLASS"
    ]
    assert "一级指标应为管理效率" in next(
        f.message for f in flagged.findings if f.code == "DEPARTMENT_CLASS"
    )
    assert not [f for f in right.findings if f.code == "DEPARTMENT_CLASS"]


def test_the_metric_definitions_are_the_profiles() -> None:
    text = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
    changed = text.replace(
        'denominator = "“三公”经费.预算数"', 'denominator = "“三公”经费.上年决算数"'
    )
    assert changed != text
    item = ManagementItem(THREE, "公务接待费", budget=D(100), actual=D(80), previous=D(160))
    data = small_department_year(management=(item,))

    evaluation = evaluate(data, load_profile_text(changed, "changed.toml"))

    assert evaluation.management["three_public_control_rate"].value == D("50.00")
