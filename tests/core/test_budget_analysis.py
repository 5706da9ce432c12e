from decimal import Decimal

from jixiao.core.budget_analysis import ClassChange, SourceSummary, change_list, summarize_budget
from jixiao.core.classification import class_names, is_valid_class_code
from jixiao.core.records import Amounts, BudgetSource
from tests.builders import two_project_department

D = Decimal


def summary_with(changes: dict[str, str], total_change: str) -> SourceSummary:
    amounts = Amounts(D(1000000), D(1000000), D(1000000) + D(total_change))
    items = tuple(ClassChange(code, class_names(2023)[code], D(v)) for code, v in changes.items())
    return SourceSummary(BudgetSource.GENERAL, amounts, amounts, amounts, items)


def test_the_change_list_puts_the_totals_direction_first_then_largest_first():
    summary = summary_with(
        {"203": "-269588", "210": "8766190", "212": "11563512.40", "204": "-166475.50"},
        "19893638.90",
    )
    listing = change_list(summary, D(10))
    assert [item.class_code for item in listing.listed] == ["212", "210", "203", "204"]
    assert not listing.more_omitted


def test_the_change_list_leaves_out_small_movements_and_says_so():
    summary = summary_with(
        {"212": "-21362088", "229": "5398412.30", "213": "67467.30"}, "-15896208.40"
    )
    listing = change_list(summary, D(10))
    assert [item.class_code for item in listing.listed] == ["212", "229"]
    assert listing.more_omitted


def test_a_class_that_did_not_move_is_not_an_omission():
    summary = summary_with({"212": "500000", "201": "0"}, "500000")
    assert not change_list(summary, D(10)).more_omitted


def test_a_zero_initial_budget_has_no_change_rate():
    amounts = Amounts(D(0), D(100), D(100))
    summary = SourceSummary(BudgetSource.FUND, amounts, amounts, amounts, ())
    assert summary.change == D(100) and summary.change_rate is None


def test_totals_are_sums_of_exact_amounts_per_source():
    budget = summarize_budget(two_project_department().budget_lines, class_names(2023))
    general = budget.source(BudgetSource.GENERAL)
    assert general.amounts.actual == D("408000.00")
    assert general.project.actual == D("118000.00") and general.basic.actual == D("290000.00")
    assert budget.fiscal.actual == D("448000.00")


def test_class_codes_are_checked_against_the_years_catalogue():
    assert is_valid_class_code("212", 2023)
    assert is_valid_class_code("2120501", 2023)
    assert not is_valid_class_code("299", 2023)
    assert not is_valid_class_code("21", 2023)
