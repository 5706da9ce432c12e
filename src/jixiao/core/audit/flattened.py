"""Tables flattened to one cell a line, as copying a Word or PDF table into text gives.

Rows are not marked in such text: "项目 / 决算数 / 占比 / 一般公共预算 / 1,245.36 /
95.76%" is a three-column table only because its header names three columns. So a
table is rebuilt only where a header of known column words opens it (the label column
first: 项目, 科目 …; then the value columns: 预算数, 金额, 占比 …) and every row after it
is a label followed by exactly one value per value column. A label may wrap over
lines; a value is a figure or a blank cell (an empty line, "—", "-", "/"); a page
break may repeat the header (with page furniture before it). A run that stops where
more cells seem to follow is not guessed at: its cells are kept one a row, as cells
that no check sums, and out of the prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.core.audit.columns import is_column_name, is_label_header, value_column

_FIGURE = re.compile(r"^[-+]?\s*[\d０-９][\d０-９,，.．]*\s*[%％]?$")
_BLANK_CELLS = frozenset({"", "—", "——", "-", "--", "/", "－", "–", "…"})
_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[-—–\s]*$"
)
_FURNITURE_REACH = 4
_SENTENCE_MARKS = re.compile("[。，；！？]")
LABEL_MAX = 40
# the lines one table is read from at most (some 1,000 rows): a table is never longer,
# and each header tried reads no further
TABLE_LINES_MAX = 3_000
_WINDOWS = (200, 800, TABLE_LINES_MAX)  # most tables end within the first
LABEL_LINES_MAX = 3
MIN_ROWS = 2


@dataclass(frozen=True, slots=True)
class FlatTable:
    """A rebuilt table: its rows, and the lines it was read from (``start`` to ``end``)."""

    start: int
    end: int
    rows: tuple[tuple[str, ...], ...]


def flattened_tables(lines: list[str]) -> list[FlatTable]:
    """Every table flattened one cell a line in ``lines`` (blank lines included), rebuilt."""
    found: list[FlatTable] = []
    first_seen: dict[str, int] = {}
    for number, line in enumerate(lines):
        first_seen.setdefault(line.strip(), number)
    index = 0
    while index < len(lines):
        if not is_label_header(lines[index]):
            index += 1
            continue
        table = _table_at(lines, index, first_seen)
        cells, end = _cell_run(lines, index)
        if table is None and sum(1 for cell in cells if _is_figure(cell)) >= MIN_ROWS:
            # rows that cannot be told apart (two tables side by side, a cell lost): one
            # cell a row, so that no row is guessed, and so that their labels
            # ("一、一般公共预算财政拨款收入") are not read as the report's headings
            table = FlatTable(index, end, tuple((cell,) for cell in cells))
        if table is None:
            index = max(index + 1, end)  # no table starts inside a run without figures
        else:
            found.append(table)
            index = table.end
    return found


def _cell_run(lines: list[str], start: int) -> tuple[list[str], int]:
    """The cells from a header on, and the line after them.

    The run goes on over figures, blank cells and header words, and over a short line
    only when a figure follows it (a row's label).
    """
    cells: list[str] = []
    position = start
    while position < min(len(lines), start + TABLE_LINES_MAX):
        text = lines[position].strip()
        if not (
            not text
            or _is_value(text)
            or is_column_name(text)
            or (_is_label_line(text) and _figure_follows(lines, position + 1))
        ):
            break
        if text:
            cells.append(text)
        position += 1
    return cells, position


def _figure_follows(lines: list[str], position: int) -> bool:
    """Whether a figure comes within the next lines of a label (which may wrap)."""
    seen = 0
    while position < len(lines) and seen <= LABEL_LINES_MAX:
        text = lines[position].strip()
        if text:
            if _is_figure(text) or text in _BLANK_CELLS:
                return True
            if not _is_label_line(text):
                return False
            seen += 1
        position += 1
    return False


def _table_at(lines: list[str], start: int, first_seen: dict[str, int]) -> FlatTable | None:
    """The table whose header starts at ``start``, when exactly one reading of it fits.

    A header cell may also be a row's label ("合计" opens the rows of many 决算 tables),
    so each possible width is tried; two widths that both fit are a guess, refused.
    """
    fits = [
        table
        for cells, position, spaced in _headers_at(lines, start)
        if not _follows_itself(lines, start, cells)
        and (table := _rows_after(lines, start, cells, position, spaced, first_seen)) is not None
    ]
    return fits[0] if len(fits) == 1 else None


def _follows_itself(lines: list[str], start: int, header: tuple[str, ...]) -> bool:
    """Whether the same header cells stand right before: the right half of two tables
    side by side ("项目 / 决算数 / 项目 / 决算数"), whose rows alternate between them."""
    before = [line.strip() for line in lines[max(start - 2 * len(header), 0) : start]]
    return "".join(text for text in before if text).endswith("".join(header))


def _rows_after(
    lines: list[str],
    start: int,
    header: tuple[str, ...],
    position: int,
    spaced: bool,
    first_seen: dict[str, int],
) -> FlatTable | None:
    """The table read from ``position`` on; a table that runs to the end of what was read
    is read again from a wider window, up to TABLE_LINES_MAX lines."""
    for reach in _WINDOWS:
        window = lines[: position + reach]
        texts, origin = _cell_lines(window, position, spaced)
        stream = _Stream(texts, lambda text: first_seen.get(text, start) < start)
        if stream.header_repeats(header):
            return None  # "项目 / 决算数 / 项目 / 决算数": two tables side by side, not rows
        rows = [header]
        while True:
            stream.skip_repeated_header(header)
            row = stream.row(len(header) - 1)
            if row is None:
                break
            rows.append(row)
        if stream.position < len(texts) or len(window) == len(lines):
            break
    else:
        return None  # longer than any table: its 合计 may lie past what was read
    if len(rows) - 1 < MIN_ROWS or stream.more_cells_follow():
        return None
    end = origin[stream.position] if stream.position < len(origin) else len(window)
    return FlatTable(start, end, tuple(rows))


def _cell_lines(lines: list[str], position: int, spaced: bool) -> tuple[list[str], list[int]]:
    """The lines from ``position``, one a cell, with the index each came from.

    Where a blank line spaces every cell (a web page copied), a run of n blank lines
    holds (n − 1) ÷ 2 empty cells; elsewhere each blank line is an empty cell.
    """
    if not spaced:
        return [line.strip() for line in lines[position:]], list(range(position, len(lines)))
    texts: list[str] = []
    origin: list[int] = []
    index = position
    while index < len(lines):
        run = index
        while run < len(lines) and not lines[run].strip():
            run += 1
        if run > index:
            empty = (run - index - 1) // 2 if run < len(lines) else 0
            texts.extend([""] * empty)
            origin.extend(range(index, index + empty))
            index = run
            continue
        texts.append(lines[index].strip())
        origin.append(index)
        index += 1
    return texts, origin


def _headers_at(lines: list[str], start: int) -> list[tuple[tuple[str, ...], int, bool]]:
    """Each header of two or more cells that can start at ``start``: its cells, the line
    after it, and whether blank lines only space the cells."""
    if not is_label_header(lines[start]):
        return []
    cells = [lines[start].strip()]
    position, spaced = start + 1, False
    if position + 1 < len(lines) and not lines[position].strip() and lines[position + 1].strip():
        spaced, position = True, position + 1  # a blank line after the first cell: spacing
    headers: list[tuple[tuple[str, ...], int, bool]] = []
    while position < len(lines):
        text = lines[position].strip()
        if _is_value_header(text):
            cells.append(text)
        elif (
            len(cells) > 1 and text and not _is_figure(text) and _is_value_header(cells[-1] + text)
        ):
            cells[-1] += text  # a header cell wrapped: "上年决算" / "数（万元）"
            headers.pop()
        else:
            break
        position += 1
        while spaced and position < len(lines) and not lines[position].strip():
            position += 1
        headers.append((tuple(cells), position, spaced))
    return headers


def _is_value_header(text: str) -> bool:
    return value_column(text) is not None


def _is_figure(text: str) -> bool:
    return _FIGURE.match(text) is not None


def _is_value(text: str) -> bool:
    return text in _BLANK_CELLS or _is_figure(text)


def _is_label_line(text: str) -> bool:
    return (
        bool(text)
        and not _is_value(text)
        and len(text) <= LABEL_MAX
        and "。" not in text
        and not is_column_name(text)
    )


class _Stream:
    """The cell lines after a header, read row by row."""

    def __init__(self, lines: list[str], seen_before: Callable[[str], bool]) -> None:
        self.lines = lines
        self.seen_before = seen_before  # stood before the table: what a page break repeats
        self.position = 0

    def _at(self, position: int) -> str | None:
        return self.lines[position] if position < len(self.lines) else None

    def row(self, values: int) -> tuple[str, ...] | None:
        """A label (wrapped over up to three lines) and ``values`` value cells, or None."""
        position = self._skip_blank_lines(self.position)
        label: list[str] = []
        while len(label) < LABEL_LINES_MAX:
            text = self._at(position)
            if text is None or not _is_label_line(text):
                break
            label.append(text)
            position += 1
        if not label:
            return None
        cells: list[str] = []
        for _ in range(values):
            text = self._at(position)
            if text is None or not _is_value(text):
                return None
            cells.append("" if text in _BLANK_CELLS else text)
            position += 1
        self.position = position
        return ("".join(label), *cells)

    def _skip_blank_lines(self, position: int) -> int:
        """Blank lines between rows: a row never starts with an empty cell."""
        while position < len(self.lines) and not self.lines[position].strip():
            position += 1
        return position

    def skip_repeated_header(self, header: tuple[str, ...]) -> None:
        """A page break: page number, running header or title, then the header again."""
        position = self._skip_blank_lines(self.position)
        for offset in range(_FURNITURE_REACH + 1):
            if self._at(position + offset) != header[0]:
                continue  # the header's first cell (项目 …) is one line of its own
            after = self._header_end(position + offset, header)
            if after is not None:
                skipped = [self._at(position + k) or "" for k in range(offset)]
                if all(_is_furniture(text, self.seen_before) for text in skipped):
                    self.position = after
                return

    def header_repeats(self, header: tuple[str, ...]) -> bool:
        """Whether the header's cells come again at once."""
        return self._header_end(self._skip_blank_lines(self.position), header) is not None

    def _header_end(self, position: int, header: tuple[str, ...]) -> int | None:
        """The line after the header repeated from ``position`` (wrapped as it may be)."""
        target, joined = "".join(header), ""
        while position < len(self.lines) and len(joined) < len(target):
            joined += self.lines[position]
            position += 1
        return position if joined == target else None

    def more_cells_follow(self) -> bool:
        """Whether the run stops on what still looks like cells: a figure, or a short
        label with a figure after it. Then a cell is missing or extra, and rows would be
        guessed."""
        position = self._skip_blank_lines(self.position)
        first = self._at(position)
        if first is None:
            return False
        if _is_figure(first):
            return True
        second = self._at(self._skip_blank_lines(position + 1))
        return _is_label_line(first) and second is not None and _is_figure(second)


def _is_furniture(text: str, seen_before: Callable[[str], bool]) -> bool:
    """A line a page break puts between rows: a page number, 续表, or a line that stood
    before the table already (the running header, the table's title, 单位：万元)."""
    return (
        not text
        or _PAGE_NUMBER.match(text) is not None
        or "续" in text
        or text.startswith("单位")
        or (seen_before(text) and not _is_figure(text) and not _SENTENCE_MARKS.search(text))
    )
