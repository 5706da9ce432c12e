from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.money import (
    FEN,
    NotANumber,
    format_percent,
    format_share,
    format_wan,
    parse_decimal,
    quantize_half_up,
    rounding_tolerance,
    stated_places,
    yuan_to_wan,
)

cents = st.integers(min_value=0, max_value=10**13).map(lambda c: Decimal(c).scaleb(-2))


def test_it_rounds_wan_half_up_not_to_even():
    assert yuan_to_wan(Decimal("12345.00")) == Decimal("1.23")
    assert yuan_to_wan(Decimal("12350.00")) == Decimal("1.24")  # banker's would give 1.24 too
    assert yuan_to_wan(Decimal("12250.00")) == Decimal("1.23")  # banker's would give 1.22


def test_it_reproduces_the_seed_total_from_exact_parts():
    general, fund = Decimal("187381258.37"), Decimal("70104351.20")
    assert format_wan(yuan_to_wan(general)) == "18,738.13"
    assert format_wan(yuan_to_wan(fund)) == "7,010.44"
    assert format_wan(yuan_to_wan(general + fund)) == "25,748.56"


@given(st.lists(cents, min_size=1, max_size=30))
def test_a_rounded_total_stays_within_tolerance_of_its_rounded_parts(parts):
    total = yuan_to_wan(sum(parts, Decimal(0)))
    rounded_sum = sum((yuan_to_wan(p) for p in parts), Decimal(0))
    assert abs(total - rounded_sum) <= rounding_tolerance(len(parts))


@given(cents)
def test_half_up_rounding_never_differs_from_the_exact_value_by_more_than_half_a_fen(amount):
    exact = amount / Decimal(10000)
    assert abs(yuan_to_wan(amount) - exact) <= Decimal("0.005")


def test_it_reads_spreadsheet_floats_as_the_decimal_typed():
    assert parse_decimal(0.1) == Decimal("0.1")
    assert parse_decimal(187381258.37) == Decimal("187381258.37")
    assert parse_decimal(100.0) == Decimal(100)
    assert parse_decimal(-2.5) == Decimal("-2.5")


def test_a_float_subclass_reads_as_its_float():
    class Float(float):
        def __repr__(self) -> str:
            return f"Float({float(self)!r})"

    assert parse_decimal(Float(3.25)) == Decimal("3.25")


def test_it_reads_thousands_separators_and_full_width_digits():
    assert parse_decimal("1,234.50") == Decimal("1234.50")
    assert parse_decimal("１２３．４") == Decimal("123.4")


@pytest.mark.parametrize(
    "text", ["abc", "", "1.2.3", "nan", float("nan"), float("inf"), float("-inf"), True]
)
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_decimal(text)


def test_it_formats_percents_and_shares_as_reports_write_them():
    assert format_percent(Decimal("0.142793")) == "14.3%"
    assert format_share(Decimal(1)) == "100%"
    assert format_share(Decimal("0.5")) == "50%"
    assert format_share(Decimal("0.1234")) == "12.3%"


def test_it_infers_the_precision_a_number_was_stated_in():
    assert stated_places("66.6") == Decimal("0.1")
    assert stated_places("25,748.56") == Decimal("0.01")
    assert stated_places("12") == Decimal(1)


def test_a_value_wider_than_the_context_is_rounded_exactly_not_refused():
    """1e60 ÷ 86 as a percent, the ratio the fuzz test met, has 63 digits at two places."""
    value = Decimal("1e60") * 100 / Decimal(86)  # 28 significant digits, then zeros
    rounded = quantize_half_up(value)
    assert rounded.as_tuple().exponent == -2 and rounded == value
    with localcontext() as wide:
        wide.prec = 60
        half_a_fen_over = Decimal("1e40") + Decimal("0.005")
        expected = Decimal("1e40") + FEN
    assert quantize_half_up(half_a_fen_over).compare_total(expected) == 0  # every digit kept
    assert quantize_half_up(Decimal("2.675")) == Decimal("2.68")
