"""The review workflow through the web: submit, return with a reason, approve, review."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web import models
from jixiao.web.models import Status


def move_project(client, project, name, reason="", htmx=False, **extra):
    data = {"name": name, "reason": reason, "version": project.version, **extra}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        reverse("project_transition", args=[project.pk]), data, follow=not htmx, **headers
    )


def move_year(client, year, name, reason="", version=None, override_reason=""):
    data = {"name": name, "reason": reason, "version": year.version if version is None else version,
            "override_reason": override_reason}  # fmt: skip
    return client.post(reverse("year_transition", args=[year.pk]), data, follow=True)


def review_every_project(year, actors, client_for):
    for project in year.projects.all():
        move_project(client_for(actors.finance), project, "submit")
        move_project(client_for(actors.working_group), fresh(project), "approve")


def fresh(record):
    record.refresh_from_db()
    return record


def test_a_section_submits_its_project_and_the_group_returns_it_with_a_reason(
    actors, year_a, client_for
):
    project = year_a.projects.get(code="P1")
    response = move_project(client_for(actors.section), project, "submit")
    assert "已提交" in response.content.decode()
    assert fresh(project).status == Status.SUBMITTED
    response = move_project(
        client_for(actors.working_group), project, "return", reason="满意度无佐证"
    )
    assert fresh(project).status == Status.DRAFT
    assert project.return_reason == "满意度无佐证"
    assert "满意度无佐证" in response.content.decode()


def test_a_return_without_a_reason_is_refused(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    response = move_project(client_for(actors.working_group), fresh(project), "return", reason="  ")
    assert "退回须填写原因" in response.content.decode()
    assert fresh(project).status == Status.SUBMITTED


def test_an_htmx_move_reloads_the_page_so_nothing_stays_editable(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    response = move_project(client_for(actors.section), project, "submit", htmx=True)
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/projects/{project.pk}/"
    assert fresh(project).status == Status.SUBMITTED


def test_an_htmx_refusal_gets_the_buttons_fragment_with_the_reason(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    response = move_project(
        client_for(actors.working_group), fresh(project), "return", reason=" ", htmx=True
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<div class="workflow">') and "<html" not in text
    assert "退回须填写原因" in text


def test_the_buttons_ask_for_a_reason_and_confirm_locking_moves(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    text = move_project(
        client_for(actors.working_group), fresh(project), "nothing", htmx=True
    ).content.decode()
    assert 'name="reason" required' in text
    assert "data-confirm=" in text


def test_another_sections_project_is_not_found(actors, year_a, client_for):
    project = year_a.projects.get(code="P1")
    response = client_for(actors.other_section).post(
        reverse("project_transition", args=[project.pk]),
        {"name": "submit", "version": project.version},
    )
    assert response.status_code == 404


def test_the_year_goes_through_review_and_locks(actors, year_a, client_for):
    review_every_project(year_a, actors, client_for)
    move_year(client_for(actors.finance), fresh(year_a), "submit")
    assert fresh(year_a).status == Status.SUBMITTED
    move_year(client_for(actors.working_group), year_a, "approve")
    assert fresh(year_a).status == Status.GROUP_APPROVED and year_a.lock_override == ""
    indicator = year_a.indicators.filter(project__isnull=True, metric="").first()
    response = client_for(actors.finance).post(
        reverse("indicator_edit", args=[indicator.pk]),
        {"version": indicator.version, "self_score": "1"},
        follow=True,
    )
    assert "不允许修改该指标" in response.content.decode()
    assert fresh(indicator).self_score is None
    move_year(client_for(actors.bureau), year_a, "review")
    assert fresh(year_a).status == Status.BUREAU_REVIEWED


def test_the_bureau_returns_an_approved_year_to_draft_with_a_reason(actors, year_a, client_for):
    move_year(client_for(actors.finance), year_a, "submit")
    move_year(
        client_for(actors.working_group), fresh(year_a), "approve", override_reason="年底截止"
    )
    assert fresh(year_a).lock_override
    response = move_year(
        client_for(actors.bureau), fresh(year_a), "bureau_return", reason="三公经费超预算"
    )
    assert fresh(year_a).status == Status.DRAFT and year_a.return_reason == "三公经费超预算"
    assert year_a.lock_override == ""
    assert "退回" in response.content.decode()


def test_a_stale_version_is_a_conflict_and_changes_nothing(actors, year_a, client_for):
    response = move_year(client_for(actors.finance), year_a, "submit", version=year_a.version - 1)
    assert "已被他人修改" in response.content.decode()
    assert fresh(year_a).status == Status.DRAFT


def test_a_role_without_the_move_is_refused_with_a_message(actors, year_a, client_for):
    response = move_year(client_for(actors.working_group), year_a, "approve")
    assert "不允许此操作" in response.content.decode()
    assert fresh(year_a).status == Status.DRAFT


def test_a_move_writes_a_history_row_naming_the_user(actors, year_a, client_for):
    move_year(client_for(actors.finance), year_a, "submit")
    latest = models.DepartmentYear.history.filter(id=year_a.pk).latest("history_date")
    assert latest.history_user == actors.finance and latest.status == Status.SUBMITTED


def test_get_is_not_allowed(actors, year_a, client_for):
    assert (
        client_for(actors.finance).get(reverse("year_transition", args=[year_a.pk])).status_code
        == 405
    )


def test_a_long_reason_is_kept_whole_and_the_history_row_names_its_start(
    actors, year_a, client_for
):
    project = year_a.projects.get(code="P1")
    move_project(client_for(actors.section), project, "submit")
    reason = "佐证材料不全，" * 40  # 280 characters: more than a history row's reason holds
    move_project(client_for(actors.working_group), fresh(project), "return", reason=reason)
    assert fresh(project).return_reason == reason.strip()
    latest = models.Project.history.filter(id=project.pk).latest("history_date")
    assert latest.history_change_reason.startswith("退回：佐证材料不全")
    assert len(latest.history_change_reason) == 100
