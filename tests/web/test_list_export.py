"""Every list exports to Excel as shown: the same rows, in the same order, under the same
filters and sort, with each cell reading as the page's cell (the print view lists every
row on one page, so the whole list is compared)."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import lxml.html
import openpyxl
import pytest
from django.urls import reverse

from jixiao.io.list_xlsx import AMOUNT, HEADER_ROW, PERCENT, SCORE, SIGNED, WHOLE
from jixiao.web.services.indicators import do_update_indicator, do_update_project

SPACES = re.compile(r"\s+")


def page_rows(client, url: str, table_class: str) -> list[list[str]]:
    """The body rows of the page's table, each cell's text with its spaces collapsed (not
    the one spanning row that says nothing matched)."""
    tree = lxml.html.fromstring(client.get(url).content.decode())
    rows = tree.xpath(f'//table[contains(@class, "{table_class}")]/tbody/tr[not(td/@colspan)]')
    return [[SPACES.sub(" ", cell.text_content()).strip() for cell in row.xpath("./td")]
            for row in rows]  # fmt: skip


def shown(value: object, number_format: str) -> str:
    """A cell's value as the page writes it."""
    if not isinstance(value, int | float):
        return str(value)
    number = Decimal(str(value))
    return {
        AMOUNT: f"{number:,.2f}",
        PERCENT: f"{number * 100:.2f}%",
        SCORE: f"{number:.2f}",
        SIGNED: f"{number:+.2f}" if number else "0.00",
        WHOLE: f"{number:.0f}",
    }.get(number_format, str(value))


def exported(client, url: str) -> tuple[list[str], list[list[str]], str]:
    """The export's headings, its rows as the page writes them, and its filter line."""
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1))
    headings = [cell.value for cell in rows[0]]
    body = [[shown(cell.value, cell.number_format) for cell in row] for row in rows[1:]]
    return headings, body, sheet.cell(2, 1).value or ""


def with_output(url: str, query: str, output: str) -> str:
    return f"{url}?{query}&{output}" if query else f"{url}?{output}"


@pytest.mark.parametrize(
    "query",
    ["", "sort=-score", "section_name=城管办", "source=政府性基金预算&sort=name", "q=不存在的项目"],
)
def test_the_project_list_exports_as_shown(actors, client_for, year_a, query):
    if "section_name=" in query:
        section = year_a.department.sections.get(name=query.split("=")[1])
        query = f"section={section.pk}"
    client = client_for(actors.finance)
    url = reverse("project_list", args=[year_a.pk])
    headings, rows, filters = exported(client, with_output(url, query, "format=xlsx"))
    assert rows == page_rows(client, with_output(url, query, "print=1"), "project-list")
    assert headings[:2] == ["编码", "名称"] and headings[-1] == "状态"
    if query.startswith("section="):
        assert rows and all(row[2] == "城管办" for row in rows) and "科室“城管办”" in filters


def test_a_sections_export_holds_only_its_own_projects(actors, client_for, year_a):
    client = client_for(actors.section)
    url = reverse("project_list", args=[year_a.pk])
    _, rows, _ = exported(client, f"{url}?format=xlsx")
    assert [row[0] for row in rows] == ["P1"]


def test_the_sorted_export_follows_the_sort(actors, client_for, year_a):
    client = client_for(actors.finance)
    url = reverse("project_list", args=[year_a.pk])
    _, ascending, _ = exported(client, f"{url}?sort=code&format=xlsx")
    _, descending, filters = exported(client, f"{url}?sort=-code&format=xlsx")
    assert ascending == descending[::-1] and len(ascending) == 2
    assert "排序：编码（降序）" in filters


@pytest.fixture
def findings_of_a(actors, year_a):
    """Two missed targets without a reason (errors) and an overclaimed self-score (a warning)."""
    for code in ("P1", "P2"):
        missed = year_a.indicators.get(project__code=code, name="完成数")
        do_update_indicator(acting_user=actors.finance, indicator_id=missed.pk,
                            expected_version=missed.version, changes={"actual": "1"})  # fmt: skip
    project = year_a.projects.get(code="P2")
    do_update_project(acting_user=actors.finance, project_id=project.pk,
                      expected_version=project.version, changes={"self_score": "100"})  # fmt: skip
    return year_a.findings.all()


@pytest.mark.parametrize("query", ["", "severity=error", "severity=warning", "severity=info"])
def test_the_findings_export_as_shown(actors, client_for, year_a, findings_of_a, query):
    client = client_for(actors.working_group)
    url = reverse("finding_list", args=[year_a.pk])
    headings, rows, _ = exported(client, with_output(url, query, "format=xlsx"))
    assert headings == ["严重程度", "问题类型", "位置", "项目", "说明"]
    assert rows == page_rows(client, with_output(url, query, "print=1"), "findings")
    expected = {"": 3, "severity=error": 2, "severity=warning": 1, "severity=info": 0}[query]
    assert len(rows) == expected


@pytest.mark.parametrize("query", ["", "sort=-computed", "sort=gap&year=2023", "year=2022"])
def test_the_bureau_list_exports_as_shown(actors, client_for, query):
    client = client_for(actors.bureau)
    url = reverse("bureau")
    headings, rows, _ = exported(client, with_output(url, query, "format=xlsx"))
    page = page_rows(client, with_output(url, query, "print=1"), "bureau-table")
    # The page marks a derived 自报总分 with “*”; the export says so in its 备注 column.
    assert [row[:-1] for row in rows] == [[cell.rstrip("*") for cell in row] for row in page]
    assert [row[-1] != "" for row in rows] == [row[4].endswith("*") for row in page]
    assert headings[0] == "部门" and headings[-1] == "备注"


def test_an_export_outside_the_users_reach_is_not_found(actors, client_for, year_b):
    url = reverse("project_list", args=[year_b.pk])
    assert client_for(actors.finance).get(f"{url}?format=xlsx").status_code == 404


def test_the_list_links_keep_the_filters_and_drop_the_page(actors, client_for, year_a):
    url = reverse("project_list", args=[year_a.pk])
    text = client_for(actors.finance).get(f"{url}?grade=优&page=2").content.decode()
    assert 'href="?grade=%E4%BC%98&amp;format=xlsx"' in text
    assert 'href="?grade=%E4%BC%98&amp;print=1"' in text
