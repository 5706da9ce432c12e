"""Rules profiles: every weight, band and threshold, per year and jurisdiction, as data.

A profile is a TOML file (``profiles/default.toml`` ships the domain.md defaults). Values
are read as Decimal through their text so no float reaches a score.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.monitoring_rules import MonitoringRules, parse_monitoring

PROFILE_DIR = Path(__file__).with_name("profiles")
EXECUTION_LINE = "预算执行率"


class ProfileError(ValueError):
    """A profile file that is missing or malformed (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    low: Decimal
    high: Decimal
    top: bool

    def contains(self, share: Decimal) -> bool:
        return self.low <= share <= self.high if self.top else self.low <= share < self.high


@dataclass(frozen=True, slots=True)
class ExecutionTier:
    min_rate: Decimal
    share: Decimal


@dataclass(frozen=True, slots=True)
class GoalReviewRules:
    """The thresholds, deductions and grade bands of 绩效目标审核 (``[goal_review]``)."""

    min_quantitative_share: Decimal
    department_project_share: Decimal
    money_units: tuple[str, ...]
    input_words: tuple[str, ...]
    service_class_codes: tuple[str, ...]
    service_words: tuple[str, ...]
    bases: tuple[str, ...]
    deductions: dict[str, Decimal]
    grades: tuple[tuple[str, Decimal], ...]

    def grade(self, score: Decimal) -> str:
        """The review grade whose lower bound ``score`` reaches."""
        return _grade(self.grades, score)

    def deduction(self, code: str) -> Decimal:
        return self.deductions.get(code, Decimal(0))


@dataclass(frozen=True, slots=True)
class RulesProfile:
    """The rules one jurisdiction applies in one year."""

    id: str
    name: str
    jurisdiction: str
    years: tuple[int, int]
    unconfirmed: dict[str, str]
    project_weights: dict[str, Decimal]
    project_weights_without_satisfaction: dict[str, Decimal]
    execution_method: str
    execution_cap: Decimal
    execution_reason_below: Decimal
    execution_tiers: tuple[ExecutionTier, ...]
    lower_is_better: str
    score_places: Decimal
    over_threshold: Decimal
    over_reduce_points: bool
    bands: tuple[Band, ...]
    grades: tuple[tuple[str, Decimal], ...]
    dimensions: dict[str, Decimal]
    metrics: dict[str, str]
    change_min_wan: Decimal
    rate_places: Decimal
    self_score_gap: Decimal
    max_qualitative_share: Decimal
    high_self_score: Decimal
    application: dict[str, str]
    goal_review: GoalReviewRules
    monitoring: MonitoringRules

    @property
    def execution_weight(self) -> Decimal:
        return self.project_weights[EXECUTION_LINE]

    def grade(self, total: Decimal) -> str:
        """The grade whose lower bound ``total`` reaches (优 ≥ 90 … 差 < 60 by default)."""
        return _grade(self.grades, total)

    def band(self, name: str) -> Band | None:
        for band in self.bands:
            if band.name == name:
                return band
        return None

    def is_unconfirmed(self, key: str) -> bool:
        return any(key == item or key.startswith(item + ".") for item in self.unconfirmed)


def _grade(bands: tuple[tuple[str, Decimal], ...], total: Decimal) -> str:
    for name, lowest in bands:
        if total >= lowest:
            return name
    return bands[-1][0]


def load_profile(name_or_path: str | Path = "default") -> RulesProfile:
    """Load a profile by id (a file in ``PROFILE_DIR``) or by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ProfileError(f"找不到规则配置「{name_or_path}」")
    return load_profile_text(path.read_text(encoding="utf-8"), path.name)


def load_profile_text(text: str, name: str) -> RulesProfile:
    """Parse a profile's TOML text (from a file or the database) named ``name``."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"规则配置「{name}」格式错误：{error}") from error
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ProfileError(f"规则配置「{name}」缺少或写错了项：{error}") from error


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _dec_map(table: dict[str, Any]) -> dict[str, Decimal]:
    return {key: _dec(value) for key, value in table.items()}


def _bands(table: dict[str, Any]) -> tuple[Band, ...]:
    ordered = sorted(table.items(), key=lambda item: _dec(item[1][0]), reverse=True)
    return tuple(
        Band(name, _dec(low), _dec(high), top=index == 0)
        for index, (name, (low, high)) in enumerate(ordered)
    )


def _sorted_grades(table: dict[str, Any]) -> tuple[tuple[str, Decimal], ...]:
    return tuple(sorted(_dec_map(table).items(), key=lambda item: item[1], reverse=True))


def _default_table(name: str) -> dict[str, Any]:
    default = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
    return tomllib.loads(default, parse_float=Decimal)[name]


def _goal_review(data: dict[str, Any]) -> GoalReviewRules:
    """``[goal_review]``; a profile written before goal review existed uses the default's."""
    table = data.get("goal_review") or _default_table("goal_review")
    return GoalReviewRules(
        min_quantitative_share=_dec(table["min_quantitative_share"]),
        department_project_share=_dec(table["department_project_share"]),
        money_units=tuple(table["money_units"]),
        input_words=tuple(table["input_words"]),
        service_class_codes=tuple(table["service_class_codes"]),
        service_words=tuple(table["service_words"]),
        bases=tuple(table["bases"]),
        deductions=_dec_map(table["deductions"]),
        grades=_sorted_grades(table["grades"]),
    )


def _build(data: dict[str, Any]) -> RulesProfile:
    project = data["project"]
    execution = project["execution"]
    department = data["department"]
    return RulesProfile(
        id=data["id"],
        name=data["name"],
        jurisdiction=data["jurisdiction"],
        years=(int(data["years"][0]), int(data["years"][1])),
        unconfirmed=dict(data.get("unconfirmed", {})),
        project_weights=_dec_map(project["weights"]),
        project_weights_without_satisfaction=_dec_map(project["weights_without_satisfaction"]),
        execution_method=execution["method"],
        execution_cap=_dec(execution["cap"]),
        execution_reason_below=_dec(execution["reason_required_below"]),
        execution_tiers=tuple(
            ExecutionTier(_dec(tier["min"]), _dec(tier["share"])) for tier in execution["tiers"]
        ),
        lower_is_better=project["quantitative"]["lower_is_better"],
        score_places=_dec(project["quantitative"]["score_places"]),
        over_threshold=_dec(project["over_achievement"]["threshold"]),
        over_reduce_points=bool(project["over_achievement"]["reduce_points"]),
        bands=_bands(project["qualitative_bands"]),
        grades=_sorted_grades(data["grades"]),
        dimensions=_dec_map(department["dimensions"]),
        metrics=dict(department["metrics"]),
        change_min_wan=_dec(data["narrative"]["change_min_wan"]),
        rate_places=_dec(data["narrative"]["rate_places"]),
        self_score_gap=_dec(data["checks"]["self_score_gap"]),
        max_qualitative_share=_dec(data["checks"]["max_qualitative_share"]),
        high_self_score=_dec(data["checks"]["high_self_score"]),
        application=dict(data["application"]),
        goal_review=_goal_review(data),
        # A profile written before monitoring existed uses the default's rules.
        monitoring=parse_monitoring(data.get("monitoring") or _default_table("monitoring")),
    )
