"""Numbers as Chinese reports write them: amounts with units, percentages and counts.

A report writes ``25,748.56 万元``, ``增加 42.29 万`` (still 万元), ``壹仟贰佰万元``,
``三百二十万``, ``１２％`` or ``195 个``. Each becomes a :class:`Quantity` holding an exact
Decimal in its base unit (元 for amounts) and the precision it was stated in, so a check
can infer its rounding tolerance. Chinese numerals go through ``cn2an``; their decimals
are read digit by digit so that no float is involved.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.core.money import quantize_half_up, stated_places

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_HAS_FULL_WIDTH = re.compile("[０-９．％]")
_FULL_WIDTH_GROUPS = re.compile("[０-９]{1,3}(?:，[０-９]{3})+")
_CHINESE_DIGITS = "零〇一二两三四五六七八九"
_CHINESE_DIGIT_VALUE = {char: index for index, char in enumerate("零一二三四五六七八九")} | {
    "〇": 0,
    "两": 2,
}
_CHINESE_NUMERAL = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億"

_ARABIC = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.])"
_CHINESE = rf"(?<![第{_CHINESE_NUMERAL}])[{_CHINESE_NUMERAL}]+(?:点[{_CHINESE_DIGITS}]+)?"
_MONEY_UNIT = r"亿元|万元|元|亿(?![\u4e00-\u9fff\d])|万(?![\u4e00-\u9fff\d])"
_MEASURE = r"个(?!百分点)|项|人次|人|次|名|家|件|户"
_QUANTITY = re.compile(
    rf"(?P<number>{_ARABIC}|{_CHINESE})\s*"
    rf"(?:(?P<percent>%)|(?P<money>{_MONEY_UNIT})|(?P<mult>万|亿)?(?P<measure>{_MEASURE}))"
    rf"|百分之(?P<spoken_percent>{_CHINESE}|{_ARABIC})"
)
_SCALE = {"元": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}


class Kind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"
    COUNT = "count"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure with its unit, exact in its base unit (元, percentage points, items).

    ``places`` is the unit of the last digit written, in the same base, and ``scale``
    is how many base units the display unit holds (10,000 for 万元).
    """

    kind: Kind
    value: Decimal
    places: Decimal
    unit: str
    scale: Decimal
    start: int
    end: int
    text: str

    @property
    def half_unit(self) -> Decimal:
        """Half a unit of the last stated digit: the most its rounding can hide."""
        return self.places / 2

    def same_kind(self, other: Quantity) -> bool:
        """Whether two figures measure the same thing (both money, or the same count)."""
        if self.kind is not other.kind:
            return False
        return self.kind is not Kind.COUNT or self.unit == other.unit


@functools.lru_cache(maxsize=1024)
def normalize_digits(text: str) -> str:
    """Full-width digits, points, percent signs and group commas as ASCII, same length."""
    if _HAS_FULL_WIDTH.search(text) is None:
        return text  # the common case: translating a long text char by char is not free
    text = _FULL_WIDTH_GROUPS.sub(lambda match: match.group(0).replace("，", ","), text)
    return text.translate(_FULL_WIDTH)


_DIGITS = "一二三四五六七八九"
# 一 … 九十九 as outline markers write them: every report numbers its headings, and these
# spare the audit loading cn2an (about 0.1 s, a third of a short audit's start) until a
# larger numeral appears. tests/audit/test_numbers.py checks them against cn2an.
SMALL_CHINESE_INTEGERS = {
    **{digit: value for value, digit in enumerate(_DIGITS, start=1)},
    "十": 10,
    **{f"十{digit}": 10 + value for value, digit in enumerate(_DIGITS, start=1)},
    **{f"{tens}十": 10 * t for t, tens in enumerate(_DIGITS, start=1) if t > 1},
    **{
        f"{tens}十{digit}": 10 * t + value
        for t, tens in enumerate(_DIGITS, start=1)
        if t > 1
        for value, digit in enumerate(_DIGITS, start=1)
    },
}


