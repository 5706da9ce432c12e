"""Form layouts as data: the labels, rows and boxes of a standard form, read from a file.

A template lives in ``forms/<id>.toml``; the rules profile names the one its jurisdiction
files (``[forms] project = "caiyu-2020-10"``). The writers draw the grid the template
describes and fill it from the Evaluation.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jixiao.core.narrative.indicator_text import ADJUSTED_TARGET

FORMS_DIR = Path(__file__).with_name("forms")
DEFAULT_PROJECT_FORM = "caiyu-2020-10"
DEFAULT_DEPARTMENT_FORM = "guangzhou"


class FormTemplateError(ValueError):
    """A form template that is missing or malformed (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class ProjectForm:
    """项目支出绩效自评表: what each part of the form says, top to bottom."""

    title: str
    subtitle: str
    portrait: bool
    header: tuple[tuple[tuple[str, str], ...], ...]
    funds_label: str
    funds_columns: tuple[str, ...]
    funds_rows: tuple[tuple[str, str], ...]
    goal_label: str
    goal_expected: str
    goal_outcome: str
    indicators_label: str
    indicator_columns: tuple[str, ...]
    level_weights: bool
    adjusted_target: str
    total_label: str
    conclusion_label: str
    boxes: tuple[str, ...]
    signatures: tuple[str, ...]


@lru_cache(maxsize=8)
def project_form(template_id: str = DEFAULT_PROJECT_FORM) -> ProjectForm:
    """The project form template ``template_id`` (a file in ``forms/``)."""
    path = FORMS_DIR / f"project-{template_id}.toml"
    if not path.is_file():
        raise FormTemplateError(f"找不到项目支出绩效自评表模板“{template_id}”")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        funds, goal, indicators, closing = (
            data["funds"], data["goal"], data["indicators"], data["closing"]
        )  # fmt: skip
        return ProjectForm(
            title=data["title"],
            subtitle=data.get("subtitle", ""),
            portrait=data.get("orientation", "portrait") == "portrait",
            header=tuple(tuple((label, field) for label, field in line) for line in data["header"]),
            funds_label=funds["label"],
            funds_columns=tuple(funds["columns"]),
            funds_rows=tuple((label, field) for label, field in funds["rows"]),
            goal_label=goal["label"],
            goal_expected=goal["expected"],
            goal_outcome=goal["outcome"],
            indicators_label=indicators["label"],
            indicator_columns=tuple(indicators["columns"]),
            level_weights=bool(indicators.get("level_weights", False)),
            adjusted_target=_adjusted_target(indicators),
            total_label=closing["total"],
            conclusion_label=closing["conclusion"],
            boxes=tuple(closing.get("boxes", ())),
            signatures=tuple(closing.get("signatures", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise FormTemplateError(
            f"项目支出绩效自评表模板“{template_id}”缺少或写错了项：{error}"
        ) from error


@dataclass(frozen=True, slots=True)
class DepartmentForm:
    """部门整体支出绩效自评表: what each part of the form says, top to bottom."""

    title: str
    subtitle: str
    portrait: bool
    basic_label: str
    basic_rows: tuple[tuple[str, str], ...]
    goal_rows: tuple[tuple[str, str], ...]
    spending_label: str
    spending_columns: tuple[str, ...]
    spending_total: str
    indicators_label: str
    indicator_columns: tuple[str, ...]
    subtotal: str
    adjusted_target: str
    total_label: str
    conclusion_label: str


@lru_cache(maxsize=8)
def department_form(template_id: str = DEFAULT_DEPARTMENT_FORM) -> DepartmentForm:
    """The department form template ``template_id`` (a file in ``forms/``)."""
    path = FORMS_DIR / f"department-{template_id}.toml"
    if not path.is_file():
        raise FormTemplateError(f"找不到部门整体支出绩效自评表模板“{template_id}”")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        basic, goal, spending = data["basic"], data["goal"], data["spending"]
        indicators, closing = data["indicators"], data["closing"]
        return DepartmentForm(
            title=data["title"],
            subtitle=data.get("subtitle", ""),
            portrait=data.get("orientation", "portrait") == "portrait",
            basic_label=basic["label"],
            basic_rows=tuple((label, field) for label, field in basic["rows"]),
            goal_rows=tuple((label, field) for label, field in goal["rows"]),
            spending_label=spending["label"],
            spending_columns=tuple(spending["columns"]),
            spending_total=spending["total"],
            indicators_label=indicators["label"],
            indicator_columns=tuple(indicators["columns"]),
            subtotal=indicators["subtotal"],
            adjusted_target=_adjusted_target(indicators),
            total_label=closing["total"],
            conclusion_label=closing["conclusion"],
        )
    except (KeyError, TypeError, ValueError) as error:
        raise FormTemplateError(
            f"部门整体支出绩效自评表模板“{template_id}”缺少或写错了项：{error}"
        ) from error


def _adjusted_target(indicators: dict) -> str:
    """How the form says a target was adjusted; a template that says nothing of it gets
    the report's wording. Checked here, so a misspelt placeholder fails on loading."""
    wording = indicators.get("adjusted_target", ADJUSTED_TARGET)
    if not isinstance(wording, str):
        raise TypeError("adjusted_target")
    wording.format(target="", original="")
    return wording
