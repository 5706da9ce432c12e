"""Typed access to one sheet's rows, collecting Chinese errors instead of raising.

Every failure names the sheet, the Excel row and the column (header and letter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from decimal import Decimal
from operator import itemgetter

from jixiao.core.findings import Finding, Severity
from jixiao.core.money import FEN, WAN, NotANumber, parse_decimal
from jixiao.core.records import Location
from jixiao.io.cell_text_rules import CONTROL_OR_RETURN, normalised, text_problem
from jixiao.io.workbook_format import Cell, Column, SheetSpec
from jixiao.io.workbook_limits import NumberSize, workbook_limits

# No department's line comes near a 万亿元 (10^12 元): such a figure is a typing slip
# (a unit confusion or extra digits), so it is refused rather than reported.
MAX_AMOUNT_YUAN = Decimal("1000000000000")
UNIT_PATTERN = re.compile(r"金额单位\s*[:：]\s*(万元|元)")
HEADER_UNIT_PATTERN = re.compile(r"[（(](万元|元)[)）]\s*$")
YES = {"是", "Y", "y", "yes", "YES", "1", "√", "TRUE", "True", "true"}
NO = {"否", "N", "n", "no", "NO", "0", "×", "FALSE", "False", "false"}
HEADER_SEARCH_ROWS = 6


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as text; whole floats lose their ``.0`` (codes typed as numbers)."""
    kind = type(value)
    if kind is str:  # the common case first: this runs for nearly every cell
        return value.strip()
    if value is None:
        return ""
    if kind is float and value.is_integer():
        return str(int(value))
    return str(value).strip()


def shown_number(value: Decimal) -> str:
    """A number as a message quotes it: as written, or ``1.000000e+308`` when very long."""
    text = f"{value:f}"
    return text if len(text) <= 24 else f"{value:.6e}"


