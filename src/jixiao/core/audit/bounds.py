"""How far a stated figure may sit from the truth, given the digits it was written to.

A figure written to two decimals hides up to half a unit of its last digit. A ratio of
two such figures therefore lies in a range, and a stated percentage (itself rounded)
agrees with it when their ranges meet. Everything stays Decimal.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.money import HUNDRED, ZERO


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


def midpoint(low: Decimal, high: Decimal) -> Decimal:
    """The middle of a range: the value shown as "computed" in a finding."""
    return (low + high) / 2
