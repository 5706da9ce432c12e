"""The audit: every registered check run over one extraction, findings in reading order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jixiao.core.audit import (
    arithmetic,
    consistency,
    count_rates,
    counts,
    hygiene,
    numbering,
    rates,
    scores,
    semantics,
    tabletotals,
)
from jixiao.core.audit.document import Document
from jixiao.core.audit.extract import Extraction, extract
from jixiao.core.audit.finding import AuditFinding
from jixiao.core.profile import RulesProfile

Check = Callable[[Extraction, RulesProfile], Iterable[AuditFinding]]

CHECKS: tuple[Check, ...] = (
    arithmetic.check_itemized_totals,
    arithmetic.check_change_breakdowns,
    arithmetic.check_stock_flows,
    rates.check_change_rates,
    rates.check_shares,
    rates.check_execution_rates,
    count_rates.check_count_rates,
    scores.check_score_tables,
    scores.check_prose_grades,
    tabletotals.check_table_totals,
    counts.check_listed_counts,
    numbering.check_outline_numbering,
    numbering.check_inline_numbering,
    consistency.check_report_year,
    consistency.check_dates,
    consistency.check_reference_date,
    consistency.check_self_description,
    consistency.check_template_left,
    hygiene.check_latin_words,
    hygiene.check_repeated_phrases,
    hygiene.check_document_numbers,
    semantics.check_claims_against_rates,
    semantics.check_achievement_claims,
)


def audit_document(
    document: Document, profile: RulesProfile, checks: tuple[Check, ...] = CHECKS
) -> tuple[AuditFinding, ...]:
    """All findings on a report, in the order a reader meets them."""
    extraction = extract(document)
    found = {finding: None for check in checks for finding in check(extraction, profile)}
    return tuple(sorted(found, key=_reading_order))


def _reading_order(finding: AuditFinding) -> tuple[int, int, int, int, int]:
    place = finding.place
    return (
        place.page or 0,
        place.table or 0,
        place.paragraph or 0,
        place.row or 0,
        place.column or 0,
    )
