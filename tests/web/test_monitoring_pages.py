"""The monitoring pages: who reaches what, the entry form, the import, the downloads and
the bureau's list."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from urllib.parse import quote

import docx
import openpyxl
import pytest
from django.urls import reverse

from jixiao.io.monitoring_writer import write_monitoring_workbook
from jixiao.web import models
from jixiao.web.monitoring_conversion import entries, round_record
from jixiao.web.services.monitoring_import import do_import_round, plan_round_import
from jixiao.web.services.monitoring_rounds import do_decide
from tests.web.monitoring_round import entry, indicator, open_round, red_and_submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_a(actors, year_a):
    return open_round(actors, year_a)


def test_the_round_page_shows_counts_groups_and_decisions_needed(actors, round_a, client_for):
    red_and_submitted(actors, round_a)
    page = client_for(actors.working_group).get(reverse("monitoring_round", args=[round_a.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "红色预警项目" in text and "须作处理意见的红色预警项目（1）" in text
    assert "一般公共预算" in text and "212 城乡社区支出" in text
    assert 'name="decision"' in text  # the working group decides on the page
    assert (
        text.count('mon-tag mon-red">红色') == 1
    )  # P1 red by its indicator; P2 and every execution not


def test_a_section_sees_only_its_projects_and_not_another_sections(actors, round_a, client_for):
    client = client_for(actors.section)
    page = client.get(reverse("monitoring_round", args=[round_a.pk])).content.decode()
    assert "环卫保洁" in page and "社区服务" not in page
    assert "下载绩效监控表" not in page
    theirs = entry(round_a, "P2")
    assert client.get(reverse("monitoring_entry", args=[theirs.pk])).status_code == 404
    download = reverse("monitoring_download", args=[round_a.pk, "forms"])
    assert client.get(download).status_code == 404


def test_another_department_gets_404(actors, round_a, client_for):
    client = client_for(actors.outsider)
    assert client.get(reverse("monitoring_round", args=[round_a.pk])).status_code == 404
    assert (
        client.get(reverse("monitoring_entry", args=[entry(round_a, "P1").pk])).status_code == 404
    )


def test_the_entry_form_saves_and_a_bad_value_keeps_what_was_typed(actors, round_a, client_for):
    client = client_for(actors.section)
    row = entry(round_a, "P1")
    target = indicator(round_a, "P1", "完成数")
    url = reverse("monitoring_entry", args=[row.pk])
    refused = client.post(url, {"version": row.version, f"ind-{target.pk}-value": "约两个",
                                f"ind-{target.pk}-measure": "增派人员"})  # fmt: skip
    assert refused.status_code == 400
    assert "累计完成值：“约两个”不是数字" in refused.content.decode()
    assert "增派人员" in refused.content.decode()  # nothing typed is lost
    target.refresh_from_db()
    assert target.value is None and target.measure == ""
    saved = client.post(url, {"version": row.version, f"ind-{target.pk}-value": "2"})
    assert saved.status_code == 302
    page = client.get(url).content.decode()
    assert "提交前须补填" in page and "为红色预警，须填写偏差原因" in page
    submit = client.post(reverse("monitoring_section_submit", args=[round_a.pk]), follow=True)
    assert "须先填写偏差原因和纠偏措施" in submit.content.decode()


def _upload(client, round_, data, name="round.xlsx", tmp_path=None):
    path = tmp_path / name
    write_monitoring_workbook(data, path)
    with path.open("rb") as handle:
        return client.post(reverse("monitoring_import", args=[round_.pk]), {"file": handle})


def test_import_previews_then_commits_the_execution(actors, round_a, client_for, tmp_path):
    data = round_record(round_a, *entries(round_a))
    executed = {"P1": Decimal("65000.00"), "P2": Decimal("30000.00")}  # both on time
    data = replace(
        data, projects=tuple(replace(p, executed=executed[p.code]) for p in data.projects)
    )
    client = client_for(actors.finance)
    preview = _upload(client, round_a, data, tmp_path=tmp_path)
    text = preview.content.decode()
    assert preview.status_code == 200 and "项目执行 · P1 环卫保洁" in text and "65000" in text
    assert entry(round_a, "P1").executed == Decimal(0)  # nothing written before the commit
    token = client.session["jixiao_monitoring_uploads"].popitem()[0]
    commit = client.post(reverse("monitoring_import_commit", args=[round_a.pk, token]))
    assert commit.status_code == 302
    assert entry(round_a, "P1").executed == Decimal("65000.00")
    assert entry(round_a, "P1").history.first().history_change_reason == "导入监控工作簿 round.xlsx"


def test_import_refuses_execution_above_the_budget_naming_the_cell(
    actors, round_a, client_for, tmp_path
):
    data = round_record(round_a, *entries(round_a))
    data = replace(data, projects=tuple(
        replace(p, executed=Decimal("130000.00")) if p.code == "P1" else p for p in data.projects
    ))  # fmt: skip
    page = _upload(client_for(actors.finance), round_a, data, tmp_path=tmp_path)
    text = page.content.decode()
    assert page.status_code == 400
    assert "项目执行" in text and "累计执行数 130000.00 元超过全年预算数 120000.00 元" in text
    assert entry(round_a, "P1").executed == Decimal(0)


def test_the_forms_and_the_report_download(actors, round_a, client_for):
    red_and_submitted(actors, round_a)
    client = client_for(actors.finance)
    forms = client.get(reverse("monitoring_download", args=[round_a.pk, "forms"]))
    workbook = openpyxl.load_workbook(io.BytesIO(forms.content))
    assert workbook.sheetnames[0] == "部门整体" and len(workbook.sheetnames) == 3
    assert quote("示例街道办事处2023年1-7月-绩效监控表.xlsx") in forms["Content-Disposition"]
    report = client.get(reverse("monitoring_download", args=[round_a.pk, "report"]))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "环卫保洁" in text and "红色" in text


def test_the_bureau_sees_red_projects_and_returns_a_round(actors, round_a, client_for):
    red_and_submitted(actors, round_a)
    row = entry(round_a, "P1")
    client_for(actors.working_group).post(
        reverse("monitoring_decide", args=[row.pk]),
        {"version": row.version, "decision": "调整目标"},
    )
    round_a.refresh_from_db()
    client_for(actors.working_group).post(
        reverse("monitoring_submit", args=[round_a.pk]), {"version": round_a.version}
    )
    round_a.refresh_from_db()
    assert round_a.status == models.RoundStatus.SUBMITTED
    client = client_for(actors.bureau)
    page = client.get(reverse("bureau_monitoring")).content.decode()
    assert "环卫保洁（执行率 58.3%）：调整目标" in page
    client.post(reverse("monitoring_return", args=[round_a.pk]),
                {"version": round_a.version, "reason": "请细化措施", "back": "bureau"})  # fmt: skip
    round_a.refresh_from_db()
    assert round_a.status == models.RoundStatus.FILLING and round_a.return_reason == "请细化措施"
    assert client_for(actors.finance).get(reverse("bureau_monitoring")).status_code == 404


def test_an_imported_indicator_outdates_its_projects_open_form(actors, round_a, tmp_path):
    before = entry(round_a, "P2").version
    data = round_record(round_a, *entries(round_a))
    data = replace(  # only an indicator of P2 changes, not P2's own row
        data,
        indicators=tuple(
            replace(i, value=Decimal("60")) if (i.owner, i.name) == ("P2", "受益人数") else i
            for i in data.indicators
        ),
    )
    plan = plan_round_import(round_a, data)
    do_import_round(acting_user=actors.finance, round_id=round_a.pk, data=data,
                    source_name="round.xlsx", expected_fingerprint=plan.fingerprint)  # fmt: skip
    assert indicator(round_a, "P2", "受益人数").value == Decimal("60")
    assert entry(round_a, "P2").version > before


def test_the_year_dashboard_links_its_latest_round(actors, year_a, round_a, client_for):
    page = client_for(actors.finance).get(reverse("dashboard", args=[year_a.pk])).content.decode()
    assert (
        f'href="{reverse("monitoring_round", args=[round_a.pk])}"' in page
        and "1-7月（填报中）" in page
    )


def test_a_decision_to_adjust_the_goals_links_the_section_to_its_goals_page(
    actors, round_a, client_for
):
    red_and_submitted(actors, round_a)
    row = entry(round_a, "P1")
    url = reverse("monitoring_entry", args=[row.pk])
    goals = reverse("project_goals", args=[row.project_id])
    assert goals not in client_for(actors.section).get(url).content.decode()

    do_decide(acting_user=actors.working_group, entry_id=row.pk, expected_version=row.version,
              decision="调整目标")  # fmt: skip

    assert f'href="{goals}"' in client_for(actors.section).get(url).content.decode()
