"""A filtered list in Chromium: its Excel download holds the rows on the screen, and its
print view prints the table alone on A4 landscape with the headings on every page."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from jixiao.io.list_xlsx import HEADER_ROW

from .browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A4 landscape less the print stylesheet's 10 mm side margins, in CSS pixels (96 per inch).
PRINTABLE_WIDTH = round((297 - 20) / 25.4 * 96)


def test_the_download_of_a_filtered_list_holds_the_rows_shown(page, actors, year_a, tmp_path):
    log_in(page, actors.finance.username)
    page.goto(reverse("project_list", args=[year_a.pk]))
    page.select_option("select[name=source]", "政府性基金预算")
    page.click("button:has-text('筛选')")
    page.wait_for_load_state("networkidle")
    shown = page.locator("table.project-list tbody tr td:first-child").all_inner_texts()
    with page.expect_download() as download:
        page.click("text=导出 Excel")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
    codes = [row[0] for row in sheet.iter_rows(min_row=HEADER_ROW + 2, values_only=True)]
    assert codes == shown == ["P2"]
    assert path.name.endswith("-项目.xlsx")


def test_the_print_view_prints_the_table_alone_across_the_page(page, actors, year_a, tmp_path):
    log_in(page, actors.finance.username)
    page.goto(reverse("project_list", args=[year_a.pk]))
    page.click("a:has-text('打印')")
    page.wait_for_selector(".print-bar")
    page.screenshot(path=str(tmp_path / "print-view.png"))
    page.set_viewport_size({"width": PRINTABLE_WIDTH, "height": 720})
    page.emulate_media(media="print")
    for hidden in (".topbar", "form.filters", ".print-bar"):
        assert not page.locator(hidden).is_visible(), hidden
    table = page.locator("table.project-list")
    assert table.evaluate("t => t.scrollWidth") <= PRINTABLE_WIDTH
    assert (
        page.locator("table.project-list thead").evaluate("h => getComputedStyle(h).display")
        == "table-header-group"
    )
    pdf = page.pdf(path=str(tmp_path / "print.pdf"), prefer_css_page_size=True)
    assert re.search(rb"/MediaBox \[0 0 841\.9\d* 594\.9\d*\]", pdf)  # A4 landscape (pt)
