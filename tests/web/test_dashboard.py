"""The department dashboard (驾驶舱): who sees it, its figures, its charts, its cost.

From tests/builders.py (two_project_department): 一般公共预算 lines budget 400,000 → 420,000 元 and
spend 408,000; 政府性基金预算 50,000 → 40,000, spent in full. So 财政拨款 spends
44.80 of 46.00 万元, class 201 has 30.00 万元 and class 212 16.00 万元; both projects
grade 优 and all six project indicators are 达成.
"""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from django.urls import reverse

from jixiao.io.synthetic import synthetic_department
from jixiao.web.services.importing import do_import_workbook


def open_dashboard(client, year):
    return client.get(reverse("dashboard", args=[year.pk]))


def test_finance_sees_score_execution_spending_and_findings(year_a, actors, client_for):
    response = open_dashboard(client_for(actors.finance), year_a)
    html = response.content.decode()
    assert response.status_code == 200
    assert "部门整体得分" in html and str(year_a.computed_score) in html
    assert "97.39%" in html  # 448,000 ÷ 460,000
    assert "44.80" in html and "46.00" in html
    assert "错误 0" in html and "警告 0" in html


def test_the_source_chart_compares_budget_and_spending_in_wan(year_a, actors, client_for):
    chart = open_dashboard(client_for(actors.finance), year_a).context["figures"].charts["sources"]
    assert chart["xAxis"]["data"] == ["一般公共预算", "政府性基金预算"]
    assert {s["name"]: s["data"] for s in chart["series"]} == {
        "年初预算数": [40.0, 5.0], "全年预算数": [42.0, 4.0], "全年执行数": [40.8, 4.0],
    }  # fmt: skip


def test_the_class_chart_ranks_functional_classes_by_budget(year_a, actors, client_for):
    chart = open_dashboard(client_for(actors.finance), year_a).context["figures"].charts["classes"]
    assert chart["xAxis"]["data"] == ["201 一般公共服务支出", "212 城乡社区支出"]
    assert chart["series"][1]["data"] == [30.0, 16.0]


def test_the_grade_and_indicator_charts_count_projects_and_indicators(year_a, actors, client_for):
    charts = open_dashboard(client_for(actors.finance), year_a).context["figures"].charts
    assert [item["value"] for item in charts["grades"]["series"][0]["data"]] == [2, 0, 0, 0]
    assert charts["grades"]["xAxis"]["data"] == ["优", "良", "中", "差"]
    assert [(d["name"], d["value"]) for d in charts["indicators"]["series"][0]["data"]] == [
        ("达成", 6)
    ]


def test_the_charts_travel_as_json_for_the_page_script(year_a, actors, client_for):
    html = open_dashboard(client_for(actors.finance), year_a).content.decode()
    assert 'data-chart="chart-sources"' in html and "echarts.min.js" in html
    start = html.index('<script id="chart-grades" type="application/json">') + len(
        '<script id="chart-grades" type="application/json">'
    )
    assert json.loads(html[start : html.index("</script>", start)])["xAxis"]["data"][0] == "优"
    assert "<script>" not in html and "style=" not in html


def test_the_working_group_and_the_bureau_see_the_dashboard(year_a, actors, client_for):
    assert open_dashboard(client_for(actors.working_group), year_a).status_code == 200
    assert open_dashboard(client_for(actors.bureau), year_a).status_code == 200


def test_a_section_user_gets_404_for_the_dashboard(year_a, actors, client_for):
    assert open_dashboard(client_for(actors.section), year_a).status_code == 404


def test_the_outsider_gets_404_for_another_departments_dashboard(year_a, actors, client_for):
    assert open_dashboard(client_for(actors.outsider), year_a).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(year_a, client):
    response = open_dashboard(client, year_a)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_dashboard_of_200_projects_takes_a_handful_of_queries(
    db, client, django_assert_max_num_queries
):
    admin = User.objects.create_superuser("root", password="x")
    year = do_import_workbook(acting_user=admin, data=synthetic_department(0), source_name="s.xlsx")
    client.force_login(admin, backend="jixiao.web.auth_backend.MembershipBackend")
    # session, user, membership, year, revision, profile, then four aggregates.
    with django_assert_max_num_queries(10):
        response = open_dashboard(client, year)
    figures = response.context["figures"]
    assert figures.project_count == 200 and figures.indicator_count >= 2000
    # Again, with the figures cached for this revision: no profile and no aggregates.
    with django_assert_max_num_queries(5):
        again = open_dashboard(client, year)
    assert again.context["figures"] == figures
