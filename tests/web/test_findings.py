"""The findings list: counts per severity, filters, links to projects, who may see it.

Lowering P1's 完成数 to 5 without an explanation, and declaring 99 for P1 against a
computed 74.83, gives two findings on P1: an error (DEVIATION_EXPLANATION_MISSING, which the
default profile counts as an error) and a warning (SELF_SCORE_GAP).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web import models
from jixiao.web.services.indicators import do_update_indicator, do_update_project


@pytest.fixture
def with_findings(year_a, actors):
    indicator = models.Indicator.objects.get(
        project__department_year=year_a, project__code="P1", name="完成数"
    )
    do_update_indicator(acting_user=actors.finance, indicator_id=indicator.pk, expected_version=1,
                        changes={"actual": "5"})  # fmt: skip
    project = year_a.projects.get(code="P1")
    do_update_project(acting_user=actors.finance, project_id=project.pk, expected_version=1,
                      changes={"self_score": "99"})  # fmt: skip
    # An error with no project, as the checks store for department-level problems.
    models.Finding.objects.create(department_year=year_a, code="DEPARTMENT_WEIGHTS", severity="error",
                                  message="部门整体指标分值合计不等于 100")  # fmt: skip
    return year_a


def listed(client, year, **params):
    response = client.get(reverse("finding_list", args=[year.pk]), params)
    assert response.status_code == 200
    return response, [finding.code for finding in response.context["page"]]


def test_finance_sees_every_finding_errors_first(with_findings, actors, client_for):
    _, codes = listed(client_for(actors.finance), with_findings)
    assert codes == ["DEPARTMENT_WEIGHTS", "DEVIATION_EXPLANATION_MISSING", "SELF_SCORE_GAP"]


def test_the_counts_per_severity_include_empty_ones(with_findings, actors, client_for):
    response, _ = listed(client_for(actors.finance), with_findings)
    assert [(c["label"], c["count"]) for c in response.context["counts"]] == [
        ("错误", 2),
        ("警告", 1),
        ("提示", 0),
    ]


def test_the_list_filters_by_severity_and_by_code(with_findings, actors, client_for):
    client = client_for(actors.finance)
    errors = ["DEPARTMENT_WEIGHTS", "DEVIATION_EXPLANATION_MISSING"]
    assert listed(client, with_findings, severity="error")[1] == errors
    assert listed(client, with_findings, code="SELF_SCORE_GAP")[1] == ["SELF_SCORE_GAP"]
    assert listed(client, with_findings, severity="info")[1] == []


def test_an_unknown_severity_is_ignored(with_findings, actors, client_for):
    assert len(listed(client_for(actors.finance), with_findings, severity="bogus")[1]) == 3


def test_a_project_finding_links_to_the_project_page(with_findings, actors, client_for):
    response, _ = listed(client_for(actors.working_group), with_findings)
    project = with_findings.projects.get(code="P1")
    html = response.content.decode()
    assert reverse("project_detail", args=[project.pk]) in html
    assert "相差 24.17 分" in html and "部门整体" in html


def test_a_section_user_gets_404_for_the_findings(with_findings, actors, client_for):
    assert (
        client_for(actors.section).get(reverse("finding_list", args=[with_findings.pk])).status_code
        == 404
    )


def test_the_outsider_gets_404_for_another_departments_findings(with_findings, actors, client_for):
    assert (
        client_for(actors.outsider)
        .get(reverse("finding_list", args=[with_findings.pk]))
        .status_code
        == 404
    )


def test_codes_show_as_their_chinese_names_in_the_list_and_the_filter(
    with_findings, actors, client_for
):
    response, _ = listed(client_for(actors.finance), with_findings)
    html = response.content.decode()
    assert "偏差原因分析缺失" in html and "自评打分缺乏依据" in html
    assert ">DEVIATION_EXPLANATION_MISSING<" not in html and ">SELF_SCORE_GAP<" not in html
    assert ("SELF_SCORE_GAP", "自评打分缺乏依据") in response.context["codes"]
