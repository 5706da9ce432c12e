"""Read a self-evaluation report (.txt, .docx, .pdf) into the audit's Document model.

Word files give paragraphs and tables in body order (python-docx); PDF files give the
text of each page outside its tables, joined back into paragraphs where a line runs to
the right margin, and the tables themselves (pdfplumber), each with its page number.
Before it is parsed, a file is screened against the audit's limits (size, expansion,
pages; ``report_screening``). A file that cannot be read raises
:class:`ReportReadError` with a Chinese message naming the file.

The Word and PDF libraries are imported by the reader that needs them, so that auditing
a .txt report (and starting the command) does not pay for loading them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.core.audit.document import (
    Document,
    RawParagraph,
    RawTable,
    build_document,
    document_from_text,
)
from jixiao.core.audit.outline import parse_marker
from jixiao.io.report_errors import ReportReadError, ReportRefused, UnsupportedFormatError
from jixiao.io.report_limits import ReportLimits, load_report_limits
from jixiao.io.report_screening import screen_report
from jixiao.io.text_decoding import decode_report_text

if TYPE_CHECKING:
    import pdfplumber
    from docx.table import Table as DocxTable

__all__ = ["ReportReadError", "ReportRefused", "UnsupportedFormatError", "read_report"]

SUPPORTED = (".txt", ".docx", ".pdf")
_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[-—–\s]*$"
)
_LINE_END = tuple("。！？：；!?:;")
MARGIN_CHARS = 2
FULL_LINE_SHARE = 0.6


def read_report(path: Path, limits: ReportLimits | None = None) -> Document:
    """The report at ``path`` as a Document, or ReportReadError (ReportRefused past a limit)."""
    if not path.is_file():
        raise ReportReadError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = "；旧版 Word（.doc）请另存为 .docx 后再审核" if suffix == ".doc" else ""
        raise UnsupportedFormatError(
            f"不支持的文件格式“{suffix or '无扩展名'}”，只能审核 .txt、.docx、.pdf{hint}。"
        )
    limits = limits or load_report_limits()
    screen_report(path, limits)
    if suffix == ".txt":
        document = _read_text(path, limits.max_undecodable_share)
    else:
        document = _read_docx(path) if suffix == ".docx" else _read_pdf(path)
    if not document.paragraphs and not document.tables:
        raise ReportReadError(f"文件中没有可读取的文字：{path.name}")
    return document


def _read_text(path: Path, max_undecodable_share: float) -> Document:
    text = decode_report_text(path.read_bytes(), path.name, max_undecodable_share)
    return document_from_text(text, path.name)


def _read_docx(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph
    from lxml.etree import XMLSyntaxError

    try:
        word = docx.Document(str(path))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        XMLSyntaxError,
    ) as error:
        raise ReportReadError(
            f"无法读取 Word 文件（文件已损坏或不是 .docx）：{path.name}"
        ) from error
    paragraphs: list[RawParagraph] = []
    tables: list[RawTable] = []
    for item in word.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip():
                paragraphs.append(RawParagraph(item.text))
        elif isinstance(item, DocxTable):
            tables.append(RawTable(_docx_grid(item), len(paragraphs)))
    return build_document(path.name, paragraphs, tables)


def _docx_grid(table: DocxTable) -> tuple[tuple[str, ...], ...]:
    """Each row's cells by grid column; a merged cell's text repeats over its span."""
    return tuple(tuple(cell.text.strip() for cell in row.cells) for row in table.rows)


def _read_pdf(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    paragraphs: list[RawParagraph] = []
    tables: list[RawTable] = []
    try:
        with pdfplumber.open(path) as pdf:
            pages = [(page.page_number, _page_content(page)) for page in pdf.pages]
            width = max((page.width for page in pdf.pages), default=0)
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError) as error:
        raise ReportReadError(f"无法读取 PDF 文件（文件已损坏或加密）：{path.name}") from error
    right = max((line["x1"] for _, (lines, _) in pages for line in lines), default=0)
    if right < FULL_LINE_SHARE * float(width):
        right = float("inf")  # no line spans the page: every line is a paragraph of its own
    for number, (lines, found) in pages:
        items = [(top, text, None) for top, text in _paragraphs(lines, right)]
        items += [(top, "", rows) for top, rows in found]
        for _, text, rows in sorted(items, key=lambda item: item[0]):
            if rows is None:
                paragraphs.append(RawParagraph(text, page=number))
            else:
                tables.append(RawTable(rows, len(paragraphs), number))
    if not paragraphs and not tables:
        raise ReportReadError(f"PDF 中没有可提取的文字（可能是扫描件）：{path.name}")
    return build_document(path.name, paragraphs, tables)


Grid = tuple[tuple[str, ...], ...]


def _page_content(page: pdfplumber.page.Page) -> tuple[list[dict], list[tuple[float, Grid]]]:
    """The text lines outside the page's tables, and each table with its top."""
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    lines = [line for line in outside.extract_text_lines() if not _PAGE_NUMBER.match(line["text"])]
    tables = [
        (
            table.bbox[1],
            tuple(tuple((cell or "").replace("\n", "") for cell in row) for row in table.extract()),
        )
        for table in found
    ]
    return lines, tables


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return (
        obj.get("x0", 0) >= x0
        and obj.get("x1", 0) <= x1
        and obj.get("top", 0) >= top
        and obj.get("bottom", 0) <= bottom
    )


def _paragraphs(lines: list[dict], right: float) -> Iterator[tuple[float, str]]:
    """Lines joined into paragraphs: a line reaching the text's right edge runs on."""
    current: list[str] = []
    top = 0.0
    for index, line in enumerate(lines):
        if not current:
            top = line["top"]
        current.append(line["text"])
        size = line["bottom"] - line["top"]
        following = lines[index + 1]["text"] if index + 1 < len(lines) else ""
        runs_on = (
            line["x1"] >= right - MARGIN_CHARS * size
            and not line["text"].endswith(_LINE_END)
            and parse_marker(following) is None
        )
        if not runs_on:
            yield top, "".join(current)
            current = []
    if current:
        yield top, "".join(current)
