"""The report as plain blocks (headings, paragraphs, tables) that any renderer draws.

The narrative decides every word and figure; renderers (Word, HTML) only lay them out,
so the .docx and the .html say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1: 一、  2: （一）
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    generated: bool = True  # False: the department's own words, carried over as written


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric_columns: frozenset[int] = frozenset()
    note: str = ""


Block = Heading | Paragraph | Table


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    blocks: tuple[Block, ...]
    signature: tuple[str, ...] = ()
