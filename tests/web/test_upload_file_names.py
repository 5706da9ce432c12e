"""Every refused upload is named as the user knows the file, never by the server's copy.

The server keeps an upload under a name of its own (a random token, ``report.docx``);
a message naming that would leave the user guessing which file was meant.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models

from .conftest import department_data

WORKBOOK_NAME = "示例街道2023年度工作簿（终稿）.xlsx"
REPORT_NAME = "2023年度部门整体自评报告.docx"
# The server's own names: an upload token (43 URL-safe characters) or the audit's copy.
SERVER_NAMES = re.compile(r"[A-Za-z0-9_-]{32,}\.xlsx|report\.(?:docx|pdf|txt)")


@pytest.fixture(autouse=True)
def private_data_dir(settings, tmp_path):
    """Uploads waiting for their commit go to a temporary data folder, not the real one."""
    settings.DATA_DIR = tmp_path / "data"


def office_zip_that_is_not_a_document(part: str) -> bytes:
    """A zip that passes the upload checks (Office content types and ``part``) but that no
    reader can open: the refusal comes from the reader itself."""
    types = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(part, "<broken>")
    return buffer.getvalue()


def post_workbook(client, content: bytes, name: str = WORKBOOK_NAME):
    return client.post(reverse("upload"), {"file": SimpleUploadedFile(name, content)})


def assert_names_the_users_file(text: str, name: str) -> None:
    assert any(f"{left}{name}{right}" in text for left, right in ("“”", "“”", ("：", "")))
    assert SERVER_NAMES.findall(text) == []


def test_a_workbook_the_reader_cannot_open_is_named_as_uploaded(actors, client_for):
    response = post_workbook(
        client_for(actors.finance), office_zip_that_is_not_a_document("xl/workbook.xml")
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "不是有效的 .xlsx 文件" in text
    assert_names_the_users_file(text, WORKBOOK_NAME)


def test_a_workbook_refused_by_the_upload_checks_is_named_as_uploaded(actors, client_for, settings):
    settings.JIXIAO_MAX_UPLOAD_BYTES = 1024
    response = post_workbook(client_for(actors.finance), b"PK" + b"0" * 4096)

    assert response.status_code == 400
    assert "上限" in response.content.decode()
    assert_names_the_users_file(response.content.decode(), WORKBOOK_NAME)


def test_a_workbook_for_another_department_is_named_as_uploaded(
    actors, year_b, client_for, tmp_path
):
    path = write_workbook(department_data("另一街道办事处"), tmp_path / "upload.xlsx")
    response = post_workbook(client_for(actors.finance), path.read_bytes())

    assert response.status_code == 403
    assert_names_the_users_file(response.content.decode(), WORKBOOK_NAME)


def test_a_refused_commit_names_the_uploaded_workbook(actors, year_a, client_for, tmp_path):
    client = client_for(actors.finance)
    path = write_workbook(department_data("示例街道办事处"), tmp_path / "upload.xlsx")
    preview = post_workbook(client, path.read_bytes()).content.decode()
    token = re.search(r"/upload/([A-Za-z0-9_-]+)/commit/", preview).group(1)
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(status=models.Status.SUBMITTED)

    response = client.post(reverse("upload_commit", args=[token]), follow=True)

    text = response.content.decode()
    assert "不能导入" in text
    assert_names_the_users_file(text, WORKBOOK_NAME)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (REPORT_NAME, office_zip_that_is_not_a_document("word/document.xml"), "无法读取 Word 文件"),
        ("自评报告.txt", b"\x00\x01binary", "不是文本"),
        ("自评报告.exe", b"MZ\x90\x00", "不支持的文件类型"),
    ],
    ids=["unreadable-docx", "binary-txt", "wrong-type"],
)
def test_a_refused_report_audit_names_the_uploaded_file(
    actors, client_for, name: str, content: bytes, reason: str
):
    response = client_for(actors.finance).post(
        reverse("audit_report"), {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert reason in text
    assert_names_the_users_file(text, name)


def test_refused_evidence_names_the_uploaded_file(actors, year_a, client_for, tmp_path: Path):
    indicator = models.Indicator.objects.filter(project__department_year=year_a).first()
    response = client_for(actors.finance).post(
        reverse("evidence_upload", args=[indicator.pk]),
        {"file": SimpleUploadedFile("验收照片.pdf", b"just some text\n")},
        HTTP_HX_REQUEST="true",
    )

    assert "文件内容与扩展名" in response.content.decode()
    assert_names_the_users_file(response.content.decode(), "验收照片.pdf")
