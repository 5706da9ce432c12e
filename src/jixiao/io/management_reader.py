"""Read the 决算与管理数据 sheet into ManagementItem records, or say what is wrong.

Each row's 类别 and 项目 come from the sheet's layout (``MANAGEMENT_CATEGORIES``); the
amounts a category needs must be filled, a fixed 项目 may appear once, and dates are
real dates with publication not before approval. Every error names its row and column.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from jixiao.core.quoting import quoted
from jixiao.core.records import ManagementItem
from jixiao.io.sheet_cells import SheetCells, cell_text, is_blank
from jixiao.io.workbook_format import MANAGEMENT_CATEGORIES

# 2023-02-03, 2023/2/3, 2023.2.3 or 2023年2月3日; a time after it (a date cell as text) is dropped.
DATE_PATTERN = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
AMOUNT_KEYS = ("budget", "actual", "previous", "adjustment")
# Columns that file something: a row with 类别 and 项目 only (as the blank template lists
# them) files nothing and is passed over.
VALUE_KEYS = (*AMOUNT_KEYS, "approved_on", "published_on", "address", "note")


def _amount(cells: SheetCells, number: int, row: list[object], key: str) -> Decimal | None:
    """An amount in 元, or None for a blank cell (not filed is not zero)."""
    if is_blank(cells.raw(row, key)):
        return None
    return cells.amount(number, row, key)


def _date(cells: SheetCells, number: int, row: list[object], key: str) -> date | None:
    value = cells.raw(row, key)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    match = DATE_PATTERN.match(text)
    try:
        if match:
            return date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    cells.invalid(number, key, f"应为日期（如 2023-02-03 或 2023年2月3日），实为“{text}”")
    return None


def _category(cells: SheetCells, number: int, row: list[object]) -> str | None:
    allowed = {name: name for name in MANAGEMENT_CATEGORIES}
    # “三公”经费 is often typed with straight quotes or none.
    allowed |= {'"三公"经费': "“三公”经费", "三公经费": "“三公”经费"}
    found = cells.choice(number, row, "category", allowed)
    return str(found) if found else None


def _item(cells: SheetCells, number: int, row: list[object]) -> ManagementItem | None:
    category = _category(cells, number, row)
    name = cells.text(number, row, "name")
    amounts = {key: _amount(cells, number, row, key) for key in AMOUNT_KEYS}
    approved = _date(cells, number, row, "approved_on")
    published = _date(cells, number, row, "published_on")
    if approved and published and published < approved:
        cells.invalid(number, "published_on", f"公开日期 {published} 早于批复日期 {approved}")
    if category is None or not name:
        return None
    items, needed = MANAGEMENT_CATEGORIES[category]
    if items and name not in items:
        cells.invalid(
            number, "name", f"{quoted(category)}的项目应为 {'、'.join(items)}，实为{quoted(name)}"
        )
        return None
    filled = {**amounts, "approved_on": approved}
    for key in needed:
        if filled[key] is None:
            cells.invalid(number, key, f"{quoted(category)}行必须填写此列")
    return ManagementItem(
        category=category, name=name, **amounts,
        policy=cells.yes_no(number, row, "policy", False),
        approved_on=approved, published_on=published,
        address=cell_text(cells.raw(row, "address")), note=cell_text(cells.raw(row, "note")),
        illustrative=cells.yes_no(number, row, "illustrative", False),
        location=cells.location(number),
    )  # fmt: skip


def read_management(cells: SheetCells | None) -> list[ManagementItem]:
    """Every row of 决算与管理数据; a fixed 项目 given twice is refused on its second row."""
    if cells is None:
        return []
    items: list[ManagementItem] = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in cells.data_rows():
        if all(is_blank(cells.raw(row, key)) for key in VALUE_KEYS):
            continue
        item = _item(cells, number, row)
        if item is None:
            continue
        key = (item.category, item.name)
        if MANAGEMENT_CATEGORIES[item.category][0] and key in seen:
            cells.invalid(
                number, "name", f"{quoted(f'{item.category}/{item.name}')}与第 {seen[key]} 行重复"
            )
            continue
        seen[key] = number
        items.append(item)
    return items
