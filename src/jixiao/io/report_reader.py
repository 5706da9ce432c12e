"""Read a self-evaluation report (.txt, .docx, .pdf) into the audit's Document model.

Word files give paragraphs and tables in body order (python-docx); PDF files give the
text of each page outside its tables, joined back into paragraphs where a line runs to
the right margin, and the tables themselves (pdfplumber), each with its page number.
A file that cannot be read raises :class:`ReportReadError` with a Chinese message.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pdfplumber
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from jixiao.core.audit.document import Document, RawParagraph, RawTable, build_document

SUPPORTED = (".txt", ".docx", ".pdf")
_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d+\s*页?)?[-—–\s]*$"
)
_LINE_END = "。！？：；!?:;"
MARGIN_CHARS = 2


class ReportReadError(Exception):
    """A report that cannot be read; the message is Chinese and says why."""


class UnsupportedFormatError(ReportReadError):
    """A file type the audit does not read."""


def read_report(path: Path) -> Document:
    """The report at ``path`` as a Document, or ReportReadError."""
    if not path.is_file():
        raise ReportReadError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    readers = {".txt": _read_text, ".docx": _read_docx, ".pdf": _read_pdf}
    if suffix not in readers:
        hint = "；旧版 Word（.doc）请另存为 .docx 后再审核" if suffix == ".doc" else ""
        raise UnsupportedFormatError(
            f"不支持的文件格式“{suffix or '无扩展名'}”，只能审核 .txt、.docx、.pdf{hint}。"
        )
    document = readers[suffix](path)
    if not document.paragraphs and not document.tables:
        raise ReportReadError(f"文件中没有可读取的文字：{path.name}")
    return document


def _read_text(path: Path) -> Document:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        lines = text.splitlines()
        raw = (RawParagraph(line, index) for index, line in enumerate(lines, start=1))
        return build_document(path.name, raw)
    raise ReportReadError(f"无法识别文本文件的编码（应为 UTF-8 或 GB18030）：{path.name}")


def _read_docx(path: Path) -> Document:
    try:
        word = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
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
    paragraphs: list[RawParagraph] = []
    tables: list[RawTable] = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for kind, content in _page_items(page):
                    if kind == "table":
                        tables.append(RawTable(content, len(paragraphs), page.page_number))
                    else:
                        paragraphs.append(RawParagraph(content, page=page.page_number))
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError) as error:
        raise ReportReadError(f"无法读取 PDF 文件（文件已损坏或加密）：{path.name}") from error
    if not paragraphs and not tables:
        raise ReportReadError(f"PDF 中没有可提取的文字（可能是扫描件）：{path.name}")
    return build_document(path.name, paragraphs, tables)


def _page_items(page: pdfplumber.page.Page) -> list[tuple[str, object]]:
    """The page's paragraphs and tables, top to bottom."""
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    items: list[tuple[float, str, object]] = [
        (top, "paragraph", text) for top, text in _paragraphs(outside)
    ]
    for table in found:
        rows = tuple(
            tuple((cell or "").replace("\n", "") for cell in row) for row in table.extract()
        )
        items.append((table.bbox[1], "table", rows))
    return [(kind, content) for _, kind, content in sorted(items, key=lambda item: item[0])]


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return (
        obj.get("x0", 0) >= x0
        and obj.get("x1", 0) <= x1
        and obj.get("top", 0) >= top
        and obj.get("bottom", 0) <= bottom
    )


def _paragraphs(page: pdfplumber.page.Page) -> Iterator[tuple[float, str]]:
    """Lines joined into paragraphs: a line reaching the right margin runs on."""
    lines = [line for line in page.extract_text_lines() if not _PAGE_NUMBER.match(line["text"])]
    if not lines:
        return
    right = max(line["x1"] for line in lines)
    current: list[str] = []
    top = lines[0]["top"]
    for line in lines:
        if not current:
            top = line["top"]
        current.append(line["text"])
        size = line["bottom"] - line["top"]
        runs_on = line["x1"] >= right - MARGIN_CHARS * size and not line["text"].endswith(
            tuple(_LINE_END)
        )
        if not runs_on:
            yield top, "".join(current)
            current = []
    if current:
        yield top, "".join(current)
