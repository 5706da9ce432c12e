"""The report as a Word document laid out as a Chinese official document (GB/T 9704 style).

Title in 方正小标宋简体 二号, 一级标题 黑体, 二级标题 楷体_GB2312, body 仿宋_GB2312 三号 with
fixed 28 pt lines, A4 with official margins, page numbers ``— N —`` at the foot. The
font table names Noto CJK SC (Debian fonts-noto-cjk) as each face's alternative, so the
document renders right where the government fonts are not installed.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from lxml.etree import SubElement

from jixiao.core.report_model import Heading, Paragraph, ReportDocument, Table

TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANG = "仿宋_GB2312"
SONG = "宋体"
FALLBACKS = {
    TITLE_FONT: "Noto Serif CJK SC",
    HEI: "Noto Sans CJK SC",
    KAI: "Noto Serif CJK SC",
    FANG: "Noto Serif CJK SC",
    SONG: "Noto Serif CJK SC",
}
STYLE_NAMES = ("JX Title", "JX Heading 1", "JX Heading 2", "JX Body", "JX Caption", "JX Table",
               "JX Note", "JX Footer", "Table Grid")  # fmt: skip
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(10.5)  # 五号
LINE = Pt(28)
W_PPR, W_PSTYLE, W_JC, W_R, W_T, W_VAL = (
    qn(f"w:{tag}") for tag in ("pPr", "pStyle", "jc", "r", "t", "val")
)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _set_fonts(style_or_run_font, name: str, element) -> None:
    """Latin and East Asian faces both, or Word falls back to its own CJK face."""
    style_or_run_font.name = name
    rpr = element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph_style(
    document: docx.Document, name: str, font: str, size: Pt, *, align=None, indent: bool = False,
    exact_line: Pt | None = LINE,
) -> ParagraphStyle:  # fmt: skip
    style = document.styles.add_style(name, 1)
    style.base_style = document.styles["Normal"]
    _set_fonts(style.font, font, style.element)
    style.font.size = size
    style.font.bold = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    layout = style.paragraph_format
    layout.space_before = Pt(0)
    layout.space_after = Pt(0)
    if exact_line is not None:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = exact_line
    if indent:
        layout.first_line_indent = size * 2
    if align is not None:
        layout.alignment = align
    return style


def _styles(document: docx.Document) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph_style(document, "JX Title", TITLE_FONT, Pt(22), align=WD_ALIGN_PARAGRAPH.CENTER,
                     exact_line=Pt(36))  # fmt: skip
    _paragraph_style(document, "JX Heading 1", HEI, BODY_SIZE, indent=True, align=justify)
    _paragraph_style(document, "JX Heading 2", KAI, BODY_SIZE, indent=True, align=justify)
    _paragraph_style(document, "JX Body", FANG, BODY_SIZE, indent=True, align=justify)
    caption = _paragraph_style(document, "JX Caption", HEI, Pt(12), align=WD_ALIGN_PARAGRAPH.CENTER,
                               exact_line=None)  # fmt: skip
    caption.paragraph_format.space_before = Pt(6)
    _paragraph_style(document, "JX Table", SONG, TABLE_SIZE, exact_line=None)
    note = _paragraph_style(document, "JX Note", FANG, TABLE_SIZE, exact_line=None)
    note.paragraph_format.space_after = Pt(6)
    _paragraph_style(document, "JX Footer", SONG, Pt(14), align=WD_ALIGN_PARAGRAPH.CENTER,
                     exact_line=None)  # fmt: skip


def _page_setup(document: docx.Document, footer_style: ParagraphStyle) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.style = footer_style
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")


def _font_fallbacks(document: docx.Document) -> None:
    """Declare each official face in the font table with Noto CJK SC as its altName."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            entries = "".join(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
                for name, alt in FALLBACKS.items()
            )
            blob = part.blob.decode("utf-8")
            part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _table(document: docx.Document, styles: dict[str, ParagraphStyle], block: Table) -> None:
    document.add_paragraph(block.caption, style=styles["JX Caption"])
    table = document.add_table(rows=len(block.rows) + 1, cols=len(block.headers))
    table.style = styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill(table, block, styles["JX Table"].style_id)
    if block.note:
        document.add_paragraph(f"注：{block.note}", style=styles["JX Note"])


def _fill(table: DocxTable, block: Table, style_id: str) -> None:
    """Fill cells with lxml directly: python-docx's per-cell helpers dominate the run time."""
    rows = table._tbl.tr_lst
    rows[0].get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeat on every page
    for tr, values in zip(rows, (block.headers, *block.rows), strict=True):
        header = tr is rows[0]
        for index, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
            paragraph = tc.p_lst[0]
            properties = SubElement(paragraph, W_PPR)
            SubElement(properties, W_PSTYLE).set(W_VAL, style_id)
            if index in block.numeric_columns and not header:
                SubElement(properties, W_JC).set(W_VAL, "right")
            text = SubElement(SubElement(paragraph, W_R), W_T)
            text.text = value
            if value != value.strip():
                text.set(XML_SPACE, "preserve")


def build_docx(report: ReportDocument) -> docx.Document:
    document = docx.Document()
    _styles(document)
    # Looking a style up by name is slow in python-docx; each is looked up once.
    styles = {name: document.styles[name] for name in STYLE_NAMES}
    _page_setup(document, styles["JX Footer"])
    _font_fallbacks(document)
    document.core_properties.title = report.title
    document.add_paragraph(report.title, style=styles["JX Title"])
    document.add_paragraph("", style=styles["JX Body"])
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_paragraph(block.text, style=styles[f"JX Heading {block.level}"])
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text, style=styles["JX Body"])
        else:
            _table(document, styles, block)
    for line in report.signature:
        document.add_paragraph(line, style=styles["JX Body"]).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return document


def write_docx(report: ReportDocument, path: str | Path) -> Path:
    path = Path(path)
    build_docx(report).save(str(path))
    return path
