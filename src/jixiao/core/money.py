"""Exact money: amounts are Decimal 元 to the 分; reports speak 万元 rounded half-up.

Nothing on a money path touches float. A rounded total may differ from the sum of its
rounded parts by up to half a unit of the last digit per part (domain.md §2); the
tolerance helpers below say how much.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

FEN = Decimal("0.01")
WAN = Decimal("10000")
ONE_DECIMAL = Decimal("0.1")
ZERO = Decimal("0")
HUNDRED = Decimal("100")


class NotANumber(ValueError):
    """Raised by :func:`parse_decimal` for text that is not a number."""


def quantize_half_up(value: Decimal, places: Decimal = FEN) -> Decimal:
    """Round ``value`` half-up (never banker's rounding) to ``places``."""
    try:
        return value.quantize(places, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        if not value.is_finite():
            raise
        # More digits than the context holds (a ratio of two very unequal figures): round
        # in a context wide enough instead of failing; the inputs' limits keep this rare.
        digits = value.adjusted() - places.as_tuple().exponent + 2  # type: ignore[operator]
        return value.quantize(places, rounding=ROUND_HALF_UP, context=Context(prec=digits))


def yuan_to_wan(amount_yuan: Decimal) -> Decimal:
    """元 → 万元 with two decimals, rounded half-up."""
    return quantize_half_up(amount_yuan / WAN)


def wan_to_yuan(amount_wan: Decimal) -> Decimal:
    """万元 → exact 元 (to the 分, half-up beyond that)."""
    return quantize_half_up(amount_wan * WAN)


def parse_decimal(raw: object) -> Decimal:
    """A workbook cell or typed text as an exact Decimal.

    Spreadsheet numbers arrive as binary floats; their shortest ``repr`` is the decimal
    the user typed (for up to 15 significant digits), so it is the exact value to keep.
    Thousands separators, full-width digits and surrounding blanks are accepted.
    """
    if type(raw) is float:  # spreadsheet numbers: the common case first
        if raw.is_integer():
            return Decimal(int(raw))
        if raw - raw != 0.0:  # NaN or an infinity: no number a user typed
            raise NotANumber(repr(raw))
        return Decimal(repr(raw))
    if isinstance(raw, bool):
        raise NotANumber(str(raw))
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):  # a float subclass (numpy's float64)
        return parse_decimal(float(raw))
    text = str(raw).strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
    if not text:
        raise NotANumber("")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise NotANumber(str(raw)) from error
    if not value.is_finite():
        raise NotANumber(str(raw))
    return value


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")


def format_wan(amount_wan: Decimal, *, grouping: bool = True) -> str:
    """万元 figure as prose shows it: ``25,748.56`` (or ``1156.35`` without grouping)."""
    value = quantize_half_up(amount_wan)
    return f"{value:,.2f}" if grouping else f"{value:.2f}"


def format_percent(ratio: Decimal, places: Decimal = ONE_DECIMAL) -> str:
    """A ratio (0.143) as prose percent with one decimal by default: ``14.3%``."""
    return f"{quantize_half_up(ratio * HUNDRED, places)}%"


def format_share(ratio: Decimal, places: Decimal = ONE_DECIMAL) -> str:
    """A share as reports write it: ``14.3%``, but a whole ``100%`` without ``.0``."""
    value = quantize_half_up(ratio * HUNDRED, places)
    if value == value.to_integral_value():
        return f"{value.to_integral_value()}%"
    return f"{value}%"


def rounding_tolerance(part_count: int, places: Decimal = FEN) -> Decimal:
    """How far a rounded total may sit from the sum of ``part_count`` rounded parts.

    Every rounding error lies in [-½, +½) of the last unit, so the gap is under
    ½ × (parts + 1) units; since the gap is itself a whole number of units, it never
    exceeds ½ × parts units (the bound domain.md §2 states).
    """
    return places / 2 * part_count


def stated_places(text: str) -> Decimal:
    """The unit of the last digit a number was written with: ``'66.6'`` → ``0.1``."""
    cleaned = text.strip().translate(_FULL_WIDTH).replace(",", "")
    if "." not in cleaned:
        return Decimal(1)
    decimals = len(cleaned.split(".", 1)[1])
    return Decimal(1).scaleb(-decimals)


def safe_ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator, or None when the denominator is zero (no rate exists)."""
    if denominator == ZERO:
        return None
    return numerator / denominator
