"""Numbering: outline markers and inline "一是…二是…" lists, repeated or skipped.

Each level counts from 1 under its parent; a number that repeats, skips or goes back
is a finding. Half- and full-width brackets count as the same marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core.audit.document import Block
from jixiao.core.audit.extract import Extraction
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import chinese_integer
from jixiao.core.audit.outline import parse_marker
from jixiao.core.findings import Severity
from jixiao.core.profile import RulesProfile

_INLINE = (
    ("", re.compile(r"(?:^|(?<=[，。；：:、\s]))([一二三四五六七八九十]{1,3})是")),
    ("", re.compile(r"(?:^|(?<=[，。；：:\s]))第([一二三四五六七八九十]{1,3})[，,、：:]")),
    # "：1.…；2.…。3.…": after a stop or colon only, so 3.5% and 2023.12 are no items
    ("arabic", re.compile(r"(?<=[。；;：:])\s*(\d{1,2})[.．、](?![\d.．])")),
)


def check_outline_numbering(
    extraction: Extraction, profile: RulesProfile
) -> Iterator[AuditFinding]:
    """Each outline level numbered 1, 2, 3 … under its parent."""
    paragraphs = extraction.document.paragraphs
    last: dict[int, tuple[str, int]] = {}
    for heading in extraction.document.headings:
        for level in [level for level in last if level > heading.level]:
            del last[level]
        style, previous = last.get(heading.level, ("", 0))
        if style != heading.marker.style:
            previous = 0  # another style at this level starts its own count
        last[heading.level] = (heading.marker.style, heading.marker.number)
        if previous == 0 and heading.level == 0:
            continue  # an excerpt may begin at any top-level item: nothing precedes it
        problem = _sequence_problem(previous, heading.marker.number)
        if problem:
            block = paragraphs[heading.paragraph - 1]
            message = f"编号“{heading.marker.text}”{problem}。"
            yield _finding(block, (0, len(heading.marker.text)), message, previous)


def _sequence_problem(previous: int, number: int) -> str:
    """What is wrong with ``number`` coming after ``previous`` ('' when nothing)."""
    if number == previous + 1:
        return ""
    if number == previous:
        return "与上一项重复"
    if number > previous + 1:
        return f"跳号（上一项是第 {previous} 项）" if previous else "没有从第 1 项开始"
    return f"顺序颠倒（上一项是第 {previous} 项）"


def _finding(block: Block, span: tuple[int, int], message: str, previous: int) -> AuditFinding:
    return finding_at(
        block,
        span,
        "numbering",
        Severity.WARNING,
        message,
        stated=block.text[span[0] : span[1]],
        computed=str(previous + 1),
    )


def check_inline_numbering(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "一是…二是…" and "第一，第二，" lists, across paragraphs until the next heading."""
    paragraphs = extraction.document.paragraphs
    markers = [parse_marker(block.text) for block in paragraphs]
    for style, pattern in _INLINE:
        previous = 0
        for block, marker in zip(paragraphs, markers, strict=True):
            if marker is not None:
                # "1.加强管理；2.提高效率": the paragraph's own marker is the list's first item
                previous = marker.number if marker.style == style else 0
            for match in pattern.finditer(block.text):
                raw = match.group(1)
                number = int(raw) if raw.isdigit() else chinese_integer(raw)
                if style and previous == 0:
                    previous = number  # a numbered list continued from before the excerpt
                    continue
                problem = "" if number == 1 else _sequence_problem(previous, number)
                if problem:
                    message = f"列举“{match.group(0)}”{problem}。"
                    yield _finding(block, match.span(), message, previous)
                previous = number
