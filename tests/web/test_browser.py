"""What people do, in a real Chromium (Debian's) driven by Playwright.

A business-section user logs in, enters an actual value, sees the score change and
submits; the working group returns the project with a reason; the bureau reviewer sees
the department in the side-by-side view. Finance re-imports a workbook that drops an
indicator carrying evidence, confirms the removal, and finds the file kept.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from jixiao.web.services import workflow
from jixiao.web.services.evidence import do_attach_evidence

from .browser import log_in
from .conftest import department_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_a_section_fills_in_the_group_returns_and_the_bureau_compares(
    page, actors, year_a, tmp_path
):
    project = year_a.projects.get(code="P1")
    indicator = project.indicators.get(name="完成数")
    assert project.computed_score == Decimal("99.83")

    log_in(page, actors.section.username)
    # A section lands on its to-do list: its own projects only.
    assert page.locator(".todo >> text=环卫保洁").count() >= 1
    assert page.locator("text=社区服务").count() == 0

    page.click(".todo >> text=环卫保洁")
    page.fill(f"#ind-{indicator.pk}-actual", "5")
    page.press(f"#ind-{indicator.pk}-actual", "Tab")
    # 完成数 5 of 10 earns 25 of its 50 points: 9.83 + 25 + 30 + 10 = 74.83.
    page.wait_for_selector("[data-score=computed]:has-text('74.83')")
    page.fill(f"#ind-{indicator.pk}-explanation", "受汛期影响，部分任务顺延")
    page.press(f"#ind-{indicator.pk}-explanation", "Tab")
    page.wait_for_selector(f"#indicator-{indicator.pk} .notice, #indicator-{indicator.pk} textarea")
    page.click(".workflow button:has-text('提交')")
    page.wait_for_selector(".workflow-status .status:has-text('已提交')")
    page.screenshot(path=str(tmp_path / "section.png"), full_page=True)
    project.refresh_from_db()
    assert project.status == "submitted" and project.computed_score == Decimal("74.83")

    log_in(page, actors.working_group.username)
    page.goto(f"/projects/{project.pk}/")
    page.fill(".workflow textarea[name=reason]", "佐证材料不全，请补充验收资料")
    page.click(".workflow button:has-text('退回')")
    page.wait_for_selector(".workflow:has-text('佐证材料不全')")
    project.refresh_from_db()
    assert project.status == "draft" and project.return_reason == "佐证材料不全，请补充验收资料"

    log_in(page, actors.bureau.username)
    page.click("main >> text=各部门对比")
    page.wait_for_selector("text=示例街道办事处")
    assert page.locator("text=另一街道办事处").count() >= 1
    page.screenshot(path=str(tmp_path / "bureau.png"), full_page=True)


def test_finance_reimports_confirms_a_removal_and_the_evidence_stays(
    page, actors, year_a, tmp_path
):
    done = year_a.indicators.get(project__code="P1", name="完成数")
    do_attach_evidence(acting_user=actors.section, indicator_id=done.pk,
                       upload=SimpleUploadedFile("清扫台账.pdf", PDF))  # fmt: skip
    p2 = year_a.projects.get(code="P2")
    workflow.do_transition_project(acting_user=actors.other_section, project_id=p2.pk,
                                   name="submit", expected_version=p2.version)  # fmt: skip
    data = department_data("示例街道办事处")
    indicators = tuple(
        replace(i, actual=Decimal(90)) if (i.owner, i.name) == ("P1", "受益人数") else i
        for i in data.indicators
        if (i.owner, i.name) != ("P1", "完成数")
    )
    projects = (data.projects[0], replace(data.projects[1], name="社区服务（调整）"))
    path = write_workbook(replace(data, indicators=indicators, projects=projects),
                          tmp_path / "第二版.xlsx")  # fmt: skip

    page.set_viewport_size({"width": 1280, "height": 720})
    log_in(page, actors.finance.username)
    page.goto("/upload/")
    page.set_input_files("input[type=file]", str(path))
    page.click("button:has-text('检查并预览')")
    page.wait_for_selector("text=已锁定、不会修改的项目（1）")
    assert page.locator("td.upload-new-value:has-text('90')").count() == 1
    page.screenshot(path=str(tmp_path / "import-preview.png"), full_page=True)
    page.click("text=下一步：核对并确认删除内容")
    page.wait_for_selector("text=清扫台账.pdf")
    page.screenshot(path=str(tmp_path / "import-confirm.png"), full_page=True)
    page.check("input[name=confirm_removals]")
    page.click("button:has-text('确认删除并导入')")
    page.wait_for_selector(".messages:has-text('已导入')")
    assert not models.Indicator.objects.filter(pk=done.pk).exists()
    assert models.Evidence.objects.get().kept_in_year_id == year_a.pk
    assert year_a.projects.get(code="P2").name == "社区服务"  # locked: left alone
    page.goto(f"/years/{year_a.pk}/department/")
    page.wait_for_selector("text=已删除指标的佐证材料（1）")
    page.screenshot(path=str(tmp_path / "kept-evidence.png"), full_page=True)
