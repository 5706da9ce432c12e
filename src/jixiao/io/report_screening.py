"""Checks on a report file before it is parsed: its size, and what it expands to.

A .docx is a zip archive: the sizes its directory declares bound what reading it can
unzip (Python's zipfile stops at the declared size), so they are summed without
unzipping anything. A PDF's compressed streams are inflated in small pieces and only
counted, up to the limit, and its pages are counted along the page tree, stopping one
past the limit: a compression bomb or a 20,000-page file is refused before any page
is laid out.
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from pathlib import Path

from jixiao.io.report_errors import ReportReadError, ReportRefused
from jixiao.io.report_limits import ReportLimits, megabytes

# Where a PDF stream's data begins; the word also ends "endstream", which does not inflate.
_STREAM_START = re.compile(rb"stream\r?\n")
INPUT_PIECE = 64 * 1024
OUTPUT_PIECE = 1024 * 1024
WORD_BODY = "word/document.xml"


def screen_report(path: Path, limits: ReportLimits) -> None:
    """Refuse (ReportRefused) a report past the size, expansion or page limits."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ReportRefused(
            f"“{path.name}”有 {megabytes(size)}，超过审核限制 {megabytes(limits.max_file_bytes)}"
            "（限制项 max_file_mb），已拒绝。",
            "max_file_mb",
        )
    suffix = path.suffix.lower()
    if suffix == ".docx":
        _check_expansion(path, _zip_expanded_size(path), size, limits)
    elif suffix == ".pdf":
        # Counting stops just past the lower of the two limits: no need to inflate more.
        budget = min(limits.max_inflated_bytes, int(limits.max_inflation_ratio * max(size, 1)))
        _check_expansion(path, _pdf_inflated_size(path.read_bytes(), budget), size, limits)
        _check_pages(path, limits.max_pages)


def _check_expansion(path: Path, expanded: int, size: int, limits: ReportLimits) -> None:
    if expanded > limits.max_inflated_bytes:
        raise ReportRefused(
            f"“{path.name}”解压后超过 {megabytes(limits.max_inflated_bytes)}"
            "（限制项 max_inflated_mb），疑似压缩炸弹，已拒绝。",
            "max_inflated_mb",
        )
    if expanded > limits.max_inflation_ratio * max(size, 1):
        raise ReportRefused(
            f"“{path.name}”解压后超过原文件的 {limits.max_inflation_ratio:g} 倍"
            "（限制项 max_inflation_ratio），疑似压缩炸弹，已拒绝。",
            "max_inflation_ratio",
        )


def _zip_expanded_size(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ReportReadError(
            f"无法读取 Word 文件（文件已损坏或不是 .docx）：{path.name}"
        ) from error
    if WORD_BODY not in names or "[Content_Types].xml" not in names:
        raise ReportReadError(f"无法读取 Word 文件（缺少正文部分，不是有效的 .docx）：{path.name}")
    return sum(member.file_size for member in members)


def _pdf_inflated_size(data: bytes, budget: int) -> int:
    """The bytes the PDF's Flate streams inflate to, counted up to just past ``budget``."""
    total = 0
    for start in _STREAM_START.finditer(data):
        total += _inflated_size(data, start.end(), budget - total + 1)
        if total > budget:
            break
    return total


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    """What the zlib stream at ``start`` inflates to, up to ``budget``; 0 if not zlib."""
    inflater = zlib.decompressobj()
    view = memoryview(data)
    position = start
    pending = b""
    total = 0
    try:
        while total <= budget and not inflater.eof:
            if not pending:
                if position >= len(data):
                    break
                pending = view[position : position + INPUT_PIECE]
                position += INPUT_PIECE
            total += len(inflater.decompress(pending, OUTPUT_PIECE))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not Flate data (an image, an encrypted stream), or its damaged end
    return total


def _check_pages(path: Path, max_pages: int) -> None:
    # Imported here so that reading a .txt or .docx report never loads the PDF library.
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as stream:
        try:
            document = PDFDocument(PDFParser(stream))
            pages = sum(1 for _ in itertools.islice(PDFPage.create_pages(document), max_pages + 1))
        except PDFPasswordIncorrect as error:
            raise ReportReadError(f"PDF 文件已加密，无法读取：{path.name}") from error
        except Exception as error:  # any parser failure means a damaged file
            raise ReportReadError(f"无法读取 PDF 文件（文件已损坏或加密）：{path.name}") from error
    if pages > max_pages:
        raise ReportRefused(
            f"“{path.name}”超过 {max_pages} 页（限制项 max_pages），已拒绝。", "max_pages"
        )
