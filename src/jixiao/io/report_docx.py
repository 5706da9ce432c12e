"""The report as a Word document laid out as a Chinese official document (GB/T 9704).

Title in 方正小标宋简体 二号, 一级标题 黑体, 二级标题 楷体_GB2312, body 仿宋_GB2312 三号 with
fixed 28 pt lines, A4 with official margins. Page numbers ``— N —`` in 宋体 四号: odd
pages at the right, even pages at the left, one character in from the edge. The body
ends with the 附件 list and the signature block (单位, 成文日期); each appendix starts a
section of its own (landscape where its table is wide).

Fonts are named in every script slot (ascii, hAnsi, eastAsia) so neither Word nor WPS
falls back to a Latin default, and the font table gives each official face the stock
Windows face as its alternative (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 →
宋体). For the PDF, LibreOffice takes the Noto CJK faces through ``fonts/fontconfig.conf``.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from jixiao.core.report_model import Appendix, Block, Heading, Paragraph, ReportDocument, Table
from jixiao.io.docx_tables import add_table

TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
FANG = "仿宋_GB2312"
SONG = "宋体"
# Each face → the face a stock Windows (and WPS) has when it is missing.
ALTERNATIVES = {TITLE_FONT: SONG, HEI: "SimHei", KAI: "楷体", FANG: "仿宋", SONG: "SimSun"}
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(10.5)  # 五号
FOOTER_SIZE = Pt(14)  # 四号
LINE = Pt(28)
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}


def _set_fonts(font, name: str, element) -> None:
    """One face in every slot, with the East Asian hint: quotes “” then take the CJK face."""
    font.name = name
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)
    fonts.set(qn("w:hint"), "eastAsia")


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
    layout.widow_control = True
    if exact_line is not None:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = exact_line
    if indent:
        layout.first_line_indent = size * 2
    if align is not None:
        layout.alignment = align
    return style


def _styles(document: docx.Document) -> None:
    justify, center = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
    _set_fonts(document.styles["Normal"].font, FANG, document.styles["Normal"].element)
    _paragraph_style(document, "JX Title", TITLE_FONT, Pt(22), align=center, exact_line=Pt(36))
    _paragraph_style(document, "JX Cover Note", HEI, Pt(12), align=center, exact_line=None)
    for name, font in (("JX Heading 1", HEI), ("JX Heading 2", KAI)):
        heading = _paragraph_style(document, name, font, BODY_SIZE, indent=True, align=justify)
        heading.paragraph_format.keep_with_next = True
    _paragraph_style(document, "JX Body", FANG, BODY_SIZE, indent=True, align=justify)
    _paragraph_style(document, "JX Plain", FANG, BODY_SIZE, align=justify)
    signature = _paragraph_style(document, "JX Signature", FANG, BODY_SIZE,
                                 align=WD_ALIGN_PARAGRAPH.RIGHT)  # fmt: skip
    signature.paragraph_format.right_indent = BODY_SIZE * 2
    _paragraph_style(document, "JX Appendix Label", HEI, BODY_SIZE)
    appendix_title = _paragraph_style(document, "JX Appendix Title", TITLE_FONT, Pt(18),
                                      align=center, exact_line=Pt(32))  # fmt: skip
    appendix_title.paragraph_format.space_after = Pt(12)
    caption = _paragraph_style(document, "JX Caption", HEI, Pt(12), align=center, exact_line=None)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    _paragraph_style(document, "JX Table", SONG, TABLE_SIZE, exact_line=None)
    _paragraph_style(document, "JX Table Header", HEI, TABLE_SIZE, exact_line=None)
    note = _paragraph_style(document, "JX Note", FANG, TABLE_SIZE, exact_line=None)
    note.paragraph_format.space_after = Pt(6)
    for side, align in (("Odd", WD_ALIGN_PARAGRAPH.RIGHT), ("Even", WD_ALIGN_PARAGRAPH.LEFT)):
        footer = _paragraph_style(document, f"JX Footer {side}", SONG, FOOTER_SIZE, align=align,
                                  exact_line=None)  # fmt: skip
        if side == "Odd":
            footer.paragraph_format.right_indent = FOOTER_SIZE
        else:
            footer.paragraph_format.left_indent = FOOTER_SIZE


def _page_number(paragraph) -> None:
    """``— N —`` with a PAGE field."""
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def _page_setup(document: docx.Document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = PAGE
    for side, length in MARGINS.items():
        setattr(section, f"{side}_margin", length)
    # GB/T 9704: odd pages number at the right, even pages at the left.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, side in ((section.footer, "Odd"), (section.even_page_footer, "Even")):
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[f"JX Footer {side}"]
        _page_number(paragraph)


def _font_table(document: docx.Document) -> None:
    """Declare each face with its stock Windows alternative and the GB2312 character set."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            entries = "".join(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
                for name, alt in ALTERNATIVES.items()
            )
            blob = part.blob.decode("utf-8")
            part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _text_width_mm(document: docx.Document) -> float:
    section = document.sections[-1]
    return Length(section.page_width - section.left_margin - section.right_margin).mm


