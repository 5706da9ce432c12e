"""The ledger in Chromium: a finding becomes a task with one click, the section plans it
and uploads evidence, the working group closes it, and next year's report lists it as
rectified (已完成)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from jixiao.core.records import Department
from jixiao.web import models
from jixiao.web.services.importing import do_import_workbook
from tests.builders import two_project_department

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PROBLEM = "项目“环卫保洁”（P1）自评总分 100，依据指标计算得分 88.00（良），相差 12.00 分"


def _shot(page, tmp_path, name: str) -> None:
    folder = os.environ.get("JIXIAO_SCREENSHOTS") or str(tmp_path)
    page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=False)


def _finding(year) -> models.Finding:
    """A self-score gap on P1, stored as the recomputation stores findings."""
    return models.Finding.objects.create(
        department_year=year, project=year.projects.get(code="P1"), code="SELF_SCORE_GAP",
        severity="warning", message=PROBLEM, location="工作表“项目”第 3 行",
    )  # fmt: skip


def _next_year(year, admin):
    name = year.department.name
    department = Department(name=name, year=2024, jurisdiction="示例区", full_name=name)
    return do_import_workbook(
        acting_user=admin, data=replace(two_project_department(), department=department),
        source_name="a-2024.xlsx",
    )  # fmt: skip


def test_a_finding_is_rectified_closed_and_reported_the_next_year(page, actors, year_a, tmp_path):
    _finding(year_a)
    log_in(page, actors.finance.username)
    page.goto(f"/years/{year_a.pk}/findings/")
    page.click("table.findings button:has-text('列入整改')")
    page.wait_for_selector(".messages li:has-text('已列入整改台账 1 项')")
    _shot(page, tmp_path, "rectify-findings")

    log_in(page, actors.section.username)
    page.click(".todo a:has-text('自评总分 100')")
    page.fill("textarea[name=measure]", "对照实际完成值重新核定自评分，建立自评打分复核制度")
    page.click("form[action$='/edit/'] button[type=submit]")
    page.wait_for_selector(".messages li:has-text('整改任务已保存')")
    upload = tmp_path / "自评分复核表.pdf"
    upload.write_bytes(PDF)
    page.set_input_files("input[name=file]", str(upload))
    page.click(".evidence-upload button")
    page.wait_for_selector(".evidence-list a:has-text('自评分复核表.pdf')")
    assert page.locator("h1 .task-status").inner_text() == "整改中"
    assert page.locator("button:has-text('销号')").count() == 0  # a section does not close
    _shot(page, tmp_path, "rectify-section-task")

    log_in(page, actors.working_group.username)
    page.click(".todo a:has-text('自评总分 100')")
    page.fill("input[name=note]", "佐证材料已核实，整改到位")
    page.click("button:has-text('核实佐证材料并销号')")
    page.wait_for_selector("h1 .task-status:has-text('已完成')")
    _shot(page, tmp_path, "rectify-closed")
    page.goto("/rectification/?status=已完成")
    assert page.locator("table.ledger tbody tr").count() == 1

    following = _next_year(year_a, actors.admin)
    log_in(page, actors.finance.username)
    page.goto(f"/years/{following.pk}/report/preview/")
    page.wait_for_selector("text=上年问题整改情况")
    row = page.locator("table tr", has_text="自评总分 100").first
    assert "已完成" in row.inner_text() and "城管办" in row.inner_text()
    assert "建立自评打分复核制度" in row.inner_text()
    page.locator("text=上年问题整改情况").first.scroll_into_view_if_needed()
    _shot(page, tmp_path, "rectify-next-year-report")
