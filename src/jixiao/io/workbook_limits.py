"""The limits of ``workbook_limits.toml``: archive size, sheet area, text length, number size.

Read once per process. The web upload and the command line both take their limits from
here, so a file one of them refuses the other refuses too.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

LIMITS_FILE = Path(__file__).with_name("workbook_limits.toml")


@dataclass(frozen=True, slots=True)
class SheetArea:
    """How many rows and columns, counted from A1, a sheet may span."""

    rows: int
    columns: int


@dataclass(frozen=True, slots=True)
class NumberSize:
    """At most ``digits`` significant places, ``places`` of them after the point."""

    digits: int
    places: int

    @property
    def bound(self) -> Decimal:
        """The smallest magnitude too large to store: 10^(digits − places)."""
        return Decimal(1).scaleb(self.digits - self.places)

    def problem(self, value: Decimal) -> str | None:
        """Why ``value`` cannot be stored (Chinese), or None when it fits."""
        if not value.is_finite() or (value and value.adjusted() >= self.digits - self.places):
            return f"数值超出范围（绝对值应小于 {self.bound:,f}）"
        # Trailing zeros (1.000000) are no extra precision; the magnitude is checked
        # first, so quantizing cannot overflow the context.
        exponent = value.as_tuple().exponent
        if exponent < -self.places and value != value.quantize(Decimal(1).scaleb(-self.places)):  # type: ignore[operator]
            return f"小数位数超过 {self.places} 位"
        return None


@dataclass(frozen=True, slots=True)
class WorkbookLimits:
    max_inflated_bytes: int
    max_ratio: int
    sheet_areas: dict[str, SheetArea]
    default_area: SheetArea
    text_lengths: dict[str, dict[str, int]]
    default_text_length: int
    number_sizes: dict[str, NumberSize]

    def area(self, sheet: str) -> SheetArea:
        return self.sheet_areas.get(sheet, self.default_area)

    def text_length(self, sheet: str, header: str) -> int:
        """The longest text the ``header`` column (or 部门信息 item) of ``sheet`` holds."""
        return self.text_lengths.get(sheet, {}).get(header, self.default_text_length)


@cache
def workbook_limits() -> WorkbookLimits:
    """The limits in force (the packaged ``workbook_limits.toml``)."""
    data = tomllib.loads(LIMITS_FILE.read_text(encoding="utf-8"))
    areas = {name: SheetArea(**area) for name, area in data["sheets"].items()}
    text = dict(data["text"])
    default_text = text.pop("default")
    return WorkbookLimits(
        max_inflated_bytes=data["archive"]["max_inflated_bytes"],
        max_ratio=data["archive"]["max_ratio"],
        sheet_areas=areas,
        default_area=areas.pop("default"),
        text_lengths=text,
        default_text_length=default_text,
        number_sizes={header: NumberSize(**size) for header, size in data["numbers"].items()},
    )
