"""Hostile workbooks made on the fly from a valid one: far cells, zip bombs, lies.

Each helper copies a workbook's archive, changing one part, so a test shows exactly
which change the reader must refuse.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

# The part each sheet of a workbook written by jixiao lives in.
SHEET_PARTS = {
    "部门信息": "xl/worksheets/sheet2.xml",
    "预算收支": "xl/worksheets/sheet3.xml",
    "项目": "xl/worksheets/sheet4.xml",
    "项目绩效指标": "xl/worksheets/sheet5.xml",
}


def rewritten(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of ``source`` with ``part`` replaced by ``change(part)``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def with_far_cell(source: Path, target: Path, sheet: str, cell: str, xml: str = "") -> Path:
    """``source`` with one more value at ``cell`` of ``sheet`` (or ``xml`` in its place)."""
    row = re.sub(r"\D", "", cell)
    xml = xml or f'<row r="{row}"><c r="{cell}"><v>1</v></c></row>'
    return rewritten(
        source,
        target,
        SHEET_PARTS[sheet],
        lambda data: data.replace(b"</sheetData>", xml.encode() + b"</sheetData>"),
    )


def with_inflating_part(source: Path, target: Path, inflated_bytes: int) -> Path:
    """``source`` with a comment of ``inflated_bytes`` zeros in its 部门信息 sheet: a
    workbook of about 1 MB per GB that calamine would inflate whole to read the sheet."""
    part = SHEET_PARTS["部门信息"]
    writing = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    with zipfile.ZipFile(source) as old, writing as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info.filename, old.read(info.filename))
                continue
            head, tail = old.read(part).split(b"<sheetData>", 1)
            with new.open(part, "w", force_zip64=True) as stream:
                stream.write(head + b"<!--")
                block = b"0" * (1024 * 1024)
                for _ in range(inflated_bytes // len(block)):
                    stream.write(block)
                stream.write(b"--><sheetData>" + tail)
    return target


def with_understated_size(source: Path, target: Path, part: str) -> Path:
    """``source`` whose directory says ``part`` inflates to 100 bytes (it inflates to
    more): a reader that trusts the directory is fooled, one that counts is not."""
    data = bytearray(Path(source).read_bytes())
    name = part.encode()
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(part)
    # Central directory entry: signature, then the uncompressed size at offset 24.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    local = info.header_offset
    data[local + 22 : local + 26] = (100).to_bytes(4, "little")
    target.write_bytes(bytes(data))
    return target


def truncated(source: Path, target: Path, fraction: float) -> Path:
    """The first ``fraction`` of ``source``'s bytes."""
    data = Path(source).read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target
