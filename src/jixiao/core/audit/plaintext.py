"""Text as it comes out of Word, PDF and web pages, made into paragraphs and tables.

Whatever the format, a report's text carries things that are not its prose: page
numbers and running headers, a table of contents that repeats the outline, tables
written as text (pipes, tabs, columns aligned with spaces), half-width punctuation
from a web page or a PDF, and in plain text, lines wrapped at a fixed width. The
functions here undo that before the outline and the figures are read, so every check
sees the same paragraphs whatever the file was.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from jixiao.core.audit.flattened import FlatTable, flattened_tables
from jixiao.core.audit.outline import parse_marker
from jixiao.core.audit.raw import RawParagraph, RawTable

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[-—–\s]*$"
    r"|^第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页$"
)
_RUNNING_HEADER_WORDS = ("报告", "说明", "决算", "预算", "公开", "自评")
_TOC_TITLE = re.compile(r"^目\s*录$")
_TOC_ENTRY = re.compile(
    r"(?:\.{3,}|…{2,}|·{3,}|-{3,}|\s*PAGEREF\s+_Toc\d+\s*\\?h?)\s*\d{1,3}\s*$"
    r"|^[^\t]{2,40}\t\s*\d{1,3}\s*$"
)
_HALF_WIDTH = ((";", "；"), ("(", "（"), (")", "）"))
_PROSE_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")
_PROSE_COLON = re.compile(r"(?<!\d):|:(?!\d)")
# a full stop written "." after Chinese text, a percentage or a closing bracket ("增长
# 6.8%.其中"); a decimal point, an outline "1." and a web address stay
_PROSE_STOP = re.compile(r"(?<=[\u4e00-\u9fff%％）)”\"])\.(?![\d.])")
_TERMINAL = tuple("。！？!?”’」』）)")
_PAUSE = tuple("；：;:")
_CLAUSE_MARKS = re.compile(r"[，、；：,;:]")
_PUNCTUATION = re.compile(r"[，。、；：！？,.;:!?（）()“”]")
_ALIGNED = re.compile(r"\s{2,}|\u3000+")
_FIGURE = re.compile(r"^[-+]?[\d,，.．]+%?$")
RUNNING_HEADER_REPEATS = 3
RUNNING_HEADER_MAX = 40
TOC_ENTRY_MAX = 40
HEADING_MAX = 25
MIN_TABLE_CELLS = 3
WRAP_SLACK = 4
MIN_WRAP_WIDTH = 20
MIN_WRAPPED_LINES = 3


def normalize_punctuation(text: str) -> str:
    """Half-width commas, colons, semicolons, full stops and brackets of prose as full-width.

    Same length, so offsets still point into the text as written. A comma between
    digit groups (1,200.50), a colon between digits (9:30) and a decimal point stay
    as they are.
    """
    if "." in text:
        text = _PROSE_STOP.sub("。", text)
    if "," in text:
        text = _PROSE_COMMA.sub("，", text)
    if ":" in text:
        text = _PROSE_COLON.sub("：", text)
    for half, full in _HALF_WIDTH:
        if half in text:
            text = text.replace(half, full)
    return text


def prepare(
    paragraphs: Iterable[RawParagraph],
    tables: Iterable[RawTable] = (),
    *,
    find_flattened: bool = True,
) -> tuple[list[RawParagraph], list[RawTable]]:
    """The prose paragraphs and every table, page furniture and contents left out.

    A reader's table keeps its place: ``after`` is recounted over the paragraphs kept.
    Paragraphs that are the cells of a flattened table become that table (unless the
    caller has rebuilt them already, from lines that still hold the blank cells).
    """
    raw = [item for item in paragraphs if item.text.strip()]
    kept = {id(item) for item in _without_contents(_without_page_furniture(raw))}
    texts = [item.text for item in raw] if find_flattened else []
    flat = {table.start: table for table in flattened_tables(texts)}
    prose: list[RawParagraph] = []
    found: list[tuple[int, RawTable]] = []
    rows: list[tuple[RawParagraph, tuple[str, ...]]] = []
    prose_before = [0]  # prose_before[k]: prose paragraphs made from raw[:k]
    skip_to = 0
    for index, item in enumerate([*raw, None]):
        if index < skip_to:
            prose_before.append(len(prose))
            continue
        if index in flat:
            _flush_rows(rows, prose, found)
            rows = []
            found.append((len(prose), RawTable(flat[index].rows, len(prose), item.page)))
            skip_to = flat[index].end
            prose_before.append(len(prose))
            continue
        cells = _text_cells(item.text) if item is not None and id(item) in kept else None
        if item is not None and cells is not None:
            rows.append((item, cells))
        else:
            _flush_rows(rows, prose, found)
            rows = []
            if item is not None and id(item) in kept:
                prose.append(_prose(item))
        if item is not None:
            prose_before.append(len(prose))
    for table in tables:
        after = prose_before[min(table.after, len(raw))]
        found.append((after, RawTable(table.rows, after, table.page, table.complete)))
    ordered = sorted(found, key=lambda pair: pair[0])
    return prose, [table for _, table in ordered]


def _flush_rows(
    rows: list[tuple[RawParagraph, tuple[str, ...]]],
    prose: list[RawParagraph],
    found: list[tuple[int, RawTable]],
) -> None:
    """Rows of text cells become a table; a single row is no table, but prose."""
    if len(rows) >= 2:
        grid = _grid([cells for _, cells in rows])
        complete = len({len(cells) for _, cells in rows if cells}) == 1
        found.append((len(prose), RawTable(grid, len(prose), rows[0][0].page, complete)))
    else:
        prose.extend(_prose(row) for row, _ in rows)


def _prose(item: RawParagraph) -> RawParagraph:
    return RawParagraph(normalize_punctuation(item.text.strip()), item.line, item.page)


def read_plain_text(text: str) -> tuple[list[RawParagraph], list[RawTable]]:
    """Plain text as paragraphs and tables: wrapped lines joined back, flattened tables
    (one cell a line) rebuilt.

    A line runs on when it neither ends a sentence nor is followed by a heading, a
    table row or a blank line, and either it reaches the text's wrapping width or it
    stops inside a clause (it holds a comma, so it is prose, not a title). Flattened
    tables are read before page numbers are dropped: a bare "12" there is a cell.
    """
    lines = [line.rstrip() for line in text.replace("\f", "").splitlines()]
    flat = flattened_tables(lines)
    consumed = {index + 1 for table in flat for index in range(table.start, table.end)}
    outside = ["" if number in consumed else line for number, line in enumerate(lines, 1)]
    numbered = [
        (number, line)
        for number, line in _without_furniture_lines(outside)
        if number not in consumed
    ]
    width = _wrap_width([line for _, line in numbered])
    paragraphs: list[RawParagraph] = []
    tables: list[RawTable] = []
    pending = list(reversed(flat))
    current: list[str] = []
    first_line = 0
    for index, (number, line) in enumerate(numbered):
        if current and pending and pending[-1].start < number:
            paragraphs.append(RawParagraph(_joined(current), first_line))
            current = []
        while pending and pending[-1].start < number:
            tables.append(_raw_table(pending.pop(), len(paragraphs)))
        if not line.strip():
            if current:
                paragraphs.append(RawParagraph(_joined(current), first_line))
                current = []
            continue
        if not current:
            first_line = number
        # a table row keeps its indent: in aligned columns it stands for empty cells
        current.append(line if _text_cells(line) is not None else line.strip())
        following = numbered[index + 1][1] if index + 1 < len(numbered) else ""
        if not _runs_on(line, following, width) or _table_between(pending, number, numbered, index):
            paragraphs.append(RawParagraph(_joined(current), first_line))
            current = []
    if current:
        paragraphs.append(RawParagraph(_joined(current), first_line))
    tables.extend(_raw_table(table, len(paragraphs)) for table in reversed(pending))
    return paragraphs, tables


def _raw_table(table: FlatTable, after: int) -> RawTable:
    return RawTable(table.rows, after)


def _table_between(
    pending: list[FlatTable], number: int, numbered: list[tuple[int, str]], index: int
) -> bool:
    """Whether a flattened table sits between this line and the next: no run-on across it."""
    following = numbered[index + 1][0] if index + 1 < len(numbered) else None
    return bool(pending) and following is not None and number <= pending[-1].start < following


def _without_furniture_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The lines with their 1-based numbers, page numbers and running headers left out.

    They go first, so that a paragraph a page break cut in two joins up again. A
    header's first appearance stays, as the report's title, unless a page number is
    beside it and it is not the first line.
    """
    stripped = [line.strip() for line in lines]
    counts = Counter(stripped)
    numbers = [bool(text) and _PAGE_NUMBER.match(text) is not None for text in stripped]
    kept, seen = [], set()
    for index, text in enumerate(stripped):
        near_number = any(numbers[max(index - 2, 0) : index + 3])
        repeated = text in seen or (near_number and bool(seen - {""}))
        header = repeated and _is_running_header(text, counts, near_number)
        if not numbers[index] and not header:
            kept.append((index + 1, lines[index]))
        seen.add(text)
    return kept


