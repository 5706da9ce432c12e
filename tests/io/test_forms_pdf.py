"""The forms workbook as LibreOffice prints it: A4 pages, the form's title, CJK faces."""

import os
import shutil
import subprocess

import pdfplumber
import pytest

from jixiao.core.evaluation import evaluate
from jixiao.core.profile import load_profile
from jixiao.io.report_pdf import FONTCONFIG
from jixiao.io.tables_xlsx import write_tables
from tests.builders import two_project_department

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装")
A4 = (595, 842)  # points, either way round


def _printed(tmp_path):
    workbook = write_tables(evaluate(two_project_department(), load_profile()), tmp_path / "t.xlsx")
    command = [
        shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
        "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(workbook),
    ]  # fmt: skip
    environment = {**os.environ, "HOME": str(tmp_path), "FONTCONFIG_FILE": str(FONTCONFIG)}
    subprocess.run(command, env=environment, capture_output=True, timeout=180, check=True)
    return tmp_path / "t.pdf"


def test_the_forms_print_on_a4_with_their_titles_in_cjk_faces(tmp_path):
    with pdfplumber.open(_printed(tmp_path)) as opened:
        sizes = {tuple(sorted((round(page.width), round(page.height)))) for page in opened.pages}
        text = "".join((page.extract_text() or "") for page in opened.pages).replace(" ", "")
        fonts = {char["fontname"].split("+")[-1] for page in opened.pages for char in page.chars}
    assert sizes == {A4}
    assert "项目支出绩效自评表" in text
    assert any("CJK" in name for name in fonts)
