"""Cached page parts are never served after the data they show has changed.

Each write path gives the department-year a new revision, and each cached page shows the
change on the next request (the cache is warmed first, so a stale part would be served).
"""

from __future__ import annotations

from dataclasses import replace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web import models
from jixiao.web.services import workflow
from jixiao.web.services.evidence import do_attach_evidence
from jixiao.web.services.importing import do_import_workbook
from jixiao.web.services.indicators import do_update_indicator, do_update_project
from jixiao.web.services.revision import current, fingerprint

from .conftest import department_data

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _revision(year: models.DepartmentYear) -> int:
    return current(models.DepartmentYear.objects.select_related("revision").get(pk=year.pk))


def _indicator(year: models.DepartmentYear) -> models.Indicator:
    return models.Indicator.objects.get(
        project__department_year=year, project__code="P1", name="完成数"
    )


def test_every_write_changes_the_revision(actors, year_a):
    seen = [_revision(year_a)]

    def changed() -> None:
        seen.append(_revision(year_a))
        assert seen[-1] != seen[-2]

    indicator = _indicator(year_a)
    do_update_indicator(acting_user=actors.section, indicator_id=indicator.pk,
                        expected_version=indicator.version, changes={"actual": "3"})  # fmt: skip
    changed()
    project = year_a.projects.get(code="P1")
    do_update_project(acting_user=actors.section, project_id=project.pk,
                      expected_version=project.version, changes={"self_score": "90"})  # fmt: skip
    changed()
    do_attach_evidence(acting_user=actors.section, indicator_id=indicator.pk,
                       upload=SimpleUploadedFile("台账.pdf", PDF))  # fmt: skip
    changed()
    project.refresh_from_db()
    workflow.do_transition_project(acting_user=actors.section, project_id=project.pk,
                                   name="submit", expected_version=project.version)  # fmt: skip
    changed()
    # P1 is submitted (locked): the import changes only P2's name.
    data = department_data("示例街道办事处")
    renamed = replace(
        data, projects=(data.projects[0], replace(data.projects[1], name="社区服务（新）"))
    )
    do_import_workbook(acting_user=actors.admin, data=renamed, source_name="again.xlsx")
    changed()
    year_a.refresh_from_db()
    workflow.do_transition_year(acting_user=actors.finance, year_id=year_a.pk, name="submit",
                                expected_version=year_a.version)  # fmt: skip
    changed()


def test_an_administrators_renaming_changes_the_revision_of_the_departments_years(year_a):
    seen = [_revision(year_a)]
    department = year_a.department
    department.name = "示例街道办事处（新）"
    department.save()
    seen.append(_revision(year_a))
    section = department.sections.first()
    section.name = "城管办（新）"
    section.save()
    seen.append(_revision(year_a))
    assert len(set(seen)) == 3


def test_the_project_list_shows_a_changed_score_at_once(actors, year_a, client_for):
    client = client_for(actors.finance)
    url = reverse("project_list", args=[year_a.pk])
    assert "99.83" in client.get(url).content.decode()  # now cached
    indicator = _indicator(year_a)
    do_update_indicator(acting_user=actors.finance, indicator_id=indicator.pk,
                        expected_version=indicator.version, changes={"actual": "5"})  # fmt: skip
    text = client.get(url).content.decode()
    assert "99.83" not in text and "74.83" in text


def test_a_section_and_the_finance_staff_never_share_a_cached_list(actors, year_a, client_for):
    url = reverse("project_list", args=[year_a.pk])
    whole = client_for(actors.finance).get(url).content.decode()
    own = client_for(actors.section).get(url).content.decode()
    assert whole.count("<tr") > own.count("<tr")


def test_the_dashboard_follows_a_change_of_its_year(actors, year_a, client_for):
    client = client_for(actors.finance)
    url = reverse("dashboard", args=[year_a.pk])
    first = client.get(url).context["figures"]
    data = department_data("示例街道办事处")
    kept = data.projects[0]
    smaller = replace(data, projects=(kept,),
                      indicators=tuple(i for i in data.indicators if i.owner == kept.code))  # fmt: skip
    do_import_workbook(acting_user=actors.admin, data=smaller, source_name="smaller.xlsx")
    assert client.get(url).context["figures"].project_count < first.project_count


def test_the_bureau_view_follows_a_renamed_department(actors, year_a, client_for):
    client = client_for(actors.bureau)
    url = reverse("bureau")
    assert "示例街道办事处" in client.get(url).content.decode()
    before = fingerprint(models.DepartmentYear.objects.all())
    department = year_a.department
    department.name = "改名街道办事处"
    department.save()
    assert fingerprint(models.DepartmentYear.objects.all()) != before
    assert "改名街道办事处" in client.get(url).content.decode()


def test_the_bureau_view_follows_a_workflow_step(actors, year_a, client_for):
    client = client_for(actors.bureau)
    url = reverse("bureau")
    assert "已提交" not in client.get(url).content.decode()
    workflow.do_transition_year(acting_user=actors.finance, year_id=year_a.pk, name="submit",
                                expected_version=year_a.version)  # fmt: skip
    assert "已提交" in client.get(url).content.decode()
