"""Paragraphs and tables as a reader finds them, before the audit prepares its text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A paragraph as a reader found it, before the outline is known."""

    text: str
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as a reader found it; ``after`` counts the paragraphs that precede it.

    ``complete`` is False when some rows were shorter than the table and padded at the
    end: in columns aligned with spaces an empty cell leaves no trace, so which column a
    row's figures belong to is not known.
    """

    rows: tuple[tuple[str, ...], ...]
    after: int
    page: int | None = None
    complete: bool = True
