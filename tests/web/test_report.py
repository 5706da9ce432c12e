"""The report screen: score and blocking errors shown, preview inside the page, downloads."""

from __future__ import annotations

import io
import shutil
from urllib.parse import unquote

import docx
import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from jixiao.web import models


def _download(client, year, kind):
    response = client.get(reverse("report_download", args=[year.pk, kind]))
    assert response.status_code == 200, response.content[:500]
    return response


def test_it_shows_the_department_score_and_download_links(actors, year_a, client_for):
    response = client_for(actors.finance).get(reverse("report", args=[year_a.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert str(year_a.computed_score) in text
    for kind in ("docx", "html", "xlsx"):
        assert reverse("report_download", args=[year_a.pk, kind]) in text


def test_it_offers_pdf_only_when_libreoffice_is_installed(actors, year_a, client_for, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    text = client_for(actors.finance).get(reverse("report", args=[year_a.pk])).content.decode()
    assert reverse("report_download", args=[year_a.pk, "pdf"]) not in text
    assert "LibreOffice" in text


def test_the_preview_draws_the_report_inside_the_page(actors, year_a, client_for):
    response = client_for(actors.finance).get(reverse("report_preview", args=[year_a.pk]))
    text = response.content.decode()
    assert 'class="report-preview"' in text
    assert "部门整体支出绩效自评报告" in text or "自评报告" in text
    assert "<style" not in text


def test_the_docx_is_an_attachment_with_a_chinese_name_and_the_score(actors, year_a, client_for):
    response = _download(client_for(actors.finance), year_a, "docx")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "示例街道办事处-2023年度-自评报告" in unquote(disposition)
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"部门整体自评得分 {year_a.computed_score} 分" in text


def test_the_html_download_is_the_standalone_report(actors, year_a, client_for):
    response = _download(client_for(actors.finance), year_a, "html")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"<style>" in response.content


def test_the_tables_open_as_a_workbook(actors, year_a, client_for):
    response = _download(client_for(actors.finance), year_a, "xlsx")
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert len(workbook.sheet_names) >= 3


def test_errors_are_listed_and_downloads_marked_as_draft(actors, year_a, client_for):
    models.BudgetLine.objects.filter(department_year=year_a, kind="项目支出").delete()
    from jixiao.web.services.recompute import recompute

    recompute(year_a)
    year_a.refresh_from_db()
    assert year_a.error_count > 0
    client = client_for(actors.finance)
    page = client.get(reverse("report", args=[year_a.pk])).content.decode()
    assert "报告为草稿" in page
    response = _download(client, year_a, "docx")
    assert "（草稿）" in unquote(response["Content-Disposition"])
    first = docx.Document(io.BytesIO(response.content)).paragraphs[2].text
    assert first.startswith("【草稿】")


def test_a_section_user_and_an_outsider_get_404(actors, year_a, client_for):
    for user in (actors.section, actors.outsider):
        client = client_for(user)
        assert client.get(reverse("report", args=[year_a.pk])).status_code == 404
        assert client.get(reverse("report_download", args=[year_a.pk, "docx"])).status_code == 404


def test_an_unknown_format_is_404(actors, year_a, client_for):
    response = client_for(actors.finance).get(reverse("report_download", args=[year_a.pk, "exe"]))
    assert response.status_code == 404


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_the_pdf_is_converted_by_libreoffice(actors, year_a, client_for):
    import pdfplumber

    response = _download(client_for(actors.finance), year_a, "pdf")
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages[:2])
    assert "示例街道办事处" in text and "自评报告" in text.replace(" ", "")


def test_the_project_list_is_appended_only_when_the_checkbox_asks_for_it(
    actors, year_a, client_for
):
    client = client_for(actors.finance)
    page = client.get(reverse("report", args=[year_a.pk])).content.decode()
    assert 'type="checkbox" name="appendix" value="1"' in page
    url = reverse("report_download", args=[year_a.pk, "docx"])
    plain = docx.Document(io.BytesIO(client.get(url).content))
    full = docx.Document(io.BytesIO(client.get(url, {"appendix": "1"}).content))
    assert len(plain.sections) == 2 and len(full.sections) == 3
    assert full.sections[-1].page_width > full.sections[-1].page_height
    html = client.get(reverse("report_download", args=[year_a.pk, "html"]), {"appendix": "1"})
    assert "项目支出绩效自评得分一览" in html.content.decode()


def test_the_page_says_which_rules_are_unconfirmed_and_the_report_does_not(
    actors, year_a, client_for
):
    client = client_for(actors.finance)
    page = client.get(reverse("report", args=[year_a.pk])).content.decode()
    assert "尚未对应地方正式文件" in page
    report = docx.Document(io.BytesIO(_download(client, year_a, "docx").content))
    assert "通行做法" not in "\n".join(p.text for p in report.paragraphs)
