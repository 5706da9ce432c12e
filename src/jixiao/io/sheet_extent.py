"""How far a sheet's cells reach, learnt from its XML before python-calamine parses it.

calamine builds a dense grid from A1 to the farthest cell that holds a value: one value
at XFD1048576 is a grid of 17 billion cells (549 GB), and the process aborts. So each
sheet's XML is streamed first (bounded in inflated bytes) and a sheet reaching past its
area (``workbook_limits.toml``) is refused before calamine sees it.

Nearly every cell tag is written ``<c r="B12" ...>``: a reference with fewer letters and
digits than the limits have is inside them, whatever its value, so one regular
expression that skips those finds the few tags worth a look. Only a sheet written some
other way (cells without ``r``, a namespace prefix, ``r`` not first) is tokenised tag by
tag, following calamine's rules for implicit positions.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from functools import cache

from jixiao.io.office_archive import InflationBudget, inflate
from jixiao.io.sheet_cells import column_letter
from jixiao.io.workbook_limits import SheetArea

# A tag is never this long in a sheet written by a spreadsheet program.
OVERLAP = 512
EXPLICIT_CELL = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"')
TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(row|c)(?=[\s>/])([^>]*)>")
PREFIXED_NAME_END = re.compile(rb":c[\s>/]")
_NAME_ENDS = {b" ", b"\t", b"\n", b"\r", b">", b"/", b""}
TAG_NAME = re.compile(rb"[\w.-]+")
REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")


class SheetTooLarge(Exception):
    """A sheet reaches past its area; ``cell`` is the far reference found."""

    def __init__(self, sheet: str, cell: str, area: SheetArea):
        super().__init__(sheet, cell, area)
        self.sheet, self.cell, self.area = sheet, cell, area

    def __str__(self) -> str:
        return (
            f"工作表“{self.sheet}”有数据写到了 {self.cell} 单元格，超出该表的范围"
            f"（最多 {self.area.rows:,} 行、{self.area.columns} 列，即 A1 至 "
            f"{column_letter(self.area.columns - 1)}{self.area.rows}）：请删除远处的单元格后重试"
        )


class _Irregular(Exception):
    """The sheet is not written the usual way: scan it tag by tag instead."""


def check_sheet_extent(
    archive: zipfile.ZipFile, part: str, sheet: str, area: SheetArea, budget: InflationBudget
) -> None:
    """Raise SheetTooLarge when a cell of ``part`` lies outside ``area``."""
    before = budget.remaining
    try:
        _scan_usual(inflate(archive, part, budget), sheet, area)
    except _Irregular:
        budget.remaining = before  # the same bytes again: charge them once
        _scan_tags(inflate(archive, part, budget), sheet, area)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _check(sheet: str, area: SheetArea, column: int, row: int, letters: bytes) -> None:
    if column > area.columns or row > area.rows:
        cell = f"{letters.decode().upper()}{row}" if letters else f"第 {row} 行第 {column} 列"
        raise SheetTooLarge(sheet, cell, area)


@cache
def _unusual_tag(area: SheetArea) -> re.Pattern[bytes]:
    """Cell tags other than ``<c r="…"`` with a reference short enough to be inside."""
    letters = 2 if area.columns >= 702 else 1 if area.columns >= 26 else 0
    digits = len(str(area.rows + 1)) - 1  # every number of this many digits is ≤ rows
    inside = rb' r="[A-Z]{1,%d}[0-9]{1,%d}"' % (letters, digits) if letters and digits else b"$^"
    # No lookahead for the end of the name here (it costs a fifth of the scan): the few
    # other tags starting with "<c" (<col>, <cfRule>) are passed over in ``_look_at``.
    return re.compile(rb"<c(?!" + inside + rb")")


def _scan_usual(chunks: Iterable[bytes], sheet: str, area: SheetArea) -> None:
    pattern = _unusual_tag(area)
    tail = b""
    for chunk in chunks:
        buffer = tail + chunk
        end = max(len(buffer) - OVERLAP, 0)
        _refuse_prefixed_cells(buffer)
        for match in pattern.finditer(buffer):
            if match.start() >= end:
                break
            _look_at(buffer, match.start(), sheet, area)
        tail = buffer[end:]
    for match in pattern.finditer(tail):
        _look_at(tail, match.start(), sheet, area)


def _refuse_prefixed_cells(buffer: bytes) -> None:
    """calamine knows a cell by its local name: ``<x:c>`` is a cell too. Such a sheet
    is scanned tag by tag (a search for ``:c`` is cheap; a tag name before it is rare)."""
    for match in PREFIXED_NAME_END.finditer(buffer):
        opening = buffer.rfind(b"<", max(match.start() - OVERLAP, 0), match.start())
        if opening >= 0 and TAG_NAME.fullmatch(buffer, opening + 1, match.start()):
            raise _Irregular


def _look_at(buffer: bytes, start: int, sheet: str, area: SheetArea) -> None:
    if buffer[start + 2 : start + 3] not in _NAME_ENDS:
        return  # another element whose name starts with "c"
    close = buffer.find(b">", start, start + OVERLAP)
    if close < 0:
        raise _Irregular
    if buffer[close - 1] == ord("/"):
        return  # an empty element holds no value: calamine skips it
    explicit = EXPLICIT_CELL.match(buffer, start)
    if explicit is None:
        raise _Irregular
    letters, digits = explicit.groups()
    _check(sheet, area, _column_number(letters), int(digits), letters)


def _scan_tags(chunks: Iterable[bytes], sheet: str, area: SheetArea) -> None:
    """Every row and cell tag in order, positions as calamine assigns them: a row's
    ``r`` sets the row, a cell's ``r`` sets row and column, a cell without one takes the
    next column; an empty element (``<c/>``) is skipped."""
    row = column = 0  # 0-based, as calamine counts
    tail = b""
    for chunk in chunks:
        buffer = tail + chunk
        last = 0
        for match in TAG.finditer(buffer):
            last = match.end()
            closing, name, attributes = match.groups()
            if attributes.endswith(b"/"):
                continue
            if name == b"row":
                if closing:
                    row, column = row + 1, 0
                elif (found := REFERENCE.search(attributes)) and found.group(2):
                    row = int(found.group(2)) - 1
                continue
            if closing:
                continue
            found = REFERENCE.search(attributes)
            letters = b""
            if found and found.group(1) and found.group(2):
                letters = found.group(1)
                row, column = int(found.group(2)) - 1, _column_number(letters) - 1
            _check(sheet, area, column + 1, row + 1, letters)
            column += 1
        start = buffer.rfind(b"<", last)
        tail = buffer[start:] if start >= 0 else b""
