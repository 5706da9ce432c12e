"""历年对比: a department's years, its continuing indicators, and a year against the last."""

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.web.selectors.year_over_year import (
    compare,
    continuing_indicators,
    department_years,
    previous_year,
    project_changes,
)
from jixiao.web.services.importing import do_import_workbook
from tests.builders import with_indicator
from tests.web.conftest import department_data

D = Decimal


@pytest.fixture
def year_2022(actors, year_a):
    """Department A's 2022: P1's 完成数 reached 8 of its target 10 (40 of 50 points)."""
    data = department_data("示例街道办事处")
    data = replace(data, department=replace(data.department, year=2022))
    data = with_indicator(data, 0, actual=D(8), explanation="资金到位较晚")
    return do_import_workbook(acting_user=actors.admin, data=data, source_name="a-2022.xlsx")


def test_the_years_run_oldest_first_and_the_previous_is_found(year_2022, year_a):
    assert [row.year for row in department_years(year_a)] == [2022, 2023]
    assert previous_year(year_a) == year_2022
    assert previous_year(year_2022) is None


def test_an_indicator_with_the_same_code_and_name_continues(year_2022, year_a):
    rows = {(row.code, row.name): row for row in continuing_indicators(department_years(year_a))}
    done = rows[("P1", "完成数")]
    assert [(cell.target, cell.actual) for cell in done.cells] == [("≥10", "8"), ("≥10", "10")]


def test_a_single_year_has_no_continuing_indicator(year_a):
    assert continuing_indicators(department_years(year_a)) == []


def test_the_comparison_gives_each_change(year_2022, year_a):
    rows = {row.label: row for row in compare(year_a, year_2022)}
    assert rows["项目数"].change == 0
    changes = {row.code: row.change for row in project_changes(year_a, year_2022)}
    assert changes == {"P1": D("10.00"), "P2": D("0.00")}


def test_the_page_shows_the_chart_and_the_comparison(year_2022, year_a, actors, client_for):
    page = client_for(actors.bureau).get(f"/years/{year_a.pk}/history/").content.decode()
    assert 'data-chart="years-chart"' in page and "2023 年度与上年对比" in page
    assert "≥10 / 8" in page
    assert "vendor/echarts/echarts.min.js" in page and "cdn" not in page.lower()


def test_the_page_filters_the_continuing_indicators_by_project(
    year_2022, year_a, actors, client_for
):
    client = client_for(actors.finance)
    page = client.get(f"/years/{year_a.pk}/history/?project=P2").content.decode()
    assert "受益人数" in page and "≥10 / 8" not in page
