"""A working day in Chromium: each role starts from its to-do list; the working group
cannot sign off over unreviewed projects without giving a reason."""

from __future__ import annotations

import pytest

from jixiao.web.models import Status
from jixiao.web.services.workflow import do_transition_project, do_transition_year

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def move_project(user, project, name: str, reason: str = "") -> None:
    project.refresh_from_db()
    do_transition_project(acting_user=user, project_id=project.pk, name=name, reason=reason,
                          expected_version=project.version)  # fmt: skip


def move_year(user, year, name: str, **extra) -> None:
    year.refresh_from_db()
    do_transition_year(acting_user=user, year_id=year.pk, name=name,
                       expected_version=year.version, **extra)  # fmt: skip


def test_each_role_starts_from_its_to_do_list_and_each_item_leads_to_its_page(
    page, actors, year_a, tmp_path
):
    p1, p2 = year_a.projects.get(code="P1"), year_a.projects.get(code="P2")
    move_project(actors.section, p1, "submit")
    move_project(actors.working_group, p1, "return", "请补充验收单")

    log_in(page, actors.section.username)
    returned = page.locator(".todo-returned")
    assert "P1 环卫保洁" in returned.inner_text() and "请补充验收单" in returned.inner_text()
    page.screenshot(path=str(tmp_path / "section-todo.png"))
    returned.locator("a").click()
    page.wait_for_selector(".banner-returned:has-text('请补充验收单')")
    assert page.url.endswith(f"/projects/{p1.pk}/")

    move_project(actors.other_section, p2, "submit")
    log_in(page, actors.working_group.username)
    page.click(".todo a:has-text('P2 社区服务')")
    page.click(".workflow button:has-text('审核通过')")
    page.wait_for_selector(".workflow-status .status:has-text('工作小组已审核')")

    log_in(page, actors.finance.username)
    assert page.locator(".todo li:has-text('城管办')").inner_text().count("被退回") == 1

    move_year(actors.finance, year_a, "submit")
    move_year(actors.working_group, year_a, "approve", override_reason="按期报送")
    log_in(page, actors.bureau.username)
    page.click(".todo a:has-text('2023 年度')")
    page.wait_for_selector(".workflow button:has-text('审阅完成')")
    assert page.url.endswith(f"/years/{year_a.pk}/department/")


def test_signing_off_over_unreviewed_projects_needs_a_reason_and_says_so_after(
    page, actors, year_a, tmp_path
):
    move_year(actors.finance, year_a, "submit")
    log_in(page, actors.working_group.username)
    page.goto(f"/years/{year_a.pk}/department/")
    blockers = page.locator(".lock-blockers")
    assert "P1 环卫保洁" in blockers.inner_text() and "P2 社区服务" in blockers.inner_text()
    page.screenshot(path=str(tmp_path / "lock-blockers.png"))

    button = page.locator(".workflow button:has-text('越过审核并审核签发')")
    button.click()  # the required reason keeps the form from being sent
    assert page.locator("textarea[name=override_reason]:invalid").count() == 1
    year_a.refresh_from_db()
    assert year_a.status == Status.SUBMITTED

    page.fill("textarea[name=override_reason]", "市财政局要求本周报送")
    button.click()
    page.wait_for_selector(".banner-locked")
    year_a.refresh_from_db()
    assert year_a.status == Status.GROUP_APPROVED and "市财政局要求本周报送" in year_a.lock_override

    log_in(page, actors.section.username)
    page.goto(f"/projects/{year_a.projects.get(code='P1').pk}/")
    banner = page.locator(".banner-locked").inner_text()
    assert "已锁定" in banner and "如需修改，须由财政局退回本年度" in banner
    assert page.locator("text=本项目锁定时状态为“填报中”").count() == 1
    assert (
        page.locator(f"#ind-{year_a.projects.get(code='P1').indicators.first().pk}-actual").count()
        == 0
    )


def test_evidence_is_chosen_with_a_chinese_picker_that_names_the_file(
    page, actors, year_a, tmp_path
):
    project = year_a.projects.get(code="P1")
    indicator = project.indicators.get(name="完成数")
    proof = tmp_path / "验收报告.pdf"
    proof.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    log_in(page, actors.section.username)
    page.goto(f"/projects/{project.pk}/")
    row = page.locator(f"#indicator-{indicator.pk}")
    assert row.locator(".file-pick").inner_text() == "选择文件"
    row.locator("input[type=file]").set_input_files(str(proof))
    assert row.locator("[data-file-name]").inner_text() == "验收报告.pdf"
    row.screenshot(path=str(tmp_path / "evidence-picker.png"))
    row.locator("button:has-text('上传')").click()
    page.wait_for_selector(f"#indicator-{indicator.pk} .evidence-list a:has-text('验收报告.pdf')")
    assert indicator.evidence_files.count() == 1
