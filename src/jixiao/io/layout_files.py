"""What every form layout file shares: finding it, parsing it, and checking its fields.

A layout (the 申报表, the 监控表) is a TOML file named by a short name, looked up in its
own folder, or given by path, so a province's variant is a file, not code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class LayoutError(ValueError):
    """A layout file that is missing or names an unknown field (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class LayoutColumn:
    """One column of a form's table: its header, the field it shows, its width."""

    header: str
    field: str
    width: int


def read_layout_file(name_or_path: str | Path, folder: Path, what: str) -> tuple[Path, dict]:
    """The layout file's path and its parsed TOML; ``what`` names the form in messages."""
    path = Path(name_or_path)
    if not path.suffix:
        path = folder / f"{name_or_path}.toml"
    if not path.is_file():
        raise LayoutError(f"找不到{what}样式“{name_or_path}”")
    try:
        return path, tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise LayoutError(f"{what}样式“{path.name}”有误：{error}") from error


def layout_columns(rows: Iterable[Any]) -> tuple[LayoutColumn, ...]:
    """``[[header, field, width], …]`` as columns."""
    return tuple(LayoutColumn(header, field, int(width)) for header, field, width in rows)


def check_fields(fields: Iterable[str], allowed: frozenset[str], part: str) -> None:
    """Refuse (ValueError) a field the form cannot fill, listing the ones it can."""
    unknown = [field for field in fields if field not in allowed]
    if unknown:
        raise ValueError(
            f"{part}中的字段 {'、'.join(unknown)} 不存在，可用：{'、'.join(sorted(allowed))}"
        )
