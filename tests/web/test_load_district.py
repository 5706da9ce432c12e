"""``load_district``: a small synthetic district goes through the real import service."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from jixiao.web import models
from jixiao.web.management.commands.load_district import SYSTEM_USERNAME

PASSWORD = "load-test-password"
DISTRICT = "测试区"


@pytest.fixture
def district(db) -> str:
    """Three departments × five projects × three indicators, loaded in this process."""
    out = StringIO()
    call_command("load_district", departments=3, projects=5, indicators=3, district=DISTRICT,
                 password=PASSWORD, jobs=1, stdout=out)  # fmt: skip
    return out.getvalue()


def test_it_loads_every_department_project_and_indicator(district):
    years = models.DepartmentYear.objects.filter(department__district=DISTRICT)
    assert years.count() == 3
    assert models.Project.objects.filter(department_year__in=years).count() == 15
    project_indicators = models.Indicator.objects.filter(
        department_year__in=years, project__isnull=False
    )
    assert project_indicators.count() == 45


def test_it_scores_everything_it_loads(district):
    years = models.DepartmentYear.objects.filter(department__district=DISTRICT)
    assert not years.filter(computed_score__isnull=True).exists()
    assert not models.Project.objects.filter(
        department_year__in=years, computed_score__isnull=True
    ).exists()
    assert not models.Indicator.objects.filter(
        department_year__in=years, computed_score__isnull=True
    ).exists()


def test_it_audits_the_imports_as_the_system_user(district):
    system = User.objects.get(username=SYSTEM_USERNAME)
    assert system.is_superuser and not system.has_usable_password()
    history = models.Project.history.filter(department_year__department__district=DISTRICT)
    assert history.count() == 15
    assert set(history.values_list("history_user", flat=True)) == {system.pk}


def test_it_reports_progress_in_rows_per_second(district):
    assert "3/3 个部门" in district and "行/秒" in district


def test_it_gives_the_bureau_the_district_and_each_department_a_finance_user(district):
    bureau = models.Membership.objects.get(user__username="bureau")
    assert (bureau.role, bureau.district) == (models.Role.BUREAU, DISTRICT)
    finance = models.Membership.objects.filter(
        role=models.Role.FINANCE, department__district=DISTRICT
    )
    assert sorted(finance.values_list("user__username", flat=True)) == [
        "finance-000", "finance-001", "finance-002",
    ]  # fmt: skip


@pytest.mark.parametrize("username", ["bureau", "finance-002"])
def test_its_users_can_log_in_with_the_given_password(district, client, username):
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)


def test_a_second_run_replaces_the_district_instead_of_duplicating_it(district):
    call_command("load_district", departments=3, projects=5, indicators=3, district=DISTRICT,
                 password=PASSWORD, jobs=1, stdout=StringIO())  # fmt: skip
    assert models.DepartmentYear.objects.filter(department__district=DISTRICT).count() == 3
    assert models.Membership.objects.filter(department__district=DISTRICT).count() == 3
