"""支出功能分类科目: the 类-level catalogue for a year, loaded from data files."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

CATALOGUE_DIR = Path(__file__).with_name("classifications")


@lru_cache(maxsize=16)
def class_names(year: int) -> dict[str, str]:
    """类 code → name for ``year``: its own file, else the nearest earlier (or any) one."""
    files = sorted(CATALOGUE_DIR.glob("*.toml"))
    chosen = files[0]
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        first, last = data["years"]
        if first <= year <= last:
            return dict(data["classes"])
        if int(path.stem) <= year:
            chosen = path
    return dict(tomllib.loads(chosen.read_text(encoding="utf-8"))["classes"])


def is_valid_class_code(code: str, year: int) -> bool:
    """A 类 (3 digits), 款 (5) or 项 (7) code whose 类 exists in the year's catalogue."""
    return code.isdigit() and len(code) in (3, 5, 7) and code[:3] in class_names(year)
