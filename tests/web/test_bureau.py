"""The bureau's side-by-side view: computed vs declared scores for its district, sortable."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.web import models
from jixiao.web.selectors.bureau import side_by_side
from jixiao.web.services.importing import do_import_workbook
from jixiao.web.services.recompute import recompute

from .conftest import department_data


@pytest.fixture
def declared(actors, year_a, year_b):
    """A declares 10 points above its computed score (filed total); B one below (derived)."""
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(self_score=year_a.computed_score + 10)
    rows = list(year_b.indicators.filter(project__isnull=True).order_by("pk"))
    target = year_b.computed_score - 1
    for row in rows[:-1]:
        row.self_score = Decimal(0)
    rows[-1].self_score = target
    models.Indicator.objects.bulk_update(rows, ["self_score"])
    # Declared totals are stored figures: rescore as every writing service does.
    for year in (year_a, year_b):
        recompute(models.DepartmentYear.objects.get(pk=year.pk))
    return year_a, year_b


def names_in_order(text: str) -> list[str]:
    return re.findall(r'<td><a href="/years/\d+/">([^<]+)</a></td>', text)


def test_it_lists_both_departments_with_the_gap(actors, declared, client_for):
    text = client_for(actors.bureau).get(reverse("bureau"), {"sort": "-gap"}).content.decode()
    assert names_in_order(text) == ["示例街道办事处", "另一街道办事处"]
    assert "+10.00" in text and "-1.00" in text


def test_a_gap_above_the_profile_threshold_is_highlighted(actors, declared, client_for):
    text = client_for(actors.bureau).get(reverse("bureau")).content.decode()
    assert text.count('<tr class="gap-high">') == 1
    high = text.split('<tr class="gap-high">')[1].split("</tr>")[0]
    assert "示例街道办事处" in high


def test_it_sorts_by_any_column(actors, declared, client_for):
    client = client_for(actors.bureau)
    by_gap = client.get(reverse("bureau"), {"sort": "-gap"}).content.decode()
    assert names_in_order(by_gap) == ["示例街道办事处", "另一街道办事处"]
    by_gap = client.get(reverse("bureau"), {"sort": "gap"}).content.decode()
    assert names_in_order(by_gap) == ["另一街道办事处", "示例街道办事处"]
    unknown = client.get(reverse("bureau"), {"sort": "password"})
    assert unknown.status_code == 200


def test_a_missing_declared_total_is_derived_from_the_department_indicators(actors, declared):
    rows = {row.year.department.name: row for row in side_by_side(actors.bureau)}
    derived = rows["另一街道办事处"]
    assert derived.declared_is_derived and derived.declared_score == declared[1].computed_score - 1
    assert not rows["示例街道办事处"].declared_is_derived


def test_a_partly_filled_declaration_is_not_summed(actors, year_a, year_b):
    year_b.indicators.filter(project__isnull=True).update(self_score=None)
    first = year_b.indicators.filter(project__isnull=True).first()
    models.Indicator.objects.filter(pk=first.pk).update(self_score=Decimal(50))
    recompute(models.DepartmentYear.objects.get(pk=year_b.pk))
    rows = {row.year.department.name: row for row in side_by_side(actors.bureau)}
    assert rows["另一街道办事处"].declared_score is None and rows["另一街道办事处"].gap is None


def test_project_averages_are_those_of_the_last_rescoring(actors, year_a, year_b):
    models.Project.objects.filter(department_year=year_a).update(self_score=Decimal(95))
    recompute(models.DepartmentYear.objects.get(pk=year_a.pk))
    row = next(r for r in side_by_side(actors.bureau) if r.year.pk == year_a.pk)
    assert row.project_count == 2
    assert row.project_declared_avg == Decimal("95.00")
    scores = list(year_a.projects.values_list("computed_score", flat=True))
    assert row.project_computed_avg == (sum(scores) / len(scores)).quantize(Decimal("0.01"))


def test_the_selector_is_one_query_however_many_departments(
    actors, declared, django_assert_num_queries
):
    admin = actors.admin
    for index in range(3):
        data = department_data(f"第{index}街道办事处")
        do_import_workbook(acting_user=admin, data=data, source_name="x.xlsx")
    # One for the rows, one for the (database-kept) rules profile of the one profile key.
    with django_assert_num_queries(2):
        rows = side_by_side(actors.bureau)
        assert len(rows) == 5 and all(row.project_count == 2 for row in rows)


def test_the_chart_option_is_json_for_the_page_script(actors, declared, client_for):
    text = client_for(actors.bureau).get(reverse("bureau")).content.decode()
    assert 'data-chart="bureau-chart"' in text
    option = json.loads(
        re.search(r'<script id="bureau-chart" type="application/json">(.*?)</script>', text).group(
            1
        )
    )
    assert len(option["series"][0]["data"]) == 2


def test_other_districts_are_not_listed_and_are_not_found(actors, year_a, client_for):
    elsewhere = department_data("别区街道办事处")
    elsewhere = replace(elsewhere, department=replace(elsewhere.department, jurisdiction="其他区"))
    year = do_import_workbook(acting_user=actors.admin, data=elsewhere, source_name="c.xlsx")
    client = client_for(actors.bureau)
    assert "别区街道办事处" not in client.get(reverse("bureau")).content.decode()
    assert client.get(reverse("report", args=[year.pk])).status_code == 404
    assert client.get(reverse("dashboard", args=[year.pk])).status_code == 404


def test_only_the_bureau_and_administrators_see_it(actors, year_a, client_for):
    assert client_for(actors.finance).get(reverse("bureau")).status_code == 404
    assert client_for(actors.working_group).get(reverse("bureau")).status_code == 404
    assert client_for(actors.admin).get(reverse("bureau")).status_code == 200


def test_a_large_district_is_paged_while_the_chart_keeps_every_department(
    actors, declared, client_for, monkeypatch
):
    from jixiao.web.views import bureau as view

    monkeypatch.setattr(view, "PAGE_SIZE", 1)
    response = client_for(actors.bureau).get(reverse("bureau"), {"sort": "-gap", "page": 2})
    text = response.content.decode()
    assert names_in_order(text) == ["另一街道办事处"]
    assert "第 2 / 2 页" in text
    chart = re.search(r'<script id="bureau-chart" type="application/json">(.*?)</script>', text)
    assert chart is not None
    assert len(json.loads(chart.group(1))["series"][0]["data"]) == 2
