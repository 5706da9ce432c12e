"""The PDF report, where LibreOffice is installed: official faces fall back to Noto CJK."""

import shutil

import pdfplumber
import pytest

from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import load_profile
from jixiao.io.report_docx import build_docx
from jixiao.io.report_pdf import docx_to_pdf
from tests.builders import two_project_department

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装")


def test_the_pdf_renders_the_government_faces_with_noto_cjk(tmp_path):
    document = build_docx(build_report(evaluate(two_project_department(), load_profile())))
    path = tmp_path / "r.docx"
    document.save(str(path))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(docx_to_pdf(path.read_bytes()))
    with pdfplumber.open(pdf) as opened:
        first = opened.pages[0]
        text = first.extract_text()
        fonts = {char["fontname"].split("+")[-1] for char in first.chars}
    assert "部门整体支出绩效自评报告" in text.replace(" ", "").replace("\n", "")
    assert any("NotoSerifCJK" in name for name in fonts)  # 仿宋_GB2312 → Noto Serif CJK SC
    assert any("NotoSansCJK" in name for name in fonts)  # 黑体 → Noto Sans CJK SC
