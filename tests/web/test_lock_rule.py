"""The working group cannot sign off a year over unreviewed projects by accident.

Both projects of department A start 填报中: signing off is refused, naming them, unless
the group gives a reason for the override, which is kept on the year and in its history.
After the lock every project page says it is locked, by whom and why.
"""

from __future__ import annotations

from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import Status

from .test_workflow import fresh, move_project, move_year


def submitted(year, actors, client_for):
    move_year(client_for(actors.finance), year, "submit")
    return fresh(year)


def test_signing_off_over_unreviewed_projects_is_refused_and_names_them(actors, year_a, client_for):
    year = submitted(year_a, actors, client_for)
    response = move_year(client_for(actors.working_group), year, "approve")
    text = response.content.decode()
    assert fresh(year).status == Status.SUBMITTED
    assert "还有 2 个项目未经工作小组审核" in text
    for project in year.projects.all():
        assert f"{project.code} {project.name}" in text


def test_the_department_page_lists_what_a_sign_off_would_pass_over(actors, year_a, client_for):
    year = submitted(year_a, actors, client_for)
    project = year.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    response = client_for(actors.working_group).get(reverse("department_overall", args=[year.pk]))
    assert [p.code for p in response.context["unreviewed"]] == ["P1", "P2"]
    text = response.content.decode()
    assert 'name="override_reason" required' in text and "越过审核并审核签发（锁定）" in text


def test_an_override_with_a_reason_locks_and_is_recorded(actors, year_a, client_for):
    year = submitted(year_a, actors, client_for)
    move_year(client_for(actors.working_group), year, "approve", override_reason="市里截止日期")
    year = fresh(year)
    assert year.status == Status.GROUP_APPROVED
    assert "原因：市里截止日期" in year.lock_override
    assert "P1 " in year.lock_override and "（填报中）" in year.lock_override
    latest = models.DepartmentYear.history.filter(id=year.pk).latest("history_date")
    assert latest.history_user == actors.working_group
    assert latest.lock_override == year.lock_override
    assert latest.history_change_reason.startswith("审核签发（锁定）：越过 2 个未审核项目")


def test_a_year_whose_projects_are_all_reviewed_signs_off_without_an_override(
    actors, year_a, client_for
):
    for project in year_a.projects.all():
        move_project(client_for(actors.finance), project, "submit")
        move_project(client_for(actors.working_group), fresh(project), "approve")
    year = submitted(fresh(year_a), actors, client_for)
    move_year(client_for(actors.working_group), year, "approve")
    assert fresh(year).status == Status.GROUP_APPROVED and year.lock_override == ""


def test_after_the_lock_a_project_page_says_it_is_locked_and_why(actors, year_a, client_for):
    year = submitted(year_a, actors, client_for)
    move_year(client_for(actors.working_group), year, "approve", override_reason="市里截止日期")
    project = year.projects.get(code="P1")
    text = client_for(actors.section).get(reverse("project_detail", args=[project.pk])).content
    text = text.decode()
    assert (
        "已锁定" in text
        and "由 group 审核签发" in text
        and "如需修改，须由财政局退回本年度" in text
    )
    assert "本项目锁定时状态为“填报中”，未经工作小组审核" in text
    listing = client_for(actors.section).get(reverse("project_list", args=[year.pk])).content
    assert "status-locked" in listing.decode()