def _runs_on(line: str, following: str, width: int | None) -> bool:
    stripped = line.strip()
    reaches = width is not None and _columns(line) >= width - WRAP_SLACK
    if not following.strip() or _ends_sentence(stripped):
        return False
    if stripped.endswith(_PAUSE) and not reaches:
        return False  # "；" or "：" at the wrapping width is mid-paragraph, else it ends a line
    if _text_cells(line) is not None or _text_cells(following) is not None:
        return False
    if parse_marker(following.strip()) is not None or _looks_like_heading(following):
        return False
    marker = parse_marker(stripped)
    body = stripped[len(marker.text) :] if marker else stripped
    if marker is not None and _looks_like_heading(body):
        return False
    return reaches or bool(_CLAUSE_MARKS.search(body))


def _ends_sentence(line: str) -> bool:
    return line.endswith(_TERMINAL) or (
        line.endswith(".") and _PROSE_STOP.search(line, len(line) - 1) is not None
    )


def _looks_like_heading(line: str) -> bool:
    """A short line without punctuation: a title or an unnumbered heading, not prose."""
    stripped = line.strip()
    return len(stripped) <= HEADING_MAX and not _PUNCTUATION.search(stripped)


def _wrap_width(lines: list[str]) -> int | None:
    """The column at which the text is wrapped, when several lines stop at it."""
    widths = Counter(
        _columns(line)
        for line in set(lines)
        if line.strip() and not _ends_sentence(line.strip()) and _columns(line) >= MIN_WRAP_WIDTH
    )
    if not widths:
        return None
    widest = max(widths)
    near = sum(count for width, count in widths.items() if width >= widest - WRAP_SLACK)
    return widest if near >= MIN_WRAPPED_LINES else None


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line.rstrip())