@functools.lru_cache(maxsize=4096)
def chinese_integer(text: str) -> int:
    """A Chinese integer numeral (一百零五, 壹仟贰佰, 两千) as an int."""
    if text in SMALL_CHINESE_INTEGERS:
        return SMALL_CHINESE_INTEGERS[text]
    import cn2an  # loaded on first use (see SMALL_CHINESE_INTEGERS)

    value = cn2an.cn2an(text, "normal")
    if not isinstance(value, int):
        raise ValueError(text)
    return value


def parse_number(text: str) -> tuple[Decimal, Decimal]:
    """A written number (Arabic or Chinese) as (exact value, unit of its last digit)."""
    cleaned = (text if text.isascii() else normalize_digits(text)).replace(",", "")
    if cleaned[0].isdigit():
        return Decimal(cleaned), stated_places(cleaned)
    whole, _, decimals = cleaned.partition("点")
    value = Decimal(chinese_integer(whole)) if whole else Decimal(0)
    if decimals:
        digits = "".join(str(_CHINESE_DIGIT_VALUE[char]) for char in decimals)
        return value + Decimal(f"0.{digits}"), Decimal(1).scaleb(-len(digits))
    return value, _round_number_places(value)


def _round_number_places(value: Decimal) -> Decimal:
    """A Chinese integer is stated to its last non-zero digit: 三百二十万 → 100,000."""
    places = Decimal(1)
    while value and value % (places * 10) == 0:
        places *= 10
    return places


def find_quantities(text: str) -> list[Quantity]:
    """Every amount, percentage and count in ``text``, in order of appearance."""
    normalized = normalize_digits(text)
    found = []
    for match in _QUANTITY.finditer(normalized):
        quantity = _quantity(match, text)
        if quantity is not None:
            found.append(quantity)
    return found


def _quantity(match: re.Match[str], original: str) -> Quantity | None:
    raw = match.group("number") or match.group("spoken_percent")
    try:
        value, places = parse_number(raw)
    except (ValueError, KeyError, ArithmeticError):
        return None
    span = (match.start(), match.end(), original[match.start() : match.end()])
    if match.group("percent") or match.group("spoken_percent"):
        return Quantity(Kind.PERCENT, value, places, "%", Decimal(1), *span)
    if match.group("money"):
        return _amount(raw, value, places, match.group("money"), span)
    multiplier = _SCALE[match.group("mult")] if match.group("mult") else Decimal(1)
    if _is_chinese(raw) and value != int(value):
        return None
    return Quantity(
        Kind.COUNT,
        value * multiplier,
        places * multiplier,
        match.group("measure"),
        Decimal(1),
        *span,
    )


def _amount(
    raw: str, value: Decimal, places: Decimal, unit: str, span: tuple[int, int, str]
) -> Quantity:
    scale = _SCALE[unit[0]]
    if _is_chinese(raw) and scale == 1 and raw[-1] in "万萬亿億":
        # 壹仟贰佰万元: the numeral carries the 万 itself; show it in 万元 / 亿元.
        scale = _SCALE["亿" if raw[-1] in "亿億" else "万"]
    label = {Decimal(1): "元", _SCALE["万"]: "万元", _SCALE["亿"]: "亿元"}[scale]
    multiplier = _SCALE[unit[0]]
    return Quantity(Kind.AMOUNT, value * multiplier, places * multiplier, label, scale, *span)


def _is_chinese(raw: str) -> bool:
    return not raw[0].isdigit()


def show(value: Decimal, like: Quantity) -> str:
    """``value`` (in base units) written the way ``like`` is: same unit, same precision."""
    places = like.places / like.scale
    shown = quantize_half_up(value / like.scale, places) if places < 1 else value / like.scale
    digits = max(-places.as_tuple().exponent, 0) if places < 1 else 0
    number = f"{shown:,.{digits}f}"
    return f"{number}%" if like.kind is Kind.PERCENT else f"{number} {like.unit}"
