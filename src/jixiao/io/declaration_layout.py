"""Layouts of the 绩效目标申报表 as data files (``declaration_layouts/*.toml``).

A layout names the labels, their order and the indicator columns of the project and
the 部门整体 form; ``declaration_xlsx`` draws whatever layout it is given. Each field a
layout names must be one the writer knows, so a typing slip in a province's file is a
Chinese error, not an empty column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.io.layout_files import (
    LayoutColumn,
    LayoutError,
    check_fields,
    layout_columns,
    read_layout_file,
)

LAYOUT_DIR = Path(__file__).with_name("declaration_layouts")
HEADER_FIELDS = frozenset({
    "project.name", "project.code", "project.section", "project.source", "project.class_code",
    "project.level", "department.name", "department.full_name", "department.parent",
    "department.year",
})  # fmt: skip
FUND_FIELDS = frozenset({"total", "fiscal", "carryover", "other"})
COLUMN_FIELDS = frozenset({
    "level1", "level2", "name", "kind", "operator", "target", "unit", "weight", "basis",
    "previous", "planned", "target_reason", "dimension",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class FormLayout:
    """One form: title, header rows, funds, goal and the indicator table's columns."""

    title: str
    subtitle: str
    unit_note: str
    header: tuple[tuple[str, str], ...]
    funds_label: str
    funds: tuple[tuple[str, str], ...]
    funds_columns: tuple[str, ...]
    tasks_label: str
    goal_label: str
    indicators_label: str
    columns: tuple[LayoutColumn, ...]
    signature: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DeclarationLayout:
    name: str
    project: FormLayout
    department: FormLayout


def load_layout(name_or_path: str | Path = "default") -> DeclarationLayout:
    """A layout by name (a file in ``LAYOUT_DIR``) or by path."""
    path, data = read_layout_file(name_or_path, LAYOUT_DIR, "申报表")
    try:
        return DeclarationLayout(path.stem, _form(data["project"]), _form(data["department"]))
    except (KeyError, TypeError, ValueError) as error:
        raise LayoutError(f"申报表样式“{path.name}”有误：{error}") from error


def _form(table: dict[str, Any]) -> FormLayout:
    header = tuple((label, field) for label, field in table["header"])
    funds = tuple((label, field) for label, field in table.get("funds", ()))
    columns = layout_columns(table["columns"])
    check_fields((field for _, field in header), HEADER_FIELDS, "header")
    check_fields((field for _, field in funds), FUND_FIELDS, "funds")
    check_fields((column.field for column in columns), COLUMN_FIELDS, "columns")
    return FormLayout(
        title=table["title"], subtitle=table.get("subtitle", ""),
        unit_note=table.get("unit_note", ""), header=header,
        funds_label=table.get("funds_label", ""), funds=funds,
        funds_columns=tuple(table.get("funds_columns", ())),
        tasks_label=table.get("tasks_label", ""), goal_label=table["goal_label"],
        indicators_label=table["indicators_label"], columns=columns,
        signature=tuple(table.get("signature", ())),
    )  # fmt: skip