def _add_blocks(document: docx.Document, blocks: tuple[Block, ...]) -> None:
    styles = document.styles
    table_styles = (styles["JX Table Header"].style_id, styles["JX Table"].style_id)
    for block in blocks:
        if isinstance(block, Heading):
            document.add_paragraph(block.text, style=styles[f"JX Heading {block.level}"])
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text, style=styles["JX Body"])
        elif isinstance(block, Table):
            if block.caption:
                document.add_paragraph(block.caption, style=styles["JX Caption"])
            add_table(document, block, table_styles, _text_width_mm(document), TABLE_SIZE)
            if block.note:
                document.add_paragraph(f"注：{block.note}", style=styles["JX Note"])


def _closing(document: docx.Document, report: ReportDocument) -> None:
    """附件 list (GB/T 9704: below the body, two characters in), then 单位 and 成文日期.

    The block is kept together and with the last line of the body, so the signature is
    never alone on a page nor split from its date.
    """
    styles = document.styles
    last_of_body = len(document.element.body) - 2  # the body's last child is its sectPr
    if report.appendices:
        document.add_paragraph("", style=styles["JX Body"])
        # One paragraph, a line per appendix: the numbers align under the first one.
        listing = document.add_paragraph("", style=styles["JX Body"])
        for index, appendix in enumerate(report.appendices, start=1):
            if index > 1:
                listing.add_run().add_break()
            lead = "附件：" if index == 1 else "　　　"
            listing.add_run(f"{lead}{index}. {appendix.title}")
    document.add_paragraph("", style=styles["JX Body"])
    document.add_paragraph("", style=styles["JX Body"])
    for line in report.signature:
        document.add_paragraph(line, style=styles["JX Signature"])
    closing = document.element.body[last_of_body:-1]
    for element in closing[:-1]:
        if element.tag == qn("w:p"):
            element.get_or_add_pPr().get_or_add_keepNext()


def _appendix(document: docx.Document, appendix: Appendix) -> None:
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    width, height = PAGE
    if appendix.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin, section.bottom_margin = MARGINS["left"], MARGINS["right"]
        section.left_margin, section.right_margin = MARGINS["top"], MARGINS["bottom"]
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        for side, length in MARGINS.items():
            setattr(section, f"{side}_margin", length)
    document.add_paragraph(appendix.label, style=document.styles["JX Appendix Label"])
    document.add_paragraph(appendix.title, style=document.styles["JX Appendix Title"])
    _add_blocks(document, appendix.blocks)


def build_docx(report: ReportDocument) -> docx.Document:
    """The Word document of ``report``: body, signature, then each appendix on a new page."""
    document = docx.Document()
    _styles(document)
    _page_setup(document)
    _font_table(document)
    document.core_properties.title = report.title
    if report.cover_note:
        document.add_paragraph(report.cover_note, style=document.styles["JX Cover Note"])
    document.add_paragraph(report.title, style=document.styles["JX Title"])
    document.add_paragraph("", style=document.styles["JX Body"])
    _add_blocks(document, report.blocks)
    _closing(document, report)
    for appendix in report.appendices:
        _appendix(document, appendix)
    return document


def write_docx(report: ReportDocument, path: str | Path) -> Path:
    path = Path(path)
    build_docx(report).save(str(path))
    return path
