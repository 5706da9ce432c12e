"""Drafting the goals of a department-year: a project's 年度总体目标 and indicators, and the
部门整体 goal and indicators.

Each change checks the role and the phase (``goal_roles``), refuses a stale version,
writes a history row naming the user and rescores the year, in one transaction. A new
or renamed indicator of a continuing project takes 上年实际完成值 from year N−1.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from jixiao.core.records import Dimension, IndicatorKind, Operator
from jixiao.web import models
from jixiao.web.goal_roles import can_draft_department_goals, can_draft_project_goals
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import number_value, text_value
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.recompute import recompute

GOAL_FIELDS = (
    "level1", "level2", "name", "kind", "operator", "target", "target_text", "unit", "weight",
    "basis", "target_reason", "dimension",
)  # fmt: skip
REQUIRED = ("level1", "level2", "name")
HUNDRED = Decimal(100)


def _choice(field: str, raw: str, allowed: list[str], label: str) -> str:
    value = str(raw).strip()
    if value and value not in allowed:
        raise InvalidInput(field, f"{label}应为 {'、'.join(allowed)} 之一")
    return value


def clean_goal_fields(
    year: models.DepartmentYear, changes: dict[str, str], *, department: bool
) -> dict[str, object]:
    """The indicator's goal fields from a form, checked; refused with the field named."""
    clean: dict[str, object] = {}
    for field, raw in changes.items():
        if field not in GOAL_FIELDS or (field == "dimension" and not department):
            raise InvalidInput(field, f"字段“{field}”不能在此修改")
        if field in ("target", "weight"):
            clean[field] = number_value(models.Indicator, field, raw)
        elif field == "kind":
            clean[field] = _choice(field, raw, [k.value for k in IndicatorKind], "指标性质")
        elif field == "operator":
            clean[field] = _choice(field, raw, [o.value for o in Operator], "运算符")
        elif field == "basis":
            bases = list(profile_for(year.profile).goal_review.bases)
            clean[field] = _choice(field, raw, bases, "指标值依据")
        elif field == "dimension":
            clean[field] = _choice(field, raw, [d.value for d in Dimension], "维度")
        else:
            clean[field] = text_value(models.Indicator, field, raw)
    for field in REQUIRED:
        if field in clean and not clean[field]:
            label = models.Indicator._meta.get_field(field).verbose_name
            raise InvalidInput(field, f"请填写{label}")
    weight = clean.get("weight", Decimal(0))
    if weight is None or not Decimal(0) <= weight <= HUNDRED:
        raise InvalidInput("weight", "分值应在 0–100 之间")
    return clean


def _previous_row(indicator: models.Indicator) -> models.Indicator | None:
    """The same indicator of the same project (by 项目编码) in year N−1, if it is in the system."""
    year = indicator.department_year
    found = models.Indicator.objects.filter(
        department_year__department_id=year.department_id,
        department_year__year=year.year - 1,
        level1=indicator.level1,
        name=indicator.name,
    )
    if indicator.project_id is None:
        found = found.filter(project__isnull=True)
    else:
        found = found.filter(project__code=indicator.project.code)
    return found.order_by("position").first()


def _fill_previous(indicator: models.Indicator) -> None:
    previous = _previous_row(indicator)
    indicator.previous_actual = previous.actual if previous else None
    indicator.previous_actual_text = previous.actual_text if previous else ""


def _save(record, user: User, reason: str, year: models.DepartmentYear) -> None:
    record.version += 1
    record._history_user = user
    record._change_reason = reason
    record.save()
    recompute(year)


def _locked_year(year_id: int) -> models.DepartmentYear:
    # Every drafting write locks its year first, so a phase move cannot pass it midway.
    return (
        models.DepartmentYear.objects.select_for_update()
        .select_related("department")
        .get(pk=year_id)
    )


def _may_draft(user: User, year: models.DepartmentYear, project: models.Project | None) -> None:
    allowed = (
        can_draft_department_goals(user, year)
        if project is None
        else can_draft_project_goals(user, project)
    )
    if not allowed:
        raise NotAllowed("当前目标阶段或您的角色不允许修改该绩效目标。")


