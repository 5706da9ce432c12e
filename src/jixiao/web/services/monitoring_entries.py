"""Filling a monitoring round on the web: a project's execution to date (finance), its
deviation and its indicators' progress (its section, or finance), the 部门整体
indicators (finance).

One call saves one project's form in one transaction: each changed row gets a history
row naming the user; the project's ``version`` guards the whole form, so two people
filling one project cannot silently overwrite each other.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.money import NotANumber, parse_decimal
from jixiao.io.workbook_limits import NumberSize
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.services.errors import EditConflict, InvalidInput, NotAllowed
from jixiao.web.services.field_values import number_value, text_value
from jixiao.web.services.monitoring_rounds import _check_filling, role_in
from jixiao.web.services.monitoring_store import store_entry
from jixiao.web.services.revision import touch

# 分 in a BIGINT: 16 digits of 元 and two of 分.
MONEY_SIZE = NumberSize(18, 2)
DEVIATION_FIELDS = ("cause", "cause_text", "measure")
EXECUTION_FIELDS = ("month", "executed", "expected")
INDICATOR_FIELDS = (
    "value", "value_text", "achievement", "expected", "likelihood", "cause", "cause_text",
    "measure",
)  # fmt: skip


def _choice(model, field: str, raw: object) -> str:
    value = str(raw or "").strip()
    options = [key for key, _ in model._meta.get_field(field).choices]
    if value and value not in options:
        label = model._meta.get_field(field).verbose_name
        raise InvalidInput(field, f"{label}应为 {'、'.join(options)} 之一，实为“{value[:20]}”")
    return value


def _clean(model, field: str, raw: object) -> object:
    meta_field = model._meta.get_field(field)
    if meta_field.choices:
        return _choice(model, field, raw)
    if field == "value":
        return number_value(model, field, raw)
    return text_value(model, field, raw)


def _execution(entry: models.MonitoringProject, changes: dict[str, str]) -> dict[str, object]:
    """Execution to date: within the round's months, not above the 全年预算数."""
    clean: dict[str, object] = {}
    if "month" in changes:
        month = str(changes["month"]).strip()
        if not (month.isdigit() and 1 <= int(month) <= entry.round.end_month):
            raise InvalidInput(
                "month",
                f"截至月份应为 1 至 {entry.round.end_month} 之间的整数（{entry.round.name}）",
            )
        clean["month"] = int(month)
    for field in ("executed", "expected"):
        if field in changes:
            clean[field] = _money(field, changes[field])
    if "executed" in clean:
        executed = clean["executed"] if clean["executed"] is not None else Decimal(0)
        if executed > entry.project.final:
            raise InvalidInput(
                "executed",
                f"累计执行数 {executed:,.2f} 元超过全年预算数 {entry.project.final:,.2f} 元",
            )
        clean["executed"] = executed
    return clean


def _money(field: str, raw: object) -> Decimal | None:
    """An amount in 元 typed on the form: not negative, at most 分, within what 分 in a
    BIGINT hold."""
    if raw is None or str(raw).strip() == "":
        return None
    label = models.MonitoringProject._meta.get_field(field).verbose_name
    try:
        value = parse_decimal(str(raw).strip().replace(",", ""))
    except NotANumber as error:
        raise InvalidInput(field, f"{label}：“{str(raw)[:40]}”不是数字") from error
    problem = MONEY_SIZE.problem(value)
    if problem or value < 0:
        raise InvalidInput(field, f"{label}：{problem or '不能为负数'}")
    return value


def _may_fill(user: User, entry: models.MonitoringProject) -> str:
    found = role_in(user, entry.round.department_year, Role.SECTION, Role.FINANCE)
    if found is None or (
        found.role == Role.SECTION and found.section_id != entry.project.section_id
    ):
        raise NotAllowed("只有该项目的责任科室或本部门财务人员可以填报。")
    _check_filling(entry.round)
    if entry.submitted:
        raise NotAllowed("该项目的监控填报已提交，不能再修改。")
    return found.role


