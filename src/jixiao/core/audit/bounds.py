"""How far a stated figure may sit from the truth, given the digits it was written to.

A figure written to two decimals hides up to half a unit of its last digit. A ratio of
two such figures therefore lies in a range, and a stated percentage (itself rounded)
agrees with it when their ranges meet. Everything stays Decimal.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.audit.numbers import Kind, Quantity
from jixiao.core.money import HUNDRED, ZERO


def exact_half(quantity: Quantity, *related: Quantity) -> Decimal:
    """How much rounding a figure may hide, judged beside the figures it is compared with.

    A count of items is exact. An amount written with fewer decimals than an amount of
    the same unit beside it ("30万元" next to "29.99万元") was written exactly: the
    writer shows cents where there are any, so it hides no more than they do.
    """
    if quantity.kind is Kind.COUNT and quantity.places <= 1:
        return ZERO
    if quantity.kind is not Kind.AMOUNT:
        return quantity.half_unit
    finest = min(
        (q.places for q in related if q.kind is Kind.AMOUNT and q.scale == quantity.scale),
        default=quantity.places,
    )
    return min(quantity.places, finest) / 2


def ratio_range(
    numerator: Decimal, numerator_half: Decimal, denominator: Decimal, denominator_half: Decimal
) -> tuple[Decimal, Decimal] | None:
    """Lowest and highest numerator ÷ denominator × 100 over the rounding of both.

    None when the denominator may be zero (no rate exists).
    """
    if denominator - denominator_half <= ZERO <= denominator + denominator_half:
        return None
    corners = [
        (numerator + dn) / (denominator + dd) * HUNDRED
        for dn in (-numerator_half, numerator_half)
        for dd in (-denominator_half, denominator_half)
    ]
    return min(corners), max(corners)


def agrees(stated: Decimal, stated_half: Decimal, low: Decimal, high: Decimal) -> bool:
    """Whether a value stated to ± ``stated_half`` can be a rounding of one in [low, high]."""
    return stated - stated_half <= high and low <= stated + stated_half


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator ÷ denominator × 100 of the figures as stated: the "computed" a finding shows.

    Not the middle of :func:`ratio_range`: a reader checks a finding with a calculator on
    the figures the report prints, and a ratio of counts has no range at all.
    """
    return numerator / denominator * HUNDRED


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 90, 0.9, never ``9E+1``."""
    return f"{value.normalize():f}"
