"""The bureau's district monitoring lists: the red projects table (rows, sorting, paging,
export), its scope, the round summaries (equal to the core's review, following every
monitoring write) and the bulk loader of the benchmark."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from jixiao.core.findings import Severity
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.monitoring_conversion import entries, round_record
from jixiao.web.selectors import monitoring_district as district
from jixiao.web.selectors.monitoring import round_view
from jixiao.web.services.monitoring_import import do_import_round, plan_round_import
from jixiao.web.services.monitoring_rounds import (
    do_decide,
    do_open_round,
    do_return_round,
    do_submit_round,
)
from jixiao.web.views.monitoring_bureau import CSRF_SLOT
from tests.web.conftest import PASSWORD, _user
from tests.web.monitoring_round import entry, fill, on_track, open_round, red_and_submitted

pytestmark = pytest.mark.django_db
RED = reverse("bureau_monitoring_red")


@pytest.fixture
def round_a(actors, year_a):
    round_ = open_round(actors, year_a)
    red_and_submitted(actors, round_)
    return round_


@pytest.fixture
def round_b(actors, year_b):
    """Department B's round: both projects red (nothing executed, nothing done)."""
    return do_open(actors.outsider, year_b)


def do_open(user, year):
    return do_open_round(acting_user=user, year_id=year.pk, round_name="1-7月")


def _decide(user, round_, code, decision):
    row = entry(round_, code)
    do_decide(acting_user=user, entry_id=row.pk, expected_version=row.version, decision=decision)


def _table(client, query="") -> list[list[str]]:
    """The red table's body cells, row by row."""
    html = client.get(RED + query).content.decode()
    body = html.split('<table class="grid mon-red-table">')[1].split("</tbody>")[0]
    rows = body.split("<tr>")[2:]  # the header's row, then the body's
    return [
        [_text(cell) for cell in row.split("<td")[1:]]
        for row in rows
        if "<td" in row and "colspan" not in row
    ]


def _text(cell: str) -> str:
    return re.sub(r"<[^>]+>", "", cell.split(">", 1)[1]).strip()


def test_the_table_lists_every_red_project_of_the_district(actors, round_a, round_b, client_for):
    _decide(actors.working_group, round_a, "P1", "调整目标")
    rows = _table(client_for(actors.bureau))
    assert [(r[0], r[1], r[9]) for r in rows] == [
        ("另一街道办事处", "P1", "未作处理意见"),
        ("另一街道办事处", "P2", "未作处理意见"),
        ("示例街道办事处", "P1", "调整目标"),
    ]
    first = rows[2]
    assert first[2] == "环卫保洁" and first[5] == "58.3%" and first[6] == "58.3%"
    assert first[7] == "经费" and first[8] == "完全不可能"


def test_the_table_sorts_by_any_column_both_ways(actors, round_a, round_b, client_for):
    client = client_for(actors.bureau)
    by_rate = [(r[0], r[1]) for r in _table(client, "?sort=rate")]
    assert by_rate[-1] == ("示例街道办事处", "P1")  # 58.3% after the two at 0.0%
    assert next((r[0], r[1]) for r in _table(client, "?sort=-rate")) == ("示例街道办事处", "P1")
    by_code = [r[1] for r in _table(client, "?sort=-code")]
    assert by_code == sorted(by_code, reverse=True)
    page = client.get(RED + "?sort=rate").content.decode()
    assert 'href="?sort=-rate"' in page and "执行率 ▲" in page
    assert _table(client, "?sort=nonsense") == _table(client)  # an unknown sort: by department


def test_a_long_table_is_paged(actors, round_a, round_b, client_for, monkeypatch):
    monkeypatch.setattr("jixiao.web.views.monitoring_bureau.PAGE_SIZE", 2)
    client = client_for(actors.bureau)
    assert len(_table(client)) == 2 and len(_table(client, "?page=2")) == 1
    assert "第 1 / 2 页，共 3 条" in client.get(RED).content.decode()
    assert len(_table(client, "?print=1")) == 3
    monkeypatch.setattr("jixiao.web.views.monitoring_bureau.PAGE_SIZE", 1)
    departments = client.get(reverse("bureau_monitoring")).content.decode()
    assert "第 1 / 2 页，共 2 条" in departments and "另一街道办事处" in departments
    assert "示例街道办事处" in client.get(reverse("bureau_monitoring") + "?page=2").content.decode()


