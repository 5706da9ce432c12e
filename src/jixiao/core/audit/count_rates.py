"""Rates of counts: "受理 4,862 件，办结 4,835 件，办结率 99.44%".

A rate named X率 whose sentence states, before it, exactly two counts of one unit, one
of them in a clause that names X, must be that count ÷ the other: "受理 4,862 件，办结
4,835 件，办结率 99.44%", and "计划 500 个，完成 580 个，完成率 116%" too. Counts are
exact, so only the rate's own rounding is allowed. A sentence with a third count, a
count stated as a change, a bound or a remainder (其余 2 件), or counts of two units
says something else and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.audit.bounds import agrees, ratio
from jixiao.core.audit.extract import Extraction, Mention, clause_start
from jixiao.core.audit.finding import AuditFinding, finding_at
from jixiao.core.audit.numbers import Kind
from jixiao.core.findings import Severity
from jixiao.core.money import quantize_half_up
from jixiao.core.profile import RulesProfile

_RATE_PLACES = Decimal("0.01")
_STEM = 2  # the two characters before 率 name what is counted: 办结, 完工, 发放, 达标 …
_CLAUSE_ENDS = frozenset("，；。：、！？")
_REMAINDER_WORDS = ("其余", "剩余", "另有", "尚有", "未")


def check_count_rates(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Each "X率 r%" against the two counts of its sentence."""
    for paragraph in extraction.paragraphs:
        mentions = paragraph.mentions
        for index, rate in enumerate(mentions):
            if rate.quantity.kind is not Kind.PERCENT or rate.is_change or rate.hedged:
                continue
            stem = _rate_stem(rate)
            if not stem:
                continue
            pair = _whole_and_part(mentions[:index], rate)
            readings = _readings(pair, stem) if pair is not None else []
            if readings:
                finding = _check(rate, readings)
                if finding is not None:
                    yield finding


def _readings(pair: tuple[Mention, Mention], stem: str) -> list[tuple[Mention, Mention]]:
    """(part, whole) as the text names them: the part is the count whose clause says
    what the rate counts (办结 4,835 件); when both clauses say it (应发放 / 实际发放),
    either may be the part. None when the other count is a remainder (其余 2 件)."""
    named = [m for m in pair if stem in _clause_of(m)]
    if any(word in _clause_of(m) for m in pair for word in _REMAINDER_WORDS):
        return []
    if len(named) == 1:
        part = named[0]
        return [(part, pair[1] if part is pair[0] else pair[0])]
    return [(pair[1], pair[0]), (pair[0], pair[1])] if named else []


def _rate_stem(rate: Mention) -> str:
    """What the rate counts: "办结" of "按时办结率", or "" when no X率 names it."""
    text = rate.block.text
    clause = text[clause_start(text, rate.quantity.start) : rate.quantity.start]
    end = clause.rfind("率")
    if end < _STEM or "占" in clause:
        return ""
    return clause[end - _STEM : end]


def _clause_of(mention: Mention) -> str:
    """The clause a figure stands in, up to the next clause break."""
    text = mention.block.text
    end = next(
        (i for i in range(mention.quantity.end, len(text)) if text[i] in _CLAUSE_ENDS), len(text)
    )
    return text[clause_start(text, mention.quantity.start) : end]


def _whole_and_part(earlier: tuple[Mention, ...], rate: Mention) -> tuple[Mention, Mention] | None:
    counts = [m for m in earlier if m.sentence == rate.sentence and m.quantity.kind is Kind.COUNT]
    if len(counts) != 2:
        return None
    whole, part = counts
    if (
        whole.quantity.unit != part.quantity.unit
        or any(m.is_change or m.hedged for m in counts)
        or whole.quantity.value == 0
        or part.quantity.value == 0
    ):
        return None
    return whole, part


def _check(rate: Mention, readings: list[tuple[Mention, Mention]]) -> AuditFinding | None:
    stated = rate.quantity
    ratios = [ratio(part.quantity.value, whole.quantity.value) for part, whole in readings]
    if any(agrees(stated.value, stated.half_unit, value, value) for value in ratios):
        return None
    part, whole = readings[0]
    computed = f"{quantize_half_up(ratios[0], _RATE_PLACES)}%"
    message = f"{stated.text} 与 {part.quantity.text} ÷ {whole.quantity.text} = {computed} 不符。"
    first = min(part.quantity.start, whole.quantity.start)
    return finding_at(
        rate.block,
        (first, stated.end),
        "count-rate-mismatch",
        Severity.ERROR,
        message,
        stated=stated.text,
        computed=computed,
    )
