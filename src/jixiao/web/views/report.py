"""The report screen: the department score, its blocking errors, a preview and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from jixiao.core.report_model import Block, Heading, Paragraph
from jixiao.web.selectors.rectification import report_ledger
from jixiao.web.selectors.scoping import get_department_year
from jixiao.web.services import reports
from jixiao.web.services.errors import ServiceError
from jixiao.web.services.profiles import profile_for

DOWNLOADS = (
    ("docx", "Word 自评报告（.docx）"),
    ("html", "网页版自评报告（.html）"),
    ("xlsx", "项目支出绩效自评表（.xlsx）"),
    ("pdf", "PDF 自评报告（.pdf）"),
)


@login_required
@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Score, grade and dimensions as stored by the last recomputation; what blocks a final report."""
    year = get_department_year(request.user, pk)
    pdf = reports.pdf_available()
    context = {
        "year": year,
        "active": "report",
        "dimensions": _dimensions(year.dimension_scores),
        "errors": year.findings.filter(severity="error").select_related("project"),
        "downloads": [(kind, label) for kind, label in DOWNLOADS if kind != "pdf" or pdf],
        "pdf_available": pdf,
        "unconfirmed": list(profile_for(year.profile).unconfirmed.values()),
    }
    return render(request, "jixiao/report.html", context)


@login_required
@require_GET
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's blocks drawn inside our page (the standalone .html has inline styles)."""
    year = get_department_year(request.user, pk)
    evaluation = reports.evaluate_year(year)
    document = reports.report_document(evaluation, ledger=report_ledger(year))
    context = {
        "year": year,
        "active": "report",
        "title": document.title,
        "cover_note": document.cover_note,
        "blocks": _blocks(document.blocks),
        "signature": document.signature,
        "appendices": [
            {"label": a.label, "title": a.title, "blocks": _blocks(a.blocks)}
            for a in document.appendices
        ],
        "draft": reports.error_count(evaluation) > 0,
    }
    return render(request, "jixiao/report_preview.html", context)


@login_required
@require_GET
def report_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    year = get_department_year(request.user, pk)
    if kind not in reports.KINDS:
        raise Http404
    try:
        # The 项目支出绩效自评得分一览 appendix, when the report page's checkbox asks for it.
        with_projects = request.GET.get("appendix") == "1"
        content, name = reports.render(year, kind, project_appendix=with_projects)
    except ServiceError as error:
        messages.error(request, str(error))
        return redirect("report", pk=year.pk)
    response = HttpResponse(content, content_type=reports.CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


def _dimensions(stored: dict) -> list[dict[str, str]]:
    return [{"name": name, **values} for name, values in (stored or {}).items()]


def _blocks(report_blocks: tuple[Block, ...]) -> list[dict[str, object]]:
    """Report blocks as plain dicts a Django template can tell apart."""
    blocks: list[dict[str, object]] = []
    for block in report_blocks:
        if isinstance(block, Heading):
            blocks.append({"kind": "heading", "level": block.level, "text": block.text})
        elif isinstance(block, Paragraph):
            blocks.append({"kind": "paragraph", "text": block.text, "own": not block.generated})
        else:
            rows = [
                [(cell, index in block.numeric_columns) for index, cell in enumerate(row)]
                for row in block.rows
            ]
            blocks.append({"kind": "table", "caption": block.caption, "headers": block.headers,
                           "rows": rows, "note": block.note})  # fmt: skip
    return blocks
