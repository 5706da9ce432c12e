"""The outline of a report: the numbered markers that open its paragraphs.

Chinese reports number their levels 一、 → （一） → 1. → （1） → ①, but a writer may skip
a level or mix half- and full-width brackets, so the levels are learned from the order
in which the marker styles first appear, the way a reader follows them; a style that
ranks above the open ones by that convention closes them (an excerpt may begin at
（三） and go on to 二、).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.core.audit.numbers import chinese_integer

_CHINESE_ORDINAL = "[一二三四五六七八九十]{1,3}"
_MARKERS = (
    ("chapter", re.compile(rf"^第({_CHINESE_ORDINAL})[章节部分]")),
    ("chinese", re.compile(rf"^({_CHINESE_ORDINAL})、")),
    ("chinese_paren", re.compile(rf"^[（(]({_CHINESE_ORDINAL})[）)]")),
    ("arabic_paren", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[.．、](?![\d.．])")),
    ("circled", re.compile("^([\u2460-\u2473])")),
)
_RANK = {style: rank for rank, (style, _) in enumerate(_MARKERS)}
_TITLE_END = re.compile(r"[。：:；;！？]")
TITLE_MAX = 25
SECTION_DEPTH = 2
SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbered marker at the start of a paragraph: its style, number and raw text."""

    style: str
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    """A numbered paragraph in the outline; ``title`` only when it reads as a heading."""

    paragraph: int
    level: int
    marker: Marker
    title: str


def parse_marker(text: str) -> Marker | None:
    """The outline marker a paragraph opens with, or None."""
    for style, pattern in _MARKERS:
        match = pattern.match(text)
        if match:
            return Marker(style, _marker_number(style, match.group(1)), match.group(0))
    return None


def _marker_number(style: str, raw: str) -> int:
    if style in ("arabic", "arabic_paren"):
        return int(raw)
    if style == "circled":
        return ord(raw) - 0x2460 + 1
    return chinese_integer(raw)


def heading_title(text: str, marker: Marker) -> str:
    """The paragraph as a section title when it is short enough to be one, else ''."""
    body = text[len(marker.text) :].strip()
    cut = _TITLE_END.search(body)
    if cut is not None and body[cut.end() :].strip():
        return ""
    title = body[: cut.start()] if cut else body
    return text[: len(marker.text)] + title.strip() if 0 < len(title) <= TITLE_MAX else ""


def outline(paragraphs: list[str]) -> tuple[tuple[Heading, ...], list[str]]:
    """The numbered paragraphs, and for each paragraph the section it belongs to."""
    headings: list[Heading] = []
    stack: list[Heading] = []
    sections: list[str] = []
    for index, text in enumerate(paragraphs, start=1):
        marker = parse_marker(text)
        if marker is not None:
            styles = [item.marker.style for item in stack]
            if marker.style in styles:
                del stack[styles.index(marker.style) :]
            else:
                # an excerpt may open below its top level: "（三）… 二、" puts 二、 above (三)
                rank = _RANK[marker.style]
                while stack and _RANK[stack[-1].marker.style] > rank:
                    stack.pop()
            heading = Heading(index, len(stack), marker, heading_title(text, marker))
            stack.append(heading)
            headings.append(heading)
        titles = [item.title for item in stack if item.title]
        sections.append(SEPARATOR.join(titles[:SECTION_DEPTH]))
    return tuple(headings), sections
