"""整改台账.xlsx: a department's ledger, and the bureau's across its district with a summary
sheet; the file is read back."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import openpyxl
from django.urls import reverse
from django.utils import timezone

from jixiao.core.rectification_rules import TaskSource
from jixiao.web import models
from jixiao.web.services.rectification import create_task_from_source


def _task(user, year, problem):
    return create_task_from_source(
        acting_user=user, department_year_id=year.pk, source=TaskSource.BUREAU_REVIEW,
        problem=problem, project_id=year.projects.get(code="P1").pk,
    )  # fmt: skip


def _sheets(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(BytesIO(response.content))


def test_a_departments_ledger_lists_its_tasks_with_the_overdue_marked(
    actors, year_a, year_b, client_for
):
    late = _task(actors.bureau, year_a, '=HYPERLINK("x")自评分偏高')
    _task(actors.bureau, year_b, "另一部门的问题")
    yesterday = timezone.localdate() - timedelta(days=1)
    models.RectificationTask.objects.filter(pk=late.pk).update(
        created_on=yesterday, deadline=yesterday
    )
    response = client_for(actors.working_group).get(reverse("rectification_export"))
    book = _sheets(response)
    assert book.sheetnames == ["整改台账"]
    sheet = book["整改台账"]
    assert sheet["A1"].value == "示例街道办事处整改台账"
    header = [cell.value for cell in sheet[2]]
    row = dict(zip(header, [cell.value for cell in sheet[3]], strict=True))
    assert row["存在的问题"] == '=HYPERLINK("x")自评分偏高' and sheet["F3"].data_type == "s"
    assert (
        row["整改状态"] == "逾期" and row["责任科室"] == "城管办" and row["问题来源"] == "财政复核"
    )
    assert sheet.max_row == 3


def test_the_bureaus_ledger_covers_its_district_with_a_summary(actors, year_a, year_b, client_for):
    _task(actors.bureau, year_a, "问题一")
    _task(actors.bureau, year_b, "问题二")
    book = _sheets(client_for(actors.bureau).get(reverse("rectification_export")))
    assert book["整改台账"]["A1"].value == "示例区各部门整改台账"
    summary = [[c.value for c in row] for row in book["各部门汇总"].iter_rows(min_row=3)]
    assert summary == [["另一街道办事处", 1, 1, 0, 0, 0], ["示例街道办事处", 1, 1, 0, 0, 0]]
    one = _sheets(client_for(actors.bureau).get(
        reverse("rectification_export"), {"department": year_b.department_id}
    ))  # fmt: skip
    assert one["整改台账"]["A1"].value == "另一街道办事处整改台账" and one["整改台账"].max_row == 3
