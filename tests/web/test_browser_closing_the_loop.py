"""The loop closed in Chromium: the bureau samples and re-scores an indicator, the gap is
flagged and 列入整改 for the project's section, the section uploads evidence, the working
group closes the task, and next year's report lists it as rectified (已完成)."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.core.records import Department
from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.services.importing import do_import_workbook
from tests.builders import two_project_department

from .browser import choose, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TASK = "财政抽查复核得分 79.83 分"


def _shot(page, tmp_path, name: str) -> None:
    folder = os.environ.get("JIXIAO_SCREENSHOTS") or str(tmp_path)
    page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=False)


def _next_year(year, admin):
    name = year.department.name
    department = Department(name=name, year=2024, jurisdiction="示例区", full_name=name)
    return do_import_workbook(
        acting_user=admin, data=replace(two_project_department(), department=department),
        source_name="a-2024.xlsx",
    )  # fmt: skip


def _bureau_flags_and_lists(page, actors, tmp_path) -> None:
    log_in(page, actors.bureau.username)
    choose(page, ".account", "全区", "抽查复核")
    page.fill("input[name=seed]", "2023")
    page.click("button:has-text('按规则抽取')")
    page.wait_for_selector(".messages li:has-text('随机种子 2023')")
    page.click(".spot-results tr:has-text('示例街道办事处') a:has-text('环卫保洁')")
    row = page.locator(".spot-review-table tr[data-indicator='完成数']")
    row.locator("input[name=score]").fill("30")
    row.locator("input[name=reason]").fill("验收单只能证明完成 6 个")
    row.locator("button:has-text('保存')").click()
    page.wait_for_selector(".spot-review h2 .gap-high:has-text('差距超过阈值')")
    page.click(".spot-review button:has-text('列入整改')")
    page.wait_for_selector(".spot-ledger a:has-text('整改任务（城管办，未开始')")
    _shot(page, tmp_path, "loop-project-card")
    choose(page, ".account", "全区", "抽查复核")
    page.click(".spot-notice button:has-text('全部列入整改')")
    page.wait_for_selector(".messages li:has-text('已列入整改台账 0 项，1 项此前已列入')")
    assert page.locator(".spot-notice tr[data-project='P1'] [data-ledger=listed]").count() == 1
    page.locator("#notice").scroll_into_view_if_needed()
    _shot(page, tmp_path, "loop-notice")


def test_a_review_gap_is_rectified_closed_and_reported_the_next_year(
    page, actors, year_a, year_b, tmp_path
):
    models.DepartmentYear.objects.filter(pk__in=[year_a.pk, year_b.pk]).update(
        status=Status.GROUP_APPROVED
    )
    # Self-scored high without evidence: drawn by rule whatever the random draw picks.
    year_a.projects.filter(code="P1").update(self_score=Decimal(98))
    _bureau_flags_and_lists(page, actors, tmp_path)

    log_in(page, actors.section.username)
    page.click(f".todo a:has-text('{TASK}')")
    page.fill("textarea[name=measure]", "按验收单重新核定完成数，补齐佐证材料")
    page.click("form[action$='/edit/'] button[type=submit]")
    page.wait_for_selector(".messages li:has-text('整改任务已保存')")
    upload = tmp_path / "完成数验收单.pdf"
    upload.write_bytes(PDF)
    page.set_input_files("input[name=file]", str(upload))
    page.click(".evidence-upload button")
    page.wait_for_selector(".evidence-list a:has-text('完成数验收单.pdf')")
    assert page.locator("h1 .task-status").inner_text() == "整改中"

    log_in(page, actors.working_group.username)
    page.click(f".todo a:has-text('{TASK}')")
    page.fill("input[name=note]", "验收单已核实，整改到位")
    page.click("button:has-text('核实佐证材料并销号')")
    page.wait_for_selector("h1 .task-status:has-text('已完成')")
    task = models.RectificationTask.objects.get()
    assert task.source == "bureau_review" and task.closed_by == actors.working_group

    following = _next_year(year_a, actors.admin)
    log_in(page, actors.finance.username)
    page.goto(f"/years/{following.pk}/report/preview/")
    page.wait_for_selector("text=上年问题整改情况")
    row = page.locator("table tr", has_text=TASK).first
    assert "已完成" in row.inner_text() and "城管办" in row.inner_text()
    assert "补齐佐证材料" in row.inner_text()
    page.locator("text=上年问题整改情况").first.scroll_into_view_if_needed()
    _shot(page, tmp_path, "loop-next-year-report")
