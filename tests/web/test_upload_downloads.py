"""The upload page offers the blank and the current workbooks, and keeps the year's navigation."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from jixiao.io.workbook_writer import write_workbook


def sheet_names(content: bytes) -> list[str]:
    return openpyxl.load_workbook(io.BytesIO(content), read_only=True).sheetnames


def test_the_upload_page_links_the_blank_and_the_current_workbook(actors, client_for, year_a):
    text = client_for(actors.finance).get(reverse("upload")).content.decode()
    assert reverse("blank_workbook") in text
    assert reverse("export_workbook", args=[year_a.pk]) in text


def test_the_blank_workbook_is_the_one_jixiao_template_writes(actors, client_for, tmp_path):
    response = client_for(actors.finance).get(reverse("blank_workbook"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    template = write_workbook(None, tmp_path / "template.xlsx").read_bytes()
    assert sheet_names(response.content) == sheet_names(template)


def test_those_who_cannot_upload_get_no_blank_workbook(actors, client_for):
    for user in (actors.section, actors.working_group):
        assert client_for(user).get(reverse("blank_workbook")).status_code == 404


def test_the_upload_page_keeps_the_department_navigation(actors, client_for, year_a):
    text = client_for(actors.finance).get(reverse("upload")).content.decode()
    assert 'aria-label="部门年度"' in text
    assert reverse("project_list", args=[year_a.pk]) in text
    assert reverse("finding_list", args=[year_a.pk]) in text


def test_the_audit_page_keeps_the_department_navigation(actors, client_for, year_a):
    text = client_for(actors.working_group).get(reverse("audit_report")).content.decode()
    assert reverse("dashboard", args=[year_a.pk]) in text


def test_the_year_named_in_the_link_is_the_one_navigated(actors, client_for, year_b):
    url = f"{reverse('audit_report')}?year={year_b.pk}"
    text = client_for(actors.bureau).get(url).content.decode()
    assert reverse("dashboard", args=[year_b.pk]) in text


def test_a_year_outside_the_users_reach_is_not_found(actors, client_for, year_b):
    url = f"{reverse('upload')}?year={year_b.pk}"
    assert client_for(actors.finance).get(url).status_code == 404


def test_the_navigation_links_carry_the_year_to_the_upload_page(actors, client_for, year_a):
    text = (
        client_for(actors.finance).get(reverse("project_list", args=[year_a.pk])).content.decode()
    )
    assert f"{reverse('upload')}?year={year_a.pk}" in text


def test_the_upload_pages_title_is_plain_text(actors, client_for):
    text = client_for(actors.finance).get(reverse("upload")).content.decode()
    assert "<title>导入工作簿 · jixiao 预算绩效管理</title>" in text
