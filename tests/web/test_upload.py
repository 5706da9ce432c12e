"""Workbook import (check, preview, commit) and export that reads back to the same data."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.core.records import DepartmentYear
from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from jixiao.web.services.importing import read_upload
from tests.builders import edit_cells

from .conftest import department_data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECORD_FIELDS = (
    "budget_lines",
    "projects",
    "indicators",
    "department_indicators",
    "problems",
    "measures",
    "management",
)


@pytest.fixture(autouse=True)
def private_data_dir(settings, tmp_path):
    """Uploads waiting for their commit go to a temporary data folder, not the real one."""
    settings.DATA_DIR = tmp_path / "data"


def workbook(tmp_path: Path, data: DepartmentYear, name: str = "a.xlsx") -> Path:
    return write_workbook(data, tmp_path / name)


def upload(client, path: Path):
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type=XLSX)
    return client.post(reverse("upload"), {"file": file})


def token_of(response) -> str:
    return re.search(r"/upload/([A-Za-z0-9_-]+)/commit/", response.content.decode()).group(1)


def changed_department() -> DepartmentYear:
    data = department_data("示例街道办事处")
    project = replace(data.projects[0], name="环卫保洁（调整）")
    return replace(data, projects=(project, *data.projects[1:]))


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (models.DepartmentYear, models.Project, models.Indicator, models.BudgetLine)}  # fmt: skip


def test_the_form_is_shown_to_finance(actors, client_for):
    response = client_for(actors.finance).get(reverse("upload"))
    assert response.status_code == 200 and 'type="file"' in response.content.decode()


def test_sections_and_the_working_group_cannot_upload(actors, client_for):
    for user in (actors.section, actors.working_group, actors.bureau):
        assert client_for(user).get(reverse("upload")).status_code == 404


def test_preview_then_commit_changes_the_data(actors, year_a, client_for, tmp_path):
    client = client_for(actors.finance)
    preview = upload(client, workbook(tmp_path, changed_department()))
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "逐行<strong>更新</strong>" in text
    assert (
        '<td>项目名称</td><td class="upload-old">环卫保洁</td><td class="upload-new-value">环卫保洁（调整）</td>'
        in text
    )
    assert year_a.projects.get(code="P1").name == "环卫保洁"  # nothing changes before the commit
    response = client.post(reverse("upload_commit", args=[token_of(preview)]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard", args=[year_a.pk])
    assert "已导入" in response.content.decode()
    assert year_a.projects.get(code="P1").name == "环卫保洁（调整）"


def test_the_uploaded_file_is_deleted_after_the_commit(
    actors, year_a, client_for, tmp_path, settings
):
    client = client_for(actors.finance)
    token = token_of(upload(client, workbook(tmp_path, changed_department())))
    assert (settings.DATA_DIR / "uploads" / f"{token}.xlsx").exists()
    client.post(reverse("upload_commit", args=[token]))
    assert not (settings.DATA_DIR / "uploads" / f"{token}.xlsx").exists()


def test_a_new_department_year_is_announced_as_new(actors, client_for, tmp_path):
    data = replace(
        changed_department(), department=replace(changed_department().department, year=2024)
    )
    text = upload(client_for(actors.finance), workbook(tmp_path, data)).content.decode()
    assert "这是新的部门年度" in text


def test_a_bad_workbook_shows_sheet_row_and_column_and_changes_nothing(
    actors, year_a, client_for, tmp_path
):
    path = edit_cells(workbook(tmp_path, changed_department()), "项目", {"I3": "约三百万"})
    before = row_counts()
    response = upload(client_for(actors.finance), path)
    text = response.content.decode()
    assert response.status_code == 400
    assert "未导入" in text and "数据库未作任何修改" in text
    assert "<td>项目</td>" in text and '<td class="num">3</td>' in text and "全年执行数" in text
    assert row_counts() == before
    assert year_a.projects.get(code="P1").name == "环卫保洁"


def test_another_users_token_cannot_be_committed(actors, year_a, client, client_for, tmp_path):
    token = token_of(upload(client_for(actors.finance), workbook(tmp_path, changed_department())))
    client.logout()
    response = client_for(actors.admin).post(reverse("upload_commit", args=[token]))
    assert response.status_code == 404
    assert year_a.projects.get(code="P1").name == "环卫保洁"


def test_a_token_is_used_once(actors, year_a, client_for, tmp_path):
    client = client_for(actors.finance)
    token = token_of(upload(client, workbook(tmp_path, changed_department())))
    client.post(reverse("upload_commit", args=[token]))
    assert client.post(reverse("upload_commit", args=[token])).status_code == 404


def test_finance_cannot_import_another_department(actors, year_b, client_for, tmp_path):
    data = replace(changed_department(), department=year_b_department())
    response = upload(client_for(actors.finance), workbook(tmp_path, data))
    assert response.status_code == 403 and "无权" in response.content.decode()


def year_b_department():
    return department_data("另一街道办事处").department


def test_a_locked_year_refuses_the_commit_with_a_message(actors, year_a, client_for, tmp_path):
    client = client_for(actors.finance)
    token = token_of(upload(client, workbook(tmp_path, changed_department())))
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(status=models.Status.SUBMITTED)
    response = client.post(reverse("upload_commit", args=[token]), follow=True)
    assert "不能导入" in response.content.decode()
    assert year_a.projects.get(code="P1").name == "环卫保洁"


def without_locations(data: DepartmentYear) -> DepartmentYear:
    stripped = {
        name: tuple(replace(record, location=None) for record in getattr(data, name))
        for name in RECORD_FIELDS
    }
    return replace(data, **stripped)


def test_export_then_import_gives_the_same_data(actors, year_a, client_for, tmp_path):
    response = client_for(actors.finance).get(reverse("export_workbook", args=[year_a.pk]))
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    imported = department_data("示例街道办事处")
    exported = read_upload(path)
    assert without_locations(exported) == without_locations(
        replace(imported, department=replace(imported.department, profile="default"))
    )


def test_an_outsider_cannot_export(actors, year_a, client_for):
    assert (
        client_for(actors.outsider).get(reverse("export_workbook", args=[year_a.pk])).status_code
        == 404
    )


def test_exported_amounts_are_exact_to_the_fen(actors, year_a, client_for, tmp_path):
    models.Project.objects.filter(department_year=year_a, code="P1").update(
        actual=Decimal("117999.99")
    )
    response = client_for(actors.finance).get(reverse("export_workbook", args=[year_a.pk]))
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    project = next(p for p in read_upload(path).projects if p.code == "P1")
    assert project.fiscal.actual == Decimal("117999.99")
