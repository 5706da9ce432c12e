"""Counts against the items the text lists: "三个方面：一是…二是…三是…", "A、B、C 3 个项目".

A count followed by a colon promises a list, inline (一是 / （1） / ①) or as the numbered
paragraphs that follow; a count preceded by a "、" list counts that list, unless 等 says
the list is only a sample.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.core.audit.brackets import bracket_spans, split_top_level, without_brackets
from jixiao.core.audit.extract import Extraction, Mention, Paragraph, clause_start
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import Kind, chinese_integer
from jixiao.core.audit.outline import Heading
from jixiao.core.findings import Severity
from jixiao.core.profile import RulesProfile

_OPENS_LIST = re.compile(
    r"[\u4e00-\u9fff“”\"]{0,10}?"
    r"(?:：|:|[，,]?(?:具体)?如下|[，,]?分别(?:是|为)|[，,]?包括|[，,](?:即|为|有)(?![关效利])[：:]?)"
)
_INLINE_ENUMERATORS = (
    re.compile(r"(?:^|[，。；：:、\s])([一二三四五六七八九十]{1,3})是"),
    re.compile(r"[（(](\d{1,2})[）)]"),
    re.compile("([\u2460-\u2473])"),
    re.compile(r"(?:^|[。；：:\s])(\d{1,2})[.．、](?!\d)"),
)
_NAMES_IN_BRACKET = re.compile(r"[\u4e00-\u9fff]{1,10}[（(]")
_JOINERS = ("和", "及", "与", "以及")
_COUNTED_GROUP = re.compile(r"[\d０-９一二三四五六七八九十两]+\s*[个家所项名人座条处]")
_TOTAL_WORDS = ("共", "合计", "总计", "累计")
MAX_ITEM_LENGTH = 20


def check_listed_counts(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Every count that announces a list, or closes one, against the items listed."""
    headings = extraction.document.headings
    for paragraph in extraction.paragraphs:
        previous_end = 0
        for mention in paragraph.mentions:
            quantity = mention.quantity
            if quantity.kind is Kind.COUNT and quantity.value == int(quantity.value):
                yield from _following_list(paragraph, mention, headings)
                yield from _bracketed_list(paragraph, mention)
                yield from _preceding_list(paragraph, mention, previous_end)
            previous_end = quantity.end


def _following_list(
    paragraph: Paragraph, mention: Mention, headings: tuple[Heading, ...]
) -> Iterator[AuditFinding]:
    text = paragraph.block.text
    opener = _OPENS_LIST.match(text, mention.quantity.end)
    if opener is None:
        return
    rest = text[opener.end() :]
    listed = _inline_items(rest)
    if listed is None and not rest.strip():
        listed = _following_headings(paragraph.block.place.paragraph, headings)
    if listed is None:
        listed, severity = _enumeration_by_commas(rest), Severity.WARNING
    else:
        severity = Severity.ERROR
    stated = int(mention.quantity.value)
    if listed is None or stated in listed:
        return
    shown = "或".join(str(number) for number in sorted(listed))
    message = f"文中说“{mention.quantity.text}”，随后列出的却是 {shown} 项。"
    span = (mention.quantity.start, opener.end())
    yield finding_at(
        paragraph.block,
        span,
        "count-mismatch",
        severity,
        message,
        stated=str(stated),
        computed=shown,
    )


def _bracketed_list(paragraph: Paragraph, mention: Mention) -> Iterator[AuditFinding]:
    """ "3个行政部门（甲、乙和丙）": the bracket names the items the count counts."""
    text = paragraph.block.text
    opener = _NAMES_IN_BRACKET.match(text, mention.quantity.end)
    if opener is None:
        return
    close = next((end for start, end in bracket_spans(text) if start == opener.end() - 1), None)
    inside = text[opener.end() : close] if close is not None else ""
    if "、" not in inside or inside.rstrip().endswith("等"):
        return
    listed = _items(inside)
    stated = int(mention.quantity.value)
    if listed is None or stated in listed:
        return
    shown = "或".join(str(number) for number in sorted(listed))
    message = f"文中说“{mention.quantity.text}”，括号中列出的却是 {shown} 项。"
    span = (mention.quantity.start, (close or opener.end()) + 1)
    yield finding_at(
        paragraph.block,
        span,
        "count-mismatch",
        Severity.WARNING,
        message,
        stated=str(stated),
        computed=shown,
    )


def _inline_items(rest: str) -> set[int] | None:
    """How many items an inline enumeration (一是… / （1）… / ①…) lists, if any."""
    for pattern in _INLINE_ENUMERATORS:
        numbers = [_ordinal(match.group(1)) for match in pattern.finditer(rest)]
        if numbers and numbers[0] == 1:
            count = 1
            while count < len(numbers) and numbers[count] == count + 1:
                count += 1
            return {count}
    return None


def _ordinal(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    if "\u2460" <= raw <= "\u2473":
        return ord(raw) - 0x2460 + 1
    return chinese_integer(raw)


def _following_headings(paragraph: int | None, headings: tuple[Heading, ...]) -> set[int] | None:
    """How many numbered paragraphs follow directly, at the level of the first one."""
    following = [item for item in headings if paragraph is not None and item.paragraph > paragraph]
    if not following or following[0].paragraph != paragraph + 1 or following[0].marker.number != 1:
        return None
    first = following[0]
    count = 0
    for item in following:
        if item.level < first.level:
            break
        if item.level == first.level and item.marker.style == first.marker.style:
            count += 1
    return {count}


def _enumeration_by_commas(rest: str) -> set[int] | None:
    """Items of a short "A、B和C" list ending the sentence; None when unclear or with 等."""
    sentence = re.split(r"[。；;]", rest, maxsplit=1)[0].strip()
    if "，" in sentence or "," in sentence or sentence.endswith("等"):
        return None
    return _items(sentence)


def _items(text: str) -> set[int] | None:
    """The items of "A、B和C" counted at the top level: "甲镇（A村、B村）、乙镇" is two."""
    items = [without_brackets(item).strip() for item in split_top_level(text, "、")]
    if len(items) < 2 or any(not 1 <= len(item) <= MAX_ITEM_LENGTH for item in items):
        return None
    if any(_COUNTED_GROUP.search(item) for item in items):
        return None  # "3家医院、12个中心" lists groups, not items
    joined = any(joiner in items[-1] for joiner in _JOINERS)
    return {len(items), len(items) + 1} if joined else {len(items)}


def _preceding_list(
    paragraph: Paragraph, mention: Mention, previous_end: int
) -> Iterator[AuditFinding]:
    text = paragraph.block.text
    start = max(clause_start(text, mention.quantity.start), previous_end)
    clause = text[start : mention.quantity.start].strip()
    if "、" not in without_brackets(clause) or any(word in clause for word in _TOTAL_WORDS):
        return
    sample = clause.endswith("等")
    listed = _items(clause.removesuffix("等").strip())
    stated = int(mention.quantity.value)
    if listed is None or stated in listed or (sample and stated > max(listed)):
        return
    shown = "或".join(str(number) for number in sorted(listed))
    message = f"前面列出 {shown} 项，却写作“{mention.quantity.text}”。"
    span = (start, mention.quantity.end)
    yield finding_at(
        paragraph.block,
        span,
        "count-mismatch",
        Severity.WARNING,
        message,
        stated=str(stated),
        computed=shown,
    )
