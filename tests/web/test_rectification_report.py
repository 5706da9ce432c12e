"""The ledger in the reports: year N's tasks are its 下一步改进措施, and year N+1's report
states them as 上年问题整改情况 (problem, measure, owner, deadline, status). The Word file is
opened and read back."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import docx
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.core.records import Department
from jixiao.core.rectification_rules import TaskSource
from jixiao.web.services import reports
from jixiao.web.services.importing import do_import_workbook
from jixiao.web.services.rectification import (
    create_task_from_source,
    do_attach_task_evidence,
    do_close_task,
)
from tests.builders import two_project_department

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _next_year(year):
    data = two_project_department()
    name = year.department.name
    department = Department(name=name, year=2024, jurisdiction="示例区", full_name=name)
    return do_import_workbook(
        acting_user=User.objects.get(username="root"),
        data=replace(data, department=department), source_name="a-2024.xlsx",
    )  # fmt: skip


def _tasks(actors, year):
    project = year.projects.get(code="P1")
    done = create_task_from_source(
        acting_user=actors.working_group, department_year_id=year.pk,
        source=TaskSource.SELF_EVALUATION, problem="环卫保洁项目自评打分缺乏依据",
        project_id=project.pk, measure="按指标完成值重新核定自评分",
    )  # fmt: skip
    do_attach_task_evidence(
        acting_user=actors.section, task_id=done.pk, upload=SimpleUploadedFile("核定表.pdf", PDF)
    )
    done.refresh_from_db()
    do_close_task(acting_user=actors.working_group, task_id=done.pk,
                  expected_version=done.version, note="已核实")  # fmt: skip
    create_task_from_source(
        acting_user=actors.working_group, department_year_id=year.pk,
        source=TaskSource.AUDIT_INSPECTION, problem="公务用车管理台账不完整",
        measure="建立用车登记台账",
    )  # fmt: skip


def _text(content: bytes) -> tuple[str, list[list[str]]]:
    document = docx.Document(BytesIO(content))
    body = "\n".join(p.text for p in document.paragraphs)
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return body, rows


def test_next_years_report_states_last_years_tasks_as_they_stand(actors, year_a):
    _tasks(actors, year_a)
    content, _ = reports.render(_next_year(year_a), "docx")
    body, rows = _text(content)
    assert "（一）上年问题整改情况" in body
    assert (
        "2023 年度发现的问题共列入整改任务 2 项，截至本报告成文，已完成 1 项，未开始 1 项。" in body
    )
    assert rows[rows.index(next(r for r in rows if r[1] == "环卫保洁项目自评打分缺乏依据"))][
        :4
    ] == ["1", "环卫保洁项目自评打分缺乏依据", "按指标完成值重新核定自评分", "城管办"]
    statuses = {r[1]: r[5] for r in rows if len(r) == 6 and r[0].isdigit()}
    assert statuses == {
        "环卫保洁项目自评打分缺乏依据": "已完成",
        "公务用车管理台账不完整": "未开始",
    }
    assert "部门整体" in {r[3] for r in rows if len(r) == 6}


def test_the_years_measures_come_from_its_tasks_not_a_promise(actors, year_a):
    before, _ = _text(reports.render(year_a, "docx")[0])
    assert "整改清单" not in before and "列入整改台账" not in before
    _tasks(actors, year_a)
    body, _ = _text(reports.render(year_a, "docx")[0])
    assert "本年度发现的 2 个问题已列入整改台账" in body
    assert "公务用车管理台账不完整（部门整体负责，建立用车登记台账，" in body
    assert "上年问题整改情况" not in body