def test_the_export_holds_the_table_in_its_order(actors, round_a, round_b, client_for):
    _decide(actors.working_group, round_a, "P1", "调整目标")
    response = client_for(actors.bureau).get(RED + "?sort=-rate&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = values.index(next(row for row in values if row[0] == "部门"))
    assert values[header][:5] == [
        "部门",
        "项目编码",
        "项目名称",
        "全年预算(万元)",
        "1-7月执行数(万元)",
    ]
    body = values[header + 1 :]
    assert [(row[0], row[1], row[9]) for row in body] == [
        ("示例街道办事处", "P1", "调整目标"),
        ("另一街道办事处", "P1", "未作处理意见"),
        ("另一街道办事处", "P2", "未作处理意见"),
    ]
    assert Decimal(str(body[0][5])).quantize(Decimal("0.0001")) == Decimal("0.5833")
    assert any("执行率（降序）" in str(cell) for row in values[:header] for cell in row)


def test_only_the_districts_bureau_sees_the_lists(actors, round_a, round_b, client_for):
    elsewhere = _user("bureau-elsewhere", Role.BUREAU, district="其他区")
    client = client_for(elsewhere)
    assert _table(client) == []
    assert "环卫保洁" not in client.get(reverse("bureau_monitoring")).content.decode()
    assert client.get(reverse("monitoring_round", args=[round_a.pk])).status_code == 404
    assert (
        client.get(reverse("monitoring_entry", args=[entry(round_a, "P1").pk])).status_code == 404
    )
    for user in (actors.finance, actors.working_group, actors.section):
        client = client_for(user)
        for path in (RED, RED + "?format=xlsx", reverse("bureau_monitoring")):
            assert client.get(path).status_code == 404


def test_the_summaries_equal_the_cores_review(actors, round_a, round_b):
    summaries = district.with_red(district.district_summaries(actors.bureau), shown=100)
    for summary, round_ in zip(summaries, district.latest_rounds(actors.bureau), strict=True):
        view = round_view(round_)
        assert (summary.round_id, summary.months) == (round_.pk, view.review.months)
        assert summary.red_count == len(view.red)
        counts = {item["text"]: item["count"] for item in view.counts()}
        assert {item["text"]: item["count"] for item in summary.counts} == counts
        assert [row.code for row in summary.red] == [r.entry.project.code for r in view.red]
        assert [row.rate_text for row in summary.red] == [r.rate for r in view.red]  # as printed


def _red_codes(user) -> list[tuple[str, str, str]]:
    rows = district.red_entries([r.pk for r in district.latest_rounds(user)], "code")
    return [(r.department, r.code, r.decision) for r in map(district.red_row, rows)]


def test_every_monitoring_write_shows_in_the_summaries(actors, round_a, round_b, client_for):
    bureau = actors.bureau
    before = _red_codes(bureau)
    assert ("示例街道办事处", "P1", "") in before
    _decide(actors.working_group, round_a, "P1", "继续实施")  # a decision
    assert ("示例街道办事处", "P1", "继续实施") in _red_codes(bureau)
    fill(actors.outsider, round_b, "P2", {"executed": "30000"})  # an entry: P2 on time
    fill(actors.outsider, round_b, "P2", indicators=on_track(round_b, "P2"))
    assert ("另一街道办事处", "P2", "") not in _red_codes(bureau)
    round_a.refresh_from_db()
    do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                    expected_version=round_a.version)  # fmt: skip
    assert _status(bureau, "示例街道办事处") == "submitted"
    round_a.refresh_from_db()
    do_return_round(acting_user=bureau, round_id=round_a.pk, expected_version=round_a.version,
                    reason="请细化措施")  # fmt: skip
    assert _status(bureau, "示例街道办事处") == "filling"
    data = round_record(round_b, *entries(round_b))
    data = replace(data, projects=tuple(
        replace(p, executed=Decimal("30000")) if p.code == "P1" else p for p in data.projects
    ))  # fmt: skip
    plan = plan_round_import(round_b, data)
    do_import_round(acting_user=actors.outsider, round_id=round_b.pk, data=data,
                    source_name="round.xlsx", expected_fingerprint=plan.fingerprint)  # fmt: skip
    rows = _table(client_for(bureau))
    assert ("另一街道办事处", "P1") in [(r[0], r[1]) for r in rows]  # its indicators still red
    assert next(r for r in rows if r[:2] == ["另一街道办事处", "P1"])[4] == "3.00"


