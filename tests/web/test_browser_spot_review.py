"""The bureau's spot review in Chromium: it draws a sample, re-scores an indicator of a
drawn project, and the gap is flagged on the project page and in the 通报."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web import models
from jixiao.web.models import Status

from .browser import choose, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bureau_samples_rescores_and_the_gap_is_flagged(page, actors, year_a, year_b, tmp_path):
    models.DepartmentYear.objects.filter(pk__in=[year_a.pk, year_b.pk]).update(
        status=Status.GROUP_APPROVED
    )
    log_in(page, actors.bureau.username)
    choose(page, ".account", "全区", "抽查复核")
    page.fill("input[name=seed]", "2023")
    page.click("button:has-text('按规则抽取')")  # the confirm() is accepted by the fixture
    page.wait_for_selector(".messages li:has-text('随机种子 2023')")
    assert page.locator("strong.seed").inner_text() == "2023"

    page.click(".spot-results tr:has-text('示例街道办事处') a:has-text('环卫保洁')")
    row = page.locator(".spot-review-table tr[data-indicator='完成数']")
    row.locator("input[name=score]").fill("55")
    row.locator("button:has-text('保存')").click()
    page.wait_for_selector(".messages li.error:has-text('复核得分应在 0 与分值 50 之间')")

    row = page.locator(".spot-review-table tr[data-indicator='完成数']")
    row.locator("input[name=score]").fill("30")
    row.locator("input[name=reason]").fill("验收单只能证明完成 6 个")
    row.locator("button:has-text('保存')").click()
    page.wait_for_selector(".spot-review h2 .gap-high:has-text('差距超过阈值')")
    assert page.locator("[data-review-total]").inner_text() == "79.83"
    page.screenshot(path=str(tmp_path / "spot-review-project.png"))

    choose(page, ".account", "全区", "抽查复核")
    notice = page.locator(".spot-notice")
    assert "通报名单（1）" in notice.inner_text() and "环卫保洁" in notice.inner_text()
    item = models.SpotReviewItem.objects.get(flagged=True)
    assert item.review_total == Decimal("79.83") and item.reviewed_by == actors.bureau
