"""Parts against totals: "其中" lists, stated sums and change breakdowns.

A total written to two decimals is the rounding of an exact sum, so it may differ from
the sum of its rounded parts by up to half a unit of the last digit per rounded part
(``bounds.exact_half``: a figure written with fewer decimals than its neighbours, or a
count, is exact). Inside that tolerance a gap is at most ``info``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.audit.bounds import exact_half
from jixiao.core.audit.brackets import Spans, bracket_spans, enclosing, same_level
from jixiao.core.audit.extract import Extraction, Mention, Paragraph
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import Kind, Quantity, show
from jixiao.core.findings import Severity
from jixiao.core.profile import RulesProfile

_ITEMIZE = "其中"
_SUM_WORDS = re.compile(r"(合计|共计|总计|加总|总额为|总额|合计为|共计为|总计为)\s*$")
_BREAKDOWN_START = re.compile(
    r"^\s*(主要变动情况|主要变动|主要原因|主要是|主要为|具体为|具体是|其中)"
)
_SEGMENT_END = re.compile("[；;。！？!?]")
_PARTIAL_WORDS = ("等", "主要")
_COMPARATIVES = ("比", "较", "同比", "相比")
_LEVEL = re.compile(r"[一二三四五1-5]级")
_OPENING_STOCK = re.compile(r"(?:年初|期初|上年末|上年底)")
_CLOSING_STOCK = re.compile(r"(?:年末|期末|年底|截至年底|截至年末)")


@dataclass(frozen=True, slots=True)
class Itemization:
    """A total and the parts the text gives for it ("其中" list or stated sum)."""

    paragraph: Paragraph
    total: Mention
    parts: tuple[Mention, ...]
    partial: bool
    stated_sum: bool


def check_itemized_totals(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Every "其中" list and every "合计 …" sum against its total."""
    for paragraph in extraction.paragraphs:
        for item in itemizations(paragraph):
            finding = _compare_parts(item)
            if finding is not None:
                yield finding


def itemizations(paragraph: Paragraph) -> list[Itemization]:
    """The totals with parts in a paragraph: "其中" lists first, then stated sums."""
    return [*_itemized_lists(paragraph), *_stated_sums(paragraph)]


def _itemized_lists(paragraph: Paragraph) -> Iterator[Itemization]:
    text = paragraph.block.text
    spans = bracket_spans(text)
    for match in re.finditer(_ITEMIZE, text):
        region_end = _scope_end(text, spans, match.start(), match.end())
        parts = _list_parts(paragraph, spans, match.end(), region_end)
        if not parts:
            continue
        total = _total_before(paragraph, spans, match.start(), parts[0])
        if total is None or _is_hierarchy(total, parts):
            continue
        region = text[match.end() : region_end]
        yield Itemization(paragraph, total, parts, _says_partial(region), False)


def _scope_end(text: str, spans: Spans, start: int, offset: int) -> int:
    """A 其中 opened inside a bracket closes with it; otherwise with its sentence.

    "其中：A；B；C" lists over semicolons; a 其中 without a colon lists clauses and
    ends at the first semicolon ("其中行政编制 45 人，事业编制 36 人；离退休人员 …").
    """
    bracket = enclosing(spans, start)
    end = _sentence_end(text, offset)
    if not text.startswith(("：", ":"), offset):
        semicolon = min(
            (i for i in (text.find(c, offset, end) for c in "；;") if i >= 0), default=end
        )
        end = semicolon
    return min(bracket[1], end) if bracket is not None else end


def _total_before(
    paragraph: Paragraph, spans: Spans, offset: int, first_part: Mention
) -> Mention | None:
    """The level figure the 其中 breaks down: the last one before it, at its bracket level.

    A change (减收 50 万元), a comparison base (比上年 X) or a rate is never the total,
    nor a figure inside a bracket that closed before the 其中.
    """
    candidates = [
        m
        for m in paragraph.mentions
        if m.quantity.end <= offset
        and not m.is_change
        and not _is_comparison_base(m)
        and m.quantity.same_kind(first_part.quantity)
        and _visible_from(spans, m.quantity.start, offset)
    ]
    if not candidates:
        return None
    sentence = _sentence_index(paragraph.block.text, offset)
    return candidates[-1] if candidates[-1].sentence >= sentence - 1 else None


def _visible_from(spans: Spans, figure: int, offset: int) -> bool:
    """A figure is in scope of ``offset`` unless it sits in a bracket ``offset`` is outside."""
    bracket = enclosing(spans, figure)
    return bracket is None or bracket[0] < offset <= bracket[1]