def _status(user, department: str) -> str:
    return next(s.status for s in district.district_summaries(user) if s.department == department)


def test_the_bureau_page_serves_each_reviewer_its_own_csrf_field(actors, round_a, client_for):
    _decide(actors.working_group, round_a, "P1", "调整目标")
    round_a.refresh_from_db()
    do_submit_round(acting_user=actors.working_group, round_id=round_a.pk,
                    expected_version=round_a.version)  # fmt: skip
    pages = [
        client_for(user).get(reverse("bureau_monitoring")).content.decode()
        for user in (actors.bureau, _user("bureau-2", Role.BUREAU, district="示例区"))
    ]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page) for page in pages]
    assert all(tokens) and tokens[0].group(1) != tokens[1].group(1)
    assert all(CSRF_SLOT not in page for page in pages)
    assert (
        "全区红色预警项目（1 个）" in pages[0] and "环卫保洁（执行率 58.3%）：调整目标" in pages[0]
    )


# --- the benchmark's bulk loader ------------------------------------------------------------

LOADED = "测试区"


@pytest.fixture
def loaded(db):
    out = StringIO()
    # 50 projects each: the loader's draw (10% red, 10% blue …) is seeded by the years' ids,
    # so every colour must be near certain, not merely likely, for any ids a database gives.
    call_command("load_district", departments=2, projects=50, indicators=3, district=LOADED,
                 password=PASSWORD, jobs=1, stdout=StringIO())  # fmt: skip
    call_command("load_district_monitoring", district=LOADED, stdout=out)
    return out.getvalue()


def test_the_loader_gives_each_department_a_round_of_every_colour(loaded):
    rounds = models.MonitoringRound.objects.filter(department_year__department__district=LOADED)
    assert rounds.count() == 2
    counts: Counter = Counter()
    for round_ in rounds:
        view = round_view(round_)
        counts.update({item["text"]: item["count"] for item in view.counts()})
        if round_.status == models.RoundStatus.SUBMITTED:  # as a working group would leave it
            assert not [f for f in view.review.findings if f.severity is Severity.ERROR]
    assert all(counts[colour] > 0 for colour in ("红色", "黄色", "绿色", "蓝色"))
    # The loader's own count of what it drew is what the core finds.
    assert (
        f"红 {counts['红色']}，黄 {counts['黄色']}，绿 {counts['绿色']}，蓝 {counts['蓝色']}"
        in loaded
    )


def test_the_loader_skips_a_round_already_there(loaded):
    out = StringIO()
    call_command("load_district_monitoring", district=LOADED, stdout=out)
    assert models.MonitoringRound.objects.count() == 2
    assert "红 0，黄 0，绿 0，蓝 0" in out.getvalue()


def test_a_department_row_lists_its_first_red_projects(actors, round_b, client_for, monkeypatch):
    monkeypatch.setattr("jixiao.web.views.monitoring_bureau.RED_SHOWN", 1)
    page = client_for(actors.bureau).get(reverse("bureau_monitoring")).content.decode()
    assert "环卫保洁（执行率 0.0%）：未作处理意见" in page
    assert "社区服务（执行率" not in page and "另有 1 个，见" in page
