"""Import a department workbook: validate, preview the changes, commit atomically.

A workbook with any error changes nothing. A valid one replaces the department-year's
filed data in one transaction, with history rows naming the importing user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from jixiao.core.findings import Finding, Severity
from jixiao.core.records import DEPARTMENT_OWNER
from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.core.records import Indicator as IndicatorRecord
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable
from jixiao.web import models
from jixiao.web.conversion import SINGLE_FIELDS, TEXT_FIELDS
from jixiao.web.roles import can_import
from jixiao.web.services.errors import ImportRejected, NotAllowed
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


@dataclass
class ImportPreview:
    """What committing the workbook would change, for the user to confirm."""

    department: str
    year: int
    new_department_year: bool
    projects_added: list[str] = field(default_factory=list)
    projects_removed: list[str] = field(default_factory=list)
    projects_changed: list[str] = field(default_factory=list)
    indicators_changed: list[str] = field(default_factory=list)
    indicator_count: int = 0
    project_count: int = 0

    @property
    def has_changes(self) -> bool:
        return self.new_department_year or any(
            (
                self.projects_added,
                self.projects_removed,
                self.projects_changed,
                self.indicators_changed,
            )
        )


def _existing_year(data: DepartmentYearRecord) -> models.DepartmentYear | None:
    return models.DepartmentYear.objects.filter(
        department__district=data.department.jurisdiction,
        department__name=data.department.name,
        year=data.department.year,
    ).first()


def _indicator_key(owner: str, level1: str, name: str) -> tuple[str, str, str]:
    return owner, level1, name


def preview_import(data: DepartmentYearRecord) -> ImportPreview:
    year = _existing_year(data)
    preview = ImportPreview(data.department.name, data.department.year, year is None,
                            indicator_count=len(data.indicators) + len(data.department_indicators),
                            project_count=len(data.projects))  # fmt: skip
    if year is None:
        return preview
    old_projects = {p.code: p for p in year.projects.all()}
    new_projects = {p.code: p for p in data.projects}
    preview.projects_added = [
        f"{c} {p.name}" for c, p in new_projects.items() if c not in old_projects
    ]
    preview.projects_removed = [
        f"{c} {p.name}" for c, p in old_projects.items() if c not in new_projects
    ]
    for code, new in new_projects.items():
        old = old_projects.get(code)
        if old and (old.name, old.initial, old.final, old.actual) != (new.name, *_fiscal(new)):
            preview.projects_changed.append(f"{code} {new.name}")
    preview.indicators_changed = _indicator_changes(year, data)
    return preview


def _fiscal(project) -> tuple:
    return project.fiscal.initial, project.fiscal.final, project.fiscal.actual


def _indicator_changes(year: models.DepartmentYear, data: DepartmentYearRecord) -> list[str]:
    codes = dict(year.projects.values_list("pk", "code"))
    old = {
        _indicator_key(codes.get(row.project_id, DEPARTMENT_OWNER), row.level1, row.name): row
        for row in year.indicators.all()
    }
    changes = []
    for record in (*data.indicators, *data.department_indicators):
        row = old.get(_indicator_key(record.owner, record.level1, record.name))
        if row is None:
            changes.append(f"{record.owner}「{record.name}」新增")
        elif _compared(row) != _compared(record):
            changes.append(f"{record.owner}「{record.name}」修改")
    return changes


def _compared(item: models.Indicator | IndicatorRecord) -> tuple:
    """The filed values a preview compares (a row and a record name them alike)."""

    def norm(value):
        return None if value is None else value.normalize()

    return (norm(item.target), norm(item.actual), item.weight.normalize(), item.band,
            norm(item.self_score), item.explanation)  # fmt: skip


@transaction.atomic
def do_import_workbook(
    *, acting_user: User, data: DepartmentYearRecord, source_name: str = ""
) -> models.DepartmentYear:
    """Replace (or create) the department-year with the workbook's data, then rescore it."""
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
    if not created and year.status != models.Status.DRAFT:
        raise NotAllowed(
            f"{year}处于“{year.get_status_display()}”状态，不能导入；请先退回至填报中。"
        )
    reason = f"导入工作簿 {source_name}".strip()
    if not created:
        _clear(year)
    _fill(year, data, acting_user, reason)
    year.profile = info.profile or "default"
    year.self_score = info.self_score
    year.texts = {key: list(getattr(info, key)) for key in TEXT_FIELDS} | {
        key: getattr(info, key) for key in SINGLE_FIELDS
    }
    year.source_name = source_name
    year.version += 0 if created else 1
    year._change_reason = reason
    year._history_user = acting_user
    year.save()
    recompute(year)
    return year


