"""Security: CSP the pages satisfy, headers, CSRF, login throttling, hashing, upload checks."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jixiao.web import models

from .conftest import PASSWORD

SRC = Path(__file__).resolve().parents[2] / "src"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
POST_FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.IGNORECASE | re.DOTALL)


@pytest.fixture(autouse=True)
def private_data_dir(settings, tmp_path):
    """Uploads waiting for their commit go to a temporary data folder, not the real one."""
    settings.DATA_DIR = tmp_path / "data"


def finance_pages(year, project_ids, indicator_id) -> list[str]:
    pages = [reverse("home"), reverse("upload")]
    pages += [reverse(name, args=[year.pk]) for name in
              ("dashboard", "project_list", "department_overall", "finding_list", "report", "report_preview")]  # fmt: skip
    pages += [reverse("project_detail", args=[pk]) for pk in project_ids]
    pages.append(reverse("indicator_history", args=[indicator_id]))
    return pages


def csp_violations(html: str) -> list[str]:
    """Whatever a strict ``script-src 'self'; style-src 'self'`` policy would block."""
    problems = []
    for attributes in SCRIPT_TAG.findall(html):
        if "src=" not in attributes and 'type="application/json"' not in attributes:
            problems.append(f"inline script <script{attributes}>")
    problems += [f"style attribute: {m.group(0)[:80]}" for m in STYLE_ATTRIBUTE.finditer(html)]
    problems += [f"event handler: {m.group(0)[:80]}" for m in HANDLER_ATTRIBUTE.finditer(html)]
    if re.search(r"<style\b", html, re.IGNORECASE):
        problems.append("inline <style> element")
    if "javascript:" in html:
        problems.append("javascript: URL")
    return problems


def assert_page_is_safe(response) -> None:
    assert response.status_code == 200, response.request["PATH_INFO"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    html = response.content.decode()
    assert csp_violations(html) == [], response.request["PATH_INFO"]
    for form in POST_FORM.findall(html):
        assert "csrfmiddlewaretoken" in form, response.request["PATH_INFO"]


def test_every_page_a_finance_user_opens_satisfies_the_policy(actors, year_a, client_for):
    projects = list(year_a.projects.values_list("pk", flat=True))
    indicator = year_a.indicators.first().pk
    client = client_for(actors.finance)
    for page in finance_pages(year_a, projects, indicator):
        assert_page_is_safe(client.get(page, follow=True))


def test_the_bureau_section_and_login_pages_satisfy_the_policy(actors, year_a, client, client_for):
    assert_page_is_safe(client.get(reverse("login")))
    assert_page_is_safe(client_for(actors.bureau).get(reverse("bureau")))
    project = year_a.projects.get(code="P1")
    assert_page_is_safe(
        client_for(actors.section).get(reverse("project_detail", args=[project.pk]))
    )


def test_upload_preview_and_error_pages_satisfy_the_policy(actors, year_a, client_for, tmp_path):
    from jixiao.io.workbook_writer import write_workbook

    from .conftest import department_data

    client = client_for(actors.finance)
    path = write_workbook(department_data("示例街道办事处"), tmp_path / "a.xlsx")
    assert_page_is_safe(client.post(reverse("upload"), {"file": xlsx_upload(path.read_bytes())}))
    response = client.post(reverse("upload"), {"file": xlsx_upload(b"not a workbook")})
    assert response.status_code == 400
    assert csp_violations(response.content.decode()) == []


def test_a_post_without_a_csrf_token_is_refused(actors, year_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(actors.finance, backend="jixiao.web.auth_backend.MembershipBackend")
    response = client.post(reverse("year_transition", args=[year_a.pk]),
                           {"name": "submit", "version": year_a.version})  # fmt: skip
    assert response.status_code == 403
    year_a.refresh_from_db()
    assert year_a.status == models.Status.DRAFT


def test_login_is_locked_after_five_failures(actors, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "finance", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "finance", "password": PASSWORD})
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_login_works_before_the_limit(actors, client):
    client.post(reverse("login"), {"username": "finance", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "finance", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(actors.finance.pk)


def test_passwords_are_stored_hashed_with_the_production_hasher(db, settings):
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    user = User.objects.create_user("hashed", password=PASSWORD)
    stored = User.objects.get(pk=user.pk).password
    assert stored.startswith(("pbkdf2_sha256$", "argon2")) and PASSWORD not in stored


def test_weak_passwords_are_refused_by_the_validators(db):
    for weak in ("12345678", "password", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def xlsx_upload(content: bytes, name: str = "工作簿.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return buffer.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (models.DepartmentYear, models.Project, models.Indicator)
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (zip_bomb, "压缩炸弹"),
        (lambda: "这是一个文本文件，不是工作簿。\n".encode() * 100, "文件内容与扩展名"),
    ],
    ids=["zip-bomb", "renamed-text-file"],
)
def test_a_dangerous_upload_is_refused_and_changes_nothing(
    actors, year_a, client_for, content, message
):
    before = counts()
    response = client_for(actors.finance).post(reverse("upload"), {"file": xlsx_upload(content())})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def test_an_oversized_upload_is_refused(actors, year_a, client_for, settings):
    settings.JIXIAO_MAX_UPLOAD_BYTES = 1024
    response = client_for(actors.finance).post(
        reverse("upload"), {"file": xlsx_upload(b"PK" + b"0" * 4096)}
    )
    assert response.status_code == 400 and "上限" in response.content.decode()


def _debug_in_fresh_process(tmp_path: Path, **environment: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("JIXIAO_")}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "jixiao.web.settings", "JIXIAO_DATA_DIR": str(tmp_path)},
        **environment,
    )
    code = "from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_debug_is_off_unless_asked_for(tmp_path):
    assert _debug_in_fresh_process(tmp_path) == "False"
    assert _debug_in_fresh_process(tmp_path, JIXIAO_DEBUG="1") == "True"


def test_the_secret_key_is_not_in_the_source(tmp_path):
    key = settings.SECRET_KEY
    assert len(key) >= 40
    for path in SRC.rglob("*.py"):
        assert key not in path.read_text(encoding="utf-8"), path


def test_the_admin_refuses_an_invalid_rules_profile(actors, client_for):
    response = client_for(actors.admin).post(
        "/admin/jixiao/rulesprofilerecord/add/", {"key": "broken", "text": "[weights\nproject = "}
    )
    assert response.status_code == 200 and "格式错误" in response.content.decode()
    assert not models.RulesProfileRecord.objects.filter(key="broken").exists()


def test_department_years_are_view_only_in_the_admin(actors, year_a, client_for):
    client = client_for(actors.admin)
    page = client.get(f"/admin/jixiao/departmentyear/{year_a.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.get("/admin/jixiao/departmentyear/add/").status_code == 403
