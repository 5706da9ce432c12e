"""Import a department workbook: validate, preview the changes, commit atomically.

A workbook with any error changes nothing. A valid one updates the department-year in
place (``services.import_plan`` says how rows are matched), in one transaction, with
history rows naming the importing user; ``services.import_writes`` writes the rows.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.findings import Finding, Severity
from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable
from jixiao.web import models
from jixiao.web.conversion import SINGLE_FIELDS, TEXT_FIELDS
from jixiao.web.roles import can_import
from jixiao.web.services.errors import ImportRejected, NotAllowed, ServiceError
from jixiao.web.services.import_plan import ImportPlan, plan_import
from jixiao.web.services.import_writes import apply_plan
from jixiao.web.services.recompute import recompute


def read_upload(path: Path) -> DepartmentYearRecord:
    """The workbook's records, or ImportRejected with every error (sheet, row, column)."""
    try:
        result = read_workbook(path)
    except WorkbookUnreadable as error:
        raise ImportRejected([Finding("INPUT", Severity.ERROR, str(error))]) from error
    if result.data is None:
        raise ImportRejected(result.errors)
    return result.data


def existing_year(data: DepartmentYearRecord) -> models.DepartmentYear | None:
    """The department-year the workbook names, if it is already in the database."""
    return (
        models.DepartmentYear.objects.filter(
            department__district=data.department.jurisdiction,
            department__name=data.department.name,
            year=data.department.year,
        )
        .select_related("department")
        .first()
    )


def preview_import(data: DepartmentYearRecord) -> ImportPlan:
    """What committing the workbook would change now (nothing is written)."""
    return plan_import(data, existing_year(data))


class PlanChanged(ServiceError):
    """The data changed between the preview the user confirmed and the commit."""

    def __init__(self) -> None:
        super().__init__(
            "自预览以来，该部门年度的数据已被他人修改，导入会与您确认的内容不同，未导入任何数据。"
            "请重新上传工作簿，核对新的预览后再确认。"
        )


class RemovalNotConfirmed(ServiceError):
    """The import would take evidence or reviewed work with removed rows, unconfirmed."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(
            f"导入将删除 {len(plan.confirmations)} 个带有佐证材料或审核记录的项目或指标，"
            "须先确认删除内容；未导入任何数据。"
        )
        self.plan = plan


@transaction.atomic
def do_import_workbook(
    *,
    acting_user: User,
    data: DepartmentYearRecord,
    source_name: str = "",
    confirm_removals: bool = False,
    expected_fingerprint: str | None = None,
) -> models.DepartmentYear:
    """Bring the department-year in line with the workbook, row by row, then rescore it.

    Unchanged rows are left alone; changed rows get a new version and a history row naming
    ``acting_user`` and the file; rows of locked projects are left as they are (the plan
    reports them). Removing rows that carry evidence or reviewed work needs
    ``confirm_removals``; their evidence files stay with the department-year. With
    ``expected_fingerprint`` (the previewed plan's), a plan that changed since is refused.
    """
    info = data.department
    department, _ = models.Department.objects.get_or_create(
        district=info.jurisdiction, name=info.name,
        defaults={"full_name": info.full_name, "parent": info.parent},
    )  # fmt: skip
    if not can_import(acting_user, department):
        raise NotAllowed("您无权为该部门导入工作簿。")
    year, created = models.DepartmentYear.objects.select_for_update().get_or_create(
        department=department, year=info.year, defaults={"profile": info.profile or "default"}
    )
    plan = plan_import(data, year, lock=True, new=created)
    if plan.locked_reason:
        raise NotAllowed(plan.locked_reason)
    if expected_fingerprint is not None and expected_fingerprint != plan.fingerprint:
        raise PlanChanged()
    if plan.needs_confirmation and not confirm_removals:
        raise RemovalNotConfirmed(plan)
    if created or plan.has_changes:
        reason = f"导入工作簿 {source_name}".strip()
        apply_plan(plan, year, acting_user, reason)
        _save_year(year, plan, acting_user, f"{reason}：{plan.summary()}", source_name, created)
        recompute(year)
    return year


def _save_year(year, plan: ImportPlan, user: User, reason: str, source_name: str,
               created: bool) -> None:  # fmt: skip
    values = plan.year_values
    year.profile = values["profile"]
    year.self_score = values["self_score"]
    year.texts = {key: values[key] for key in (*TEXT_FIELDS, *SINGLE_FIELDS)}
    year.management = plan.management
    year.source_name = source_name
    year.version += 0 if created else 1
    year._change_reason = reason
    year._history_user = user
    year.save()
