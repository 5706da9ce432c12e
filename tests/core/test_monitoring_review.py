"""A round reviewed: a project's worst colour, and the findings that block submission."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.core.monitoring import (
    Decision,
    Deviation,
    DeviationCause,
    IndicatorProgress,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.monitoring_review import review_monitoring
from jixiao.core.monitoring_rules import Colour
from jixiao.core.profile import load_profile
from jixiao.core.records import IndicatorKind, Operator

RULES = load_profile().monitoring
D = Decimal
EXPLAINED = Deviation(DeviationCause.FUNDS, "资金下达滞后", "加快拨付")


def execution(code: str, executed: str, **changes) -> ProjectExecution:
    base = ProjectExecution(code, f"项目{code}", "科室", D(1200), D(1200), D(executed), 7)
    return replace(base, **changes)


def indicator(code: str, value: str | None, **changes) -> IndicatorProgress:
    base = IndicatorProgress(
        code, "产出指标", "数量指标", f"指标{code}", IndicatorKind.QUANTITATIVE,
        Operator.AT_LEAST, D(120), value=None if value is None else D(value),
    )  # fmt: skip
    return replace(base, **changes)


def round_of(projects, indicators=()) -> MonitoringRound:
    return MonitoringRound("洛浦街道", 2023, "1-7月", 7, tuple(projects), tuple(indicators))


def codes(review) -> list[str]:
    return [finding.code for finding in review.findings]


def test_it_counts_projects_by_their_worst_colour() -> None:
    review = review_monitoring(
        round_of(
            [
                execution("A", "700"),
                execution("B", "700"),
                execution("C", "500", deviation=EXPLAINED),
            ],
            [indicator("A", "90"), indicator("B", "70")],
        ),
        RULES,
    )
    assert [p.colour for p in review.projects] == [Colour.BLUE, Colour.GREEN, Colour.YELLOW]
    assert review.counts() == {Colour.RED: 0, Colour.YELLOW: 1, Colour.GREEN: 1, Colour.BLUE: 1}


def test_a_non_green_row_needs_a_cause_and_a_measure() -> None:
    review = review_monitoring(round_of([execution("A", "500")]), RULES)
    assert codes(review) == ["MONITOR_CAUSE_MISSING", "MONITOR_MEASURE_MISSING"]
    assert review.findings[0].severity.value == "error"


def test_a_red_indicator_without_measure_and_a_red_project_without_decision() -> None:
    cause_only = Deviation(DeviationCause.STAFF, "人员不足")
    review = review_monitoring(
        round_of([execution("A", "700")], [indicator("A", "10", deviation=cause_only)]), RULES
    )
    assert codes(review) == ["MONITOR_MEASURE_MISSING", "MONITOR_DECISION_MISSING"]


def test_a_red_project_with_everything_filled_has_no_finding() -> None:
    review = review_monitoring(
        round_of(
            [execution("A", "100", deviation=EXPLAINED, decision=Decision.ADJUST_GOAL)],
            [indicator("A", "70")],
        ),
        RULES,
    )
    assert review.projects[0].colour is Colour.RED
    assert review.findings == ()


def test_an_unfilled_value_is_a_warning() -> None:
    review = review_monitoring(round_of([execution("A", "700")], [indicator("A", None)]), RULES)
    assert codes(review) == ["MONITOR_VALUE_MISSING"]
