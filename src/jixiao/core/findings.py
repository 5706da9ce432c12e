"""Findings: problems found in the data, returned as values, never raised."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.core.records import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: a stable code, its severity, a Chinese message and where it is."""

    code: str
    severity: Severity
    message: str
    location: Location | None = None
    subject: str = ""

    def describe(self) -> str:
        where = f"{self.location.describe()}：" if self.location else ""
        return f"[{self.severity.label}] {where}{self.message}"

    def as_dict(self) -> dict[str, object]:
        location = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "subject": self.subject,
            "sheet": location.sheet if location else None,
            "row": location.row if location else None,
            "column": location.column if location else None,
        }


def count_by_severity(findings: list[Finding] | tuple[Finding, ...]) -> dict[Severity, int]:
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def has_errors(findings: list[Finding] | tuple[Finding, ...]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)
