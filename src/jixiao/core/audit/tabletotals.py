"""Totals and shares in a report's figure tables: the 合计 row, the 占比 column, 其中 rows.

A table is checked only when its layout leaves no doubt which rows add up: a header
naming the label column and the value columns, one 合计 (or 总计) row first or last,
and part rows of one level (no 小计, no 其中, no outline levels or 类/款/项 codes of
different lengths mixed). A 其中 row is checked on its own: it cannot exceed the row
it belongs to. Tolerances come from the digits written, as in the prose checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.audit.bounds import agrees, ratio, ratio_range
from jixiao.core.audit.columns import Column, is_label_header, value_column, without_unit
from jixiao.core.audit.document import Block, Table
from jixiao.core.audit.extract import Extraction
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.outline import parse_marker
from jixiao.core.audit.scoretable import cell_number
from jixiao.core.findings import Severity
from jixiao.core.money import ZERO, quantize_half_up, rounding_tolerance, stated_places
from jixiao.core.profile import RulesProfile

_TOTAL_LABELS = frozenset({"合计", "总计", "共计"})
_SUBTOTAL_WORDS = ("合计", "小计", "总计", "共计", "其中")
_PART_OF = re.compile(r"^其中[:：]?")
_CODE = re.compile(r"^\d{3,7}")
_BLANK = frozenset({"", "—", "——", "-", "/", "－"})


@dataclass(frozen=True, slots=True)
class FigureTable:
    """A table read as label rows and typed value columns (by grid index)."""

    table: Table
    columns: dict[int, Column]

    def label(self, row: int) -> str:
        """The row's label: its first cell, blanks removed."""
        return re.sub(r"\s+", "", self.table.rows[row][0])

    def cell(self, row: int, column: int) -> str:
        """The cell's text, stripped."""
        return self.table.rows[row][column].strip()


