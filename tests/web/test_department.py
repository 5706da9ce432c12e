"""The department overall page: dimension totals, department indicators, the year's workflow.

From tests/builders.py (two_project_department): 新增经济项目 (履职效能, weight 60, ≥ 10, actual 12)
and the system-computed 预算执行率 (管理效率, weight 40, 448,000 ÷ 460,000 = 97.39%).
"""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.models import Status
from jixiao.web.services.workflow import do_transition_year


def open_page(client, year):
    return client.get(reverse("department_overall", args=[year.pk]))


def test_finance_sees_the_dimension_totals_and_department_indicators(year_a, actors, client_for):
    response = open_page(client_for(actors.finance), year_a)
    html = response.content.decode()
    assert response.status_code == 200
    assert [(d.name, d.weight, d.score) for d in response.context["dimensions"]] == [
        ("履职效能", "60.00", "60.00"), ("管理效率", "40.00", "40.00"),
    ]  # fmt: skip
    assert "新增经济项目" in html and "部门整体得分" in html


def test_a_system_computed_metric_is_marked_and_shows_its_value(year_a, actors, client_for):
    response = open_page(client_for(actors.finance), year_a)
    metric = next(row for row in response.context["rows"] if row.indicator.metric)
    assert not metric.inputs and metric.actual_display == "97.39%"
    assert "系统计算" in response.content.decode()


def test_finance_may_edit_the_department_indicators_inline(year_a, actors, client_for):
    response = open_page(client_for(actors.finance), year_a)
    typed = next(row for row in response.context["rows"] if not row.indicator.metric)
    assert typed.inputs
    assert reverse("indicator_edit", args=[typed.indicator.pk]) in response.content.decode()


def test_the_working_group_reads_without_inputs(year_a, actors, client_for):
    response = open_page(client_for(actors.working_group), year_a)
    assert not any(row.editable for row in response.context["rows"])
    assert 'name="actual"' not in response.content.decode()


def test_finance_sees_the_submit_button_of_the_year(year_a, actors, client_for):
    html = open_page(client_for(actors.finance), year_a).content.decode()
    assert reverse("year_transition", args=[year_a.pk]) in html and "提交工作小组审核" in html


def test_the_working_group_sees_approve_and_return_once_submitted(year_a, actors, client_for):
    do_transition_year(
        acting_user=actors.finance, year_id=year_a.pk, name="submit", expected_version=1
    )
    response = open_page(client_for(actors.working_group), year_a)
    assert [t.name for t in response.context["transitions"]] == ["approve", "return"]
    assert year_a.__class__.objects.get(pk=year_a.pk).status == Status.SUBMITTED


def test_a_submitted_year_is_no_longer_editable_by_finance(year_a, actors, client_for):
    do_transition_year(
        acting_user=actors.finance, year_id=year_a.pk, name="submit", expected_version=1
    )
    response = open_page(client_for(actors.finance), year_a)
    assert not any(row.editable for row in response.context["rows"])


def test_a_section_user_gets_404_for_the_department_page(year_a, actors, client_for):
    assert open_page(client_for(actors.section), year_a).status_code == 404


def test_the_outsider_gets_404_for_another_departments_page(year_a, actors, client_for):
    assert open_page(client_for(actors.outsider), year_a).status_code == 404


def test_the_department_page_takes_a_bounded_number_of_queries(
    year_a, actors, client_for, django_assert_max_num_queries
):
    client = client_for(actors.finance)
    with django_assert_max_num_queries(8):
        open_page(client, year_a)
