"""The Word report's layout, read back: columns, rows, sections, signature, what it never says."""

from __future__ import annotations

import re
from io import BytesIO

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import load_profile
from jixiao.core.report_model import Table
from jixiao.io.docx_tables import CELL_MARGIN_MM, column_widths, text_width_mm
from jixiao.io.report_docx import build_docx
from tests.builders import LUOPU_BUILDER, load_module, two_project_department

TEXT_WIDTH_MM = 210 - 28 - 26
INTERNAL_TEXT = re.compile(
    r"数据检查|工作表|第\s*\d+\s*行|默认规则|规则配置|通行做法|系统计算|[「」]"
)


def _opened(report) -> docx.Document:
    buffer = BytesIO()
    build_docx(report).save(buffer)
    return docx.Document(BytesIO(buffer.getvalue()))


def _all_text(document: docx.Document) -> str:
    cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(two_project_department(), load_profile())


@pytest.fixture(scope="module")
def plain_report(evaluation):
    return _opened(build_report(evaluation))


@pytest.fixture(scope="module")
def with_projects(evaluation):
    return _opened(build_report(evaluation, project_appendix=True))


@pytest.fixture(scope="module")
def luopu_text():
    data = load_module(LUOPU_BUILDER, "make_luopu_layout").build()
    report = build_report(evaluate(data, load_profile()), project_appendix=True)
    return _all_text(_opened(report))


def test_an_amount_column_fits_the_widest_figure_and_names_take_what_is_left():
    table = Table("", ("项目名称", "全年执行数（万元）", "等级"),
                  (("城乡社区环境卫生综合整治经费", "25,748.56", "优"),),
                  frozenset({1}), wide_columns=frozenset({0}))  # fmt: skip
    widths = column_widths(table, TEXT_WIDTH_MM, Pt(10.5))
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM)
    assert widths[1] - 2 * CELL_MARGIN_MM > text_width_mm("25,748.56", Pt(10.5))
    assert widths[0] > widths[1] > widths[2]


def test_the_tables_fill_the_text_width_with_fixed_columns(plain_report):
    for table in plain_report.tables:
        grid = table._tbl.tblGrid.gridCol_lst
        total_mm = sum(col.w for col in grid) / 36000
        assert total_mm == pytest.approx(TEXT_WIDTH_MM, abs=0.5)
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_no_row_splits_across_pages_and_the_header_row_repeats(plain_report):
    for table in plain_report.tables:
        rows = table._tbl.tr_lst
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])


def test_the_body_ends_with_the_attachment_list_and_the_signature(plain_report):
    body = plain_report.sections[0].iter_inner_content()
    texts = [p.text for p in body if hasattr(p, "text") and p.text]
    assert texts[-3:] == ["附件：1. 部门整体支出绩效指标完成情况", "示例街道办事处", texts[-1]]
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", texts[-1])


def test_each_appendix_starts_a_section_and_only_the_project_list_is_landscape(
    plain_report, with_projects
):
    assert [s.orientation for s in plain_report.sections] == [WD_ORIENT.PORTRAIT] * 2
    sections = with_projects.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT] * 2 + [WD_ORIENT.LANDSCAPE]
    assert sections[2].page_width > sections[2].page_height
    first = [p.text for p in sections[2].iter_inner_content() if hasattr(p, "text")][:2]
    assert first == ["附件2", "项目支出绩效自评得分一览"]


def test_the_filed_text_carries_no_tool_output_or_internal_reference(luopu_text):
    assert "“" in luopu_text and "25,748.56" in luopu_text
    assert not INTERNAL_TEXT.findall(luopu_text)


def test_figures_carry_thousands_separators_in_prose_and_tables(luopu_text):
    assert "一是城乡社区支出增加 1,156.35 万元" in luopu_text
    assert not re.search(r"(?<![\d,.])\d{4,}\.\d{2}(?!\d)", luopu_text)
