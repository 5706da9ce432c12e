"""Which part of an .xlsx archive holds which sheet, and which parts calamine reads whole.

``xl/workbook.xml`` names the sheets and points each at a relationship id; the
workbook's relationships file maps that id to the sheet's XML part.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from jixiao.io.office_archive import InflationBudget, NotAnArchive, inflate

WORKBOOK_PART = "xl/workbook.xml"
RELATIONSHIPS_PART = "xl/_rels/workbook.xml.rels"
# Relationship types of the parts calamine reads whole when it opens a workbook.
OPENING_TYPES = ("/sharedStrings", "/styles")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True, slots=True)
class WorkbookParts:
    sheets: dict[str, str]  # sheet name → the part holding its XML
    opening: tuple[str, ...]  # the parts read whole on opening


def _xml(archive: zipfile.ZipFile, part: str, budget: InflationBudget) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(b"".join(inflate(archive, part, budget)))
    except ElementTree.ParseError as error:
        raise NotAnArchive("文件已损坏") from error


def _part(target: str) -> str:
    return target[1:] if target.startswith("/") else f"xl/{target}"


def workbook_parts(archive: zipfile.ZipFile, budget: InflationBudget) -> WorkbookParts:
    """The workbook's sheets and opening parts, from its two small index parts."""
    if WORKBOOK_PART not in archive.NameToInfo or RELATIONSHIPS_PART not in archive.NameToInfo:
        raise NotAnArchive("缺少工作簿结构")
    relations = list(_xml(archive, RELATIONSHIPS_PART, budget).iter(f"{_PACKAGE}Relationship"))
    targets = {relation.get("Id"): relation.get("Target", "") for relation in relations}
    listed = [
        (sheet.get("name", ""), _part(targets.get(sheet.get(_RELATIONSHIP_ID), "")))
        for sheet in _xml(archive, WORKBOOK_PART, budget).iter(f"{_MAIN}sheet")
    ]
    sheets = dict(listed)
    if len(sheets) != len(listed):
        # Excel never writes two sheets of one name; the part checked could then be
        # another than the one parsed.
        raise NotAnArchive("工作表重名")
    opening = tuple(
        _part(relation.get("Target", ""))
        for relation in relations
        if relation.get("Type", "").endswith(OPENING_TYPES)
    )
    return WorkbookParts(sheets, opening)


def check_opening_parts(
    archive: zipfile.ZipFile, parts: WorkbookParts, budget: InflationBudget
) -> None:
    """Stream the parts calamine reads whole on opening, so their real size is counted."""
    for part in parts.opening:
        if part in archive.NameToInfo:
            for _ in inflate(archive, part, budget):
                pass