def check_table_totals(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Each figure table: its 合计 row against the parts, shares against the amounts, and
    every 其中 row against the row it is part of."""
    for table in extraction.document.tables:
        figures = figure_table(table)
        if figures is None:
            continue
        yield from _check_parts_of(figures)
        yield from _check_row_totals(figures)
        split = _total_and_parts(figures)
        if split is not None:
            total, parts = split
            sums = list(_check_sums(figures, total, parts))
            yield from sums
            # a wrong 合计 makes every share of it wrong: the sum finding says it once
            wrong = {f.place.column - 1 for f in sums if f.severity is Severity.ERROR}
            yield from _check_shares(figures, total, parts, wrong)


def figure_table(table: Table) -> FigureTable | None:
    """The table's value columns when its first row is a header of known words."""
    if not table.complete or len(table.rows) < 3 or not is_label_header(table.rows[0][0]):
        return None
    header = table.rows[0]
    # a merged cell repeats its text: "项目 | 项目 | 决算数" is one label column, twice
    spans = [index for index in range(1, len(header)) if header[index] != header[index - 1]]
    if any(is_label_header(header[index]) for index in spans):
        return None  # two tables side by side (收入 | 支出): rows do not add up across
    columns = {index: kind for index in spans if (kind := value_column(header[index])) is not None}
    return FigureTable(table, columns) if columns else None


def _total_and_parts(figures: FigureTable) -> tuple[int, list[int]] | None:
    """The 合计 row and its parts, when the parts are all of one level."""
    rows = range(1, len(figures.table.rows))
    totals = [row for row in rows if figures.label(row) in _TOTAL_LABELS]
    if len(totals) != 1 or totals[0] not in (rows[0], rows[-1]):
        return None
    parts = [row for row in rows if row != totals[0]]
    labels = [figures.label(row) for row in parts]
    if len(parts) < 2 or any(word in label for label in labels for word in _SUBTOTAL_WORDS):
        return None
    if len({_level(label) for label in labels}) > 1:
        return None  # 一、 beside （一）, or 201 beside 20101: a hierarchy, not a partition
    return totals[0], parts


def _level(label: str) -> str:
    marker = parse_marker(label)
    code = _CODE.match(label)
    return f"{marker.style if marker else ''}:{len(code.group(0)) if code else 0}"


def _places(text: str) -> Decimal:
    return stated_places(text.rstrip("%％").strip())


def _number(text: str) -> Decimal | None:
    return ZERO if text in _BLANK else cell_number(text)


def _check_sums(figures: FigureTable, total: int, parts: list[int]) -> Iterator[AuditFinding]:
    for column, kind in figures.columns.items():
        if kind in (Column.AMOUNT, Column.COUNT):
            finding = _column_sum(figures, column, total, parts)
            if finding is not None:
                yield finding


def _column_sum(
    figures: FigureTable, column: int, total: int, parts: list[int]
) -> AuditFinding | None:
    stated = cell_number(figures.cell(total, column))
    values = [_number(figures.cell(row, column)) for row in parts]
    if stated is None or any(value is None for value in values):
        return None
    summed = sum((value for value in values if value is not None), ZERO)
    gap = summed - stated
    if gap == 0:
        return None
    texts = [figures.cell(row, column) for row in (total, *parts)]
    places = max(_places(text) for text in texts if text not in _BLANK)
    parts_values = [value for value in values if value is not None]
    if abs(gap) > rounding_tolerance(len(parts), places) and _nests(parts_values, places):
        return None  # a 类 row followed by its 款 rows: indents lost, levels unknown
    computed = _show(summed, places)
    stated_text = figures.cell(total, column)
    name = figures.cell(0, column)
    if abs(gap) <= rounding_tolerance(len(parts), places):
        message = (
            f"“{name}”列各行合计 {computed}，所填合计 {stated_text}，"
            "差额在各行四舍五入的误差范围内。"
        )
        severity, code = Severity.INFO, "table-sum-rounding"
    else:
        message = (
            f"“{name}”列各行合计 {computed}，与所填合计 {stated_text} "
            f"相差 {_show(abs(gap), places)}。"
        )
        severity, code = Severity.ERROR, "table-sum-mismatch"
    return _finding(figures, total, column, code, severity, message, stated_text, computed)


def _nests(values: list[Decimal], places: Decimal) -> bool:
    """Whether some row is the sum of the rows right after it: a subtotal, so the rows
    are of more than one level (a flattened table loses the indents that showed it)."""
    for index, value in enumerate(values[:-1]):
        running = ZERO
        for count, following in enumerate(values[index + 1 :], start=1):
            running += following
            if abs(running - value) <= rounding_tolerance(count, places) and value != ZERO:
                return True
            if running > value:
                break
    return False


def _check_shares(
    figures: FigureTable, total: int, parts: list[int], wrong_totals: set[int]
) -> Iterator[AuditFinding]:
    """Each part's share against its amount ÷ the 合计 of an amount column before it.

    "本年决算数 | 上年决算数 | 占比": which year the share is of, the header does not
    say, so a share any of those columns explains is right; one none explains is
    shown against the nearest column that is not last year's.
    """
    for column, kind in figures.columns.items():
        if kind is not Column.SHARE:
            continue
        bases = [
            c
            for c, k in figures.columns.items()
            if k in (Column.AMOUNT, Column.COUNT) and c < column and c not in wrong_totals
        ]
        bases = [c for c in bases if _whole(figures, total, c)]
        if not bases:
            continue
        shown = next((c for c in reversed(bases) if "上年" not in figures.cell(0, c)), bases[-1])
        for row in parts:
            if not any(
                _share_agrees(figures, row, column, base, total) is not False for base in bases
            ):
                yield _share_finding(figures, row, column, shown, total)


def _whole(figures: FigureTable, total: int, column: int) -> bool:
    whole = cell_number(figures.cell(total, column))
    return whole is not None and whole != ZERO


def _share_agrees(
    figures: FigureTable, row: int, column: int, base: int, total: int
) -> bool | None:
    """Whether the share agrees with amount ÷ 合计; None when a cell holds no figure."""
    share_text, amount_text = figures.cell(row, column), figures.cell(row, base)
    whole_text = figures.cell(total, base)
    share, amount, whole = cell_number(share_text), _number(amount_text), cell_number(whole_text)
    if share is None or amount is None or whole is None:
        return None
    exact = amount_text in _BLANK or figures.columns[base] is Column.COUNT  # counts are exact
    amount_half = ZERO if exact else _places(amount_text) / 2
    whole_half = ZERO if figures.columns[base] is Column.COUNT else _places(whole_text) / 2
    bounds = ratio_range(amount, amount_half, whole, whole_half)
    return bounds is None or agrees(share, _places(share_text) / 2, *bounds)


def _share_finding(
    figures: FigureTable, row: int, column: int, base: int, total: int
) -> AuditFinding:
    share_text, amount_text = figures.cell(row, column), figures.cell(row, base)
    whole_text = figures.cell(total, base)
    amount, whole = _number(amount_text) or ZERO, cell_number(whole_text) or ZERO
    computed = f"{quantize_half_up(ratio(amount, whole), _places(share_text))}%"
    message = (
        f"“{figures.label(row)}”{amount_text or 0} 占合计 {whole_text} 的 {computed}，"
        f"表中填 {share_text}。"
    )
    return _finding(
        figures, row, column, "table-share-mismatch", Severity.ERROR, message, share_text, computed
    )


def _check_row_totals(figures: FigureTable) -> Iterator[AuditFinding]:
    """ "项目 | 合计 | 基本支出 | 项目支出": each row's 合计 against the columns after it,
    when every one of them is an amount of this year (no 上年 column to mix in)."""
    header = [re.sub(r"\s+", "", without_unit(cell)) for cell in figures.table.rows[0]]
    totals = [c for c in figures.columns if header[c] in _TOTAL_LABELS]
    if len(totals) != 1:
        return
    total = totals[0]
    parts = [c for c in range(total + 1, len(header))]
    if len(parts) < 2 or any(
        figures.columns.get(c) is not Column.AMOUNT or "年" in header[c] for c in parts
    ):
        return
    for row in range(1, len(figures.table.rows)):
        stated_text = figures.cell(row, total)
        stated = cell_number(stated_text)
        values = [_number(figures.cell(row, c)) for c in parts]
        if stated is None or any(value is None for value in values):
            continue
        summed = sum((value for value in values if value is not None), ZERO)
        texts = [figures.cell(row, c) for c in (total, *parts)]
        places = max(_places(text) for text in texts if text not in _BLANK)
        if abs(summed - stated) <= rounding_tolerance(len(parts), places):
            continue
        computed = _show(summed, places)
        message = (
            f"“{figures.label(row)}”一行各列合计 {computed}，与所填合计 {stated_text} "
            f"相差 {_show(abs(summed - stated), places)}。"
        )
        yield _finding(
            figures,
            row,
            total,
            "table-sum-mismatch",
            Severity.ERROR,
            message,
            stated_text,
            computed,
        )


def _check_parts_of(figures: FigureTable) -> Iterator[AuditFinding]:
    """A 其中 row, alone or with the 其中 rows after it, no larger than its parent row."""
    rows = figures.table.rows
    for parent in range(1, len(rows)):
        if _PART_OF.match(figures.label(parent)):
            continue
        children = []
        for row in range(parent + 1, len(rows)):
            if not _PART_OF.match(figures.label(row)) and not (
                children and _continues(figures, row)
            ):
                break
            children.append(row)
        if children:
            yield from _children_exceed(figures, parent, children)


def _continues(figures: FigureTable, row: int) -> bool:
    """ "其中：A" then "B" indented under it: the 其中 list goes on while labels are marked
    as its items (a leading blank in the cell)."""
    return figures.table.rows[row][0].startswith((" ", "\u3000"))


def _children_exceed(
    figures: FigureTable, parent: int, children: list[int]
) -> Iterator[AuditFinding]:
    for column, kind in figures.columns.items():
        if kind not in (Column.AMOUNT, Column.COUNT):
            continue
        whole = cell_number(figures.cell(parent, column))
        values = [_number(figures.cell(row, column)) for row in children]
        if whole is None or any(value is None for value in values):
            continue
        summed = sum((value for value in values if value is not None), ZERO)
        texts = [figures.cell(row, column) for row in (parent, *children)]
        places = max(_places(text) for text in texts if text not in _BLANK)
        if summed - whole <= rounding_tolerance(len(children), places):
            continue
        computed = _show(summed, places)
        stated = figures.cell(parent, column)
        message = (
            f"“{figures.label(parent)}”{stated}，其中所列 {computed} 超过了它，"
            f"多出 {_show(summed - whole, places)}。"
        )
        yield _finding(
            figures,
            parent,
            column,
            "table-part-exceeds-total",
            Severity.ERROR,
            message,
            stated,
            computed,
        )


def _show(value: Decimal, places: Decimal) -> str:
    return f"{quantize_half_up(value, places):,}" if places < 1 else f"{value:,}"


def _finding(
    figures: FigureTable,
    row: int,
    column: int,
    code: str,
    severity: Severity,
    message: str,
    stated: str,
    computed: str,
) -> AuditFinding:
    table = figures.table
    block = Block(table.rows[row][column], table.place(row, column), table.section)
    return finding_at(
        block, (0, len(block.text)), code, severity, message, stated=stated, computed=computed
    )
