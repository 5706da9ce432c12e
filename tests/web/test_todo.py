"""Each role's home page opens with its to-do list (待办), each item linking to where it is done.

Department A's two projects start 填报中: P1 (环卫保洁) belongs to 城管办, P2 (社区服务) to
社事办. Lowering P1's 完成数 without an explanation leaves a finding its section resolves
on the project page.
"""

from __future__ import annotations

from django.urls import reverse

from jixiao.web import models
from jixiao.web.services.indicators import do_update_indicator

from .test_workflow import fresh, move_project, move_year


def todo(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["todo"]


def items(groups):
    return [(item.title, item.action, item.url) for group in groups for item in group.items]


def test_a_section_sees_only_its_own_projects_to_fill_with_what_each_lacks(
    actors, year_a, client_for
):
    indicator = models.Indicator.objects.get(project__code="P1", project__department_year=year_a,
                                             name="完成数")  # fmt: skip
    do_update_indicator(acting_user=actors.section, indicator_id=indicator.pk, expected_version=1,
                        changes={"actual": "5"})  # fmt: skip
    groups = todo(client_for(actors.section))
    project = year_a.projects.get(code="P1")
    [(title, action, url)] = items(groups)
    assert title == "P1 环卫保洁" and url == reverse("project_detail", args=[project.pk])
    assert "偏差原因分析缺失 1 处" in action and "缺佐证材料" in action


def test_a_returned_project_heads_the_list_with_its_reason(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    move_project(client_for(actors.working_group), fresh(project), "return", reason="缺验收单")
    groups = todo(client_for(actors.section))
    assert groups[0].heading.startswith("被退回的项目")
    assert groups[0].items[0].returned == "缺验收单"
    text = client_for(actors.section).get(reverse("home")).content.decode()
    assert "已退回" in text and "退回原因：缺验收单" in text


def test_evidence_is_not_asked_for_once_a_file_or_source_is_given(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    for indicator in project.indicators.all():
        do_update_indicator(acting_user=actors.section, indicator_id=indicator.pk,
                            expected_version=indicator.version,
                            changes={"evidence": "验收报告"})  # fmt: skip
    [(_, action, _)] = items(todo(client_for(actors.section)))
    assert "佐证材料" not in action


def test_the_working_group_sees_projects_and_years_waiting_for_review(actors, year_a, client_for):
    project = year_a.projects.get(code="P2")
    move_project(client_for(actors.other_section), project, "submit")
    move_year(client_for(actors.finance), year_a, "submit")
    groups = todo(client_for(actors.working_group))
    assert [group.heading for group in groups] == ["待审核签发的年度"]
    assert groups[0].items[0].url == reverse("department_overall", args=[year_a.pk])


def test_the_working_group_reviews_submitted_projects_of_a_year_being_filled(
    actors, year_a, client_for
):
    project = year_a.projects.get(code="P2")
    move_project(client_for(actors.other_section), project, "submit")
    [(title, action, url)] = items(todo(client_for(actors.working_group)))
    assert title == "P2 社区服务" and "社事办已提交" in action
    assert url == reverse("project_detail", args=[project.pk])


def test_finance_sees_the_sections_still_filling(actors, year_a, client_for):
    groups = todo(client_for(actors.finance))
    sections = [item.title for item in groups[1].items]
    assert sections == ["城管办", "社事办"]
    assert "status=draft" in groups[1].items[0].url


def test_the_bureau_sees_signed_off_submissions_by_department(actors, year_a, client_for):
    assert todo(client_for(actors.bureau)) == []
    move_year(client_for(actors.finance), year_a, "submit")
    move_year(client_for(actors.working_group), fresh(year_a), "approve", override_reason="截止")
    groups = todo(client_for(actors.bureau))
    assert [group.heading for group in groups] == ["待审阅 · 示例街道办事处"]
    assert groups[0].items[0].url == reverse("department_overall", args=[year_a.pk])


def test_the_outsider_sees_nothing_of_another_department(actors, year_a, client_for):
    titles = [title for title, _, _ in items(todo(client_for(actors.outsider)))]
    assert all(year_a.department.name not in title for title in titles)
    project_urls = [reverse("project_detail", args=[p.pk]) for p in year_a.projects.all()]
    assert not {url for _, _, url in items(todo(client_for(actors.outsider)))} & set(project_urls)


def test_projects_that_lack_something_come_before_those_only_to_submit(actors, year_a, client_for):
    p1 = year_a.projects.get(code="P1")
    year_a.projects.filter(code="P2").update(section=p1.section)  # both in 城管办
    for indicator in models.Indicator.objects.filter(project__department_year=year_a):
        do_update_indicator(acting_user=actors.finance, indicator_id=indicator.pk,
                            expected_version=indicator.version,
                            changes={"evidence": "台账"})  # fmt: skip
    lowered = models.Indicator.objects.get(project__code="P2", project__department_year=year_a,
                                           name="完成数")  # fmt: skip
    do_update_indicator(acting_user=actors.finance, indicator_id=lowered.pk,
                        expected_version=lowered.version, changes={"actual": "5"})  # fmt: skip
    listed = items(todo(client_for(actors.section)))
    assert [title for title, _, _ in listed] == ["P2 社区服务", "P1 环卫保洁"]
    assert listed[1][1] == "填写完成后提交"
