"""The rules of the rectification ledger (整改台账) as read from a profile's ``[rectification]``.

Which findings call for a rectification task, how long a task has by default for each
source it comes from, and whether the working group may close (销号) a task only once
evidence of completion is attached.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class TaskSource(StrEnum):
    """Where a rectification task comes from (问题来源)."""

    SELF_EVALUATION = "self_evaluation"
    BUREAU_REVIEW = "bureau_review"
    REPORT_AUDIT = "report_audit"
    MONITORING = "monitoring"
    AUDIT_INSPECTION = "audit_inspection"

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    TaskSource.SELF_EVALUATION: "自评发现",
    TaskSource.BUREAU_REVIEW: "财政复核",
    TaskSource.REPORT_AUDIT: "报告审核",
    TaskSource.MONITORING: "绩效监控",
    TaskSource.AUDIT_INSPECTION: "审计或巡察",
}


@dataclass(frozen=True, slots=True)
class RectificationRules:
    """``[rectification]``: deadlines per source (days after the task is created), the
    finding codes that call for a task, and whether closing needs evidence."""

    deadline_days: dict[TaskSource, int]
    finding_codes: tuple[str, ...]
    closing_needs_evidence: bool

    def days_for(self, source: TaskSource) -> int:
        return self.deadline_days[source]


def parse_rectification(table: dict[str, Any]) -> RectificationRules:
    """Read ``[rectification]``; every source must have a positive number of days."""
    days = table["deadline_days"]
    deadline_days = {}
    for source in TaskSource:
        value = int(days[source.value])
        if value <= 0:
            raise ValueError(f"rectification.deadline_days.{source.value} 应为正整数")
        deadline_days[source] = value
    return RectificationRules(
        deadline_days=deadline_days,
        finding_codes=tuple(table.get("finding_codes", ())),
        closing_needs_evidence=bool(table["closing_needs_evidence"]),
    )
