"""Inline indicator editing (htmx), evidence files and the indicator's change history.

Expected scores are worked out by hand from tests/builders.py (two_project_department): P1 spends
118,000 of 120,000 (执行率 98.33% → 9.83 points) and fully achieves 完成数 (50),
受益人数 (30) and 满意度 (10), so it scores 99.83. 完成数 is ≥ 10 with weight 50, so an
actual of 5 earns 5 ÷ 10 × 50 = 25.00 and the total drops to 74.83 (中).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web import models

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
HTMX = {"HTTP_HX_REQUEST": "true"}
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def completed(year) -> models.Indicator:
    return models.Indicator.objects.get(
        project__department_year=year, project__code="P1", name="完成数"
    )


def edit(client, indicator, **values):
    data = {"version": indicator.version, **values}
    return client.post(reverse("indicator_edit", args=[indicator.pk]), data, **HTMX)


def upload(client, indicator, name: str, content: bytes):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse("evidence_upload", args=[indicator.pk]), {"file": file}, **HTMX)


def test_editing_an_actual_value_rescores_the_indicator_and_the_project(year_a, actors, client_for):
    indicator = completed(year_a)
    response = edit(
        client_for(actors.section), indicator, actual="5", self_score="", explanation="进度滞后"
    )
    indicator.refresh_from_db()
    project = indicator.project
    project.refresh_from_db()
    assert (indicator.actual, indicator.computed_score) == (Decimal("5"), Decimal("25.00"))
    assert (project.computed_score, project.grade) == (Decimal("74.83"), "中")
    assert response.status_code == 200
    assert f'id="indicator-{indicator.pk}"' in response.content.decode()


def test_the_edit_response_swaps_in_the_new_project_score_out_of_band(year_a, actors, client_for):
    response = edit(client_for(actors.section), completed(year_a), actual="5")
    html = response.content.decode()
    assert 'id="project-score"' in html and 'hx-swap-oob="true"' in html
    assert "74.83" in html and "25.00" in html and "已保存" in html


def test_a_stale_version_shows_the_conflict_and_saves_nothing(year_a, actors, client_for):
    indicator = completed(year_a)
    edit(client_for(actors.finance), indicator, actual="8")
    response = edit(client_for(actors.section), indicator, actual="5")
    indicator.refresh_from_db()
    assert "已被他人修改" in response.content.decode()
    assert indicator.actual == Decimal("8") and indicator.version == 2


def test_a_value_that_is_not_a_number_is_refused_in_chinese(year_a, actors, client_for):
    indicator = completed(year_a)
    response = edit(client_for(actors.section), indicator, actual="五个")
    indicator.refresh_from_db()
    assert "“五个”不是数字" in response.content.decode()
    assert "hx-swap-oob" not in response.content.decode()
    assert (indicator.actual, indicator.version) == (Decimal("10"), 1)


def test_a_self_score_above_the_weight_is_refused(year_a, actors, client_for):
    indicator = completed(year_a)
    response = edit(client_for(actors.section), indicator, actual="10", self_score="60")
    indicator.refresh_from_db()
    assert "自评得分应在 0 与分值" in response.content.decode()
    assert indicator.self_score is None


def test_the_self_score_message_names_the_weight_as_written(year_a, actors, client_for):
    response = edit(client_for(actors.section), completed(year_a), self_score="60")
    assert "自评得分应在 0 与分值 50 之间" in response.content.decode()


def test_a_system_computed_metric_cannot_be_typed(year_a, actors, client_for):
    metric = year_a.indicators.get(metric="budget_execution_rate")
    response = edit(client_for(actors.finance), metric, actual="100")
    metric.refresh_from_db()
    assert "由系统从预算数据计算" in response.content.decode()
    assert metric.actual is None


def test_the_working_group_reads_but_cannot_edit_an_indicator(year_a, actors, client_for):
    indicator = completed(year_a)
    response = edit(client_for(actors.working_group), indicator, actual="5")
    indicator.refresh_from_db()
    assert "不允许修改" in response.content.decode()
    assert indicator.actual == Decimal("10")


def test_another_sections_user_gets_404_for_the_indicator(year_a, actors, client_for):
    indicator = completed(year_a)
    assert edit(client_for(actors.other_section), indicator, actual="5").status_code == 404
    assert edit(client_for(actors.outsider), indicator, actual="5").status_code == 404
    indicator.refresh_from_db()
    assert indicator.actual == Decimal("10")


def test_editing_needs_a_post(year_a, actors, client_for):
    response = client_for(actors.section).get(
        reverse("indicator_edit", args=[completed(year_a).pk])
    )
    assert response.status_code == 405


def test_without_htmx_an_edit_redirects_back_to_the_project_page(year_a, actors, client_for):
    indicator = completed(year_a)
    url = reverse("indicator_edit", args=[indicator.pk])
    response = client_for(actors.section).post(url, {"version": 1, "actual": "5"})
    assert response.status_code == 302
    assert response["Location"] == reverse("project_detail", args=[indicator.project_id])


def test_finance_edits_a_department_indicator_and_sees_the_department_score(
    year_a, actors, client_for
):
    indicator = year_a.indicators.get(name="新增经济项目")
    response = edit(client_for(actors.finance), indicator, actual="5")
    year_a.refresh_from_db()
    html = response.content.decode()
    # ≥ 10 with weight 60: 5 ÷ 10 × 60 = 30.00; the department total loses 30 points.
    assert year_a.computed_score == Decimal("70.00")
    assert 'id="year-score"' in html and "70.00" in html


def test_a_section_user_cannot_edit_a_department_indicator(year_a, actors, client_for):
    indicator = year_a.indicators.get(name="新增经济项目")
    assert edit(client_for(actors.section), indicator, actual="5").status_code == 404


def test_an_uploaded_pdf_is_stored_with_its_digest_and_size(year_a, actors, client_for, media):
    indicator = completed(year_a)
    response = upload(client_for(actors.section), indicator, "验收报告.pdf", PDF)
    evidence = models.Evidence.objects.get(indicator=indicator)
    assert (evidence.original_name, evidence.size) == ("验收报告.pdf", len(PDF))
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.uploaded_by == actors.section
    assert evidence.file.read() == PDF
    assert "验收报告.pdf" in response.content.decode()


def test_an_upload_is_recorded_in_the_indicators_history(year_a, actors, client_for, media):
    indicator = completed(year_a)
    upload(client_for(actors.section), indicator, "验收报告.pdf", PDF)
    latest = indicator.history.first()
    assert latest.history_change_reason == "上传佐证材料：验收报告.pdf"
    assert latest.history_user == actors.section


def test_a_text_file_renamed_to_pdf_is_refused(year_a, actors, client_for, media):
    indicator = completed(year_a)
    response = upload(client_for(actors.section), indicator, "验收报告.pdf", b"just some text\n")
    assert "文件内容与扩展名" in response.content.decode()
    assert not models.Evidence.objects.exists()


def test_a_text_file_is_refused_by_its_extension(year_a, actors, client_for, media):
    response = upload(client_for(actors.section), completed(year_a), "说明.txt", b"text")
    assert "不支持的文件类型" in response.content.decode()
    assert not models.Evidence.objects.exists()


def test_the_working_group_cannot_upload_evidence(year_a, actors, client_for, media):
    response = upload(client_for(actors.working_group), completed(year_a), "a.pdf", PDF)
    assert "不允许" in response.content.decode()
    assert not models.Evidence.objects.exists()


def test_evidence_downloads_as_an_attachment_for_those_who_see_the_project(
    year_a, actors, client_for, media
):
    upload(client_for(actors.section), completed(year_a), "验收报告.pdf", PDF)
    url = reverse("evidence_download", args=[models.Evidence.objects.get().pk])
    response = client_for(actors.working_group).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_evidence_of_another_sections_project_is_404(year_a, actors, client_for, media):
    upload(client_for(actors.section), completed(year_a), "验收报告.pdf", PDF)
    url = reverse("evidence_download", args=[models.Evidence.objects.get().pk])
    assert client_for(actors.other_section).get(url).status_code == 404
    assert client_for(actors.outsider).get(url).status_code == 404


def test_the_history_shows_who_changed_what_from_and_to(year_a, actors, client_for):
    indicator = completed(year_a)
    edit(client_for(actors.section), indicator, actual="5")
    response = client_for(actors.finance).get(reverse("indicator_history", args=[indicator.pk]))
    latest = response.context["entries"][0]
    assert latest.who == "section" and latest.reason == "填报"
    changes = {change.label: (change.old, change.new) for change in latest.changes}
    assert changes["实际完成值"] == ("10", "5")
    assert changes["得分"] == ("50.00", "25.00")
    assert changes["完成状态"] == ("达成", "部分达成")
    assert '10</span> → <span class="new">5' in response.content.decode()


def test_each_history_entry_has_the_score_its_own_change_produced(year_a, actors, client_for):
    indicator = completed(year_a)
    edit(client_for(actors.section), indicator, actual="5")
    indicator.refresh_from_db()
    edit(client_for(actors.section), indicator, actual="8")
    response = client_for(actors.section).get(reverse("indicator_history", args=[indicator.pk]))
    newest, older = response.context["entries"][:2]
    assert {c.label: c.new for c in newest.changes}["得分"] == "40.00"
    assert {c.label: (c.old, c.new) for c in older.changes}["得分"] == ("50.00", "25.00")


def test_the_history_is_404_outside_the_users_reach(year_a, actors, client_for):
    url = reverse("indicator_history", args=[completed(year_a).pk])
    assert client_for(actors.other_section).get(url).status_code == 404
    assert client_for(actors.outsider).get(url).status_code == 404


@pytest.mark.browser
def test_a_person_types_an_actual_value_and_sees_the_score_change(
    live_server, year_a, actors, client_for, monkeypatch
):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    session = client_for(actors.section).cookies[settings.SESSION_COOKIE_NAME].value
    indicator = completed(year_a)
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(f"{live_server.url}{reverse('project_detail', args=[indicator.project_id])}")
        page.fill(f"#ind-{indicator.pk}-actual", "5")
        page.press(f"#ind-{indicator.pk}-actual", "Tab")
        page.wait_for_selector(f"#indicator-{indicator.pk} .notice")
        score = page.inner_text("#project-score [data-score=computed]")
        page.fill(f"#ind-{indicator.pk}-actual", "abc")
        page.press(f"#ind-{indicator.pk}-actual", "Tab")
        error = page.inner_text(f"#indicator-{indicator.pk} .error")
        browser.close()
    assert "74.83" in score and "“abc”不是数字" in error
    indicator.refresh_from_db()
    assert indicator.actual == Decimal("5")