def _joined(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        gap = (
            " "
            if text[-1:].isascii()
            and text[-1:].isalnum()
            and line[:1].isascii()
            and line[:1].isalpha()
            else ""
        )
        text += gap + line
    return text


def _without_page_furniture(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Page numbers, and a running header or footer repeated on every page, dropped."""
    counts = Counter(item.text.strip() for item in paragraphs)
    return [
        item
        for index, item in enumerate(paragraphs)
        if not _PAGE_NUMBER.match(item.text.strip())
        and not (index and _is_running_header(item.text.strip(), counts))
    ]


def _is_running_header(text: str, counts: Counter[str], near_number: bool = False) -> bool:
    """A short line naming the report, on every page (or twice, beside a page number)."""
    repeats = 2 if near_number else RUNNING_HEADER_REPEATS
    return (
        parse_marker(text) is None  # a heading repeated by the contents is no header
        and counts[text] >= repeats
        and len(text) <= RUNNING_HEADER_MAX
        and any(word in text for word in _RUNNING_HEADER_WORDS)
    )


def _without_contents(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """A table of contents dropped: its entries, and the 目录 title before them.

    Entries end with a page number after dot leaders or a tab; or, without page
    numbers, they are the short lines from the first heading up to the point where the
    body repeats that heading.
    """
    kept = [item for item in paragraphs if not _is_numbered_entry(item.text.strip())]
    texts = [item.text.strip() for item in kept]
    start = next(
        (i for i, text in enumerate(texts) if parse_marker(text) or _TOC_TITLE.match(text)), None
    )
    if start is None:
        return kept
    first = start + 1 if _TOC_TITLE.match(texts[start]) else start
    if first >= len(texts):
        return kept[:start]
    for index in range(first + 1, len(texts)):
        if _same_heading(texts[index], texts[first]):
            return kept[:start] + kept[index:]
        if not _is_contents_entry(texts[index]):
            break
    if _TOC_TITLE.match(texts[start]):
        return kept[:start] + kept[start + 1 :]
    return kept


def _is_numbered_entry(text: str) -> bool:
    """A contents line: a title, leader dots or a tab, and its page number."""
    return text[-1:].isdigit() and _TOC_ENTRY.search(text) is not None


def _is_contents_entry(text: str) -> bool:
    return len(text) <= TOC_ENTRY_MAX and "。" not in text and "，" not in text


def _same_heading(text: str, heading: str) -> bool:
    return re.sub(r"\s+", "", text) == re.sub(r"\s+", "", heading)


def _text_cells(text: str) -> tuple[str, ...] | None:
    """The cells of a table row written as text (| a | b |, tabs, aligned columns).

    In aligned columns an indent stands for empty leading cells, but only on a row
    that holds a figure: an indented line of prose is no row.
    """
    line = text.rstrip()
    body = line.lstrip()
    if body.count("|") >= 2:
        cells = [cell.strip() for cell in body.strip("|").split("|")]
    elif body.count("\t") >= 2:
        cells = [cell.strip() for cell in body.split("\t")]
    elif "。" not in body and _ALIGNED.search(body):
        cells = [cell.strip() for cell in _ALIGNED.split(body)]
        if _ALIGNED.match(line) and any(_FIGURE.match(cell) for cell in cells):
            cells.insert(0, "")
    else:
        return None
    if all(set(cell) <= set("-:： ") for cell in cells):
        return ()  # a markdown rule |---|---| : part of the table, no row
    return tuple(cells) if len(cells) >= MIN_TABLE_CELLS else None


def _grid(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    rows = [row for row in rows if row]
    width = max(len(row) for row in rows)
    return tuple(row + ("",) * (width - len(row)) for row in rows)
