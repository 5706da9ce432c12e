"""Every role × every screen × own or other department: the page, or a 404.

Objects outside a user's reach answer 404 (their existence is not revealed);
anonymous visitors are sent to the login page. Each URL name of the application
appears here, so a new screen without a row makes ``test_every_screen_is_in_the_matrix``
fail.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from jixiao.web import models

OK, HIDDEN, LOGIN, POST_ONLY = 200, 404, 302, 405
ROLES = ("finance", "section", "other_section", "working_group", "bureau", "outsider")

# Who may open each GET screen of department A (the outsider is department B's finance).
WHOLE = {"finance": OK, "section": HIDDEN, "other_section": HIDDEN, "working_group": OK,
         "bureau": OK, "outsider": HIDDEN}  # fmt: skip
PROJECT_P1 = {"finance": OK, "section": OK, "other_section": HIDDEN, "working_group": OK,
              "bureau": OK, "outsider": HIDDEN}  # fmt: skip
LIST = {"finance": OK, "section": OK, "other_section": OK, "working_group": OK, "bureau": OK,
        "outsider": HIDDEN}  # fmt: skip
BUREAU_ONLY = {role: HIDDEN for role in ROLES} | {"bureau": OK}
FINANCE_ONLY = {role: HIDDEN for role in ROLES} | {"finance": OK, "outsider": OK}
# Those who write or review whole reports, of any department (nothing is stored).
REPORT_WRITERS = {role: OK for role in ROLES} | {"section": HIDDEN, "other_section": HIDDEN}

GET_SCREENS = {
    "dashboard": ("year", WHOLE),
    "department_overall": ("year", WHOLE),
    "finding_list": ("year", WHOLE),
    "report": ("year", WHOLE),
    "report_preview": ("year", WHOLE),
    "report_download": ("year_docx", WHOLE),
    "export_workbook": ("year", WHOLE),
    "project_list": ("year", LIST),
    "project_detail": ("project", PROJECT_P1),
    "indicator_history": ("indicator", PROJECT_P1),
    "evidence_download": ("evidence", PROJECT_P1),
    "bureau": ("none", BUREAU_ONLY),
    "upload": ("none", FINANCE_ONLY),
    "audit_report": ("none", REPORT_WRITERS),
    "goal_overview": ("year", LIST),
    "department_goals": ("year", WHOLE),
    "department_goal_suggestions": ("year", WHOLE),
    "project_goals": ("project", PROJECT_P1),
    "goal_suggestions": ("project", PROJECT_P1),
}
# POST-only endpoints: whoever cannot see the object gets 404 before any rule runs.
POST_SCREENS = {
    "indicator_edit": ("indicator", PROJECT_P1),
    "evidence_upload": ("indicator", PROJECT_P1),
    "project_edit": ("project", PROJECT_P1),
    "project_transition": ("project", PROJECT_P1),
    "year_transition": ("year", WHOLE),
    "goal_move": ("year", LIST),
    "goal_copy": ("year", WHOLE),
    "department_goal_edit": ("year", WHOLE),
    # Without a project in the form it adds a 部门整体 indicator: the whole department's.
    "goal_indicator_add": ("year", WHOLE),
    "project_goal_edit": ("project", PROJECT_P1),
    "goal_indicator_edit": ("indicator", PROJECT_P1),
    "goal_indicator_remove": ("indicator", PROJECT_P1),
    "goal_adjustment_request": ("indicator", PROJECT_P1),
    "goal_adjustment_decide": ("adjustment", PROJECT_P1),
}
NOT_IN_MATRIX = {
    "login",
    "logout",
    "home",
    "help",
    "upload_commit",
    "upload_confirm",
}  # public, or tested elsewhere


@pytest.fixture
def objects(year_a, actors):
    project = year_a.projects.get(code="P1")
    indicator = project.indicators.first()
    evidence = models.Evidence.objects.create(
        indicator=indicator, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="e.pdf"),
        original_name="验收资料.pdf", size=15, sha256="0" * 64, uploaded_by=actors.finance,
    )  # fmt: skip
    adjustment = models.GoalAdjustment.objects.create(
        department_year=year_a, indicator=indicator, new_target=12, reason="调整",
        requested_by=actors.section,
    )  # fmt: skip
    return {
        "year": [year_a.pk], "year_docx": [year_a.pk, "docx"], "project": [project.pk],
        "indicator": [indicator.pk], "evidence": [evidence.pk], "none": [],
        "adjustment": [adjustment.pk],
    }  # fmt: skip


def _url(name: str, objects: dict, kind: str) -> str:
    return reverse(name, args=objects[kind])


def test_every_screen_is_in_the_matrix():
    from jixiao.web import urls

    names = {pattern.name for pattern in urls.urlpatterns if getattr(pattern, "name", None)}
    assert names - NOT_IN_MATRIX == set(GET_SCREENS) | set(POST_SCREENS)
    assert get_resolver() is not None


@pytest.mark.parametrize("name", sorted(GET_SCREENS))
def test_each_role_sees_exactly_the_screens_of_its_reach(name, objects, actors, client_for):
    kind, expected = GET_SCREENS[name]
    url = _url(name, objects, kind)
    outcome = {role: client_for(getattr(actors, role)).get(url).status_code for role in ROLES}
    assert outcome == expected


@pytest.mark.parametrize("name", sorted(POST_SCREENS))
def test_each_role_reaches_exactly_the_endpoints_of_its_reach(name, objects, actors, client_for):
    kind, visible = POST_SCREENS[name]
    url = _url(name, objects, kind)
    for role in ROLES:
        status = client_for(getattr(actors, role)).post(url, {}).status_code
        if visible[role] == HIDDEN:
            assert status == HIDDEN, (role, status)
        else:
            assert status != HIDDEN and status < 500, (role, status)


@pytest.mark.parametrize("name", sorted(set(GET_SCREENS) | set(POST_SCREENS)))
def test_anonymous_visitors_are_sent_to_the_login_page(name, objects, client):
    kind = (GET_SCREENS.get(name) or POST_SCREENS[name])[0]
    response = client.get(_url(name, objects, kind))
    assert response.status_code == LOGIN and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["dashboard", "project_list", "report"])
def test_department_bs_finance_cannot_reach_department_a_but_reaches_its_own(
    name, year_b, actors, client_for
):
    client = client_for(actors.outsider)
    assert client.get(reverse(name, args=[year_b.pk])).status_code == OK
