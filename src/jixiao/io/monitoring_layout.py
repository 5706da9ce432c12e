"""Layouts of the 绩效监控表 as data files (``monitoring_layouts/*.toml``).

A layout names the labels, their order and the columns of the project form and of the
部门整体 form, and the fill of each warning colour; ``monitoring_xlsx`` draws whatever
layout it is given. A field a layout names must be one the writer knows, so a typing
slip is a Chinese error, not an empty column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.core.monitoring_rules import Colour
from jixiao.io.layout_files import (
    LayoutColumn,
    LayoutError,
    check_fields,
    layout_columns,
    read_layout_file,
)

LAYOUT_DIR = Path(__file__).with_name("monitoring_layouts")
HEADER_FIELDS = frozenset({"project.name", "project.code", "project.section", "department.name",
                           "year", "round"})  # fmt: skip
FUND_FIELDS = frozenset({"initial", "final", "executed", "rate", "time", "expected", "colour"})
COLUMN_FIELDS = frozenset({"level1", "level2", "name", "kind", "target", "value", "expected",
                           "likelihood", "cause", "measure", "progress", "colour"})  # fmt: skip
PROJECT_FIELDS = frozenset({"code", "name", "section", "initial", "final", "executed", "rate",
                            "time", "expected", "colour", "cause", "measure", "decision"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class MonitoringForm:
    """One form's labels; the parts a form does not have are empty."""

    title: str
    subtitle: str
    unit_note: str
    header: tuple[tuple[str, str], ...]
    funds_label: str
    funds: tuple[tuple[str, str], ...]
    columns: tuple[LayoutColumn, ...]
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
    path, data = read_layout_file(name_or_path, LAYOUT_DIR, "监控表")
    try:
        colours = data["colours"]
        return MonitoringLayout(
            path.stem,
            {Colour(name): fill for name, fill in colours["fills"].items()},
            colours["text"],
            _form(data["project"], "columns", COLUMN_FIELDS),
            _form(data["department"], "project_columns", PROJECT_FIELDS),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise LayoutError(f"监控表样式“{path.name}”有误：{error}") from error


def _form(table: dict[str, Any], columns_key: str, allowed: frozenset[str]) -> MonitoringForm:
    header = tuple((label, field) for label, field in table["header"])
    funds = tuple((label, field) for label, field in table["funds"])
    columns = layout_columns(table[columns_key])
    check_fields((field for _, field in header), HEADER_FIELDS, "header")
    check_fields((field for _, field in funds), FUND_FIELDS, "funds")
    check_fields((column.field for column in columns), allowed, columns_key)
    fixed = {"title", "subtitle", "unit_note", "header", "funds", columns_key, "signature"}
    return MonitoringForm(
        title=table["title"], subtitle=table.get("subtitle", ""),
        unit_note=table.get("unit_note", ""), header=header,
        funds_label=table.get("funds_label", ""), funds=funds, columns=columns,
        signature=tuple(table.get("signature", ())),
        labels={key: str(value) for key, value in table.items() if key not in fixed},
    )  # fmt: skip