def _apply(row, values: dict[str, object], user: User) -> bool:
    changed = {field: value for field, value in values.items() if getattr(row, field) != value}
    if not changed:
        return False
    for field, value in changed.items():
        setattr(row, field, value)
    row._history_user = user
    row._change_reason = "监控填报"
    return True


def _indicator_rows(round_id: int, ids, project_id: int | None):
    rows = models.MonitoringIndicator.objects.select_for_update(of=("self",)).filter(
        round_id=round_id, pk__in=ids, indicator__project_id=project_id
    )
    found = {row.pk: row for row in rows.select_related("indicator")}
    if len(found) != len(set(ids)):
        raise InvalidInput("indicator", "表单中的指标不属于该项目，请刷新页面后重新填写。")
    return found


def _save_indicators(round_id, project_id, indicators: dict[int, dict[str, str]], user) -> int:
    rows = _indicator_rows(round_id, list(indicators), project_id)
    saved = 0
    for pk, changes in indicators.items():
        unknown = set(changes) - set(INDICATOR_FIELDS)
        if unknown:
            raise InvalidInput(sorted(unknown)[0], "该字段不能在此修改")
        row = rows[pk]
        values = {f: _clean(models.MonitoringIndicator, f, raw) for f, raw in changes.items()}
        if _apply(row, values, user):
            row.save()
            saved += 1
    return saved


@transaction.atomic
def do_fill_project(
    *,
    acting_user: User,
    entry_id: int,
    expected_version: int,
    execution: dict[str, str],
    indicators: dict[int, dict[str, str]],
) -> models.MonitoringProject:
    """Save one project's monitoring form: execution (finance), deviation, indicators."""
    entry = (
        models.MonitoringProject.objects.select_for_update()
        .select_related("round__department_year__department", "project")
        .get(pk=entry_id)
    )
    role = _may_fill(acting_user, entry)
    if entry.version != expected_version:
        raise EditConflict(f"项目“{entry.project.name}”的监控填报")
    money = {field: execution[field] for field in EXECUTION_FIELDS if field in execution}
    if money and role != Role.FINANCE:
        raise NotAllowed("执行数由财务人员填报。")
    unknown = set(execution) - set(EXECUTION_FIELDS) - set(DEVIATION_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "该字段不能在此修改")
    values = _execution(entry, money)
    values |= {f: _clean(models.MonitoringProject, f, execution[f]) for f in DEVIATION_FIELDS
               if f in execution}  # fmt: skip
    saved = _save_indicators(entry.round_id, entry.project_id, indicators, acting_user)
    if _apply(entry, values, acting_user) or saved:
        entry.version += 1
        entry._history_user = acting_user
        entry._change_reason = "监控填报"
        entry.save()
        store_entry(entry)
        touch([entry.round.department_year_id])
    return entry


@transaction.atomic
def do_fill_department(
    *,
    acting_user: User,
    round_id: int,
    expected_version: int,
    indicators: dict[int, dict[str, str]],
) -> models.MonitoringRound:
    """Save the 部门整体 indicators' progress (finance), guarded by the round's version."""
    round_ = (
        models.MonitoringRound.objects.select_for_update()
        .select_related("department_year__department")
        .get(pk=round_id)
    )
    if role_in(acting_user, round_.department_year, Role.FINANCE) is None:
        raise NotAllowed("部门整体指标由财务人员填报。")
    _check_filling(round_)
    if round_.version != expected_version:
        raise EditConflict(f"{round_.name}监控的部门整体指标")
    if _save_indicators(round_.pk, None, indicators, acting_user):
        round_.version += 1
        round_._history_user = acting_user
        round_._change_reason = "部门整体指标监控填报"
        round_.save()
        touch([round_.department_year_id])
    return round_
