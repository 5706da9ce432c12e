"""Report tables in Word: sized columns, a repeated header row, rows that never split.

Column widths come from the text they hold at the table's font size: an amount column is
as wide as its widest figure (``25,748.56`` stays on one line), short text columns as
their longest entry, and the columns marked wide (names) share what is left.
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from lxml.etree import SubElement

from jixiao.core.report_model import Table

W_PPR, W_PSTYLE, W_JC, W_R, W_T, W_VAL, W_W, W_TYPE = (
    qn(f"w:{tag}") for tag in ("pPr", "pStyle", "jc", "r", "t", "val", "w", "type")
)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN_MM = 1.0  # left and right, each
SLACK_MM = 1.5  # rounding in the renderer's own measure
WIDE_WEIGHT_MAX_EM = 12  # past this, a longer entry wraps rather than widening its column
NARROW_TEXT_MAX_EM = 6  # a short text column (一级指标, 预算类型) wraps beyond six characters
HEADER_LINE_CHARS = (2, 4)  # a header wraps to lines of this many characters: text, figures


def text_width_mm(text: str, size: Pt) -> float:
    """Width of ``text`` on one line: a CJK character is one em, Latin and digits half."""
    em = size.mm
    return sum(em if ord(char) > 0x2E7F else em * 0.55 for char in text)


def column_widths(block: Table, available_mm: float, size: Pt) -> list[float]:
    """Each column's width in mm, summing to ``available_mm``.

    A header may wrap (to lines of two characters, four over figures); a figure never does.
    Wide columns share the width left over in proportion to their longest entries (up to
    a dozen characters); a table narrower than the page widens every column alike.
    """
    padding = 2 * CELL_MARGIN_MM + SLACK_MM
    widths: list[float] = []
    natural: list[float] = []
    for index, header in enumerate(block.headers):
        content = max((text_width_mm(row[index], size) for row in block.rows), default=0.0)
        step = HEADER_LINE_CHARS[index in block.numeric_columns]
        header_min = max(
            text_width_mm(header[i : i + step], size) for i in range(0, len(header), step)
        )
        natural.append(max(content, header_min))
        if index in block.numeric_columns or index in block.wide_columns:
            widths.append(natural[-1] + padding)
        else:
            widths.append(min(natural[-1], NARROW_TEXT_MAX_EM * size.mm) + padding)
    wide = [i for i in range(len(widths)) if i in block.wide_columns]
    spare = available_mm - sum(w for i, w in enumerate(widths) if i not in wide)
    weights = [min(natural[i], WIDE_WEIGHT_MAX_EM * size.mm) for i in wide]
    if wide and 0 < spare < sum(weights) + padding * len(wide):
        for index, weight in zip(wide, weights, strict=True):
            widths[index] = spare * weight / sum(weights)
    else:  # wide columns at their width; any width still left is spread over all columns
        for index, weight in zip(wide, weights, strict=True):
            widths[index] = weight + padding
    scale = available_mm / sum(widths)
    return [width * scale for width in widths]


def add_table(document, block: Table, style_ids: tuple[str, str], available_mm: float,
              size: Pt) -> DocxTable:  # fmt: skip
    """The table, filled and laid out, at the end of ``document``."""
    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = column_widths(block, available_mm, size)
    _fixed_layout(table, widths)
    _fill(table, block, style_ids, [round(w * TWIPS_PER_MM) for w in widths])
    return table


def _fixed_layout(table: DocxTable, widths: list[float]) -> None:
    """Fixed layout at the computed widths (Word and LibreOffice then keep them as set)."""
    properties = table._tbl.tblPr
    total = properties.find(qn("w:tblW"))
    total.set(W_W, str(round(sum(widths) * TWIPS_PER_MM)))
    total.set(W_TYPE, "dxa")
    margins = OxmlElement("w:tblCellMar")
    # The schema orders tblPr's children: cell margins come just before tblLook.
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)
    for side in ("left", "right"):
        margin = SubElement(margins, qn(f"w:{side}"))
        margin.set(W_W, str(round(CELL_MARGIN_MM * TWIPS_PER_MM)))
        margin.set(W_TYPE, "dxa")
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Mm(width)


def _fill(table: DocxTable, block: Table, style_ids: tuple[str, str], twips: list[int]) -> None:
    """Fill cells with lxml directly: python-docx's per-cell helpers dominate the run time."""
    header_style, body_style = style_ids
    rows = table._tbl.tr_lst
    for tr, values in zip(rows, (block.headers, *block.rows), strict=True):
        header = tr is rows[0]
        row_properties = tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if header:
            row_properties.append(OxmlElement("w:tblHeader"))  # repeated on every page
        for index, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
            width = tc.get_or_add_tcPr().get_or_add_tcW()
            width.set(W_W, str(twips[index]))
            width.set(W_TYPE, "dxa")
            paragraph = tc.p_lst[0]
            properties = SubElement(paragraph, W_PPR)
            SubElement(properties, W_PSTYLE).set(W_VAL, header_style if header else body_style)
            if header:
                SubElement(properties, W_JC).set(W_VAL, "center")
            elif index in block.numeric_columns:
                SubElement(properties, W_JC).set(W_VAL, "right")
            text = SubElement(SubElement(paragraph, W_R), W_T)
            text.text = value
            if value != value.strip():
                text.set(XML_SPACE, "preserve")
