"""The audit page on hostile uploads and for each role: a Chinese refusal naming the user's
file and the limit, within the request's time budget, never a 500; only the roles who
write or review whole reports may use it."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.audit.hostile_files import broken_xml_docx, inflating_pdf, slow_pdf, zip_bomb_docx

FAST_SECONDS = 10
CHINESE = re.compile(r"[\u4e00-\u9fff]{4}")
REPORT = (
    "一、部门基本情况\n支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 50.00 万元。\n"
)


@pytest.fixture
def low_limits(settings, tmp_path):
    path = tmp_path / "limits.toml"
    path.write_text("max_inflated_mb = 1\nweb_max_seconds = 1\n", encoding="utf-8")
    settings.JIXIAO_REPORT_LIMITS = str(path)


def post(client, name: str, content: bytes):
    return client.post(reverse("audit_report"), {"file": SimpleUploadedFile(name, content)})


def refusal(client, name: str, content: bytes) -> str:
    started = time.perf_counter()
    response = post(client, name, content)
    assert time.perf_counter() - started < FAST_SECONDS
    assert response.status_code == 400
    problem = response.context["problem"]
    assert name in problem and CHINESE.search(problem)
    return problem


HOSTILE = {
    "bomb_pdf": ("洛浦街道自评报告.pdf", lambda folder: inflating_pdf(folder / "a.pdf", 300)),
    "bomb_docx": ("炸弹.docx", lambda folder: zip_bomb_docx(folder / "b.docx", 2)),
    "broken_docx": ("损坏.docx", lambda folder: broken_xml_docx(folder / "c.docx")),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_within_the_time_budget(
    kind, tmp_path, low_limits, actors, client_for
):
    name, build = HOSTILE[kind]
    refusal(client_for(actors.finance), name, build(tmp_path).read_bytes())


def test_text_with_binary_after_its_first_kilobytes_is_refused(low_limits, actors, client_for):
    content = REPORT.encode() * 200 + b"\x00\x01\x02" * 100
    assert "空字节" in refusal(client_for(actors.finance), "伪装.txt", content)


def test_a_slow_report_is_stopped_at_the_web_time_limit(tmp_path, low_limits, actors, client_for):
    problem = refusal(
        client_for(actors.bureau), "慢.pdf", slow_pdf(tmp_path / "d.pdf").read_bytes()
    )
    assert "1 秒" in problem and "max_seconds" in problem


def test_a_broken_word_file_is_named_by_the_users_file_name(actors, client_for, tmp_path):
    content = broken_xml_docx(tmp_path / "c.docx").read_bytes()
    problem = refusal(client_for(actors.working_group), "二〇二三年自评报告.docx", content)
    assert "无法读取 Word 文件" in problem and "report." not in problem


def test_a_gbk_report_is_audited(actors, client_for):
    response = post(client_for(actors.finance), "报告.txt", REPORT.encode("gbk"))
    assert response.status_code == 200
    assert response.context["report"].counts["error"] == 1


@pytest.mark.parametrize("role", ["finance", "working_group", "bureau", "outsider", "admin"])
def test_finance_the_working_group_the_bureau_and_administrators_may_audit(
    role, actors, client_for
):
    client = client_for(getattr(actors, role))
    assert post(client, "报告.txt", REPORT.encode()).status_code == 200
    assert "审核报告" in client.get(reverse("home"), follow=True).content.decode()


@pytest.mark.parametrize("role", ["section", "other_section"])
def test_a_section_may_not_audit_and_is_not_offered_the_page(role, actors, client_for):
    client = client_for(getattr(actors, role))
    assert post(client, "报告.txt", REPORT.encode()).status_code == 404
    assert client.get(reverse("audit_report")).status_code == 404
    assert "审核报告" not in client.get(reverse("home"), follow=True).content.decode()


def test_an_account_without_a_role_may_not_audit(db, client_for):
    nobody = User.objects.create_user("nobody", password="x")
    assert post(client_for(nobody), "报告.txt", REPORT.encode()).status_code == 404


def test_the_page_states_the_limits_it_applies(low_limits, actors, client_for):
    page = client_for(actors.finance).get(reverse("audit_report")).content.decode()
    assert "PDF 不超过 300 页" in page and "审核最长 1 秒" in page


def test_a_very_long_file_name_is_audited_under_a_shortened_name(actors, client_for):
    response = post(client_for(actors.finance), "报" * 200 + ".txt", REPORT.encode())
    assert response.status_code == 200
    assert response.context["report"].counts["error"] == 1
