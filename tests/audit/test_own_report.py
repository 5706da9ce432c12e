"""jixiao's own report, read back by its own audit: no error and no warning."""

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from jixiao.cli.main import main
from jixiao.core.audit import audit_document
from jixiao.core.profile import load_profile
from jixiao.io.report_reader import read_report

LUOPU_WORKBOOK = Path(__file__).resolve().parents[2] / "examples" / "luopu-2023.xlsx"


def test_the_luopu_report_audits_without_error_or_warning(tmp_path: Path) -> None:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        assert main(["report", str(LUOPU_WORKBOOK), "-o", str(tmp_path)]) == 0
    [report] = tmp_path.glob("*.docx")
    findings = audit_document(read_report(report), load_profile())
    assert [(f.code, f.quote) for f in findings if f.severity.value != "info"] == []