class SheetCells:
    """One sheet's header map and typed cell readers; errors accumulate in ``errors``."""

    def __init__(self, spec: SheetSpec, rows: list[list[object]], errors: list[Finding]):
        self.spec = spec
        self._by_key = {column.key: column for column in spec.columns}
        self.rows = rows
        self.errors = errors
        self.header_row = self._find_header_row()
        self.columns: dict[str, int] = {}
        self.unit_factor = Decimal(1)
        if self.header_row is None:
            self._error(None, None, f"找不到表头行（应包含“{spec.columns[0].header}”等列）")
            return
        self._map_columns()
        self._index = {column.key: self.columns.get(column.key, -1) for column in spec.columns}
        self._pad_data_rows()
        self._check_texts()
        limits = workbook_limits()
        self._sizes: dict[str, NumberSize] = {
            column.key: limits.number_sizes[column.header]
            for column in spec.columns
            if column.header in limits.number_sizes
        }
        if spec.has_money:
            self._read_unit()

    def _error(self, row: int | None, column: Column | None, message: str) -> None:
        letter = None
        if column is not None and column.key in self.columns:
            letter = column_letter(self.columns[column.key])
        where = Location(self.spec.name, row, column.header if column else None, letter)
        self.errors.append(Finding("INPUT", Severity.ERROR, message, where))

    def _find_header_row(self) -> int | None:
        first = self.spec.columns[0].header
        for index, row in enumerate(self.rows[:HEADER_SEARCH_ROWS]):
            if any(_strip_unit(cell_text(value)) == first for value in row):
                return index
        return None

    def _map_columns(self) -> None:
        assert self.header_row is not None
        headers = {
            _strip_unit(cell_text(value)): index
            for index, value in enumerate(self.rows[self.header_row])
        }
        for column in self.spec.columns:
            if column.header in headers:
                self.columns[column.key] = headers[column.header]
            elif column.required:
                self._error(self.header_row + 1, column, "缺少必填列")

    def _read_unit(self) -> None:
        assert self.header_row is not None
        texts = [cell_text(v) for row in self.rows[: self.header_row] for v in row]
        texts += [cell_text(v) for v in self.rows[self.header_row]]
        matches = (UNIT_PATTERN.search(text) or HEADER_UNIT_PATTERN.search(text) for text in texts)
        units = {match.group(1) for match in matches if match}
        if len(units) == 1:
            self.unit_factor = WAN if units == {"万元"} else Decimal(1)
            return
        # Two units (a 元 note above 万元 headers) would be a silent 10,000× error.
        message = (
            "金额单位不一致：同时写有“元”和“万元”，请统一"
            if units
            else "未声明金额单位：请在第 1 行写明“金额单位：元”或“金额单位：万元”"
        )
        # The unit belongs in the note cell, A1: point there (no column header applies).
        where = Location(self.spec.name, 1, None, column_letter(0))
        self.errors.append(Finding("INPUT", Severity.ERROR, message, where))

    @property
    def ok(self) -> bool:
        return self.header_row is not None and all(
            column.key in self.columns for column in self.spec.columns if column.required
        )

    def data_rows(self) -> Iterator[tuple[int, list[object]]]:
        """(Excel row number, cells) for every non-blank row below the header."""
        assert self.header_row is not None
        rows = self.rows
        for index in range(self.header_row + 1, len(rows)):
            row = rows[index]
            first = row[0]
            # A filled first cell settles it without looking at the rest of the row.
            if (
                (type(first) is str and first.strip())
                or (first is not None and type(first) is not str)
                or not all(is_blank(value) for value in row)
            ):
                yield index + 1, row

    def _pad_data_rows(self) -> None:
        """Give every row below the header a trailing None, which every absent column's
        index (-1) points at, so a cell lookup is a plain index with no bounds or presence
        check. The rows are the reader's own, fresh from the file: padded in place, since
        copying thousands of them costs more than the lookups it saves."""
        assert self.header_row is not None
        width = max((index + 1 for index in self.columns.values()), default=0)
        for row in self.rows[self.header_row + 1 :]:
            if len(row) < width:
                row.extend([None] * (width - len(row)))
            row.append(None)

    def _check_texts(self) -> None:
        """Refuse text a cell of a read text column cannot hold: longer than what stores
        it, or with control characters (which no document can carry); a carriage return
        becomes a line break. Column by column on the transposed rows, since nearly every
        column is clean; only a column with a finding is gone through cell by cell.
        (Number and yes/no columns hold no text: a word there is refused as such.)"""
        assert self.header_row is not None
        data = self.rows[self.header_row + 1 :]
        if not data:
            return
        limits = workbook_limits()
        # Rows differ in length past the padding; every read column lies within it.
        transposed = list(zip(*data, strict=False))
        for column in self.spec.columns:
            index = self.columns.get(column.key)
            if index is None or column.kind is not Cell.TEXT:
                continue
            texts = transposed[index]
            try:  # a text column is nearly always all text ('' for an empty cell)
                joined = "".join(texts)  # type: ignore[arg-type]
            except TypeError:
                texts = tuple(value for value in texts if type(value) is str)
                joined = "".join(texts)  # type: ignore[arg-type]
            limit = limits.text_length(self.spec.name, column.header)
            if CONTROL_OR_RETURN.search(joined) or (
                len(joined) > limit and max(map(len, texts)) > limit
            ):
                self._check_column_texts(data, index, column, limit)

    def _check_column_texts(
        self, data: list[list[object]], index: int, column: Column, limit: int
    ) -> None:
        assert self.header_row is not None
        for offset, row in enumerate(data):
            value = row[index]
            if type(value) is not str:
                continue
            row[index] = value = normalised(value)
            problem = text_problem(value, limit)
            if problem:
                self._error(self.header_row + 2 + offset, column, problem)

    def location(self, row: int, key: str | None = None) -> Location:
        if key is None or key not in self.columns:
            return Location(self.spec.name, row)
        header = self._by_key[key].header
        return Location(self.spec.name, row, header, column_letter(self.columns[key]))

    def raw(self, row: list[object], key: str) -> object:
        """A cell of a row from ``data_rows`` (None for a column the sheet lacks)."""
        return row[self._index.get(key, -1)]

    def plain(self, row: list[object], key: str) -> str:
        """A cell's text with no check (for optional free-text columns)."""
        value = row[self._index.get(key, -1)]
        return value.strip() if type(value) is str else cell_text(value)

    def getter(self, keys: tuple[str, ...]) -> itemgetter:
        """A function from a row of ``data_rows`` to the cells of ``keys``, in that order."""
        return itemgetter(*(self._index.get(key, -1) for key in keys))

    def plains(self, row: list[object], keys: tuple[str, ...]) -> list[str]:
        """``plain`` for several columns in one call (a sheet's free-text columns)."""
        index = self._index
        return [cell_text(row[index.get(key, -1)]) for key in keys]

    def text(self, number: int, row: list[object], key: str) -> str:
        value = row[self._index.get(key, -1)]
        value = value.strip() if type(value) is str else cell_text(value)
        if not value and self._by_key[key].required:
            self._error(number, self._by_key[key], "必填项为空")
        return value

    def number(self, number: int, row: list[object], key: str) -> Decimal | None:
        value = row[self._index.get(key, -1)]
        if type(value) is float or type(value) is int:  # the common case, checked first
            with suppress(NotANumber):  # NaN and infinities fall through to the error
                return self._sized(number, key, parse_decimal(value))
        column = self._by_key[key]
        if is_blank(value):
            if column.required:
                self._error(number, column, "必填项为空")
            return None
        if isinstance(value, str) and value.strip().endswith(("%", "％")):
            value = value.strip()[:-1]  # "95%" in a target cell is the number 95
        try:
            return self._sized(number, key, parse_decimal(value))
        except NotANumber:
            self._error(number, column, f"应为数字，实为“{cell_text(value)}”")
            return None

    def _sized(self, number: int, key: str, value: Decimal) -> Decimal | None:
        """``value`` if its column can store it; else an error naming the limit, and None."""
        size = self._sizes.get(key)
        problem = size.problem(value) if size is not None else None
        if problem is None:
            return value
        self._error(number, self._by_key[key], f"{problem}，实为“{shown_number(value)}”")
        return None

    def amount(self, number: int, row: list[object], key: str) -> Decimal:
        """Money in the sheet's unit → exact 元 (blank optional amounts are zero)."""
        raw = cell_text(self.raw(row, key))
        column = self._by_key[key]
        if raw.endswith(("%", "％")):
            self._error(number, column, f"应为金额，实为百分数“{raw}”")
            return Decimal(0)
        value = self.number(number, row, key)
        if value is None:
            return Decimal(0)
        yuan = value * self.unit_factor
        # Size before precision: quantizing an absurd figure (1e30) overflows the context.
        if yuan < 0:
            self._error(number, column, f"金额不能为负数，实为“{raw}”")
        elif yuan >= MAX_AMOUNT_YUAN:
            self._error(number, column, f"金额“{raw}”达到一万亿元，请检查单位或位数")
        elif yuan != yuan.quantize(FEN):
            self._error(number, column, f"金额“{raw}”精度超过分")
        else:
            return yuan.quantize(FEN)
        return Decimal(0)

    def yes_no(self, number: int, row: list[object], key: str, default: bool) -> bool:
        value = cell_text(self.raw(row, key))
        if not value:
            return default
        if value in YES:
            return True
        if value in NO:
            return False
        self._error(number, self._by_key[key], f"应填“是”或“否”，实为“{value}”")
        return default

    def choice(
        self, number: int, row: list[object], key: str, allowed: dict[str, object]
    ) -> object:
        """A value from a closed list; an unknown one is an error listing the options."""
        exact = allowed.get(row[self._index.get(key, -1)])  # type: ignore[call-overload]
        if exact is not None:  # a cell typed exactly as listed: no stripping or checks needed
            return exact
        value = self.text(number, row, key)
        if not value:
            return None
        if value in allowed:
            return allowed[value]
        options = "、".join(dict.fromkeys(str(v) for v in allowed.values()))
        self._error(number, self._by_key[key], f"“{value}”不是可选值（{options}）")
        return None

    def invalid(self, number: int, key: str, message: str) -> None:
        self._error(number, self._by_key[key], message)


def _strip_unit(header: str) -> str:
    """``年初预算数（万元）`` → ``年初预算数``: a unit in a header still names the column."""
    return HEADER_UNIT_PATTERN.sub("", header).strip()
