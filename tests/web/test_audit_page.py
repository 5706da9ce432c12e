"""The web page of the report audit: the same findings as ``jixiao audit``, beside the text."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

REPORT = (
    "一、部门基本情况\n"
    "本部门 2023 年度财政拨款支出合计 300.00 万元。其中：基本支出 100.00 万元，项目支出 250.00 万元。\n"
    "二、绩效自评情况\n"
    "各项工作按计划推进。\n"
)


def upload(client, name: str, content: bytes):
    return client.post(reverse("audit_report"), {"file": SimpleUploadedFile(name, content)})


def test_a_report_is_audited_and_each_finding_sits_beside_its_paragraph(actors, client_for):
    response = upload(client_for(actors.bureau), "报告.txt", REPORT.encode("utf-8"))
    assert response.status_code == 200
    report = response.context["report"]
    flagged = [item for item in report.paragraphs if item.findings]
    assert len(flagged) == 1 and "300.00" in flagged[0].block.text
    assert report.counts["error"] >= 1
    text = response.content.decode()
    assert "350.00" in text  # the parts' sum, stated beside the paragraph


def test_a_clean_report_has_no_findings(actors, client_for):
    clean = REPORT.replace("250.00", "200.00").encode("utf-8")
    response = upload(client_for(actors.finance), "报告.txt", clean)
    assert response.context["report"].finding_count == 0
    assert "未发现问题" in response.content.decode()


def test_a_binary_file_named_txt_is_refused(actors, client_for):
    response = upload(client_for(actors.finance), "报告.txt", b"\x00\x01\x02binary")
    assert response.status_code == 400
    assert "不是文本" in response.content.decode()


def test_a_word_file_that_is_not_a_word_file_is_refused(actors, client_for):
    response = upload(client_for(actors.finance), "报告.docx", REPORT.encode("utf-8"))
    assert response.status_code == 400
    assert "不符" in response.content.decode()


def test_anonymous_visitors_must_log_in_first(client):
    assert client.get(reverse("audit_report")).status_code == 302
