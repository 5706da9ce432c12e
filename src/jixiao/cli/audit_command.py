"""``jixiao audit``: check existing self-evaluation reports: arithmetic, scores, structure.

Exit 0 when no file has an error-level finding, 1 when one has, 2 when a file (or the
rules profile, or the limits file) cannot be read, or a file is past the audit's limits
(size, pages, expansion, time, memory: ``io/limits/report_audit.toml``). Each file is
read and audited in a bounded child process, so a refused file leaves the others of a
batch audited. With several files the exit code is the highest.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from jixiao.core.audit.finding import AuditFinding
from jixiao.core.findings import Severity
from jixiao.core.profile import ProfileError, load_profile
from jixiao.io.bounded_audit import BoundedAuditor
from jixiao.io.report_errors import ReportReadError
from jixiao.io.report_limits import LimitsError, load_report_limits

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
QUOTE_HEAD = 40
QUOTE_TAIL = 16
NO_SECTION = "（标题及正文开头）"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``audit`` subcommand."""
    parser = subparsers.add_parser(
        "audit",
        help="审核已有自评报告的数字、评分与结构",
        description="审核自评报告（.txt、.docx、.pdf）：金额与合计、变动率、评分、编号、前后一致与文字规范。",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="文件", help="要审核的报告文件")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式（默认 text）"
    )
    parser.add_argument(
        "--profile", default="default", help="规则配置的名称或 .toml 文件路径（默认 default）"
    )
    parser.add_argument(
        "--limits",
        type=Path,
        metavar="文件",
        help="审核限制（大小、页数、解压后大小、用时、内存）的 .toml 文件，只需写要改的项",
    )
    parser.set_defaults(handler=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    """Audit each file, print the findings, return the highest exit code."""
    try:
        profile = load_profile(args.profile)
        limits = load_report_limits(args.limits)
    except (ProfileError, LimitsError) as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    results: list[tuple[Path, tuple[AuditFinding, ...]]] = []
    code = EXIT_OK
    with BoundedAuditor(profile, limits) as auditor:
        for path in args.files:
            findings = _audit_file(auditor, path)
            if findings is None:
                code = EXIT_BAD_INPUT
                continue
            results.append((path, findings))
            if any(finding.severity is Severity.ERROR for finding in findings):
                code = max(code, EXIT_FINDINGS)
    if args.format == "json":
        print(json.dumps(_as_json(results), ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(render_text(path, findings) for path, findings in results))
    return code


def _audit_file(auditor: BoundedAuditor, path: Path) -> tuple[AuditFinding, ...] | None:
    try:
        return auditor.audit(path).findings
    except ReportReadError as error:
        print(f"无法审核“{path}”：{error}", file=sys.stderr)
    except OSError as error:
        print(f"无法审核“{path}”：{error.strerror or error}", file=sys.stderr)
    return None


def _as_json(results: Sequence[tuple[Path, tuple[AuditFinding, ...]]]) -> list[dict[str, object]]:
    return [
        {"file": str(path), **finding.as_dict()}
        for path, findings in results
        for finding in findings
    ]


def render_text(path: Path, findings: Sequence[AuditFinding]) -> str:
    """The findings of one file in Chinese, grouped by section, each with its quote."""
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    lines = [
        f"审核报告：{path}",
        f"共发现 错误 {counts[Severity.ERROR]} 项，警告 {counts[Severity.WARNING]} 项，"
        f"提示 {counts[Severity.INFO]} 项。",
    ]
    for section, members in _by_section(findings):
        lines.append("")
        lines.append(f"【{section or NO_SECTION}】")
        lines.extend(_render_finding(finding) for finding in members)
    if not findings:
        lines.append("未发现问题。")
    return "\n".join(lines)


def _by_section(findings: Sequence[AuditFinding]) -> list[tuple[str, list[AuditFinding]]]:
    groups: dict[str, list[AuditFinding]] = {}
    for finding in findings:
        groups.setdefault(finding.section, []).append(finding)
    return list(groups.items())


def _render_finding(finding: AuditFinding) -> str:
    where = finding.place.describe()
    head = f"  [{finding.severity.label}] {where}：{finding.message}（{finding.code}）"
    return f"{head}\n      原文：“{_short_quote(finding.quote)}”"


def _short_quote(quote: str) -> str:
    if len(quote) <= QUOTE_HEAD + QUOTE_TAIL + 1:
        return quote
    return f"{quote[:QUOTE_HEAD]}……{quote[-QUOTE_TAIL:]}"
