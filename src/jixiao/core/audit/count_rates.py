"""Rates of counts: "受理 4,862 件，办结 4,835 件，办结率 99.44%".

A rate named X率 whose sentence states, before it, exactly two counts of one unit must
be one of them ÷ the other: the part ÷ the whole as a rule ("应发 50 户，实发 48 户，发放
率 96%"), the done ÷ the planned when more was done than planned ("完成 580 个，目标 500
个，完成率 116%"). Counts are exact, so only the rate's own rounding is allowed. A
sentence with a third count, a count stated as a change or a bound, or counts of two
units says something else and is left alone.
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


def check_count_rates(extraction: Extraction, profile: RulesProfile) -> Iterator[AuditFinding]:
    """Each "X率 r%" against the two counts of its sentence."""
    for paragraph in extraction.paragraphs:
        mentions = paragraph.mentions
        for index, rate in enumerate(mentions):
            if rate.quantity.kind is not Kind.PERCENT or rate.is_change or rate.hedged:
                continue
            if not _names_a_rate(rate):
                continue
            pair = _whole_and_part(mentions[:index], rate)
            if pair is not None:
                finding = _check(rate, *pair)
                if finding is not None:
                    yield finding


def _names_a_rate(rate: Mention) -> bool:
    text = rate.block.text
    clause = text[clause_start(text, rate.quantity.start) : rate.quantity.start]
    return "率" in clause and "占" not in clause


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


def _check(rate: Mention, whole: Mention, part: Mention) -> AuditFinding | None:
    exact = ratio(part.quantity.value, whole.quantity.value)
    inverse = ratio(whole.quantity.value, part.quantity.value)
    stated = rate.quantity
    if any(agrees(stated.value, stated.half_unit, value, value) for value in (exact, inverse)):
        return None
    computed = f"{quantize_half_up(exact, _RATE_PLACES)}%"
    message = f"{stated.text} 与 {part.quantity.text} ÷ {whole.quantity.text} = {computed} 不符。"
    return finding_at(
        rate.block,
        (whole.quantity.start, stated.end),
        "count-rate-mismatch",
        Severity.ERROR,
        message,
        stated=stated.text,
        computed=computed,
    )
