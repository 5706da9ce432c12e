"""The stored review of a monitoring round: after every write that colours depend on, each
project's stored colour, execution colour, 执行率, 序时进度, cause and worst likelihood are
what the core's review (``round_view``) finds; migrate fills rounds that have none; and
the bureau's district pages cost the same few queries however many departments."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.core.monitoring_rules import Colour
from jixiao.web import models
from jixiao.web.models import GoalPhase
from jixiao.web.models.monitoring import REVIEWED_FIELDS
from jixiao.web.monitoring_conversion import entries, round_record
from jixiao.web.selectors.monitoring import round_view
from jixiao.web.services.goal_adjustments import do_decide_adjustment, do_request_adjustment
from jixiao.web.services.monitoring_import import do_import_round, plan_round_import
from jixiao.web.services.monitoring_rounds import (
    do_decide,
    do_return_round,
    do_submit_round,
    do_submit_section,
)
from jixiao.web.services.monitoring_store import cause_summary, worst_likelihood
from tests.web.conftest import PASSWORD
from tests.web.monitoring_round import (
    entry,
    fill,
    fill_department_on_track,
    indicator,
    on_track,
    open_round,
)

pytestmark = pytest.mark.django_db
TEN_PLACES = Decimal("1E-10")
DEFAULT_PROFILE = Path(__file__).parents[2] / "src/jixiao/core/profiles/default.toml"


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TEN_PLACES)


def assert_stored(round_: models.MonitoringRound) -> None:
    """Every project's stored review equals the core's review of the round now."""
    view = round_view(models.MonitoringRound.objects.get(pk=round_.pk))
    stored = {
        row["pk"]: row for row in round_.projects.values("pk", *REVIEWED_FIELDS)
    }  # fmt: skip
    assert len(stored) == len(view.rows) > 0
    for row in view.rows:
        status = row.status
        assert stored[row.entry.pk] == {
            "pk": row.entry.pk,
            "colour": status.colour.value,
            "execution_colour": status.execution_colour.value,
            "execution_rate": _ratio(status.rate),
            "time_progress": _ratio(status.time.share),
            "cause_summary": cause_summary(status),
            "worst_likelihood": worst_likelihood(status),
        }, row.entry.project.code


def _colour(round_, code: str) -> str:
    return entry(round_, code).colour


@pytest.fixture
def round_a(actors, year_a):
    return open_round(actors, year_a)


def _red_p1(actors, round_) -> None:
    """P1 executed on time, its 完成数 2 of 10 by July (red), explained."""
    fill(actors.finance, round_, "P1", {"executed": "70000"})
    red = on_track(round_, "P1")
    red[indicator(round_, "P1", "完成数").pk] = {
        "value": "2", "likelihood": "完全不可能", "cause": "经费", "cause_text": "资金未到位",
        "measure": "申请追加"}  # fmt: skip
    fill(actors.section, round_, "P1", indicators=red)


def test_opening_a_round_stores_its_review(actors, round_a):
    assert_stored(round_a)
    assert _colour(round_a, "P1") == Colour.RED.value  # nothing executed by July


def test_filling_a_project_stores_its_review(actors, round_a):
    _red_p1(actors, round_a)
    assert_stored(round_a)
    p1 = entry(round_a, "P1")
    assert (p1.colour, p1.execution_colour) == (Colour.RED.value, Colour.GREEN.value)
    assert (p1.cause_summary, p1.worst_likelihood) == ("经费：资金未到位", "完全不可能")
    fill(actors.section, round_a, "P1", indicators=on_track(round_a, "P1"))
    assert_stored(round_a)
    assert _colour(round_a, "P1") == Colour.GREEN.value


def test_a_fill_reviews_only_its_project(actors, round_a):
    with CaptureQueriesContext(connection) as queries:
        fill(actors.finance, round_a, "P1", {"executed": "70000"})
    reads = [q["sql"] for q in queries if "jixiao_monitoringindicator" in q["sql"]]
    assert reads and all("indicator_id" in sql or "project_id" in sql for sql in reads)
    assert_stored(round_a)


def test_the_department_form_decision_submit_and_return_keep_the_review(actors, round_a):
    _red_p1(actors, round_a)
    fill(actors.finance, round_a, "P2", {"executed": "30000"})
    fill(actors.other_section, round_a, "P2", indicators=on_track(round_a, "P2"))
    fill_department_on_track(actors.finance, round_a)
    assert_stored(round_a)
    p1 = entry(round_a, "P1")
    do_decide(acting_user=actors.working_group, entry_id=p1.pk, expected_version=p1.version,
              decision="调整目标")  # fmt: skip
    assert_stored(round_a)
    do_submit_section(acting_user=actors.section, round_id=round_a.pk)
    do_submit_section(acting_user=actors.other_section, round_id=round_a.pk)
    round_a.refresh_from_db()
    do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                    expected_version=round_a.version)  # fmt: skip
    round_a.refresh_from_db()
    do_return_round(acting_user=actors.bureau, round_id=round_a.pk,
                    expected_version=round_a.version, reason="请细化措施")  # fmt: skip
    assert_stored(round_a)


def test_an_import_stores_its_review(actors, round_a):
    data = round_record(round_a, *entries(round_a))
    data = replace(data, projects=tuple(
        replace(p, executed=Decimal("70000")) if p.code == "P1" else p for p in data.projects
    ))  # fmt: skip
    plan = plan_round_import(round_a, data)
    do_import_round(acting_user=actors.finance, round_id=round_a.pk, data=data,
                    source_name="round.xlsx", expected_fingerprint=plan.fingerprint)  # fmt: skip
    assert_stored(round_a)
    assert entry(round_a, "P1").execution_colour == Colour.GREEN.value


def test_an_approved_goal_adjustment_stores_the_new_colours(actors, round_a, year_a):
    _red_p1(actors, round_a)
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(goal_phase=GoalPhase.APPROVED)
    target = year_a.indicators.get(project__code="P1", name="完成数")
    adjustment = do_request_adjustment(acting_user=actors.section, indicator_id=target.pk,
                                       new_target="3", reason="据实调整")  # fmt: skip
    for user in (actors.working_group, actors.bureau):
        adjustment.refresh_from_db()
        do_decide_adjustment(acting_user=user, adjustment_id=adjustment.pk, approve=True,
                             reason="", expected_version=adjustment.version)  # fmt: skip
    assert_stored(round_a)
    assert _colour(round_a, "P1") == Colour.GREEN.value  # 2 of 3 × 7/12 by July


def test_a_changed_rules_profile_stores_the_new_colours(
    actors, round_a, year_a, django_capture_on_commit_callbacks
):
    _red_p1(actors, round_a)
    text = DEFAULT_PROFILE.read_text(encoding="utf-8").replace(
        'indicator_progress = [["红", 0], ["黄", 0.60], ["绿", 0.80], ["蓝", 1.20]]',
        'indicator_progress = [["红", 0], ["黄", 0.10], ["绿", 0.20], ["蓝", 1.20]]',
    )
    # The years are rescored once the change is committed (services.profile_rescore).
    with django_capture_on_commit_callbacks(execute=True):
        models.RulesProfileRecord.objects.create(key=year_a.profile or "default", text=text)
    assert_stored(round_a)
    assert _colour(round_a, "P1") == Colour.GREEN.value


def test_migrate_stores_the_review_of_a_round_that_has_none(actors, round_a):
    _red_p1(actors, round_a)
    round_a.projects.update(colour="", execution_colour="", execution_rate=None,
                            time_progress=None, cause_summary="", worst_likelihood="")  # fmt: skip
    call_command("migrate", verbosity=0, stdout=StringIO())
    assert_stored(round_a)


def test_a_bulk_loaded_round_has_its_review_stored(db):
    call_command("load_district", departments=2, projects=12, indicators=3, district="装载区",
                 password=PASSWORD, jobs=1, stdout=StringIO())  # fmt: skip
    call_command("load_district_monitoring", district="装载区", stdout=StringIO())
    rounds = models.MonitoringRound.objects.filter(department_year__department__district="装载区")
    assert rounds.count() == 2
    for round_ in rounds:
        assert_stored(round_)


def _district_queries(departments: int, district: str) -> list[int]:
    # 25 projects a department: the loader draws about 10% red with a seed that depends on
    # the years' ids, and a red table with no rows asks one query fewer (no page of rows).
    call_command("load_district", departments=departments, projects=25, indicators=3,
                 district=district, password=PASSWORD, jobs=1, stdout=StringIO())  # fmt: skip
    call_command("load_district_monitoring", district=district, stdout=StringIO())
    red = models.MonitoringProject.objects.filter(
        round__department_year__department__district=district, colour=Colour.RED.value
    )
    assert red.exists(), "no red project drawn: the red table's queries would not be compared"
    client = Client()
    client.force_login(User.objects.get(username="bureau"),
                       backend="jixiao.web.auth_backend.MembershipBackend")  # fmt: skip
    counts = []
    for path in ("bureau_monitoring", "bureau_monitoring_red"):
        for query in ("", "?sort=red" if path == "bureau_monitoring" else "?sort=-rate"):
            cache.clear()  # the cold visit
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse(path) + query)
            assert response.status_code == 200
            if path == "bureau_monitoring":  # every department's round is listed
                assert response.content.decode().count('class="status mon-status-') == departments
            counts.append(len(queries))
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("bureau_monitoring_red") + "?format=xlsx").status_code == 200
    return [*counts, len(queries)]


def test_the_district_pages_queries_do_not_grow_with_its_departments(db):
    assert _district_queries(3, "三部门区") == _district_queries(12, "十二部门区")
