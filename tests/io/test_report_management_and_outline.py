"""The Word report read back: 管理效率 from 决算与管理数据, its first-level class, no empty heading."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from io import BytesIO

import docx
import pytest

from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import load_profile
from jixiao.core.records import ManagementItem
from jixiao.io.report_docx import build_docx
from tests.builders import LUOPU_BUILDER, load_module, small_department_year

D = Decimal


def opened(data, **options) -> docx.Document:
    buffer = BytesIO()
    build_docx(build_report(evaluate(data, load_profile()), **options)).save(buffer)
    return docx.Document(BytesIO(buffer.getvalue()))


def paragraphs(document: docx.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def luopu():
    return opened(load_module(LUOPU_BUILDER, "make_luopu_outline").build())


def test_the_管理效率_analysis_states_the_computed_figures_with_their_formulas(luopu) -> None:
    texts = paragraphs(luopu)
    at = texts.index("（三）管理效率分析")
    section = "".join(texts[at : texts.index("三、存在的主要问题")])

    assert "依据本年度决算与管理数据计算" in section
    assert (
        "“三公”经费控制率 81.79%（“三公”经费决算数 ÷ “三公”经费预算数：26.99 万元 ÷ 33.00 万元）"
        in section
    )
    assert (
        "结转结余率 4.23%（年末结转结余 ÷ 全年预算数：1,137.15 万元 ÷ 26,885.71 万元）" in section
    )


def test_illustrative_management_figures_put_the_example_note_on_the_cover() -> None:
    data = small_department_year(
        management=(
            ManagementItem("公用经费", "公用经费", budget=D(100), actual=D(90), illustrative=True),
        )
    )

    assert "示例数据" in paragraphs(opened(data))[0]
    assert "示例数据" not in paragraphs(opened(small_department_year()))[0]


def efficiency_table(document: docx.Document):
    captions = paragraphs(document)
    assert "表5 管理效率指标完成情况" in captions
    (table,) = [t for t in document.tables if t.rows[1].cells[2].text == "绩效目标覆盖率"]
    return table


def test_table_5_labels_its_rows_with_their_first_level_class_管理效率(luopu) -> None:
    table = efficiency_table(luopu)

    assert table.rows[0].cells[0].text == "一级指标"
    assert {row.cells[0].text for row in table.rows[1:]} == {"管理效率"}


def headings(document: docx.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("JX Heading")]


def test_a_section_with_nothing_filed_is_not_written_and_the_numbering_closes_up() -> None:
    data = small_department_year(department_indicators=())
    department = replace(data.department, tasks=(), overall_goal=())
    document = opened(replace(data, department=department))

    assert headings(document) == [
        "一、部门基本情况", "（一）部门职能", "（二）部门整体收支情况", "（三）部门整体绩效管理情况",
        "二、绩效自评情况", "（一）自评结论", "三、存在的主要问题", "四、下一步改进措施",
    ]  # fmt: skip
    assert "附件1" not in "".join(paragraphs(document))  # no indicators: no appendix


def test_every_heading_written_has_something_under_it(luopu) -> None:
    styles = [p.style.name for p in luopu.paragraphs if p.text.strip()]
    for current, following in zip(styles, [*styles[1:], "end"], strict=True):
        if current == "JX Heading 2":
            assert not following.startswith("JX Heading")
