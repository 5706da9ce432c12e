"""Result application: suggestions from the grades, the bureau's decisions, the 建议表."""

from dataclasses import replace
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.selectors.result_application import department_row, district_rows_of, project_rows
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.importing import do_import_workbook
from jixiao.web.services.result_application import do_decide_application
from tests.web.conftest import department_data

D = Decimal


@pytest.fixture
def settled(actors, year_a, year_b):
    """Both years signed off; department A's P1 graded 中 (cut to 90%)."""
    models.DepartmentYear.objects.filter(pk__in=[year_a.pk, year_b.pk]).update(
        status=Status.GROUP_APPROVED
    )
    year_a.projects.filter(code="P1").update(grade="中")
    year_a.refresh_from_db()
    return actors


def decide(user, year, project=None, decision="accepted", amount="", reason="", version=0):
    return do_decide_application(acting_user=user, year_id=year.pk,
                                 project_id=project.pk if project else None, decision=decision,
                                 amount_wan=amount, reason=reason, expected_version=version)  # fmt: skip


def test_each_project_gets_its_grades_suggestion_and_amount(settled, year_a):
    rows = {row.project.code: row for row in project_rows(year_a)}
    assert (rows["P1"].suggestion.text, rows["P1"].suggestion.proposed_wan) == (
        "按比例压减",
        D("10.80"),
    )
    assert (rows["P2"].suggestion.text, rows["P2"].suggestion.proposed_wan) == (
        "优先保障",
        D("4.00"),
    )


def test_the_department_row_applies_its_grade_and_sums_its_projects(settled, year_a):
    row = department_row(year_a)
    assert row.suggestion.final_budget_wan == D("16.00")
    assert row.suggestion.grade == year_a.grade
    assert row.projects_proposed_wan == D("14.80")  # 10.80 + 4.00


def test_accepting_keeps_the_proposed_amount_with_a_history_row(settled, year_a):
    p1 = year_a.projects.get(code="P1")
    record = decide(settled.bureau, year_a, p1)
    assert record.amount == D("108000.00") and record.decision == "accepted"
    assert record.history.get().history_user == settled.bureau
    assert {r.project.code: r.decided_wan for r in project_rows(year_a)}["P1"] == D("10.80")


def test_an_override_needs_a_reason_and_a_valid_amount(settled, year_a):
    p1 = year_a.projects.get(code="P1")
    with pytest.raises(InvalidInput, match="须填写调整理由"):
        decide(settled.bureau, year_a, p1, "overridden", amount="11")
    with pytest.raises(InvalidInput, match="不是数字"):
        decide(settled.bureau, year_a, p1, "overridden", amount="十一万", reason="政策调整")
    with pytest.raises(InvalidInput, match="最多两位小数"):
        decide(settled.bureau, year_a, p1, "overridden", amount="11.005", reason="政策调整")
    assert not models.ApplicationDecision.objects.exists()
    record = decide(settled.bureau, year_a, p1, "overridden", amount="11.50", reason="政策调整")
    assert record.amount == D("115000.00") and record.reason == "政策调整"


def test_a_stale_version_is_refused(settled, year_a):
    decide(settled.bureau, year_a)
    with pytest.raises(EditConflict):
        decide(settled.bureau, year_a)
    assert decide(settled.bureau, year_a, version=1).version == 2


def test_only_the_districts_bureau_decides_and_only_on_a_signed_off_year(settled, year_a):
    with pytest.raises(NotAllowed, match="只有本地区财政局"):
        decide(settled.working_group, year_a)
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(status=Status.DRAFT)
    with pytest.raises(NotAllowed, match="尚未经工作小组审核签发"):
        decide(settled.bureau, year_a)


def test_the_district_rows_take_each_department_once(settled, year_a, year_b):
    rows = district_rows_of(models.DepartmentYear.objects.order_by("department__name"))
    names = [row.year.department.name for row in rows]
    assert names == sorted(names) and len(names) == 2
    assert {row.year.pk: row.projects_proposed_wan for row in rows} == {
        year_a.pk: D("14.80"), year_b.pk: D("16.00")}  # fmt: skip


