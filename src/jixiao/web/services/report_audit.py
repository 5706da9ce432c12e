"""Audit an uploaded self-evaluation report and lay its findings beside its text.

Nothing is stored: the file is written to a private temporary folder under the name
the user gave it (so every message names their file), read and audited by the core's
rules (the default profile) in a child process bounded by the audit's limits
(``io/limits/report_audit.toml``, or the file named by ``JIXIAO_REPORT_LIMITS``), and
deleted. The request waits at most ``web_max_seconds``: then the child is killed and
the user is told which limit the file passed.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from jixiao.core.audit import AuditFinding
from jixiao.core.audit.document import Block
from jixiao.core.findings import Severity, count_by_severity
from jixiao.core.profile import load_profile
from jixiao.io import bounded_audit
from jixiao.io.report_errors import ReportReadError
from jixiao.io.report_limits import ReportLimits, load_report_limits, megabytes
from jixiao.web.services.errors import InvalidInput
from jixiao.web.uploads import REPORT_KINDS, check_upload

# The web server has threads: children come from a single-threaded fork server.
START_METHOD = "forkserver"
MAX_NAME_CHARACTERS = 80


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


def _file_name(upload: UploadedFile, kind: str) -> str:
    """The user's file name, safe as one path part; the kind decides the suffix."""
    stem = PurePath(upload.name or "").stem.replace("\x00", "").strip(". ") or "报告"
    # A file system takes 255 bytes a name: 80 Chinese characters are 240 in UTF-8.
    return f"{stem[:MAX_NAME_CHARACTERS]}.{kind}"


def web_limits() -> ReportLimits:
    """The audit's limits as the web applies them: a request waits at most web_max_seconds."""
    limits = load_report_limits(settings.JIXIAO_REPORT_LIMITS)
    return replace(limits, max_seconds=min(limits.max_seconds, limits.web_max_seconds))


def limits_text() -> str:
    """The limits a person uploading a report should know, in a sentence."""
    limits = web_limits()
    size = min(limits.max_file_bytes, settings.JIXIAO_MAX_UPLOAD_BYTES)
    return f"文件不超过 {megabytes(size)}、PDF 不超过 {limits.max_pages} 页；审核最长 {limits.max_seconds:g} 秒。"


def _audit(upload: UploadedFile, name: str) -> bounded_audit.AuditedReport:
    limits = web_limits()
    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as folder:
        path = Path(folder) / name
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            return bounded_audit.audit_report_file(
                path, load_profile(), limits, start_method=START_METHOD
            )
        except ReportReadError as error:
            raise InvalidInput("file", str(error)) from error


def audit_upload(upload: UploadedFile) -> AuditedReport:
    """The report's paragraphs, each with the findings about it, and per-table findings."""
    try:
        kind = check_upload(upload, REPORT_KINDS)
    except InvalidInput as error:
        raise InvalidInput("file", f"“{upload.name}”：{error}") from error
    audited = _audit(upload, _file_name(upload, kind))
    document, findings = audited.document, audited.findings
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
