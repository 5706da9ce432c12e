"""Reads of the stored findings: filtered lists, counts per severity, the codes present."""

from __future__ import annotations

from django.db.models import Case, CharField, Count, F, IntegerField, QuerySet, Value, When

from jixiao.core.finding_codes import finding_name
from jixiao.core.findings import Severity
from jixiao.web import models

SEVERITIES = {severity.value: severity.label for severity in Severity}
# Errors first, then warnings, then hints.
SEVERITY_RANK = Case(
    *(When(severity=value, then=Value(index)) for index, value in enumerate(SEVERITIES)),
    default=Value(len(SEVERITIES)), output_field=IntegerField(),
)  # fmt: skip
SEVERITY_LABEL = Case(
    *(When(severity=value, then=Value(label)) for value, label in SEVERITIES.items()),
    default=F("severity"), output_field=CharField(),
)  # fmt: skip


def findings(
    year: models.DepartmentYear, *, severity: str = "", code: str = ""
) -> QuerySet[models.Finding]:
    """The year's findings, errors first, then by code and project (the department's
    first): an inline save rewrites one project's findings, so their ids say nothing
    of the order."""
    rows = year.findings.select_related("project").annotate(severity_label=SEVERITY_LABEL)
    if severity:
        rows = rows.filter(severity=severity)
    if code:
        rows = rows.filter(code=code)
    return rows.order_by(SEVERITY_RANK, "code", F("project__position").asc(nulls_first=True), "pk")


def severity_counts(year: models.DepartmentYear) -> list[dict[str, object]]:
    """Each severity with its label and how many findings have it (zero included)."""
    counts = {
        row["severity"]: row["n"]
        for row in year.findings.values("severity").annotate(n=Count("pk"))
    }
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in SEVERITIES.items()
    ]


def finding_codes(year: models.DepartmentYear) -> list[tuple[str, str]]:
    """The codes present in the year's findings with their Chinese names, for the filter."""
    codes = year.findings.order_by("code").values_list("code", flat=True).distinct()
    return sorted(((code, finding_name(code)) for code in codes), key=lambda item: item[1])


def with_names(rows) -> list[models.Finding]:
    """The listed findings, each with its code's Chinese name as ``name``."""
    rows = list(rows)
    for row in rows:
        row.name = finding_name(row.code)
    return rows
