"""What the audit reports: one finding per problem, a value with its quote and place."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.audit.document import Block, Place
from jixiao.core.findings import Severity


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """One problem in a report: code, severity, Chinese message, the exact text it is about.

    ``stated`` and ``computed`` carry the two values of an arithmetic finding, written
    the way the report writes them.
    """

    code: str
    severity: Severity
    message: str
    quote: str
    place: Place
    section: str = ""
    stated: str | None = None
    computed: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The finding as the JSON output lists it."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "quote": self.quote,
            "stated": self.stated,
            "computed": self.computed,
            "section": self.section,
            "location": self.place.as_dict(),
        }


def finding_at(
    block: Block,
    span: tuple[int, int],
    code: str,
    severity: Severity,
    message: str,
    *,
    stated: str | None = None,
    computed: str | None = None,
) -> AuditFinding:
    """A finding about ``block.text[start:end]``."""
    start, end = span
    return AuditFinding(
        code,
        severity,
        message,
        block.text[start:end],
        block.place,
        block.section,
        stated,
        computed,
    )