def test_the_bureau_view_and_both_workbooks(settled, year_a, client_for):
    client = client_for(settled.bureau)
    page = client.get("/bureau/application/?year=2023").content.decode()
    assert "示例街道办事处" in page and "另一街道办事处" in page and "14.80" in page
    sheet = openpyxl.load_workbook(
        BytesIO(client.get("/bureau/application.xlsx?year=2023").content)
    )["结果应用建议"]
    assert [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)] == [
        "另一街道办事处",
        "示例街道办事处",
    ]
    response = client.get(f"/years/{year_a.pk}/application.xlsx")
    rows = list(
        openpyxl.load_workbook(BytesIO(response.content))["结果应用建议"].iter_rows(
            min_row=4, values_only=True
        )
    )
    assert [(r[0], r[5], r[7]) for r in rows[1:]] == [
        ("P1", "按比例压减", 10.8),
        ("P2", "优先保障", 4.0),
    ]


def test_the_department_page_posts_a_decision(settled, year_a, client_for):
    client = client_for(settled.bureau)
    p1 = year_a.projects.get(code="P1")
    response = client.post(f"/years/{year_a.pk}/application/decide/", {
        "project": str(p1.pk), "version": "0", "decision": "overridden", "amount": "12"}, follow=True)  # fmt: skip
    assert "调整建议须填写调整理由" in response.content.decode()
    response = client.post(f"/years/{year_a.pk}/application/decide/", {
        "project": str(p1.pk), "version": "0", "decision": "overridden", "amount": "12",
        "reason": "重点保障"}, follow=True)  # fmt: skip
    assert "结果应用处理已保存" in response.content.decode()
    assert "重点保障" in response.content.decode()
    page = client_for(settled.finance).get(f"/years/{year_a.pk}/application/").content.decode()
    assert "重点保障" in page and 'name="decision"' not in page


def test_a_decision_shows_at_once_on_the_cached_district_table(settled, year_a, client_for):
    client = client_for(settled.bureau)
    assert "采纳建议" not in client.get("/bureau/application/?year=2023").content.decode()
    decide(settled.bureau, year_a)
    assert "采纳建议" in client.get("/bureau/application/?year=2023").content.decode()


def test_next_years_project_shows_last_years_suggestion_beside_its_budget(
    settled, year_a, client_for
):
    data = department_data("示例街道办事处")
    data = replace(data, department=replace(data.department, year=2024))
    next_year = do_import_workbook(acting_user=settled.admin, data=data, source_name="a-2024.xlsx")
    decide(settled.bureau, year_a, year_a.projects.get(code="P1"), "overridden", amount="11.50",
           reason="政策调整")  # fmt: skip
    p1 = next_year.projects.get(code="P1")
    page = client_for(settled.finance).get(f"/projects/{p1.pk}/").content.decode()
    assert ("上年（2023 年度）评价等级“中”，结果应用建议：按比例压减，建议金额 10.80 万元"
            "（财政局调整，下年度安排 11.50 万元）；本年度全年预算数 12.00 万元") in page  # fmt: skip
    first = year_a.projects.get(code="P1")
    assert (
        "上年（" not in client_for(settled.finance).get(f"/projects/{first.pk}/").content.decode()
    )


def test_the_district_budgets_are_read_from_the_covering_index(settled, year_a, year_b):
    if connection.vendor != "sqlite":
        pytest.skip("the query plan checked is SQLite's")
    years = models.DepartmentYear.objects.filter(pk__in=[year_a.pk, year_b.pk])
    with CaptureQueriesContext(connection) as captured:
        district_rows_of(years)
    [budgets] = [q["sql"] for q in captured if 'FROM "jixiao_project"' in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {budgets}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX" in plan
