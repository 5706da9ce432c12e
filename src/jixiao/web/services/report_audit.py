"""Audit an uploaded self-evaluation report and lay its findings beside its text.

Nothing is stored: the file is read from a private temporary folder, audited by the
core's rules (the default profile), and deleted.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile

from jixiao.core.audit import AuditFinding, audit_document
from jixiao.core.audit.document import Block, Document
from jixiao.core.findings import Severity, count_by_severity
from jixiao.core.profile import load_profile
from jixiao.io.report_reader import ReportReadError, read_report
from jixiao.web.uploads import REPORT_KINDS, check_upload, refused


@dataclass(frozen=True)
class AuditedParagraph:
    block: Block
    findings: tuple[AuditFinding, ...]


@dataclass(frozen=True)
class AuditedReport:
    name: str
    paragraphs: tuple[AuditedParagraph, ...]
    table_findings: dict[int, tuple[AuditFinding, ...]]
    counts: dict[str, int]

    @property
    def finding_count(self) -> int:
        return sum(self.counts.values())


def _read(upload: UploadedFile, kind: str) -> Document:
    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as folder:
        path = Path(folder) / f"report.{kind}"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            document = read_report(path)
        except ReportReadError as error:
            raise refused(upload, str(error)) from error
    return document


def audit_upload(upload: UploadedFile) -> AuditedReport:
    """The report's paragraphs, each with the findings about it, and per-table findings."""
    kind = check_upload(upload, REPORT_KINDS)
    document = _read(upload, kind)
    findings = audit_document(document, load_profile())
    by_paragraph: dict[int, list[AuditFinding]] = defaultdict(list)
    by_table: dict[int, list[AuditFinding]] = defaultdict(list)
    for finding in findings:
        if finding.place.table is not None:
            by_table[finding.place.table].append(finding)
        else:
            by_paragraph[finding.place.paragraph or 0].append(finding)
    counts = count_by_severity(list(findings))
    return AuditedReport(
        name=upload.name or "",
        paragraphs=tuple(
            AuditedParagraph(block, tuple(by_paragraph.get(block.place.paragraph or 0, ())))
            for block in document.paragraphs
        ),
        table_findings={number: tuple(items) for number, items in by_table.items()},
        counts={severity.value: counts[severity] for severity in Severity},
    )
