"""The publishable package of a finished year (信息公开), as one .zip.

The self-evaluation report and the 项目支出绩效自评表, each as .docx and .pdf, and the
published figures as JSON. Nothing internal goes in: no tables workbook (its 核对 and 说明
sheets trace figures to workbook rows), and the Word files' properties carry only the
title, not the author or the tool that wrote them.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from io import BytesIO

from jixiao.core.report_model import ReportDocument
from jixiao.io.report_docx import build_docx


def public_docx(report: ReportDocument) -> bytes:
    """The Word file of ``report`` with its document properties reduced to the title."""
    document = build_docx(report)
    properties = document.core_properties
    for name in ("author", "last_modified_by", "comments", "keywords", "subject", "category"):
        setattr(properties, name, "")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_package(
    *, stem: str, report: ReportDocument, forms: ReportDocument, figures: dict[str, object],
    to_pdf: Callable[[bytes], bytes],
) -> bytes:  # fmt: skip
    """The .zip of the package; ``to_pdf`` converts a .docx (LibreOffice in practice)."""
    files: dict[str, bytes] = {}
    for what, document in (("部门整体支出绩效自评报告", report), ("项目支出绩效自评表", forms)):
        word = public_docx(document)
        files[f"{stem}-{what}.docx"] = word
        files[f"{stem}-{what}.pdf"] = to_pdf(word)
    text = json.dumps(figures, ensure_ascii=False, indent=2)
    files[f"{stem}-公开数据.json"] = text.encode("utf-8")
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
