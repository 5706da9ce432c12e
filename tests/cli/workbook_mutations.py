"""Mutations of a workbook's archive, each a small hostile or careless change a user's
file might carry: a cell's type or magnitude, a control character, a far cell, a sheet
or column removed or renamed, a duplicated code, over-long text, a truncated file.

They edit the sheet XML inside the zip directly (about 10 ms per case, where openpyxl
takes a second to load and save the example), so a fuzz run can afford hundreds.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

WORKBOOK = "xl/workbook.xml"
# Sheet name → part in a workbook written by jixiao (the example is one).
SHEETS = {
    "部门信息": "xl/worksheets/sheet2.xml",
    "预算收支": "xl/worksheets/sheet3.xml",
    "项目": "xl/worksheets/sheet4.xml",
    "项目绩效指标": "xl/worksheets/sheet5.xml",
    "部门整体指标": "xl/worksheets/sheet6.xml",
    "问题与措施": "xl/worksheets/sheet7.xml",
}
CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?(?:/>|>.*?</c>)', re.S)
NUMBERS = [1e30, -1e308, 1e16, 0.00001, 12.3456789, -0.0, 1e-300, 99999999999999.99]
WORDS = ["9" * 60, "1e30", "-1e308", "inf", "-inf", "nan", "NaN", "Infinity", "约三百万", "",
         "95%", "1,234.5", "１２３", "  ", "=1+1", "@SUM(A1)", "TRUE", "0x1F"]  # fmt: skip
CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\ufffe"]
FAR_CELLS = ["XFD1048576", "ALL65536", "BA3", "ZZ10", "A1048576", "AZ20001", "A200001"]


@dataclass(frozen=True)
class Mutation:
    """What was changed (for the failure message) and the archive's parts after it."""

    description: str
    parts: dict[str, bytes] | None  # None: the file is raw bytes (a truncated zip)
    raw: bytes = b""


def _inline(reference: bytes, text: str) -> bytes:
    """A cell holding ``text`` inline; control characters as OOXML writes them (_x0001_)."""
    encoded = "".join(
        f"_x{ord(char):04X}_" if ord(char) < 32 and char not in "\t\n" else char for char in text
    )
    return (
        b'<c r="'
        + reference
        + b'" t="inlineStr"><is><t>'
        + escape(encoded).encode()
        + b"</t></is></c>"
    )


def _number(reference: bytes, value: float) -> bytes:
    return b'<c r="' + reference + b'"><v>' + repr(value).encode() + b"</v></c>"


def _replace_cell(data: bytes, match: re.Match[bytes], new: bytes) -> bytes:
    return data[: match.start()] + new + data[match.end() :]


def _data_cells(data: bytes) -> list[re.Match[bytes]]:
    """Cells below the header row (row 3 on)."""
    return [match for match in CELL.finditer(data) if int(match.group(2)) >= 3]


def _header_cells(data: bytes) -> list[re.Match[bytes]]:
    return [match for match in CELL.finditer(data) if int(match.group(2)) == 2]


def mutate(parts: dict[str, bytes], original: bytes, chance: random.Random) -> Mutation:
    """One random mutation of the workbook whose parts are ``parts``."""
    kind = chance.choice(list(_MUTATIONS))
    return _MUTATIONS[kind](dict(parts), original, chance)


def _a_cell(parts: dict[str, bytes], chance: random.Random, header: bool = False):
    sheet = chance.choice(list(SHEETS))
    data = parts[SHEETS[sheet]]
    cells = _header_cells(data) if header else _data_cells(data)
    return sheet, data, chance.choice(cells) if cells else None


def _set_cell(parts, original, chance, make: Callable[[bytes], bytes], label: str) -> Mutation:
    sheet, data, cell = _a_cell(parts, chance)
    if cell is None:
        return Mutation("无变化", parts)
    parts[SHEETS[sheet]] = _replace_cell(data, cell, make(cell.group(1) + cell.group(2)))
    return Mutation(f"{sheet}!{(cell.group(1) + cell.group(2)).decode()} ← {label}", parts)


