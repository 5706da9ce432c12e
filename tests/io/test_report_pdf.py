"""The PDF report, where LibreOffice is installed: official faces fall back to Noto CJK."""

import io
import re
import shutil
import subprocess

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


def _pdf(tmp_path, project_appendix: bool):
    report = build_report(
        evaluate(two_project_department(), load_profile()), project_appendix=project_appendix
    )
    path = tmp_path / f"r{int(project_appendix)}.pdf"
    buffer = io.BytesIO()
    build_docx(report).save(buffer)
    path.write_bytes(docx_to_pdf(buffer.getvalue()))
    return path


def _pages(path) -> list[tuple[str, float, float]]:
    with pdfplumber.open(path) as opened:
        return [
            ((page.extract_text() or "").replace(" ", ""), page.width, page.height)
            for page in opened.pages
        ]


def test_each_appendix_renders_on_pages_of_its_own_and_the_project_list_in_landscape(tmp_path):
    plain, full = _pages(_pdf(tmp_path, False)), _pages(_pdf(tmp_path, True))
    assert plain[-1][0].startswith("附件1") and full[-2][0].startswith("附件1")
    assert full[-1][0].startswith("附件2")  # the two-project list fits one page
    assert all(width < height for _, width, height in plain + full[:-1])
    assert full[-1][1] > full[-1][2]
    for pages, listing in ((plain, "附件：1.部门整体支出绩效指标完成情况"),
                           (full, "2.项目支出绩效自评得分一览")):  # fmt: skip
        closing = pages[-2 if pages is plain else -3][0]
        # The attachment list, 单位 and 成文日期 stay together with the body's last line.
        assert listing in closing and "示例街道办事处\n" in closing
        assert closing.split("\n")[0] != "示例街道办事处"
        assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", closing.split("示例街道办事处")[-1])


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils 未安装")
def test_the_pdf_embeds_the_noto_faces_the_official_ones_fall_back_to(tmp_path):
    listing = subprocess.run(
        ["pdffonts", str(_pdf(tmp_path, False))], capture_output=True, text=True, check=True
    ).stdout
    fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}
    assert any(name.startswith("NotoSerifCJK") for name in fonts)  # 仿宋, 楷体, 小标宋, 宋体
    assert any(name.startswith("NotoSansCJK") for name in fonts)  # 黑体
    assert not [name for name in fonts if "DejaVu" in name or "Liberation" in name]