def _clear(year: models.DepartmentYear) -> None:
    year.indicators.all().delete()
    year.projects.all().delete()
    year.budget_lines.all().delete()
    year.statements.all().delete()


def _fill(year: models.DepartmentYear, data: DepartmentYearRecord, user: User, reason: str) -> None:
    sections = {}
    for project in data.projects:
        if project.section not in sections:
            sections[project.section], _ = models.Section.objects.get_or_create(
                department=year.department, name=project.section
            )
    models.BudgetLine.objects.bulk_create(
        [
            models.BudgetLine(department_year=year, source=line.source.value, class_code=line.class_code,
                              class_name=line.class_name, kind=line.kind.value, initial=line.amounts.initial,
                              final=line.amounts.final, actual=line.amounts.actual, position=index)
            for index, line in enumerate(data.budget_lines)
        ]
    )  # fmt: skip
    projects = bulk_create_with_history(
        [_project_row(year, sections[p.section], p, index) for index, p in enumerate(data.projects)],
        models.Project, batch_size=500, default_user=user, default_change_reason=reason,
    )  # fmt: skip
    by_code = {row.code: row for row in projects}
    rows = [
        _indicator_row(year, by_code[i.owner], i, index) for index, i in enumerate(data.indicators)
    ]
    rows += [
        _indicator_row(year, None, i, index) for index, i in enumerate(data.department_indicators)
    ]
    bulk_create_with_history(rows, models.Indicator, batch_size=500, default_user=user,
                             default_change_reason=reason)  # fmt: skip
    statements = [("问题", s) for s in data.problems] + [("措施", s) for s in data.measures]
    models.Statement.objects.bulk_create(
        [models.Statement(department_year=year, kind=kind, title=s.title, body=s.body, position=index)
         for index, (kind, s) in enumerate(statements)]
    )  # fmt: skip


def _project_row(year, section, project, index) -> models.Project:
    return models.Project(
        department_year=year, section=section, code=project.code, name=project.name, level=project.level,
        source=project.source.value, class_code=project.class_code, initial=project.fiscal.initial,
        final=project.fiscal.final, actual=project.fiscal.actual,
        carryover_initial=project.carryover.initial, carryover_final=project.carryover.final,
        carryover_actual=project.carryover.actual, other_initial=project.other_funds.initial,
        other_final=project.other_funds.final, other_actual=project.other_funds.actual,
        goal=project.goal, goal_outcome=project.goal_outcome,
        execution_explanation=project.execution_explanation, self_score=project.self_score,
        illustrative=project.illustrative, position=index,
    )  # fmt: skip


def _indicator_row(year, project, indicator: IndicatorRecord, index: int) -> models.Indicator:
    return models.Indicator(
        department_year=year, project=project,
        dimension=indicator.dimension.value if indicator.dimension else "",
        level1=indicator.level1, level2=indicator.level2, name=indicator.name, kind=indicator.kind.value,
        operator=indicator.operator.value if indicator.operator else "", target=indicator.target,
        unit=indicator.unit, weight=indicator.weight, actual=indicator.actual, band=indicator.band,
        self_score=indicator.self_score, applicable=indicator.applicable,
        explanation=indicator.explanation, evidence=indicator.evidence, basis=indicator.basis,
        target_text=indicator.target_text, actual_text=indicator.actual_text, metric=indicator.metric,
        position=index,
    )  # fmt: skip
