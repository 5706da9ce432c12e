"""The Word and HTML reports, opened and read back."""

import html
import re

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import load_profile
from jixiao.io.report_docx import write_docx
from jixiao.io.report_html import render_html
from tests.builders import two_project_department


@pytest.fixture(scope="module")
def report():
    return build_report(evaluate(two_project_department(), load_profile()))


@pytest.fixture(scope="module")
def document(report, tmp_path_factory):
    path = write_docx(report, tmp_path_factory.mktemp("docx") / "报告.docx")
    return docx.Document(str(path))


def _east_asian_font(style) -> str:
    return style.element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )


def test_the_word_report_is_a4_with_official_margins(document):
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)  # fmt: skip
    assert [round(length.mm, 1) for length in sizes] == [210, 297, 37, 35, 28, 26]


def test_the_word_report_uses_the_official_faces_at_their_sizes(document):
    first, heading = document.paragraphs[0], document.paragraphs[2]
    assert first.text == "2023 年度示例街道办事处部门整体支出绩效自评报告"
    assert _east_asian_font(first.style) == "方正小标宋简体"
    assert heading.text == "一、部门基本情况" and _east_asian_font(heading.style) == "黑体"
    body = document.styles["JX Body"]
    assert _east_asian_font(body) == "仿宋_GB2312" and body.font.size == Pt(16)
    assert _east_asian_font(document.styles["JX Heading 2"]) == "楷体_GB2312"


def test_the_word_report_names_the_stock_windows_face_as_each_faces_alternative(document):
    fonts = next(
        part.blob.decode("utf-8")
        for part in document.part.package.iter_parts()
        if str(part.partname) == "/word/fontTable.xml"
    )
    for face, alternative in (
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
        ("方正小标宋简体", "宋体"),
    ):
        assert re.search(rf'w:name="{face}"><w:altName w:val="{alternative}"', fonts)


def test_every_style_names_its_face_in_every_script_slot(document):
    fonts = document.styles["JX Body"].element.rPr.rFonts
    slots = {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia")}
    assert slots == dict.fromkeys(slots, "仿宋_GB2312")
    assert fonts.get(qn("w:hint")) == "eastAsia"  # “” take the Chinese face, not a Latin one


def test_the_word_report_numbers_odd_pages_at_the_right_and_even_pages_at_the_left(document):
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for footer in (odd, even):
        assert 'w:instr="PAGE"' in footer._p.xml and footer.text.startswith("— ")
    assert odd.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_the_word_reports_text_and_tables_carry_the_computed_figures(document, report):
    text = "\n".join(p.text for p in document.paragraphs)
    assert "财政拨款支出合计 44.80 万元" in text
    budget = document.tables[0]
    assert budget.rows[0].cells[0].text == "项目" and budget.rows[1].cells[3].text == "40.80"
    assert any("部门整体自评得分" in p.text for p in document.paragraphs)
    blocks = [*report.blocks, *(b for a in report.appendices for b in a.blocks)]
    assert len(document.tables) == sum(1 for b in blocks if b.__class__.__name__ == "Table")


def test_the_html_report_says_what_the_word_report_says(report, document):
    page = html.unescape(render_html(report))
    for paragraph in document.paragraphs:
        if paragraph.text.strip() and paragraph.style.name in (
            "JX Body",
            "JX Heading 1",
            "JX Heading 2",
        ):
            assert paragraph.text in page


def test_the_html_report_needs_nothing_from_the_network(report):
    page = render_html(report)
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "Noto Serif CJK SC" in page and "仿宋_GB2312" in page


def test_the_html_report_escapes_the_departments_text():
    from jixiao.core.report_model import Paragraph, ReportDocument

    hostile = ReportDocument("t", (Paragraph("<script>alert(1)</script>", generated=False),))
    assert "<script>alert" not in render_html(hostile)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in render_html(hostile)
