"""A report as the audit sees it: paragraphs and table cells, each with its place.

Readers (``jixiao.io.report_reader``) turn .txt, .docx and .pdf files into the raw
paragraphs and tables below; :func:`build_document` adds the outline, so that every
block knows the section it sits in. Nothing here touches a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jixiao.core.audit.outline import Heading, outline
from jixiao.core.audit.plaintext import prepare, read_plain_text
from jixiao.core.audit.raw import RawParagraph, RawTable

__all__ = ["Block", "Document", "Place", "RawParagraph", "RawTable", "Table", "build_document"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a span sits: a paragraph (and source line), a page, or a table cell."""

    paragraph: int | None = None
    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """The place in Chinese, as a reader would look for it: 第 2 页 表 1 第 3 行第 4 列."""
        parts = [f"第 {self.page} 页"] if self.page is not None else []
        if self.table is not None:
            parts.append(f"表 {self.table} 第 {self.row} 行第 {self.column} 列")
        elif self.line is not None:
            parts.append(f"第 {self.line} 行")
        elif self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        return " ".join(parts)

    def as_dict(self) -> dict[str, int | str | None]:
        """The place as JSON fields, with its Chinese description."""
        return {
            "paragraph": self.paragraph,
            "line": self.line,
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "description": self.describe(),
        }


@dataclass(frozen=True, slots=True)
class Block:
    """One run of text the audit reads: a paragraph, or the text of one table cell."""

    text: str
    place: Place
    section: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a grid; a merged cell's text repeats over the positions it spans.

    ``complete`` is False when short rows were padded and their cells' columns are not
    known (see ``RawTable``).
    """

    number: int
    rows: tuple[tuple[str, ...], ...]
    page: int | None = None
    section: str = ""
    complete: bool = True

    def place(self, row: int, column: int) -> Place:
        """The place of a cell given 0-based grid indices (shown 1-based)."""
        return Place(page=self.page, table=self.number, row=row + 1, column=column + 1)

    def cells(self) -> Iterator[Block]:
        """Each distinct non-empty cell once, in reading order."""
        for row_index, row in enumerate(self.rows):
            for column_index, text in enumerate(row):
                if text.strip() and (column_index == 0 or row[column_index - 1] != text):
                    yield Block(text, self.place(row_index, column_index), self.section)


@dataclass(frozen=True, slots=True)
class Document:
    """A report: its name, paragraphs, tables and outline."""

    name: str
    paragraphs: tuple[Block, ...]
    tables: tuple[Table, ...] = ()
    headings: tuple[Heading, ...] = ()

    def blocks(self) -> Iterator[Block]:
        """Every paragraph, then every table cell."""
        yield from self.paragraphs
        for table in self.tables:
            yield from table.cells()


def build_document(
    name: str,
    paragraphs: Iterable[RawParagraph],
    tables: Iterable[RawTable] = (),
    *,
    find_flattened: bool = True,
) -> Document:
    """Number the paragraphs, read the outline and give every block its section.

    The text is prepared first (``plaintext.prepare``): page furniture and a table of
    contents left out, tables written as text lifted out as tables, punctuation made
    full-width.
    """
    raw, tables = prepare(paragraphs, tables, find_flattened=find_flattened)
    headings, sections = outline([item.text.strip() for item in raw])
    blocks = tuple(
        Block(item.text.strip(), Place(index + 1, item.line, item.page), sections[index])
        for index, item in enumerate(raw)
    )
    built_tables = tuple(
        Table(
            number,
            table.rows,
            table.page,
            _section_before(sections, table.after),
            table.complete,
        )
        for number, table in enumerate(tables, start=1)
    )
    return Document(name, blocks, built_tables, headings)


def document_from_text(text: str, name: str = "") -> Document:
    """A plain-text report: its lines, wrapped ones joined back, as numbered paragraphs,
    and the tables flattened into it one cell a line."""
    paragraphs, tables = read_plain_text(text)
    return build_document(name, paragraphs, tables, find_flattened=False)


def _section_before(sections: list[str], after: int) -> str:
    return sections[after - 1] if 0 < after <= len(sections) else ""
