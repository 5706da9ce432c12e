"""示例数据 is shown as such on every page that shows illustrative figures, and only there."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from jixiao.core.records import ManagementItem
from jixiao.web import models
from jixiao.web.services.importing import do_import_workbook

from .conftest import department_data

NAME = "示例街道办事处"
BANNER = "本年度含示例数据"
ROW = ManagementItem("公用经费", "公用经费", budget=Decimal("100000.00"),
                     actual=Decimal("90000.00"), illustrative=True)  # fmt: skip


@pytest.fixture
def illustrative_year(actors, year_a):
    data = department_data(NAME)
    first = replace(data.projects[0], illustrative=True)
    data = replace(data, projects=(first, *data.projects[1:]), management=(ROW,))
    return do_import_workbook(acting_user=actors.finance, data=data)


def page(client, name: str, pk: int) -> str:
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["dashboard", "project_list", "department_overall", "report"])
def test_every_page_of_an_illustrative_year_says_so(actors, client_for, illustrative_year, name):
    text = page(client_for(actors.finance), name, illustrative_year.pk)

    assert BANNER in text and "1 个项目、决算与管理数据 1 行" in text


@pytest.mark.parametrize("name", ["dashboard", "project_list", "department_overall", "report"])
def test_a_year_of_the_departments_own_figures_carries_no_mark(actors, client_for, year_a, name):
    assert "示例数据" not in page(client_for(actors.finance), name, year_a.pk)


def test_the_illustrative_project_and_row_are_tagged(actors, client_for, illustrative_year):
    client = client_for(actors.finance)
    project = models.Project.objects.get(department_year=illustrative_year, illustrative=True)
    other = models.Project.objects.filter(department_year=illustrative_year).exclude(pk=project.pk)

    assert "本项目为示例数据" in page(client, "project_detail", project.pk)
    assert "本项目为示例数据" not in page(client, "project_detail", other.first().pk)
    listing = page(client, "project_list", illustrative_year.pk)
    assert listing.count('class="tag-illustrative"') == 1
    department = page(client, "department_overall", illustrative_year.pk)
    assert "决算与管理数据" in department and 'class="tag-illustrative"' in department
    assert "公用经费控制率" in department and "90.00%" in department


def test_the_bureau_sees_which_department_years_are_illustrative(
    actors, client_for, illustrative_year
) -> None:
    text = client_for(actors.bureau).get(reverse("bureau")).content.decode()

    assert text.count('class="tag-illustrative"') == 1