def _is_comparison_base(mention: Mention) -> bool:
    return any(word in mention.label for word in _COMPARATIVES)


def _is_hierarchy(total: Mention, parts: tuple[Mention, ...]) -> bool:
    """Levels of one hierarchy (一级 3 个，二级 9 个，三级 12 个) do not partition a total."""
    levelled = [part for part in parts if _LEVEL.search(part.label)]
    if len(levelled) >= 2:
        return True
    return (
        len(parts) >= 2
        and any(part.quantity.value == total.quantity.value for part in parts)
        and any(
            part.quantity.value != 0
            for part in parts
            if part.quantity.value != total.quantity.value
        )
    )


def _sentence_index(text: str, offset: int) -> int:
    return sum(text[:offset].count(char) for char in "。！？!?")


def _sentence_end(text: str, offset: int) -> int:
    ends = [text.find(char, offset) for char in "。！？!?"]
    return min((end for end in ends if end >= 0), default=len(text))


def _list_parts(paragraph: Paragraph, spans: Spans, start: int, end: int) -> tuple[Mention, ...]:
    """Each item's figure: the first level figure of each "；" item, or of each clause.

    Figures in a bracket inside the list are asides; after a level ("年初安排 6 个") a
    flow without comparison ("年中追加 5 个") is a part of the stock, a change against a
    base is not.
    """
    text = paragraph.block.text
    nested = text.find(_ITEMIZE, start, end)
    candidates = [
        m
        for m in paragraph.mentions
        if start <= m.quantity.start < end
        and m.quantity.kind is not Kind.PERCENT
        and (not m.is_change or (m.change > 0 and not _is_comparison_base(m)))
        and same_level(spans, m.quantity.start, start)
    ]
    if not candidates or candidates[0].is_change:
        return ()  # a list of changes explains a change (check_change_breakdowns)
    kind = candidates[0].quantity
    candidates = [m for m in candidates if m.quantity.same_kind(kind)]
    if ";" in text[start:end] or "；" in text[start:end]:
        firsts: dict[int, Mention] = {}
        for mention in candidates:
            if not mention.is_change:
                firsts.setdefault(mention.segment, mention)
        return tuple(firsts.values())
    if nested >= 0:
        candidates = [m for m in candidates if m.quantity.start < nested]
    return tuple(candidates)


def _says_partial(region: str) -> bool:
    stripped = region.rstrip("。；;，, ）)")
    return stripped.endswith("等") or "等" in region.split("，")[-1] or "主要" in region[:8]


def _stated_sums(paragraph: Paragraph) -> Iterator[Itemization]:
    """ "A，B，合计 C": the level figures of the sentence at the total's bracket level.

    When a 其中 precedes the total in its sentence, the total sums that list's items.
    """
    mentions = paragraph.mentions
    text = paragraph.block.text
    spans = bracket_spans(text)
    for index, total in enumerate(mentions):
        if total.is_change or not _SUM_WORDS.search(total.label):
            continue
        sentence_start = _sentence_start(text, total.quantity.start)
        opener = text.rfind(_ITEMIZE, sentence_start, total.quantity.start)
        start = (
            opener
            if opener >= 0 and same_level(spans, opener, total.quantity.start)
            else sentence_start
        )
        parts = tuple(
            m
            for m in mentions[:index]
            if m.quantity.start >= start
            and not m.is_change
            and m.quantity.same_kind(total.quantity)
            and not _is_comparison_base(m)
            and _ITEMIZE not in m.label
            and same_level(spans, m.quantity.start, total.quantity.start)
        )
        if len(parts) >= 2:
            yield Itemization(paragraph, total, parts, False, True)


def _sentence_start(text: str, offset: int) -> int:
    return max(text.rfind(char, 0, offset) for char in "。！？!?") + 1


def _compare_parts(item: Itemization) -> AuditFinding | None:
    if item.total.hedged or any(part.hedged for part in item.parts):
        return None  # "约 1.05 亿元，其中 …": an estimate holds no exact sum
    total = item.total.quantity
    parts_sum = sum((part.quantity.value for part in item.parts), Decimal(0))
    gap = parts_sum - total.value
    if gap == 0:
        return None
    tolerance = _tolerance(total, [part.quantity for part in item.parts])
    stated, computed = show(total.value, total), show(parts_sum, total)
    words = _parts_words(item)
    if abs(gap) <= tolerance:
        message = (
            f"{words}合计 {computed}，与所述总数 {stated} 相差 {show(abs(gap), total)}，"
            f"在各项四舍五入的误差范围（±{show(tolerance, total)}）之内，不属于错误。"
        )
        return _finding(item, "sum-rounding", Severity.INFO, message, stated, computed)
    if gap > 0:
        message = f"{words}合计 {computed}，超过所述总数 {stated}，多出 {show(gap, total)}。"
        return _finding(item, "sum-exceeds-total", Severity.ERROR, message, stated, computed)
    return _shortfall(item, words, stated, computed, show(-gap, total))


