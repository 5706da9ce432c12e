"""Re-importing a workbook updates the department-year in place and loses nothing.

Rows keep their ids, versions, evidence and history when the workbook leaves them alone;
changed rows get a history row naming the importing user; removals that take evidence or
reviewed work need a confirmation; locked projects are reported and left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.core.records import DepartmentYear
from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from jixiao.web.services import workflow
from jixiao.web.services.evidence import do_attach_evidence
from jixiao.web.services.importing import (
    PlanChanged,
    RemovalNotConfirmed,
    do_import_workbook,
    preview_import,
)
from jixiao.web.services.indicators import do_update_indicator

from .conftest import department_data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
NAME = "示例街道办事处"


@pytest.fixture(autouse=True)
def private_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def indicator(code: str, name: str) -> models.Indicator:
    return models.Indicator.objects.get(
        department_year__department__name=NAME, project__code=code, name=name
    )


def project(code: str) -> models.Project:
    return models.Project.objects.get(department_year__department__name=NAME, code=code)


def attach(user, row: models.Indicator, name: str = "验收单.pdf") -> models.Evidence:
    return do_attach_evidence(acting_user=user, indicator_id=row.pk,
                              upload=SimpleUploadedFile(name, PDF))  # fmt: skip


def with_project(data: DepartmentYear, code: str, **fields) -> DepartmentYear:
    projects = tuple(replace(p, **fields) if p.code == code else p for p in data.projects)
    return replace(data, projects=projects)


def with_indicator(data: DepartmentYear, code: str, called: str, **fields) -> DepartmentYear:
    rows = tuple(
        replace(i, **fields) if (i.owner, i.name) == (code, called) else i for i in data.indicators
    )
    return replace(data, indicators=rows)


def without_indicator(data: DepartmentYear, code: str, name: str) -> DepartmentYear:
    rows = tuple(i for i in data.indicators if (i.owner, i.name) != (code, name))
    return replace(data, indicators=rows)


def run_import(user, data: DepartmentYear, **options) -> models.DepartmentYear:
    return do_import_workbook(acting_user=user, data=data, source_name="第二版.xlsx", **options)


def history_rows(row) -> list:
    return list(type(row).history.filter(id=row.pk).order_by("history_id"))


def test_a_reimport_keeps_every_id_version_and_evidence_file(actors, year_a):
    before = {row.pk: row.version for row in year_a.indicators.all()}
    projects = {row.code: row.pk for row in year_a.projects.all()}
    evidence = attach(actors.section, indicator("P1", "完成数"))
    run_import(actors.finance, with_project(department_data(NAME), "P2", name="社区服务（新）"))
    assert {row.pk: row.version for row in year_a.indicators.all()} == before
    assert {row.code: row.pk for row in year_a.projects.all()} == projects
    assert models.Evidence.objects.get(pk=evidence.pk).indicator_id == indicator("P1", "完成数").pk


def test_unchanged_rows_get_no_history_row(actors, year_a):
    p1, done = project("P1"), indicator("P1", "完成数")
    rows = len(history_rows(p1)), len(history_rows(done))
    run_import(actors.finance, with_project(department_data(NAME), "P2", name="社区服务（新）"))
    assert (len(history_rows(p1)), len(history_rows(done))) == rows
    assert project("P1").version == p1.version


def test_a_changed_row_gets_a_history_row_naming_the_importing_user_and_file(actors, year_a):
    row = indicator("P1", "受益人数")
    run_import(actors.finance, with_indicator(department_data(NAME), "P1", "受益人数",
                                              actual=Decimal(80)))  # fmt: skip
    changed = indicator("P1", "受益人数")
    assert changed.pk == row.pk and changed.actual == 80 and changed.version == row.version + 1
    latest = history_rows(changed)[-1]
    assert latest.history_user == actors.finance and latest.history_type == "~"
    assert "第二版.xlsx" in latest.history_change_reason and latest.actual == 80
    assert changed.computed_score < row.computed_score  # rescored after the commit
    year = history_rows(year_a)[-1]
    assert (
        year.history_user == actors.finance
        and "第二版.xlsx：修改 1 处" in year.history_change_reason
    )


def test_the_preview_of_a_locked_year_says_why_and_offers_no_commit(
    actors, year_a, client_for, tmp_path
):
    models.DepartmentYear.objects.filter(pk=year_a.pk).update(status=models.Status.GROUP_APPROVED)
    data = with_project(department_data(NAME), "P2", name="社区服务（新）")
    text = upload(client_for(actors.finance), tmp_path, data).content.decode()
    assert "处于“工作小组已审核”状态，不能导入" in text and "确认导入</button>" not in text


def test_a_department_year_text_change_is_one_history_row_of_the_year(actors, year_a):
    data = department_data(NAME)
    data = replace(data, department=replace(data.department, functions=("负责辖区环境卫生。",)))
    rows = len(history_rows(year_a))
    run_import(actors.finance, data)
    year_a.refresh_from_db()
    assert year_a.texts["functions"] == ["负责辖区环境卫生。"]
    assert len(history_rows(year_a)) == rows + 1
    assert history_rows(year_a)[-1].history_user == actors.finance


def test_a_removed_indicator_with_evidence_is_refused_without_confirmation(actors, year_a):
    row = indicator("P1", "完成数")
    attach(actors.section, row)
    data = without_indicator(department_data(NAME), "P1", "完成数")
    with pytest.raises(RemovalNotConfirmed):
        run_import(actors.finance, data)
    assert models.Indicator.objects.filter(pk=row.pk).exists()


def test_a_confirmed_removal_keeps_the_evidence_file_with_the_year(actors, year_a, client_for):
    row = indicator("P1", "完成数")
    evidence = attach(actors.section, row)
    run_import(actors.finance, without_indicator(department_data(NAME), "P1", "完成数"),
               confirm_removals=True)  # fmt: skip
    assert not models.Indicator.objects.filter(pk=row.pk).exists()
    kept = models.Evidence.objects.get(pk=evidence.pk)
    assert kept.indicator_id is None and kept.kept_in_year_id == year_a.pk
    assert kept.former_indicator == "P1 环卫保洁 · 产出指标 / 数量指标 / 完成数"
    page = client_for(actors.finance).get(reverse("department_overall", args=[year_a.pk]))
    assert "已删除指标的佐证材料" in page.content.decode() and "验收单.pdf" in page.content.decode()
    download = client_for(actors.working_group).get(reverse("evidence_download", args=[kept.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert (
        client_for(actors.section).get(reverse("evidence_download", args=[kept.pk])).status_code
        == 404
    )
    assert (
        client_for(actors.outsider).get(reverse("evidence_download", args=[kept.pk])).status_code
        == 404
    )
    # The removal is in the history too, signed by the importing user.
    removal = history_rows(row)[-1]
    assert removal.history_type == "-" and removal.history_user == actors.finance


def test_a_removal_without_evidence_needs_no_confirmation(actors, year_a):
    row = indicator("P2", "满意度")
    run_import(actors.finance, without_indicator(department_data(NAME), "P2", "满意度"))
    assert not models.Indicator.objects.filter(pk=row.pk).exists()


def test_a_removed_project_lists_its_files_history_and_review(actors, year_a):
    attach(actors.section, indicator("P1", "完成数"), "台账.pdf")
    p1 = project("P1")
    workflow.do_transition_project(acting_user=actors.section, project_id=p1.pk, name="submit",
                                   expected_version=p1.version)  # fmt: skip
    workflow.do_transition_project(acting_user=actors.working_group, project_id=p1.pk,
                                   name="return", reason="金额有误", expected_version=p1.version + 1)  # fmt: skip
    data = department_data(NAME)
    data = replace(data, projects=data.projects[1:], indicators=data.indicators[3:])
    removal = next(r for r in preview_import(data).removed if r.label == "P1 环卫保洁")
    assert removal.evidence == ("台账.pdf",) and removal.indicators == 3
    assert removal.reviewed and removal.return_reason == "金额有误"
    assert removal.history_rows >= 3 + 3 and removal.needs_confirmation


def test_a_submitted_project_is_left_alone_and_reported(actors, year_a):
    p1 = project("P1")
    workflow.do_transition_project(acting_user=actors.section, project_id=p1.pk, name="submit",
                                   expected_version=p1.version)  # fmt: skip
    data = with_project(department_data(NAME), "P1", name="环卫保洁（改）")
    data = with_project(data, "P2", name="社区服务（改）")
    data = without_indicator(data, "P1", "满意度")
    plan = preview_import(data)
    (refusal,) = plan.refused
    assert (
        refusal.label == "P1 环卫保洁" and "已提交" in refusal.reason and "退回" in refusal.reason
    )
    assert any("项目名称 环卫保洁 → 环卫保洁（改）" in item for item in refusal.refused)
    assert any("删除指标" in item and "满意度" in item for item in refusal.refused)
    run_import(actors.finance, data)
    assert project("P1").name == "环卫保洁" and project("P1").version == p1.version + 1
    assert indicator("P1", "满意度")  # still there
    assert project("P2").name == "社区服务（改）"


def test_an_approved_project_missing_from_the_workbook_is_not_removed(actors, year_a):
    p1 = project("P1")
    workflow.do_transition_project(acting_user=actors.section, project_id=p1.pk, name="submit",
                                   expected_version=p1.version)  # fmt: skip
    workflow.do_transition_project(acting_user=actors.working_group, project_id=p1.pk,
                                   name="approve", expected_version=p1.version + 1)  # fmt: skip
    data = department_data(NAME)
    data = replace(data, projects=data.projects[1:], indicators=data.indicators[3:])
    plan = preview_import(data)
    assert [r.label for r in plan.refused] == ["P1 环卫保洁"]
    assert "工作小组已审核" in plan.refused[0].reason
    assert all(r.label != "P1 环卫保洁" for r in plan.removed)
    run_import(actors.finance, data)
    assert project("P1").pk == p1.pk and project("P1").indicators.count() == 3


def test_an_edit_between_the_preview_and_the_commit_refuses_the_commit(actors, year_a):
    data = with_indicator(department_data(NAME), "P1", "受益人数", actual=Decimal(80))
    seen = preview_import(data).fingerprint
    row = indicator("P1", "受益人数")
    do_update_indicator(acting_user=actors.section, indicator_id=row.pk,
                        expected_version=row.version, changes={"actual": "90"})  # fmt: skip
    with pytest.raises(PlanChanged):
        run_import(actors.finance, data, expected_fingerprint=seen)
    assert indicator("P1", "受益人数").actual == 90


def test_repeated_indicator_names_match_in_sheet_order(actors, year_a):
    data = department_data(NAME)
    twin = replace(data.indicators[0], weight=Decimal(0))
    data = replace(data, indicators=(data.indicators[0], twin, *data.indicators[1:]))
    run_import(actors.finance, data)
    first, second = year_a.indicators.filter(project__code="P1", name="完成数").order_by("position")
    run_import(actors.finance, replace(data, indicators=(data.indicators[0],
                                                         replace(twin, actual=Decimal(1)),
                                                         *data.indicators[2:])))  # fmt: skip
    again = list(year_a.indicators.filter(project__code="P1", name="完成数").order_by("position"))
    assert [row.pk for row in again] == [first.pk, second.pk]
    assert again[0].version == first.version and again[1].actual == 1


def test_a_renamed_indicator_is_a_removal_and_an_addition(actors, year_a):
    data = with_indicator(department_data(NAME), "P2", "满意度", name="群众满意度")
    plan = preview_import(data)
    assert [r.label for r in plan.removed] == ["P2 社区服务 · 满意度指标 / 数量指标 / 满意度"]
    assert [r.label for r in plan.added] == ["P2 社区服务 · 满意度指标 / 数量指标 / 群众满意度"]


# The web pages: preview, confirmation, commit.


def upload(client, tmp_path: Path, data: DepartmentYear):
    path = write_workbook(data, tmp_path / "第二版.xlsx")
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type=XLSX)
    return client.post(reverse("upload"), {"file": file})


def token_of(response) -> str:
    return re.search(r"/upload/([A-Za-z0-9_-]+)/(commit|confirm)/", response.content.decode())[1]


def test_the_preview_shows_each_change_old_and_new(actors, year_a, client_for, tmp_path):
    data = with_indicator(department_data(NAME), "P1", "受益人数", actual=Decimal(80))
    data = with_project(data, "P2", goal="为辖区居民提供社区服务")
    text = upload(client_for(actors.finance), tmp_path, data).content.decode()
    assert "项目绩效指标 · P1 环卫保洁 · 效益指标 / 数量指标 / 受益人数" in text
    assert (
        '<td>实际完成值</td><td class="upload-old">100</td><td class="upload-new-value">80</td>'
        in text
    )
    assert '<td>年度总体目标</td><td class="upload-old">（空）</td>' in text
    assert "为辖区居民提供社区服务" in text


def test_the_web_commit_without_confirmation_goes_to_the_confirmation_page(
    actors, year_a, client_for, tmp_path
):
    row = indicator("P1", "完成数")
    attach(actors.section, row)
    client = client_for(actors.finance)
    preview = upload(client, tmp_path, without_indicator(department_data(NAME), "P1", "完成数"))
    assert "须确认" in preview.content.decode() and "验收单.pdf" in preview.content.decode()
    token = token_of(preview)
    refused = client.post(reverse("upload_commit", args=[token]))
    assert refused["Location"] == reverse("upload_confirm", args=[token])
    assert models.Indicator.objects.filter(pk=row.pk).exists()
    page = client.get(reverse("upload_confirm", args=[token])).content.decode()
    assert "P1 环卫保洁 · 产出指标 / 数量指标 / 完成数" in page and "验收单.pdf" in page
    assert "不会删除" in page and 'name="confirm_removals"' in page
    done = client.post(reverse("upload_commit", args=[token]), {"confirm_removals": "yes"})
    assert done["Location"] == reverse("dashboard", args=[year_a.pk])
    assert not models.Indicator.objects.filter(pk=row.pk).exists()
    assert models.Evidence.objects.get().kept_in_year_id == year_a.pk


def test_another_user_cannot_open_the_confirmation_page(actors, year_a, client_for, tmp_path):
    attach(actors.section, indicator("P1", "完成数"))
    data = without_indicator(department_data(NAME), "P1", "完成数")
    token = token_of(upload(client_for(actors.finance), tmp_path, data))
    assert client_for(actors.admin).get(reverse("upload_confirm", args=[token])).status_code == 404


def test_the_preview_reports_refused_locked_projects(actors, year_a, client_for, tmp_path):
    p1 = project("P1")
    workflow.do_transition_project(acting_user=actors.section, project_id=p1.pk, name="submit",
                                   expected_version=p1.version)  # fmt: skip
    data = with_project(department_data(NAME), "P1", name="环卫保洁（改）")
    text = upload(client_for(actors.finance), tmp_path, data).content.decode()
    assert "已锁定、不会修改的项目（1）" in text and "项目处于“已提交”状态" in text
    assert "项目名称 环卫保洁 → 环卫保洁（改）" in text
