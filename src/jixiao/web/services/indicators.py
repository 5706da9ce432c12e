"""Editing filed values: an indicator's actual, band, self-score, explanation; a project's notes.

Each change checks the role and state, refuses a stale version, writes a history row
naming the user, and rescores what the change touches — all in one transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.narrative.indicator_text import plain
from jixiao.web import models
from jixiao.web.roles import can_edit_department, can_edit_project
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import number_value, text_value
from jixiao.web.services.profiles import profile_for
from jixiao.web.services.rescore import rescore_edit

EDITABLE_INDICATOR_FIELDS = (
    "actual",
    "actual_text",
    "band",
    "self_score",
    "explanation",
    "evidence",
    "applicable",
)
EDITABLE_PROJECT_FIELDS = ("goal_outcome", "execution_explanation", "self_score")


def _clean_indicator(indicator: models.Indicator, changes: dict[str, str]) -> dict[str, object]:
    clean: dict[str, object] = {}
    for field, raw in changes.items():
        if field not in EDITABLE_INDICATOR_FIELDS:
            raise InvalidInput(field, f"字段“{field}”不能在此修改")
        if field in ("actual", "self_score"):
            clean[field] = number_value(models.Indicator, field, raw)
        elif field == "applicable":
            clean[field] = str(raw) in ("1", "true", "True", "on", "是")
        else:
            clean[field] = text_value(models.Indicator, field, raw)
    score = clean.get("self_score")
    if score is not None and not Decimal(0) <= score <= indicator.weight:
        raise InvalidInput("self_score", f"自评得分应在 0 与分值 {plain(indicator.weight)} 之间")
    band = clean.get("band")
    if band:
        names = [b.name for b in profile_for(indicator.department_year.profile).bands]
        if band not in names:
            raise InvalidInput("band", f"完成等级应为 {'、'.join(names)} 之一")
    if indicator.metric and "actual" in clean:
        raise InvalidInput("actual", "该指标的实际完成值由系统从预算数据计算，不能手工填写")
    return clean


def _check_may_edit(user: User, indicator: models.Indicator) -> None:
    if indicator.project_id is not None:
        allowed = can_edit_project(user, indicator.project)
    else:
        allowed = can_edit_department(user, indicator.department_year)
    if not allowed:
        raise NotAllowed("当前状态或您的角色不允许修改该指标。")


@transaction.atomic
def do_update_indicator(
    *, acting_user: User, indicator_id: int, expected_version: int, changes: dict[str, str]
) -> models.Indicator:
    """Apply ``changes`` to an indicator the user may edit, if nobody changed it meanwhile."""
    indicator = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the project join.
        models.Indicator.objects.select_for_update(of=("self",))
        .select_related("project__department_year", "department_year__department")
        .get(pk=indicator_id)
    )
    _check_may_edit(acting_user, indicator)
    if indicator.version != expected_version:
        raise EditConflict(f"指标“{indicator.name}”")
    for field, value in _clean_indicator(indicator, changes).items():
        setattr(indicator, field, value)
    _save_filed(indicator, acting_user, indicator.department_year)
    return indicator


@transaction.atomic
def do_update_project(
    *, acting_user: User, project_id: int, expected_version: int, changes: dict[str, str]
) -> models.Project:
    project = (
        models.Project.objects.select_for_update()
        .select_related("department_year")
        .get(pk=project_id)
    )
    if not can_edit_project(acting_user, project):
        raise NotAllowed("当前状态或您的角色不允许修改该项目。")
    if project.version != expected_version:
        raise EditConflict(f"项目“{project.name}”")
    for field, raw in changes.items():
        if field not in EDITABLE_PROJECT_FIELDS:
            raise InvalidInput(field, f"字段“{field}”不能在此修改")
        value = (
            number_value(models.Project, field, raw)
            if field == "self_score"
            else text_value(models.Project, field, raw)
        )
        if field == "self_score" and value is not None and not Decimal(0) <= value <= Decimal(100):
            raise InvalidInput(field, "自评总分应在 0–100 之间")
        setattr(project, field, value)
    _save_filed(project, acting_user, project.department_year)
    return project


def _save_filed(
    record: models.Indicator | models.Project, user: User, year: models.DepartmentYear
) -> None:
    """Save a filed change: a new version, a history row naming the user, and the rescore
    of what the change touches (its project, the department's totals and findings)."""
    record.version += 1
    record._history_user = user
    record._change_reason = "填报"
    record.save()
    rescore_edit(year, record.project_id if isinstance(record, models.Indicator) else record.pk)
    record.refresh_from_db()