def _tolerance(total: Quantity, parts: list[Quantity]) -> Decimal:
    """Half a unit of the last stated digit per rounded part; exact figures hide nothing.

    A total rounds its exact sum, so the gap is bounded by the parts' rounding (and is a
    whole number of the total's last unit, hence no more than ½ unit per part).
    """
    figures = [total, *parts]
    return sum((exact_half(part, *figures) for part in parts), Decimal(0))


def _shortfall(
    item: Itemization, words: str, stated: str, computed: str, missing: str
) -> AuditFinding | None:
    if item.stated_sum:
        message = f"{words}合计 {computed}，与所述合计 {stated} 不符，相差 {missing}。"
        return _finding(item, "sum-mismatch", Severity.ERROR, message, stated, computed)
    if len(item.parts) < 2:
        return None
    if item.partial:
        message = (
            f"{words}合计 {computed}，比总数 {stated} 少 {missing}；"
            "文中以“等”表明只列举了部分项目，不属于错误。"
        )
        return _finding(item, "sum-partial-list", Severity.INFO, message, stated, computed)
    if item.total.quantity.kind is Kind.COUNT:
        # counts under 其中 are as often a subset (其中重点项目 12 个) as a partition
        message = f"{words}合计 {computed}，比总数 {stated} 少 {missing}；所列可能只是其中一部分。"
        return _finding(item, "sum-subset", Severity.INFO, message, stated, computed)
    message = f"{words}合计 {computed}，比总数 {stated} 少 {missing}，其余部分未作说明。"
    return _finding(item, "sum-short-of-total", Severity.WARNING, message, stated, computed)


def _parts_words(item: Itemization) -> str:
    listed = "、".join(part.quantity.text for part in item.parts)
    return f"所列 {len(item.parts)} 项（{listed}）"


