"""决算与管理数据 on the web: imported with the workbook, previewed, scored, exported exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.urls import reverse

from jixiao.core.records import ManagementItem
from jixiao.io.workbook_reader import read_workbook
from jixiao.web import models
from jixiao.web.selectors.department import metric_values
from jixiao.web.services.importing import do_import_workbook, preview_import
from jixiao.web.services.profiles import profile_for

from .conftest import department_data

D = Decimal
NAME = "示例街道办事处"
ITEMS = (
    ManagementItem("“三公”经费", "公务接待费", budget=D("80000.00"), actual=D("56213.01"),
                   previous=D("63105.00"), illustrative=True),
    ManagementItem("信息公开", "预算公开", approved_on=date(2023, 1, 20),
                   published_on=date(2023, 2, 6)),
)  # fmt: skip


def with_management(*items: ManagementItem):
    return replace(department_data(NAME), management=items)


def test_the_rows_are_kept_to_the_fen_and_scored(actors, year_a) -> None:
    year = do_import_workbook(acting_user=actors.finance, data=with_management(*ITEMS))

    year.refresh_from_db()
    assert year.management[0]["actual"] == "56213.01"
    metrics = metric_values(year, profile_for(year.profile), {"three_public_control_rate"})
    assert metrics["three_public_control_rate"] == D("70.27")


def test_a_changed_row_is_in_the_preview_and_an_unchanged_workbook_changes_nothing(
    actors, year_a
) -> None:
    do_import_workbook(acting_user=actors.finance, data=with_management(*ITEMS))
    changed = replace(ITEMS[0], actual=D("60000.00"))

    same = preview_import(with_management(*ITEMS))
    plan = preview_import(with_management(changed, ITEMS[1]))

    assert not same.has_changes
    (change,) = [c for c in plan.year_changes if c.label == "决算与管理数据"]
    assert "决算数 56,213.01 元" in change.old and "决算数 60,000.00 元" in change.new


def test_the_export_reads_back_as_the_rows_imported(actors, year_a, client_for, tmp_path) -> None:
    year = do_import_workbook(acting_user=actors.finance, data=with_management(*ITEMS))

    response = client_for(actors.finance).get(reverse("export_workbook", args=[year.pk]))
    path = Path(tmp_path / "export.xlsx")
    path.write_bytes(response.content)

    back = read_workbook(path).data.management
    assert tuple(replace(item, location=None) for item in back) == ITEMS
    assert models.DepartmentYear.objects.get(pk=year.pk).history.count() >= 2


def test_a_new_department_year_keeps_its_rows_from_the_first_import(actors) -> None:
    data = replace(department_data("新建街道办事处"), management=ITEMS)

    year = do_import_workbook(acting_user=actors.admin, data=data)

    year.refresh_from_db()
    assert [row["name"] for row in year.management] == ["公务接待费", "预算公开"]
