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

from jixiao.core.management_rules import ManagementMetric, parse_management_metrics
from jixiao.core.monitoring_rules import MonitoringRules, parse_monitoring
from jixiao.core.rectification_rules import RectificationRules, parse_rectification
from jixiao.core.spot_review_rules import SpotReviewRules, parse_spot_review

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
class ExecutionCap:
    """Below ``below`` execution, a project's total is at most ``max_total``."""

    below: Decimal
    max_total: Decimal


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
    execution_caps: tuple[ExecutionCap, ...]
    separate_carryover: bool
    lower_is_better: str
    score_places: Decimal
    over_threshold: Decimal
    over_reduce_points: bool
    over_fixed_deduction: Decimal
    bands: tuple[Band, ...]
    grades: tuple[tuple[str, Decimal], ...]
    dimensions: dict[str, Decimal]
    metrics: dict[str, str]
    change_min_wan: Decimal
    rate_places: Decimal
    self_score_gap: Decimal
    max_qualitative_share: Decimal
    high_self_score: Decimal
    error_codes: frozenset[str]
    evidence_required: bool
    application: dict[str, str]
    application_factors: dict[str, Decimal]  # grade → share of this year's budget proposed
    goal_review: GoalReviewRules
    forms: dict[str, str]  # form → the layout template it is filed in
    # 管理效率 metrics computed from 决算与管理数据 (their labels are also in ``metrics``).
    management_metrics: dict[str, ManagementMetric]
    # 维度 → the 一级指标 its department indicators may name (管理效率 is its own class).
    department_classes: dict[str, tuple[str, ...]]

    @property
    def indicator_classes(self) -> tuple[str, ...]:
        """The 一级指标 a project's indicators may belong to (the weights name them)."""
        names = {**self.project_weights, **self.project_weights_without_satisfaction}
        return tuple(name for name in names if name != EXECUTION_LINE)

    monitoring: MonitoringRules
    spot_review: SpotReviewRules
    publication_words: tuple[str, ...]  # names of the 信息公开 indicator a publication feeds
    rectification: RectificationRules

    @property
    def execution_weight(self) -> Decimal:
        return self.project_weights[EXECUTION_LINE]

    def grade(self, total: Decimal) -> str:
        """The grade whose lower bound ``total`` reaches (优 ≥ 90 … 差 < 60 by default)."""
        return _grade(self.grades, total)

    def total_cap(self, rate: Decimal | None) -> Decimal | None:
        """The most a project executed at ``rate`` may score (None: no cap applies)."""
        if rate is None:
            return None
        caps = [cap.max_total for cap in self.execution_caps if rate < cap.below]
        return min(caps) if caps else None

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
        raise ProfileError(f"找不到规则配置“{name_or_path}”")
    return load_profile_text(path.read_text(encoding="utf-8"), path.name)


def shipped_profile_text(name: str) -> str | None:
    """The TOML text of the profile ``name`` shipped in ``PROFILE_DIR``, or None."""
    path = PROFILE_DIR / f"{name}.toml"
    if path.parent != PROFILE_DIR or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def load_profile_text(text: str, name: str) -> RulesProfile:
    """Parse a profile's TOML text (from a file or the database) named ``name``."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"规则配置“{name}”格式错误：{error}") from error
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError) as error:
        raise ProfileError(f"规则配置“{name}”缺少或写错了项：{error}") from error


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


def _over_achievement(project: dict[str, Any]) -> tuple[bool, Decimal]:
    over = project["over_achievement"]
    reduce_points = bool(over["reduce_points"])
    fixed = _dec(over.get("fixed_deduction", 0))
    if reduce_points and fixed:
        raise ValueError("over_achievement：reduce_points 与 fixed_deduction 只能选用一种")
    if fixed < 0:
        raise ValueError("over_achievement.fixed_deduction 不能为负数")
    return reduce_points, fixed


def _execution_caps(project: dict[str, Any]) -> tuple[ExecutionCap, ...]:
    caps = project.get("execution_caps", {}).get("caps", [])
    return tuple(ExecutionCap(_dec(cap["below"]), _dec(cap["max_total"])) for cap in caps)


def _build(data: dict[str, Any]) -> RulesProfile:
    project = data["project"]
    execution = project["execution"]
    reduce_points, fixed_deduction = _over_achievement(project)
    department = data["department"]
    # A profile written before 决算与管理数据 existed uses the default's metrics.
    management = parse_management_metrics(
        data.get("management_metrics") or _default_table("management_metrics")
    )
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
        execution_caps=_execution_caps(project),
        separate_carryover=bool(project.get("carryover", {}).get("separate", False)),
        lower_is_better=project["quantitative"]["lower_is_better"],
        score_places=_dec(project["quantitative"]["score_places"]),
        over_threshold=_dec(project["over_achievement"]["threshold"]),
        over_reduce_points=reduce_points,
        over_fixed_deduction=fixed_deduction,
        bands=_bands(project["qualitative_bands"]),
        grades=_sorted_grades(data["grades"]),
        dimensions=_dec_map(department["dimensions"]),
        metrics={**department["metrics"], **{k: m.label for k, m in management.items()}},
        change_min_wan=_dec(data["narrative"]["change_min_wan"]),
        rate_places=_dec(data["narrative"]["rate_places"]),
        self_score_gap=_dec(data["checks"]["self_score_gap"]),
        max_qualitative_share=_dec(data["checks"]["max_qualitative_share"]),
        high_self_score=_dec(data["checks"]["high_self_score"]),
        error_codes=frozenset(data["checks"].get("error_codes", ())),
        # Profiles written before this option keep their old meaning: nothing required.
        evidence_required=bool(data["checks"].get("evidence_required", False)),
        application=dict(data["application"]),
        # Profiles written before result application or the spot review use the default's.
        application_factors=_dec_map(
            data.get("application_factors") or _default_table("application_factors")
        ),
        goal_review=_goal_review(data),
        forms=dict(data.get("forms", {})),
        management_metrics=management,
        department_classes={
            name: tuple(classes)
            for name, classes in (
                department.get("classes") or _default_table("department")["classes"]
            ).items()
        },
        # A profile written before monitoring existed uses the default's rules.
        monitoring=parse_monitoring(data.get("monitoring") or _default_table("monitoring")),
        spot_review=parse_spot_review(data.get("spot_review") or _default_table("spot_review")),
        publication_words=tuple(
            (data.get("publication") or _default_table("publication"))["indicator_words"]
        ),
        # Likewise for the rectification ledger.
        rectification=parse_rectification(
            data.get("rectification") or _default_table("rectification")
        ),
    )