def _magnitude(parts, original, chance) -> Mutation:
    value = chance.choice(NUMBERS)
    return _set_cell(parts, original, chance, lambda ref: _number(ref, value), repr(value))


def _word(parts, original, chance) -> Mutation:
    word = chance.choice(WORDS)
    return _set_cell(parts, original, chance, lambda ref: _inline(ref, word), repr(word))


def _control(parts, original, chance) -> Mutation:
    text = f"整治{chance.choice(CONTROLS)}任务"
    return _set_cell(parts, original, chance, lambda ref: _inline(ref, text), repr(text))


def _long_text(parts, original, chance) -> Mutation:
    text = "长" * chance.choice([21, 51, 101, 201, 256, 501, 40000])
    return _set_cell(parts, original, chance, lambda ref: _inline(ref, text), f"{len(text)} 字")


def _emptied(parts, original, chance) -> Mutation:
    return _set_cell(parts, original, chance, lambda ref: b"", "删除单元格")


def _far_cell(parts, original, chance) -> Mutation:
    sheet = chance.choice(list(SHEETS))
    cell = chance.choice(FAR_CELLS)
    row = re.sub(r"\D", "", cell)
    xml = f'<row r="{row}"><c r="{cell}"><v>1</v></c></row></sheetData>'.encode()
    parts[SHEETS[sheet]] = parts[SHEETS[sheet]].replace(b"</sheetData>", xml)
    return Mutation(f"{sheet}!{cell} ← 1", parts)


def _renamed_column(parts, original, chance) -> Mutation:
    sheet, data, cell = _a_cell(parts, chance, header=True)
    if cell is None:
        return Mutation("无变化", parts)
    new = chance.choice([b"", _inline(cell.group(1) + cell.group(2), "改名的列")])
    parts[SHEETS[sheet]] = _replace_cell(data, cell, new)
    return Mutation(
        f"{sheet} 表头 {cell.group(1).decode()} 列{'删除' if not new else '改名'}", parts
    )


def _sheet_list(parts, original, chance) -> Mutation:
    sheet = chance.choice(list(SHEETS))
    entry = re.compile(rf'<sheet name="{sheet}"[^>]*/>'.encode())
    renamed = chance.random() < 0.5
    new = (
        (lambda m: m.group().replace(sheet.encode(), f"{sheet}（旧）".encode())) if renamed else b""
    )
    parts[WORKBOOK] = entry.sub(new, parts[WORKBOOK])
    return Mutation(f"工作表“{sheet}”{'改名' if renamed else '删除'}", parts)


def _duplicated_code(parts, original, chance) -> Mutation:
    data = parts[SHEETS["项目"]]
    codes = [match for match in _data_cells(data) if match.group(1) == b"A"]
    first, other = codes[0], chance.choice(codes[1:])
    value = re.search(rb"<v>.*?</v>", first.group(), re.S)
    copied = re.sub(rb"<v>.*?</v>", value.group() if value else b"", other.group(), flags=re.S)
    parts[SHEETS["项目"]] = _replace_cell(data, other, copied)
    return Mutation(f"项目!A{other.group(2).decode()} ← A3 的项目编码", parts)


def _truncated(parts, original, chance) -> Mutation:
    cut = chance.randint(0, len(original) - 1)
    return Mutation(f"文件截断于第 {cut} 字节", None, original[:cut])


_MUTATIONS = {
    "magnitude": _magnitude, "word": _word, "control": _control, "long_text": _long_text,
    "emptied": _emptied, "far_cell": _far_cell, "renamed_column": _renamed_column,
    "sheet_list": _sheet_list, "duplicated_code": _duplicated_code, "truncated": _truncated,
}  # fmt: skip


def read_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_mutation(mutation: Mutation, target: Path) -> Path:
    """The mutated workbook at ``target``."""
    if mutation.parts is None:
        target.write_bytes(mutation.raw)
        return target
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in mutation.parts.items():
            archive.writestr(name, data)
    return target
