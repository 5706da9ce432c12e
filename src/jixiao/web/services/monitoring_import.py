"""Import a monitoring workbook into an open round: validate, preview, commit atomically.

The workbook is read by io's monitoring reader against the year's own projects and
indicators (their 年度指标值 are the approved targets), so a project or indicator the
year does not have, a target unlike the year's, a month outside the round or execution
above the 全年预算数 is refused with its sheet, row and column, and nothing is written.
Projects already submitted by their section are left as they are (the preview lists
them). A commit applies only the plan that was previewed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F

from jixiao.core.findings import Finding, Severity
from jixiao.core.monitoring import IndicatorProgress, MonitoringRound, ProjectExecution
from jixiao.core.profile import ProfileError
from jixiao.core.records import DEPARTMENT_OWNER, Location
from jixiao.io.monitoring_reader import read_monitoring_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable
from jixiao.web import models
from jixiao.web.conversion import department_year_record
from jixiao.web.models import Role
from jixiao.web.services.errors import ImportRejected, NotAllowed, ServiceError
from jixiao.web.services.monitoring_rounds import _check_filling, role_in
from jixiao.web.services.monitoring_store import store_round
from jixiao.web.services.revision import touch

PROJECT_VALUES = ("month", "executed", "expected", "cause", "cause_text", "measure", "decision")
INDICATOR_VALUES = (
    "value", "value_text", "achievement", "expected", "likelihood", "cause", "cause_text",
    "measure",
)  # fmt: skip


@dataclass
class RowChange:
    label: str
    fields: list[tuple[str, str, str]]  # (field label, old, new)
    row: object = None
    values: dict = field(default_factory=dict)


@dataclass
class RoundImportPlan:
    changed: list[RowChange]
    locked: list[str]  # projects submitted by their section: left as they are

    @property
    def fingerprint(self) -> str:
        text = repr([(c.label, c.fields) for c in self.changed]) + repr(self.locked)
        return hashlib.sha256(text.encode()).hexdigest()


def read_round_upload(path: Path, round_: models.MonitoringRound) -> MonitoringRound:
    """The workbook's round, or ImportRejected with every error (sheet, row, column)."""
    year = round_.department_year
    try:
        result = read_monitoring_workbook(path, approved=department_year_record(year))
    except (WorkbookUnreadable, ProfileError) as error:
        raise ImportRejected([Finding("INPUT", Severity.ERROR, str(error))]) from error
    if result.data is None:
        raise ImportRejected(result.errors)
    if result.data.round_name != round_.name:
        message = f"工作簿的监控轮次为“{result.data.round_name}”，本轮为“{round_.name}”"
        raise ImportRejected([Finding("INPUT", Severity.ERROR, message, Location("监控信息"))])
    return result.data


def _shown(value: object) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


def _execution_values(item: ProjectExecution) -> dict[str, object]:
    deviation = item.deviation
    return {
        "month": item.month, "executed": item.executed, "expected": item.expected,
        "cause": deviation.cause.value if deviation.cause else "", "cause_text": deviation.text,
        "measure": deviation.measure, "decision": item.decision.value if item.decision else "",
    }  # fmt: skip


def _progress_values(item: IndicatorProgress) -> dict[str, object]:
    deviation = item.deviation
    return {
        "value": item.value, "value_text": item.value_text, "achievement": item.achievement,
        "expected": item.expected, "likelihood": item.likelihood.value if item.likelihood else "",
        "cause": deviation.cause.value if deviation.cause else "", "cause_text": deviation.text,
        "measure": deviation.measure,
    }  # fmt: skip


def _change(row, label: str, values: dict[str, object]) -> RowChange | None:
    fields = []
    for name, new in values.items():
        old = getattr(row, name)
        if _shown(old) != _shown(new):
            verbose = str(type(row)._meta.get_field(name).verbose_name)
            fields.append((verbose, _shown(old), _shown(new)))
    if not fields:
        return None
    return RowChange(label, fields, row, values)


def plan_round_import(round_: models.MonitoringRound, data: MonitoringRound, *,
                      lock: bool = False) -> RoundImportPlan:  # fmt: skip
    """What committing ``data`` would change in ``round_`` now (nothing is written)."""
    entries = round_.projects.select_related("project")
    rows = round_.indicators.select_related("indicator__project")
    if lock:
        entries, rows = (
            entries.select_for_update(of=("self",)),
            rows.select_for_update(of=("self",)),
        )
    by_code = {entry.project.code: entry for entry in entries}
    submitted = {code for code, entry in by_code.items() if entry.submitted}
    changed: list[RowChange] = []
    locked: list[str] = []
    for item in data.projects:
        entry = by_code.get(item.code)
        if entry is None:
            continue
        if item.code in submitted:
            locked.append(f"{item.code} {item.name}")
            continue
        found = _change(entry, f"项目执行 · {item.code} {item.name}", _execution_values(item))
        changed += [found] if found else []
    indicators = {
        (row.indicator.project.code if row.indicator.project else DEPARTMENT_OWNER,
         row.indicator.level1, row.indicator.level2, row.indicator.name): row
        for row in rows
    }  # fmt: skip
    for item in data.indicators:
        row = indicators.get((item.owner, item.level1, item.level2, item.name))
        if row is None or item.owner in submitted:
            continue
        label = f"指标监控 · {item.owner} {item.name}"
        found = _change(row, label, _progress_values(item))
        changed += [found] if found else []
    return RoundImportPlan(changed, locked)


def _outdate_forms(round_: models.MonitoringRound, plan: RoundImportPlan) -> None:
    """A project whose indicators the import changed gets a new version, so a form opened
    before the import cannot write over what it brought."""
    touched = {
        change.row.indicator.project_id
        for change in plan.changed
        if isinstance(change.row, models.MonitoringIndicator) and change.row.indicator.project_id
    }
    moved = {c.row.project_id for c in plan.changed if isinstance(c.row, models.MonitoringProject)}
    round_.projects.filter(project_id__in=touched - moved).update(version=F("version") + 1)


class RoundPlanChanged(ServiceError):
    def __init__(self) -> None:
        super().__init__(
            "自预览以来，本轮监控的数据已被他人修改，导入会与您确认的内容不同，未导入任何数据。"
            "请重新上传工作簿，核对新的预览后再确认。"
        )


@transaction.atomic
def do_import_round(*, acting_user: User, round_id: int, data: MonitoringRound,
                    source_name: str, expected_fingerprint: str) -> int:  # fmt: skip
    """Write the previewed plan into the round; returns how many rows changed."""
    round_ = (
        models.MonitoringRound.objects.select_for_update()
        .select_related("department_year__department")
        .get(pk=round_id)
    )
    if role_in(acting_user, round_.department_year, Role.FINANCE) is None:
        raise NotAllowed("只有本部门财务人员可以导入监控工作簿。")
    _check_filling(round_)
    plan = plan_round_import(round_, data, lock=True)
    if plan.fingerprint != expected_fingerprint:
        raise RoundPlanChanged()
    reason = f"导入监控工作簿 {source_name}".strip()[:100]
    for change in plan.changed:
        row = change.row
        for name, value in change.values.items():
            setattr(row, name, value)
        if isinstance(row, models.MonitoringProject):
            row.version += 1
        row._history_user = acting_user
        row._change_reason = reason
        row.save()
    _outdate_forms(round_, plan)
    store_round(round_)
    round_.source_name = source_name[:255]
    round_.version += 1
    round_._history_user = acting_user
    round_._change_reason = reason
    round_.save()
    touch([round_.department_year_id])
    return len(plan.changed)
