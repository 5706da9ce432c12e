"""Hostile report files, made on the fly: compression bombs, endless PDFs, broken Word files.

The PDFs are written object by object (a catalog, a page tree, one shared content
stream), so a 20,000-page file or a stream that inflates to hundreds of MB takes
milliseconds to make and a few hundred KB on disk.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx

MEGABYTE = 1024 * 1024
ADLER_MODULUS = 65521
TEXT = b"BT /F1 12 Tf 72 720 Td (2023 budget 100.00) Tj ET\n"


def pdf_bytes(content: bytes, pages: int = 1, *, compressed: bytes | None = None) -> bytes:
    """A PDF of ``pages`` pages sharing one Flate content stream (``compressed``, or
    ``content`` compressed here)."""
    stream = compressed if compressed is not None else zlib.compress(content)
    kids = " ".join(f"{5 + page} 0 R" for page in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    objects += [page] * pages
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def spaces_bomb(megabytes: int) -> bytes:
    """A zlib stream that inflates to ``megabytes`` MB of spaces, made without inflating:
    one compressed MB, flushed to a byte boundary, repeated (each copy refers back only to
    spaces), then an empty final block and the checksum of the whole."""
    compressor = zlib.compressobj(9)
    first = compressor.compress(b" " * MEGABYTE) + compressor.flush(zlib.Z_SYNC_FLUSH)
    header, block = first[:2], first[2:]
    length = megabytes * MEGABYTE
    low = (1 + length * ord(" ")) % ADLER_MODULUS
    high = (length + ord(" ") * length * (length + 1) // 2) % ADLER_MODULUS
    final_empty_block = b"\x01\x00\x00\xff\xff"
    return header + block * megabytes + final_empty_block + (high << 16 | low).to_bytes(4, "big")


def inflating_pdf(path: Path, megabytes: int) -> Path:
    """A small PDF whose one content stream inflates to ``megabytes`` MB."""
    path.write_bytes(pdf_bytes(b"", compressed=spaces_bomb(megabytes)))
    return path


def many_page_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` pages, each with one line of text."""
    path.write_bytes(pdf_bytes(TEXT, pages))
    return path


def slow_pdf(path: Path, lines: int = 20_000) -> Path:
    """One page of ``lines`` random strokes: small, compressing like real content, and
    slow to lay out (every stroke is a candidate table edge)."""
    rng = random.Random(lines)
    strokes = b"".join(
        b"%d %d m %d %d l S\n" % tuple(rng.randrange(600) for _ in range(4)) for _ in range(lines)
    )
    path.write_bytes(pdf_bytes(strokes + TEXT))
    return path


def word_bytes() -> bytes:
    """A small valid .docx with a heading and one paragraph."""
    document = docx.Document()
    document.add_paragraph("一、部门基本情况")
    document.add_paragraph("支出合计 100.00 万元。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewritten_docx(path: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A valid .docx with each part passed through ``change`` (None leaves it out)."""
    source = zipfile.ZipFile(io.BytesIO(word_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = change(name, source.read(name))
            if data is not None:
                target.writestr(name, data)
    return path


def zip_bomb_docx(path: Path, megabytes: int) -> Path:
    """A .docx whose body is padded with ``megabytes`` MB of spaces (a few KB zipped)."""
    padding = b" " * (megabytes * MEGABYTE)

    def pad(name: str, data: bytes) -> bytes:
        return (
            data.replace(b"<w:body>", b"<w:body>" + padding)
            if name.endswith("document.xml")
            else data
        )

    return rewritten_docx(path, pad)


def broken_xml_docx(path: Path) -> Path:
    """A .docx whose body is cut in half: a valid zip holding invalid XML."""
    return rewritten_docx(
        path, lambda name, data: data[: len(data) // 2] if name.endswith("document.xml") else data
    )
