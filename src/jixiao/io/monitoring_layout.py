"""Layouts of the 绩效监控表 as data files (``monitoring_layouts/*.toml``).

A layout names the labels, their order and the columns of the project form and of the
部门整体 form, and the fill of each warning colour; ``monitoring_xlsx`` draws whatever
layout it is given. A field a layout names must be one the writer knows, so a typing
slip is a Chinese error, not an empty column.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.core.monitoring_rules import Colour

LAYOUT_DIR = Path(__file__).with_name("monitoring_layouts")
HEADER_FIELDS = frozenset({"project.name", "project.code", "project.section", "department.name",
                           "year", "round"})  # fmt: skip
FUND_FIELDS = frozenset({"initial", "final", "executed", "rate", "time", "expected", "colour"})
COLUMN_FIELDS = frozenset({"level1", "level2", "name", "kind", "target", "value", "expected",
                           "likelihood", "cause", "measure", "progress", "colour"})  # fmt: skip
PROJECT_FIELDS = frozenset({"code", "name", "section", "initial", "final", "executed", "rate",
                            "time", "expected", "colour", "cause", "measure", "decision"})  # fmt: skip


class MonitoringLayoutError(ValueError):
    """A layout file that is missing or names an unknown field (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    field: str
    width: int


@dataclass(frozen=True, slots=True)
class MonitoringForm:
    """One form's labels; the parts a form does not have are empty."""

    title: str
    subtitle: str
    unit_note: str
    header: tuple[tuple[str, str], ...]
    funds_label: str
    funds: tuple[tuple[str, str], ...]
    columns: tuple[Column, ...]
    signature: tuple[str, ...]
    labels: dict[str, str]


@dataclass(frozen=True, slots=True)
class MonitoringLayout:
    name: str
    fills: dict[Colour, str]
    colour_text: str
    project: MonitoringForm
    department: MonitoringForm

    def colour_label(self, colour: Colour) -> str:
        return self.colour_text.format(colour=colour.value)


def load_monitoring_layout(name_or_path: str | Path = "default") -> MonitoringLayout:
    """A layout by name (a file in ``LAYOUT_DIR``) or by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = LAYOUT_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise MonitoringLayoutError(f"找不到监控表样式「{name_or_path}」")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        colours = data["colours"]
        return MonitoringLayout(
            path.stem,
            {Colour(name): fill for name, fill in colours["fills"].items()},
            colours["text"],
            _form(data["project"], "columns", COLUMN_FIELDS),
            _form(data["department"], "project_columns", PROJECT_FIELDS),
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise MonitoringLayoutError(f"监控表样式「{path.name}」有误：{error}") from error


def _checked(fields: list[str], allowed: frozenset[str], part: str) -> None:
    unknown = [field for field in fields if field not in allowed]
    if unknown:
        raise ValueError(
            f"{part}中的字段 {'、'.join(unknown)} 不存在，可用：{'、'.join(sorted(allowed))}"
        )


def _form(table: dict[str, Any], columns_key: str, allowed: frozenset[str]) -> MonitoringForm:
    header = tuple((label, field) for label, field in table["header"])
    funds = tuple((label, field) for label, field in table["funds"])
    columns = tuple(Column(h, f, int(w)) for h, f, w in table[columns_key])
    _checked([field for _, field in header], HEADER_FIELDS, "header")
    _checked([field for _, field in funds], FUND_FIELDS, "funds")
    _checked([column.field for column in columns], allowed, columns_key)
    fixed = {"title", "subtitle", "unit_note", "header", "funds", columns_key, "signature"}
    return MonitoringForm(
        title=table["title"], subtitle=table.get("subtitle", ""),
        unit_note=table.get("unit_note", ""), header=header,
        funds_label=table.get("funds_label", ""), funds=funds, columns=columns,
        signature=tuple(table.get("signature", ())),
        labels={key: str(value) for key, value in table.items() if key not in fixed},
    )  # fmt: skip
