"""Brackets in prose: what a bracket encloses is an aside to the clause around it.

"一期投资300万元（其中工程280万元）" opens and closes its 其中 inside the bracket, and
"甲镇（A村、B村）、乙镇" lists two towns, not three items: every scope the audit reads
(a 其中 list, a stated sum, a "、" list) stops at, or steps over, a bracket.
"""

from __future__ import annotations

import functools
import re

_OPEN = "（(〔[［【"
_CLOSE = "）)〕]］】"
_PAIRS = dict(zip(_CLOSE, _OPEN, strict=True))
Spans = tuple[tuple[int, int], ...]
_BRACKET = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")


@functools.lru_cache(maxsize=256)
def bracket_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(open, close) offsets of every matched bracket pair, close inclusive.

    Cached: the checks ask again for the same paragraph.
    """
    spans, stack = [], []
    for match in _BRACKET.finditer(text):
        char, index = match.group(), match.start()
        if char in _OPEN:
            stack.append((char, index))
        elif stack and stack[-1][0] == _PAIRS[char]:
            spans.append((stack.pop()[1], index))
    return tuple(spans)


def enclosing(spans: Spans, offset: int) -> tuple[int, int] | None:
    """The innermost bracket pair holding ``offset``, or None at the top level."""
    inside = [span for span in spans if span[0] < offset <= span[1]]
    return max(inside, key=lambda span: span[0]) if inside else None


def same_level(spans: Spans, first: int, second: int) -> bool:
    """Whether two offsets sit inside the same bracket (or both outside any)."""
    return enclosing(spans, first) == enclosing(spans, second)


def split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split on ``separator`` wherever it stands outside every bracket."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
        elif char == separator and depth == 0:
            items.append(text[start:index])
            start = index + 1
    items.append(text[start:])
    return items


def without_brackets(text: str) -> str:
    """``text`` with every bracketed aside removed: "甲镇（A村、B村）" → "甲镇"."""
    spans = bracket_spans(text)
    outer = [span for span in spans if enclosing(spans, span[0]) is None]
    kept, position = [], 0
    for start, end in sorted(outer):
        kept.append(text[position:start])
        position = end + 1
    kept.append(text[position:])
    return "".join(kept)