def _finding(
    item: Itemization, code: str, severity: Severity, message: str, stated: str, computed: str
) -> AuditFinding:
    spans = [item.total.span, *(part.span for part in item.parts)]
    span = (min(start for start, _ in spans), max(end for _, end in spans))
    block = item.paragraph.block
    return finding_at(block, span, code, severity, message, stated=stated, computed=computed)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A stated change (比…增加 X) and the listed movements that explain it."""

    paragraph: Paragraph
    change: Mention
    items: tuple[Mention, ...]
    has_etc: bool
    says_main: bool


def check_change_breakdowns(
    extraction: Extraction, profile: RulesProfile
) -> Iterator[AuditFinding]:
    """ "主要变动情况：一是…增加 a，二是…减少 b" against the change they explain."""
    for paragraph in extraction.paragraphs:
        for breakdown in change_breakdowns(paragraph):
            finding = _compare_breakdown(breakdown)
            if finding is not None:
                yield finding


def change_breakdowns(paragraph: Paragraph) -> Iterator[Breakdown]:
    """Each change "比…增加/减少 X" followed by a segment listing its movements."""
    text = paragraph.block.text
    for change in paragraph.mentions:
        if not change.is_change or "比" not in change.label:
            continue
        if change.quantity.kind is Kind.PERCENT:
            continue
        segment = change.segment + 1
        items = tuple(
            m
            for m in paragraph.mentions
            if m.segment == segment and m.is_change and m.quantity.same_kind(change.quantity)
        )
        if len(items) < 2:
            continue
        start, end = _segment_span(text, segment)
        opening = _BREAKDOWN_START.match(text[start:end])
        if opening is not None:
            tail = text[items[-1].quantity.end : end]
            yield Breakdown(paragraph, change, items, "等" in tail, "主要" in opening.group(1))


def _segment_span(text: str, segment: int) -> tuple[int, int]:
    bounds = [0] + [match.end() for match in _SEGMENT_END.finditer(text)]
    bounds.append(len(text) + 1)
    if segment >= len(bounds) - 1:
        return len(text), len(text)
    return bounds[segment], bounds[segment + 1] - 1


def _compare_breakdown(breakdown: Breakdown) -> AuditFinding | None:
    change = breakdown.change.quantity
    stated_change = change.value * breakdown.change.change
    listed = sum((m.quantity.value * m.change for m in breakdown.items), Decimal(0))
    gap = stated_change - listed
    if gap == 0:
        return None
    tolerance = _tolerance(change, [m.quantity for m in breakdown.items])
    stated, computed = _signed(stated_change, change), _signed(listed, change)
    words = f"所列 {len(breakdown.items)} 项变动合计{computed}，与总变动{stated}相差 {show(abs(gap), change)}"
    if abs(gap) <= tolerance:
        message = f"{words}，在四舍五入的误差范围之内。"
        return _breakdown_finding(breakdown, "change-list-rounding", Severity.INFO, message)
    if breakdown.has_etc:
        message = f"{words}；文中以“等”表明还有未列出的较小变动，不属于错误。"
        return _breakdown_finding(breakdown, "change-list-partial", Severity.INFO, message)
    if breakdown.says_main:
        message = (
            f"{words}；文中称“主要”变动，差额应为未列出的较小变动，"
            "但列举未以“等”结尾，建议补上“等”字。"
        )
        return _breakdown_finding(breakdown, "change-list-partial", Severity.INFO, message)
    message = f"{words}，所列变动不能说明总变动。"
    return _breakdown_finding(breakdown, "change-list-mismatch", Severity.WARNING, message)


def _signed(value: Decimal, like: Quantity) -> str:
    verb = "增加" if value >= 0 else "减少"
    return f"{verb} {show(abs(value), like)}"


def _breakdown_finding(
    breakdown: Breakdown, code: str, severity: Severity, message: str
) -> AuditFinding:
    start = breakdown.items[0].quantity.start
    end = breakdown.items[-1].quantity.end
    text = breakdown.paragraph.block.text
    if breakdown.has_etc and text.startswith("等", end):
        end += 1
    label_start = max(text.rfind(char, 0, start) for char in "：:；;，,") + 1
    listed = sum((m.quantity.value * m.change for m in breakdown.items), Decimal(0))
    change = breakdown.change.quantity
    return finding_at(
        breakdown.paragraph.block,
        (label_start, end),
        code,
        severity,
        message,
        stated=_signed(change.value * breakdown.change.change, change),
        computed=_signed(listed, change),
    )


def check_stock_flows(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """ "年初 a 个，年中增加 b 个，减少 c 个，年末 d 个": d must be a + b − c."""
    for paragraph in extraction.paragraphs:
        for opening in paragraph.mentions:
            if opening.is_change or not _OPENING_STOCK.search(opening.label):
                continue
            finding = _stock_flow(paragraph, opening)
            if finding is not None:
                yield finding


def _same_stock(opening: Mention, closing: Mention) -> bool:
    """Whether the closing figure names the opening's stock ("年末在建项目"), or none."""
    named = _CLOSING_STOCK.sub("", closing.label).strip("，,、：: 共有为是")
    if not named:
        return True
    start = _OPENING_STOCK.sub("", opening.label)
    return any(named[i : i + 2] in start for i in range(len(named) - 1))


def _stock_flow(paragraph: Paragraph, opening: Mention) -> AuditFinding | None:
    later = [
        m
        for m in paragraph.mentions
        if m.sentence == opening.sentence
        and m.quantity.start > opening.quantity.start
        and m.quantity.same_kind(opening.quantity)
    ]
    closing = next((m for m in later if not m.is_change and _CLOSING_STOCK.search(m.label)), None)
    if closing is None or not _same_stock(opening, closing):
        return None
    flows = [m for m in later if m.quantity.start < closing.quantity.start]
    if not flows or any(not m.is_change or _is_comparison_base(m) for m in flows):
        return None  # only flows may stand between the two stocks
    if any(m.hedged for m in (opening, closing, *flows)):
        return None
    expected = opening.quantity.value + sum(
        (m.change * m.quantity.value for m in flows), Decimal(0)
    )
    figures = [opening.quantity, closing.quantity, *(m.quantity for m in flows)]
    tolerance = sum((exact_half(q, *figures) for q in figures), Decimal(0))
    if abs(expected - closing.quantity.value) <= tolerance:
        return None
    stated, computed = (
        show(closing.quantity.value, closing.quantity),
        show(expected, closing.quantity),
    )
    message = (
        f"期初 {opening.quantity.text} 加减本期增减变动应为 {computed}，文中期末数写作 {stated}。"
    )
    span = (opening.quantity.start, closing.quantity.end)
    return finding_at(
        paragraph.block,
        span,
        "stock-flow-mismatch",
        Severity.WARNING,
        message,
        stated=stated,
        computed=computed,
    )
