"""Exporting a year and importing that file back changes nothing at all.

The Luopu example, worked on as people do (a filled value, an evidence file, a submitted
project), is exported through the export page and imported through the upload pages:
every row of every table — ids, versions, evidence, history, findings, the page-cache
revision — is the same afterwards.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.services import workflow
from jixiao.web.services.evidence import do_attach_evidence
from jixiao.web.services.importing import do_import_workbook, read_upload
from jixiao.web.services.indicators import do_update_indicator
from tests.builders import LUOPU_WORKBOOK

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def every_row() -> dict[str, list[dict]]:
    """Every table of the application (history tables included), row by row."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in apps.get_app_config("jixiao").get_models()
    }


def worked_on_luopu() -> tuple[models.DepartmentYear, User]:
    admin = User.objects.create_superuser("root", password="x")
    year = do_import_workbook(
        acting_user=admin, data=read_upload(LUOPU_WORKBOOK), source_name="luopu-2023.xlsx"
    )
    finance = User.objects.create_user("finance", password="x")
    models.Membership.objects.create(user=finance, role=Role.FINANCE, department=year.department)
    first = year.projects.select_related("section").first()
    section = User.objects.create_user("section", password="x")
    models.Membership.objects.create(
        user=section, role=Role.SECTION, department=year.department, section=first.section
    )
    row = first.indicators.filter(kind="定量").first()
    do_update_indicator(acting_user=section, indicator_id=row.pk, expected_version=row.version,
                        changes={"explanation": "台账已核对。"})  # fmt: skip
    do_attach_evidence(acting_user=section, indicator_id=row.pk,
                       upload=SimpleUploadedFile("台账.pdf", PDF))  # fmt: skip
    first.refresh_from_db()
    workflow.do_transition_project(acting_user=section, project_id=first.pk, name="submit",
                                   expected_version=first.version)  # fmt: skip
    return year, finance


def test_export_then_import_of_the_luopu_year_changes_nothing(db, client):
    year, finance = worked_on_luopu()
    client.force_login(finance, backend="jixiao.web.auth_backend.MembershipBackend")
    exported = client.get(reverse("export_workbook", args=[year.pk])).content
    before = every_row()
    file = SimpleUploadedFile("导出.xlsx", exported, content_type=XLSX)
    preview = client.post(reverse("upload"), {"file": file}).content.decode()
    assert "没有变化" in preview and "已锁定" not in preview
    token = re.search(r"/upload/([A-Za-z0-9_-]+)/commit/", preview)[1]
    response = client.post(reverse("upload_commit", args=[token]))
    assert response["Location"] == reverse("dashboard", args=[year.pk])
    after = every_row()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    assert models.Evidence.objects.get().indicator.project.status == models.Status.SUBMITTED
