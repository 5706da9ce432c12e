"""A department-year's report and tables, generated through the core on request.

Nothing here writes to the database: the stored rows are converted to core records,
evaluated under the year's rules profile, and rendered by the io layer into bytes the
view sends as a download. A year whose data still has error-level findings gets its
report all the same (people need it to fix the data), but marked as a draft in the
document itself and in the file name, so it cannot be mistaken for the final report.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from jixiao.core.evaluation import Evaluation, evaluate
from jixiao.core.findings import Severity
from jixiao.core.narrative.issues import NO_LEDGER
from jixiao.core.narrative.report import build_report
from jixiao.core.rectification import ReportLedger
from jixiao.core.report_model import Paragraph, ReportDocument
from jixiao.io import report_pdf
from jixiao.io.report_docx import build_docx
from jixiao.io.report_html import render_html
from jixiao.io.tables_xlsx import write_tables
from jixiao.web import models
from jixiao.web.conversion import department_year_record
from jixiao.web.selectors.rectification import report_ledger
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.monitoring_year import with_rounds
from jixiao.web.services.profiles import profile_for

KINDS = ("docx", "html", "xlsx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class ReportUnavailable(ServiceError):
    """A format that cannot be produced on this server (e.g. PDF without LibreOffice)."""


def evaluate_year(year: models.DepartmentYear) -> Evaluation:
    """Score the department-year's stored rows through the core, as recompute does."""
    return with_rounds(year, evaluate(department_year_record(year), profile_for(year.profile)))


def error_count(evaluation: Evaluation) -> int:
    return sum(1 for finding in evaluation.findings if finding.severity is Severity.ERROR)


def report_document(
    evaluation: Evaluation, *, project_appendix: bool = False, ledger: ReportLedger = NO_LEDGER
) -> ReportDocument:
    """The report's blocks; with error-level findings, a draft notice comes first.

    ``project_appendix`` adds the long list of every project's score (landscape);
    ``ledger`` the rectification tasks 四、下一步改进措施 states (``report_ledger``).
    """
    document = build_report(evaluation, project_appendix=project_appendix, ledger=ledger)
    errors = error_count(evaluation)
    if not errors:
        return document
    notice = Paragraph(
        f"【草稿】本报告所依据的数据尚有 {errors} 处错误，修正前仅供内部核对，不得作为正式报告报送。"
    )
    return replace(document, blocks=(notice, *document.blocks))


def pdf_available() -> bool:
    """PDF is converted from the Word report by LibreOffice, when the server has it."""
    return report_pdf.pdf_available()


def docx_bytes(document: ReportDocument) -> bytes:
    buffer = BytesIO()
    build_docx(document).save(buffer)
    return buffer.getvalue()


def html_text(document: ReportDocument) -> str:
    """The standalone report page (with its own styles): a download, never served as a page."""
    return render_html(document)


def xlsx_bytes(evaluation: Evaluation) -> bytes:
    with tempfile.TemporaryDirectory(prefix="jixiao-tables-") as folder:
        path = write_tables(evaluation, Path(folder) / "tables.xlsx")
        return path.read_bytes()


def pdf_bytes(document: ReportDocument) -> bytes:
    try:
        return report_pdf.docx_to_pdf(docx_bytes(document))
    except report_pdf.PdfUnavailable as error:
        raise ReportUnavailable(str(error)) from error


def file_name(year: models.DepartmentYear, kind: str, draft: bool) -> str:
    """Chinese download name, e.g. 洛浦街道办事处-2023年度-自评报告（草稿）.docx."""
    what = "自评表" if kind == "xlsx" else "自评报告"
    mark = "（草稿）" if draft else ""
    return f"{year.department.name}-{year.year}年度-{what}{mark}.{kind}"


def render(
    year: models.DepartmentYear, kind: str, *, project_appendix: bool = False
) -> tuple[bytes, str]:
    """The ``kind`` file of ``year`` and its download name."""
    if kind not in KINDS:
        raise ReportUnavailable(f"不支持的格式“{kind}”。")
    evaluation = evaluate_year(year)
    draft = error_count(evaluation) > 0
    if kind == "xlsx":
        content = xlsx_bytes(evaluation)
    else:
        document = report_document(
            evaluation, project_appendix=project_appendix, ledger=report_ledger(year)
        )
        if kind == "html":
            content = html_text(document).encode("utf-8")
        elif kind == "docx":
            content = docx_bytes(document)
        else:
            content = pdf_bytes(document)
    return content, file_name(year, kind, draft)
