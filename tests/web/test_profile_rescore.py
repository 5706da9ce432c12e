"""A rules profile changed in the admin rescores its department-years: the pages' stored
scores, grades and findings then agree with the report, which is evaluated afresh."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.core.profile import shipped_profile_text
from jixiao.web import models
from jixiao.web.services.reports import evaluate_year

# Grade lines that make the fixtures' project P1 (99.83 分) 良 instead of 优.
STRICT_GRADES = (
    shipped_profile_text("default")
    .replace('"优" = 90', '"优" = 99.9')
    .replace('"良" = 80', '"良" = 99')
)


def _grades(year: models.DepartmentYear) -> tuple[str, dict[str, str]]:
    year.refresh_from_db()
    return year.grade, dict(year.projects.values_list("code", "grade"))


def _fresh_grades(year: models.DepartmentYear) -> tuple[str, dict[str, str]]:
    evaluation = evaluate_year(year)
    projects = {score.project.code: score.grade for score in evaluation.project_scores}
    return evaluation.department_score.grade, projects


def _stored_agree_with_fresh(year: models.DepartmentYear) -> bool:
    return _grades(year) == _fresh_grades(year)


def _post_profile(client, url: str, key: str, text: str):
    return client.post(url, {"key": key, "text": text, "_save": "保存"})


def test_adding_a_profile_record_rescores_every_year_of_its_key(
    actors, year_a, year_b, client_for, django_capture_on_commit_callbacks
):
    before = {year.pk: _grades(year) for year in (year_a, year_b)}
    client = client_for(actors.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_profile(
            client, reverse("admin:jixiao_rulesprofilerecord_add"), "default", STRICT_GRADES
        )
    assert response.status_code == 302
    for year in (year_a, year_b):
        assert _grades(year) != before[year.pk]
        assert _stored_agree_with_fresh(year)
    page = client.get(response.url).content.decode()
    assert "已按保存后的规则重新计算 2 个部门年度的得分" in page


def test_editing_and_deleting_the_record_rescore_again(
    actors, year_a, client_for, django_capture_on_commit_callbacks
):
    shipped = _grades(year_a)
    record = models.RulesProfileRecord.objects.create(key="default", text=STRICT_GRADES)
    client = client_for(actors.admin)
    change = reverse("admin:jixiao_rulesprofilerecord_change", args=[record.pk])
    with django_capture_on_commit_callbacks(execute=True):
        _post_profile(client, change, "default", shipped_profile_text("default"))
    assert _grades(year_a) == shipped
    with django_capture_on_commit_callbacks(execute=True):
        _post_profile(client, change, "default", STRICT_GRADES)
    assert _grades(year_a) != shipped and _stored_agree_with_fresh(year_a)
    delete = reverse("admin:jixiao_rulesprofilerecord_delete", args=[record.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert _grades(year_a) == shipped  # back to the shipped file's rules


def test_the_stored_findings_follow_the_new_rules(
    actors, year_a, client_for, django_capture_on_commit_callbacks
):
    """A project spending less than the profile's line without a reason is a finding:
    raising the line to 100% finds the projects between the two lines."""
    text = shipped_profile_text("default").replace(
        "reason_required_below = 0.90", "reason_required_below = 1.00"
    )
    before = set(year_a.findings.values_list("code", "message"))
    with django_capture_on_commit_callbacks(execute=True):
        models.RulesProfileRecord.objects.create(key="default", text=text)
    after = set(year_a.findings.values_list("code", "message"))
    fresh = {(finding.code, finding.message) for finding in evaluate_year(year_a).findings}
    assert after != before and after == fresh


def test_the_change_form_says_which_years_are_rescored(actors, year_a, year_b, client_for):
    record = models.RulesProfileRecord.objects.create(
        key="default", text=shipped_profile_text("default")
    )
    models.DepartmentYear.objects.filter(pk=year_b.pk).update(status=models.Status.SUBMITTED)
    client = client_for(actors.admin)
    page = client.get(reverse("admin:jixiao_rulesprofilerecord_change", args=[record.pk]))
    text = page.content.decode()
    assert "此规则配置用于 2 个部门年度（填报中 1 个，已提交 1 个）" in text
    delete = client.get(reverse("admin:jixiao_rulesprofilerecord_delete", args=[record.pk]))
    assert "改按随系统提供的同名规则配置文件计分" in delete.content.decode()


def test_a_key_whose_years_would_have_no_rules_is_not_renamed_or_deleted(
    actors, year_a, client_for
):
    record = models.RulesProfileRecord.objects.create(
        key="本区规则", text=shipped_profile_text("default")
    )
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(profile="本区规则")
    client = client_for(actors.admin)
    change = reverse("admin:jixiao_rulesprofilerecord_change", args=[record.pk])
    response = _post_profile(client, change, "另一规则", shipped_profile_text("default"))
    assert response.status_code == 200
    assert "用于 1 个部门年度，且没有随系统提供的同名文件" in response.content.decode()
    record.refresh_from_db()
    assert record.key == "本区规则"
    delete = reverse("admin:jixiao_rulesprofilerecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert models.RulesProfileRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("renamed_to", ["default", "另一规则"])
def test_a_key_no_year_uses_may_be_renamed(actors, year_a, client_for, renamed_to):
    record = models.RulesProfileRecord.objects.create(
        key="未用规则", text=shipped_profile_text("default")
    )
    change = reverse("admin:jixiao_rulesprofilerecord_change", args=[record.pk])
    response = _post_profile(
        client_for(actors.admin), change, renamed_to, shipped_profile_text("default")
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.key == renamed_to