@transaction.atomic
def do_add_goal_indicator(*, acting_user: User, year_id: int, project_id: int | None,
                          fields: dict[str, str]) -> models.Indicator:  # fmt: skip
    """Add an indicator to a project's goals (or the 部门整体 goals, ``project_id`` None)."""
    year = _locked_year(year_id)
    project = year.projects.get(pk=project_id) if project_id is not None else None
    _may_draft(acting_user, year, project)
    clean = clean_goal_fields(year, {"weight": "0", **fields}, department=project is None)
    for field in REQUIRED:
        if not clean.get(field):
            label = models.Indicator._meta.get_field(field).verbose_name
            raise InvalidInput(field, f"请填写{label}")
    last = year.indicators.aggregate(last=Max("position"))["last"]
    indicator = models.Indicator(
        department_year=year, project=project, position=0 if last is None else last + 1,
        **{"kind": IndicatorKind.QUANTITATIVE.value, **clean},
    )  # fmt: skip
    _fill_previous(indicator)
    indicator.version = 0
    _save(indicator, acting_user, "目标申报：新增指标", year)
    return indicator


@transaction.atomic
def do_update_goal_indicator(*, acting_user: User, indicator_id: int, expected_version: int,
                             changes: dict[str, str]) -> models.Indicator:  # fmt: skip
    """Change a draft indicator's goal fields, if nobody changed it meanwhile."""
    indicator = models.Indicator.objects.select_related("project").get(pk=indicator_id)
    year = _locked_year(indicator.department_year_id)
    indicator = models.Indicator.objects.select_for_update(of=("self",)).get(pk=indicator_id)
    _may_draft(acting_user, year, indicator.project)
    if indicator.version != expected_version:
        raise EditConflict(f"指标“{indicator.name}”")
    clean = clean_goal_fields(year, changes, department=indicator.project_id is None)
    renamed = any(
        clean.get(f, getattr(indicator, f)) != getattr(indicator, f) for f in ("level1", "name")
    )
    for field, value in clean.items():
        setattr(indicator, field, value)
    if renamed:
        _fill_previous(indicator)
    _save(indicator, acting_user, "目标申报", year)
    return indicator


@transaction.atomic
def do_remove_goal_indicator(*, acting_user: User, indicator_id: int,
                             expected_version: int) -> str:  # fmt: skip
    """Remove a draft indicator the user added; refused once it has evidence files."""
    indicator = models.Indicator.objects.select_related("project").get(pk=indicator_id)
    year = _locked_year(indicator.department_year_id)
    _may_draft(acting_user, year, indicator.project)
    if indicator.version != expected_version:
        raise EditConflict(f"指标“{indicator.name}”")
    if indicator.evidence_files.exists():
        raise NotAllowed(f"指标“{indicator.name}”已有佐证材料，不能删除。")
    name = indicator.name
    indicator._history_user = acting_user
    indicator._change_reason = "目标申报：删除指标"
    indicator.delete()
    recompute(year)
    return name


@transaction.atomic
def do_update_project_goal(*, acting_user: User, project_id: int, expected_version: int,
                           goal: str) -> models.Project:  # fmt: skip
    """Set a project's 年度总体目标 while its goals are drafted."""
    project = models.Project.objects.get(pk=project_id)
    year = _locked_year(project.department_year_id)
    project = (
        models.Project.objects.select_for_update()
        .select_related("department_year")
        .get(pk=project_id)
    )
    _may_draft(acting_user, year, project)
    if project.version != expected_version:
        raise EditConflict(f"项目“{project.name}”")
    project.goal = text_value(models.Project, "goal", goal)
    _save(project, acting_user, "目标申报：年度总体目标", year)
    return project


@transaction.atomic
def do_update_department_goal(*, acting_user: User, year_id: int, expected_version: int,
                              goal: str) -> models.DepartmentYear:  # fmt: skip
    """Set the 部门整体绩效目标 (one paragraph a line) while the goals are drafted."""
    year = _locked_year(year_id)
    _may_draft(acting_user, year, None)
    if year.version != expected_version:
        raise EditConflict(str(year))
    # Kept in ``texts`` (JSON); bounded as a project's 年度总体目标 is.
    text = text_value(models.Project, "goal", goal)
    year.texts = {**(year.texts or {}), "overall_goal": [p for p in text.split("\n") if p.strip()]}
    _save(year, acting_user, "目标申报：部门整体绩效目标", year)
    return year
