"""The rules of in-year monitoring (双监控) as read from a profile's ``[monitoring]``.

The rounds of a year, the time-progress rule (序时进度) and the colour bands of the
warnings; ``monitoring_colours`` applies them. Values are Decimal from the TOML text.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Colour(StrEnum):
    """A warning colour (预警颜色)."""

    RED = "红"
    YELLOW = "黄"
    BLUE = "蓝"
    GREEN = "绿"

    @property
    def severity(self) -> int:
        """Worse is higher: a project shows the worst colour of its parts. Blue (a target
        perhaps set too low) asks for a look, so it ranks above green."""
        return {"红": 3, "黄": 2, "蓝": 1, "绿": 0}[self.value]


COLOUR_ORDER = (Colour.RED, Colour.YELLOW, Colour.GREEN, Colour.BLUE)  # 红/黄/绿/蓝 as printed


class TimeRule(StrEnum):
    MONTHS = "months"
    DAYS = "days"


class ExecutionRule(StrEnum):
    RATIO = "ratio"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class RoundSpec:
    """One monitoring round: January to ``end_month`` (1-7月 is end_month 7)."""

    name: str
    end_month: int


@dataclass(frozen=True, slots=True)
class ColourBands:
    """(colour, lowest value) from worst to best; a value takes the last band it reaches."""

    bands: tuple[tuple[Colour, Decimal], ...]

    def lowest(self) -> Colour:
        return self.bands[0][0]


@dataclass(frozen=True, slots=True)
class MonitoringRules:
    time_rule: TimeRule
    execution_rule: ExecutionRule
    rounds: tuple[RoundSpec, ...]
    execution_ratio: ColourBands
    indicator_progress: ColourBands
    unprorated_units: frozenset[str]
    lower_within: Colour
    lower_beyond: Colour
    qualitative: dict[str, Colour]
    execution_thresholds: tuple[tuple[int, Decimal], ...]
    below_threshold: Colour

    def round(self, name: str) -> RoundSpec | None:
        """The round called ``name`` (``1-7月`` and ``1–7月`` are the same name)."""
        wanted = _normal(name)
        for spec in self.rounds:
            if _normal(spec.name) == wanted:
                return spec
        return None

    def threshold(self, month: int) -> Decimal | None:
        """The fixed execution threshold in force at the end of ``month`` (None before
        the first)."""
        reached = [rate for end, rate in self.execution_thresholds if end <= month]
        return reached[-1] if reached else None


def _normal(name: str) -> str:
    return name.strip().replace("–", "-").replace("—", "-").replace("～", "-").replace("~", "-")


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _bands(rows: list[list[Any]]) -> ColourBands:
    bands = tuple((Colour(colour), _dec(lowest)) for colour, lowest in rows)
    if [lowest for _, lowest in bands] != sorted(lowest for _, lowest in bands):
        raise ValueError("颜色分档应按下限从低到高排列")
    return ColourBands(bands)


def parse_monitoring(table: dict[str, Any]) -> MonitoringRules:
    """``[monitoring]`` of a profile as rules (ValueError/KeyError for a malformed one)."""
    rounds = tuple(RoundSpec(row["name"], int(row["end_month"])) for row in table["rounds"])
    if not rounds or any(not 1 <= spec.end_month <= 12 for spec in rounds):
        raise ValueError("monitoring.rounds 的截止月份应在 1 至 12 之间")
    thresholds = tuple(sorted((int(m), _dec(r)) for m, r in table["execution_thresholds"]))
    return MonitoringRules(
        time_rule=TimeRule(table["time_progress"]),
        execution_rule=ExecutionRule(table["execution_rule"]),
        rounds=rounds,
        execution_ratio=_bands(table["execution_ratio"]),
        indicator_progress=_bands(table["indicator_progress"]),
        unprorated_units=frozenset(table.get("unprorated_units", ())),
        lower_within=Colour(table["lower_within"]),
        lower_beyond=Colour(table["lower_beyond"]),
        qualitative={band: Colour(colour) for band, colour in table["qualitative"].items()},
        execution_thresholds=thresholds,
        below_threshold=Colour(table["below_threshold"]),
    )
