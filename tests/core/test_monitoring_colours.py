"""The warning colours: each rule per colour and at every boundary, on both
time-progress rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.monitoring import IndicatorProgress, ProjectExecution
from jixiao.core.monitoring_colours import (
    TimeProgress,
    execution_colour,
    indicator_colour,
    time_progress,
    worst,
)
from jixiao.core.monitoring_rules import Colour, ExecutionRule, TimeRule
from jixiao.core.profile import load_profile
from jixiao.core.records import IndicatorKind, Operator

RULES = load_profile().monitoring
FIXED = replace(RULES, execution_rule=ExecutionRule.FIXED)
D = Decimal
CENT = D("0.01")
BUDGET = D(1200)
HUNDRED = D(100)
RED, YELLOW, GREEN, BLUE = Colour.RED, Colour.YELLOW, Colour.GREEN, Colour.BLUE


def project(executed: Decimal, final: Decimal = BUDGET, month: int = 7) -> ProjectExecution:
    return ProjectExecution("P1", "项目", "科室", final, final, executed, month)


def indicator(value, target=HUNDRED, operator=Operator.AT_LEAST) -> IndicatorProgress:
    return IndicatorProgress(
        "P1", "产出指标", "数量指标", "指标", IndicatorKind.QUANTITATIVE, operator, target,
        value=value,
    )  # fmt: skip


def test_time_progress_by_months_is_months_over_twelve() -> None:
    assert time_progress(2023, 7, TimeRule.MONTHS) == TimeProgress(7, 12)


def test_time_progress_by_days_counts_days_to_the_month_end() -> None:
    assert time_progress(2023, 7, TimeRule.DAYS) == TimeProgress(212, 365)
    assert time_progress(2024, 7, TimeRule.DAYS) == TimeProgress(213, 366)
    assert time_progress(2023, 12, TimeRule.DAYS) == TimeProgress(365, 365)


# 1200 元 budget at 7 of 12 months: 序时进度 700 元; 60% of it 420, 80% of it 560.
@pytest.mark.parametrize(
    ("executed", "colour"),
    [(D(0), RED), (D("419.99"), RED), (D(420), YELLOW), (D("559.99"), YELLOW), (D(560), GREEN),
     (D(1200), GREEN)],
)  # fmt: skip
def test_execution_ratio_colours_at_each_boundary(executed: Decimal, colour: Colour) -> None:
    assert execution_colour(project(executed), TimeProgress(7, 12), RULES) is colour


# Fixed thresholds: 40% at the end of June holds in July; 25% in April; none before.
@pytest.mark.parametrize(
    ("executed", "month", "colour"),
    [(D("479.99"), 7, RED), (D(480), 7, GREEN), (D("299.99"), 4, RED), (D(300), 4, GREEN),
     (D(0), 3, GREEN), (D("959.99"), 10, RED), (D(960), 12, GREEN)],
)  # fmt: skip
def test_fixed_thresholds_by_month(executed: Decimal, month: int, colour: Colour) -> None:
    assert (
        execution_colour(project(executed, month=month), TimeProgress(month, 12), FIXED) is colour
    )


# Target 120 at 7 of 12 months: 70 expected to date; 60% 42, 80% 56, 120% 84.
@pytest.mark.parametrize(
    ("value", "colour"),
    [(D(0), RED), (D("41.99"), RED), (D(42), YELLOW), (D("55.99"), YELLOW), (D(56), GREEN),
     (D("83.99"), GREEN), (D(84), BLUE), (D(500), BLUE)],
)  # fmt: skip
def test_higher_is_better_progress_colours(value: Decimal, colour: Colour) -> None:
    item = indicator(value, target=D(120))
    assert indicator_colour(item, TimeProgress(7, 12), RULES) is colour


@pytest.mark.parametrize(
    ("operator", "value", "colour"),
    [(Operator.AT_MOST, D(100), GREEN), (Operator.AT_MOST, D("100.01"), RED),
     (Operator.LESS_THAN, D("99.99"), GREEN), (Operator.LESS_THAN, D(100), RED)],
)  # fmt: skip
def test_lower_is_better_within_target_is_green(operator, value, colour) -> None:
    item = indicator(value, operator=operator)
    assert indicator_colour(item, TimeProgress(7, 12), RULES) is colour


@pytest.mark.parametrize(
    ("achievement", "colour"), [("达成", GREEN), ("部分达成", YELLOW), ("未达成", RED), ("", None)]
)
def test_qualitative_colours(achievement: str, colour: Colour | None) -> None:
    item = replace(indicator(None), kind=IndicatorKind.QUALITATIVE, achievement=achievement)
    assert indicator_colour(item, TimeProgress(7, 12), RULES) is colour


def test_an_unfilled_value_has_no_colour() -> None:
    assert indicator_colour(indicator(None), TimeProgress(7, 12), RULES) is None


def test_a_project_takes_its_worst_colour() -> None:
    assert worst([GREEN, BLUE, None]) is BLUE
    assert worst([BLUE, YELLOW, GREEN]) is YELLOW
    assert worst([YELLOW, RED]) is RED
    assert worst([]) is GREEN


time_rules = st.sampled_from([TimeRule.MONTHS, TimeRule.DAYS])
years = st.integers(2020, 2030)
months = st.integers(1, 12)


@given(
    time_rules, years, months, st.integers(1, 10_000), st.sampled_from(RULES.execution_ratio.bands)
)
def test_execution_boundary_takes_its_band(rule, year, month, scale, band) -> None:
    """At exactly the band's lowest ratio the band's colour; one 分 less, the one below."""
    colour, lowest = band
    time = time_progress(year, month, rule)
    final = D(time.total * scale)  # a budget the boundary divides exactly to the 分
    at = lowest * time.elapsed * scale
    assert execution_colour(project(at, final, month), time, RULES) is colour
    if lowest > 0:
        below = RULES.execution_ratio.bands[RULES.execution_ratio.bands.index(band) - 1][0]
        assert execution_colour(project(at - CENT, final, month), time, RULES) is below


@given(
    time_rules,
    years,
    months,
    st.integers(1, 10_000),
    st.sampled_from(RULES.indicator_progress.bands),
)
def test_indicator_boundary_takes_its_band(rule, year, month, scale, band) -> None:
    colour, lowest = band
    time = time_progress(year, month, rule)
    target = D(time.total * scale)
    at = lowest * time.elapsed * scale
    assert indicator_colour(indicator(at, target), time, RULES) is colour
    if lowest > 0:
        below = RULES.indicator_progress.bands[RULES.indicator_progress.bands.index(band) - 1][0]
        assert indicator_colour(indicator(at - CENT, target), time, RULES) is below


@given(
    time_rules, years, months, st.decimals(0, 10_000, places=2), st.decimals(1, 10_000, places=2)
)
def test_execution_colour_never_improves_as_spending_falls(
    rule, year, month, executed, final
) -> None:
    time = time_progress(year, month, rule)
    more = execution_colour(project(executed + CENT, final, month), time, RULES)
    less = execution_colour(project(executed, final, month), time, RULES)
    assert less.severity >= more.severity


# A rate is held to its full target: 95% × 80% = 76, × 120% = 114.
@pytest.mark.parametrize(
    ("value", "colour"), [(D(95), GREEN), (D(76), GREEN), (D("75.99"), YELLOW), (D(114), BLUE)]
)
def test_a_rate_is_not_prorated_by_time(value: Decimal, colour: Colour) -> None:
    item = replace(indicator(value, target=D(95)), unit="%")
    assert indicator_colour(item, TimeProgress(7, 12), RULES) is colour
