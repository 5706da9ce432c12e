"""Database rows ↔ core records. The web layer scores nothing itself: it converts rows to
records, lets the core evaluate them, and stores what the core computed."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.records import (
    DEPARTMENT_OWNER,
    Amounts,
    BudgetSource,
    Department,
    Dimension,
    ExpenditureKind,
    IndicatorKind,
    Location,
    Operator,
    Statement,
    TargetBeforeAdjustment,
)
from jixiao.core.records import BudgetLine as BudgetLineRecord
from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.core.records import Indicator as IndicatorRecord
from jixiao.core.records import Project as ProjectRecord
from jixiao.web import models
from jixiao.web.management_json import management_records

TEXT_FIELDS = (
    "functions",
    "tasks",
    "overall_goal",
    "effectiveness_text",
    "management_text",
    "conclusion_text",
    "institutions",
)
# 设置机构及人员情况 and the signing date: single values kept beside the prose in ``texts``.
SINGLE_FIELDS = ("staff_quota", "staff_in_post", "retired", "signing_date")


def _amounts(initial: Decimal, final: Decimal, actual: Decimal) -> Amounts:
    return Amounts(initial, final, actual)


def budget_line_record(row: models.BudgetLine) -> BudgetLineRecord:
    return BudgetLineRecord(
        BudgetSource(row.source), row.class_code, row.class_name, ExpenditureKind(row.kind),
        _amounts(row.initial, row.final, row.actual),
    )  # fmt: skip


def project_record(row: models.Project, section_name: str) -> ProjectRecord:
    return ProjectRecord(
        code=row.code, name=row.name, source=BudgetSource(row.source), class_code=row.class_code,
        fiscal=_amounts(row.initial, row.final, row.actual), section=section_name, level=row.level,
        carryover=_amounts(row.carryover_initial, row.carryover_final, row.carryover_actual),
        other_funds=_amounts(row.other_initial, row.other_final, row.other_actual),
        goal=row.goal, goal_outcome=row.goal_outcome, execution_explanation=row.execution_explanation,
        self_score=row.self_score, illustrative=row.illustrative,
        location=Location("项目", row.position + 3),
    )  # fmt: skip


def stored_figure(value: Decimal | None) -> Decimal | None:
    """A stored figure as the workbook gives it: 10 for 10.0000, never 1E+1 (``normalize``
    alone would write it in exponent form wherever a message or form prints it)."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal


def indicator_record(
    row: models.Indicator, owner: str, adjusted_from: TargetBeforeAdjustment | None = None
) -> IndicatorRecord:
    sheet = "部门整体指标" if owner == DEPARTMENT_OWNER else "项目绩效指标"
    return IndicatorRecord(
        owner=owner, level1=row.level1, level2=row.level2, name=row.name,
        kind=IndicatorKind(row.kind), weight=row.weight,
        operator=Operator(row.operator) if row.operator else None,
        target=stored_figure(row.target), unit=row.unit,
        actual=stored_figure(row.actual), band=row.band,
        self_score=row.self_score, applicable=row.applicable, explanation=row.explanation,
        evidence=row.evidence, basis=row.basis, target_text=row.target_text,
        actual_text=row.actual_text, dimension=Dimension(row.dimension) if row.dimension else None,
        metric=row.metric, location=Location(sheet, row.position + 3),
        previous_actual=stored_figure(row.previous_actual),
        previous_actual_text=row.previous_actual_text, target_reason=row.target_reason,
        adjusted_from=adjusted_from,
    )  # fmt: skip


def targets_before_adjustment(year: models.DepartmentYear) -> dict[int, TargetBeforeAdjustment]:
    """Per indicator id, the target as approved before its first approved 目标调整 (a
    target adjusted twice still names the one the bureau approved with the goals)."""
    approved = (
        models.GoalAdjustment.objects.filter(
            department_year=year, status=models.AdjustmentStatus.APPROVED
        )
        .order_by("-requested_at", "-pk")
        .values_list("indicator_id", "old_target", "old_target_text")
    )
    # Newest first, so the earliest adjustment of each indicator is the one kept.
    return {
        indicator: TargetBeforeAdjustment(stored_figure(target), text)
        for indicator, target, text in approved
    }


def project_funds_record(row: tuple) -> ProjectRecord:
    """A project as far as its 财政拨款 funds go, from a ``PROJECT_FUNDS_FIELDS`` row: what
    a rescore of another project needs of it (``services.rescore``: the department's
    coverage and the projects-against-budget checks read nothing else); its other funds
    and texts are left out."""
    code, name, source, level, initial, final, actual, position = row
    return ProjectRecord(
        code=code, name=name, source=BudgetSource(source), class_code="",
        fiscal=_amounts(initial, final, actual), section="", level=level,
        location=Location("项目", position + 3),
    )  # fmt: skip


PROJECT_FUNDS_FIELDS = ("code", "name", "source", "level", "initial", "final", "actual", "position")


def department_record(year: models.DepartmentYear) -> Department:
    """The department of ``year`` with its texts, as a core record."""
    department = year.department
    texts = year.texts or {}
    return Department(
        name=department.name, year=year.year, jurisdiction=department.district,
        parent=department.parent, full_name=department.full_name or department.name,
        profile=year.profile, self_score=year.self_score, **{key: tuple(texts.get(key, ())) for key in TEXT_FIELDS},
        **{key: texts[key] for key in SINGLE_FIELDS if texts.get(key) is not None},
    )  # fmt: skip


def department_year_record(
    year: models.DepartmentYear,
    projects: list[models.Project] | None = None,
    indicators: list[models.Indicator] | None = None,
) -> DepartmentYearRecord:
    """Every row of a department-year as core records (rows already loaded are reused)."""
    sections = {s.pk: s.name for s in year.department.sections.all()}
    projects = list(year.projects.all()) if projects is None else projects
    codes = {p.pk: p.code for p in projects}
    indicators = list(year.indicators.all()) if indicators is None else indicators
    before = targets_before_adjustment(year)
    return DepartmentYearRecord(
        department=department_record(year),
        budget_lines=tuple(budget_line_record(row) for row in year.budget_lines.all()),
        projects=tuple(project_record(p, sections[p.section_id]) for p in projects),
        indicators=tuple(
            indicator_record(i, codes[i.project_id], before.get(i.pk))
            for i in indicators if i.project_id
        ),
        department_indicators=tuple(
            indicator_record(i, DEPARTMENT_OWNER, before.get(i.pk))
            for i in indicators if not i.project_id
        ),
        problems=tuple(Statement(s.title, s.body) for s in year.statements.all() if s.kind == "问题"),
        measures=tuple(Statement(s.title, s.body) for s in year.statements.all() if s.kind == "措施"),
        management=management_records(year.management or []),
    )  # fmt: skip
