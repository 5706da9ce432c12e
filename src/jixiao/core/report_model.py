"""The report as plain blocks (headings, paragraphs, tables) that any renderer draws.

The narrative decides every word and figure; renderers (Word, HTML) only lay them out,
so the .docx and the .html say the same thing. The body ends with the signature block
(单位, 成文日期); appendices follow it, each on a page of its own.
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
    wide_columns: frozenset[int] = frozenset()  # names and text: they take the spare width


Block = Heading | Paragraph | Table


@dataclass(frozen=True, slots=True)
class Appendix:
    """附件 N: a title and its blocks, on a new page (landscape for wide tables)."""

    label: str  # 附件1
    title: str
    blocks: tuple[Block, ...]
    landscape: bool = False


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    blocks: tuple[Block, ...]
    signature: tuple[str, ...] = ()  # 单位, then 成文日期
    appendices: tuple[Appendix, ...] = ()
    cover_note: str = ""  # above the title, e.g. that the figures are an illustration
