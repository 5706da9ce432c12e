"""Every role × every screen × own or other department: the page, or a 404.

Objects outside a user's reach answer 404 (their existence is not revealed);
anonymous visitors are sent to the login page. Each URL name of the application
appears here, so a new screen without a row makes ``test_every_screen_is_in_the_matrix``
fail.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from jixiao.core.profile import load_profile
from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.services.monitoring_rounds import do_open_round
from jixiao.web.services.rectification import create_task_from_source

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
# A year still being filled has no publication package: those who see it go back to its page.
WHOLE_SENT_BACK = {role: 302 if status == OK else status for role, status in WHOLE.items()}
EVERYONE = {role: OK for role in ROLES}  # each sees its own ledger (perhaps empty)

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
    "blank_workbook": ("none", FINANCE_ONLY),
    "audit_report": ("none", REPORT_WRITERS),
    "monitoring_rounds": ("year", LIST),
    "monitoring_round": ("round", LIST),
    "monitoring_entry": ("entry", PROJECT_P1),
    "monitoring_import": ("round", {role: HIDDEN for role in ROLES} | {"finance": OK}),
    "monitoring_download": ("round_forms", WHOLE),
    "bureau_monitoring": ("none", BUREAU_ONLY),
    "bureau_monitoring_red": ("none", BUREAU_ONLY),
    "spot_review": ("none", BUREAU_ONLY),
    "application_district": ("none", BUREAU_ONLY),
    "application_district_workbook": ("none", BUREAU_ONLY),
    "application_department": ("year", WHOLE),
    "year_over_year": ("year", WHOLE),
    "publication": ("year", WHOLE),
    "publication_package": ("year", WHOLE_SENT_BACK),
    "application_department_workbook": ("year", WHOLE),
    "spot_review_results": ("sample", BUREAU_ONLY),
    "rectification_list": ("none", EVERYONE),
    "rectification_new": ("none", EVERYONE),
    "rectification_export": ("none", EVERYONE),
    "rectification_task": ("task", PROJECT_P1),
    "rectification_evidence_download": ("task_evidence", PROJECT_P1),
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
    "monitoring_open": ("year", LIST),
    "monitoring_department": ("round", LIST),
    "monitoring_section_submit": ("round", LIST),
    "monitoring_submit": ("round", LIST),
    "monitoring_return": ("round", LIST),
    "monitoring_decide": ("entry", PROJECT_P1),
    "spot_review_draw": ("none", BUREAU_ONLY),
    "application_decide": ("year", WHOLE),
    "publication_record": ("year", WHOLE),
    "publication_feed": ("year", WHOLE),
    "spot_review_score": ("spot_item", BUREAU_ONLY),
    "spot_review_rectify": ("spot_item", BUREAU_ONLY),
    "spot_review_rectify_sample": ("sample", BUREAU_ONLY),
    "findings_rectify": ("year", WHOLE),
    "rectification_update": ("task", PROJECT_P1),
    "rectification_evidence": ("task", PROJECT_P1),
    "rectification_close": ("task", PROJECT_P1),
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
    "monitoring_import_commit",
}  # public, or tested elsewhere


@pytest.fixture
def objects(year_a, actors):
    project = year_a.projects.get(code="P1")
    indicator = project.indicators.first()
    evidence = models.Evidence.objects.create(
        indicator=indicator, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="e.pdf"),
        original_name="验收资料.pdf", size=15, sha256="0" * 64, uploaded_by=actors.finance,
    )  # fmt: skip
    round_ = do_open_round(acting_user=actors.finance, year_id=year_a.pk, round_name="1-7月")
    entry = round_.projects.get(project=project)
    sample = models.SpotSample.objects.create(
        district="示例区",
        year=2023,
        seed=1,
        money_covered=0,
        drawn_by=actors.bureau,
        rules={key: str(value) for key, value in asdict(load_profile().spot_review).items()},
    )
    item = models.SpotReviewItem.objects.create(sample=sample, project=project, reason="随机抽取")
    task = create_task_from_source(
        acting_user=actors.working_group, department_year_id=year_a.pk,
        source=TaskSource.AUDIT_INSPECTION, problem="保洁经费支付进度慢", project_id=project.pk,
    )  # fmt: skip
    task_evidence = models.RectificationEvidence.objects.create(
        task=task, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="r.pdf"),
        original_name="整改报告.pdf", size=15, sha256="0" * 64, uploaded_by=actors.section,
    )  # fmt: skip
    adjustment = models.GoalAdjustment.objects.create(
        department_year=year_a, indicator=indicator, new_target=12, reason="调整",
        requested_by=actors.section,
    )  # fmt: skip
    return {
        "year": [year_a.pk], "year_docx": [year_a.pk, "docx"], "project": [project.pk],
        "indicator": [indicator.pk], "evidence": [evidence.pk], "none": [],
        "round": [round_.pk], "round_forms": [round_.pk, "forms"], "entry": [entry.pk],
        "sample": [sample.pk], "spot_item": [item.pk],
        "task": [task.pk], "task_evidence": [task_evidence.pk],
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
