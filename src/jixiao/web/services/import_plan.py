"""What importing a workbook would change in a department-year, row by row.

Rows are matched, never replaced: a project by its 项目编码; an indicator, within its
project (or the department), by its 一级 + 二级 + 三级 names; a budget line by 预算类型 ×
科目编码 × 支出类型; a statement by 类型 + 标题. When a key repeats, the n-th row with it
in the workbook matches the n-th in the database, in sheet order, so an exported year
matches itself row for row. A renamed indicator or a changed code is a removal and an
addition: nothing guesses that two differently named rows are the same.

A project its section submitted or the working group approved is locked: the plan
leaves it and its indicators as they are and reports each refused change with the reason.
The plan only reads; ``services.importing`` writes it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from jixiao.core.narrative.indicator_text import plain
from jixiao.core.records import DEPARTMENT_OWNER
from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.core.records import Indicator as IndicatorRecord
from jixiao.core.records import Project as ProjectRecord
from jixiao.io.workbook_format import (
    BUDGET_SHEET,
    DEPARTMENT_INDICATOR_SHEET,
    INDICATOR_SHEET,
    MANAGEMENT_SHEET,
    PROFILE_KEYS,
    PROJECT_SHEET,
    STATEMENT_SHEET,
)
from jixiao.web import models
from jixiao.web.conversion import SINGLE_FIELDS, TEXT_FIELDS
from jixiao.web.management_json import management_json, management_text
from jixiao.web.models import Role
from jixiao.web.models.money_field import MoneyField
from jixiao.web.services import import_goal_lock
from jixiao.web.services.workflow import PROJECT_TRANSITIONS

PROJECT_FIELDS = tuple(c.key for c in PROJECT_SHEET.columns if c.key != "code")  # section by name
INDICATOR_FIELDS = ("dimension", "level1", "level2", "name", "kind", "operator", "target",
                    "target_text", "unit", "weight", "actual", "actual_text", "band", "self_score",
                    "applicable", "explanation", "evidence", "basis", "metric")  # fmt: skip
BUDGET_FIELDS = ("class_name", "initial", "final", "actual")
# target_text and actual_text are the text forms of the same two workbook columns.
INDICATOR_LABELS = {
    **{c.key: c.header for c in DEPARTMENT_INDICATOR_SHEET.columns},
    "target_text": "年度指标值",
    "actual_text": "实际完成值",
}
LABELS = {
    models.Project: {c.key: c.header for c in PROJECT_SHEET.columns},
    models.Indicator: INDICATOR_LABELS,
    models.BudgetLine: {c.key: c.header for c in BUDGET_SHEET.columns},
    models.Statement: {c.key: c.header for c in STATEMENT_SHEET.columns},
}
YEAR_LABELS = {key: label for label, key in PROFILE_KEYS.items()}
EMPTY = "（空）"


@dataclass(frozen=True)
class FieldChange:
    """One field of one row: its Chinese label, the value now and the workbook's."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    sheet: str
    label: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RowAdded:
    sheet: str
    label: str


@dataclass(frozen=True)
class Removal:
    """A row the workbook no longer has, and what the users hung on it."""

    sheet: str
    label: str
    evidence: tuple[str, ...] = ()
    history_rows: int = 0
    return_reason: str = ""
    reviewed: bool = False
    indicators: int = 0

    @property
    def needs_confirmation(self) -> bool:
        """Evidence or reviewed work goes with the row: the user must say yes to it."""
        return bool(self.evidence) or self.reviewed or bool(self.return_reason)


@dataclass(frozen=True)
class Refusal:
    """A locked project the workbook would change: what was refused, and why."""

    label: str
    reason: str
    refused: tuple[str, ...]


@dataclass
class Writes:
    """The rows of one table to create, to update (a new version and a history row), to
    move only (a new position, nothing else), and to delete."""

    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    reorder: list = field(default_factory=list)
    delete: list = field(default_factory=list)


@dataclass
class ImportPlan:
    """Every change the workbook makes, for the preview, the confirmation and the commit."""

    department: str
    year: int
    new_department_year: bool
    project_count: int
    indicator_count: int
    locked_reason: str = ""
    year_changes: list[FieldChange] = field(default_factory=list)
    year_values: dict = field(default_factory=dict)
    management: list[dict] = field(default_factory=list)  # 决算与管理数据 as it will be stored
    changed: list[RowChange] = field(default_factory=list)
    added: list[RowAdded] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    reordered: int = 0
    writes: dict = field(default_factory=lambda: defaultdict(Writes))
    new_sections: list[models.Section] = field(default_factory=list)
    removed_evidence: dict[int, str] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return self.new_department_year or any(
            (self.year_changes, self.changed, self.added, self.removed, self.reordered)
        )

    @property
    def needs_confirmation(self) -> bool:
        return any(removal.needs_confirmation for removal in self.removed)

    @property
    def confirmations(self) -> list[Removal]:
        return [removal for removal in self.removed if removal.needs_confirmation]

    @property
    def other_removals(self) -> int:
        return len(self.removed) - len(self.confirmations)

    @property
    def evidence_kept(self) -> int:
        return len(self.removed_evidence)

    @property
    def fingerprint(self) -> str:
        """Names this plan: a commit applies only the plan the user saw."""
        shown = (self.new_department_year, self.locked_reason, self.year_changes, self.changed,
                 self.added, self.removed, self.refused, self.reordered)  # fmt: skip
        return hashlib.sha256(repr(shown).encode()).hexdigest()

    def outcome(self) -> str:
        """What committing does, in a few words, for the message after it."""
        if self.new_department_year:
            return f"新建部门年度，项目 {self.project_count} 个"
        return self.summary() if self.has_changes else "与现有数据相同，未作任何修改"

    def summary(self) -> str:
        """One line for the history row: how many rows changed, came and went."""
        text = (
            f"修改 {len(self.changed) + bool(self.year_changes)} 处、新增 {len(self.added)} 行、"
            f"删除 {len(self.removed)} 行"
        )
        return text + (f"；{len(self.refused)} 个已锁定项目未修改" if self.refused else "")


def display(model, name: str, value: object) -> str:
    """A field's value as the preview shows it: money to the 分, numbers without zeros."""
    if value is None or value == "" or value == ():
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        if model is not None and isinstance(model._meta.get_field(name), MoneyField):
            return f"{value:,.2f} 元"
        return plain(value)
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    return str(value)


def project_values(record: ProjectRecord) -> dict[str, object]:
    """A workbook project as the Project row's filed fields (``section`` by its name)."""
    return {
        "name": record.name, "level": record.level, "source": record.source.value,
        "class_code": record.class_code, "section": record.section,
        "initial": record.fiscal.initial, "final": record.fiscal.final, "actual": record.fiscal.actual,
        "carryover_initial": record.carryover.initial, "carryover_final": record.carryover.final,
        "carryover_actual": record.carryover.actual, "other_initial": record.other_funds.initial,
        "other_final": record.other_funds.final, "other_actual": record.other_funds.actual,
        "goal": record.goal, "goal_outcome": record.goal_outcome,
        "execution_explanation": record.execution_explanation, "self_score": record.self_score,
        "illustrative": record.illustrative,
    }  # fmt: skip


def indicator_values(record: IndicatorRecord) -> dict[str, object]:
    """A workbook indicator as the Indicator row's filed fields."""
    values = {name: getattr(record, name) for name in INDICATOR_FIELDS}
    values["dimension"] = record.dimension.value if record.dimension else ""
    values["kind"] = record.kind.value
    values["operator"] = record.operator.value if record.operator else ""
    return values


def _budget_values(line) -> dict[str, object]:
    return {"class_name": line.class_name, "initial": line.amounts.initial,
            "final": line.amounts.final, "actual": line.amounts.actual}  # fmt: skip


def _pair(rows: list, records: list, row_key, record_key) -> tuple[list[tuple], list]:
    """Each record with the row of the same key and occurrence (or None), and the rows
    no record claimed, in their order."""
    pool: dict[object, list] = defaultdict(list)
    for row in reversed(rows):
        pool[row_key(row)].append(row)
    pairs = []
    for record in records:
        candidates = pool.get(record_key(record))
        pairs.append((candidates.pop() if candidates else None, record))
    claimed = {id(row) for row, _ in pairs if row is not None}
    return pairs, [row for row in rows if id(row) not in claimed]


class _Planner:
    """Builds an ImportPlan from the rows as they are and the workbook's records."""

    def __init__(self, data: DepartmentYearRecord, year: models.DepartmentYear | None,
                 lock: bool, new: bool):  # fmt: skip
        self.data, self.year, self.lock = data, year, lock
        indicator_count = len(data.indicators) + len(data.department_indicators)
        self.plan = ImportPlan(data.department.name, data.department.year, year is None or new,
                               len(data.projects), indicator_count)  # fmt: skip
        self.sections: dict[str, models.Section] = {}
        self.projects: dict[str, models.Project] = {}
        self.refusals: dict[str, list[str]] = defaultdict(list)
        self.removed_projects: list[models.Project] = []
        self.removed_rows: list[models.Indicator] = []  # indicators removed on their own
        self.removed_owners: dict[int, str] = {}  # their owners, by indicator id
        self.gone_with_projects: list[models.Indicator] = []  # of removed projects
        # Approved goals: targets, operators, units and weights stay (import_goal_lock).
        self.goals_locked = import_goal_lock.locks_goals(year)
        self.goals_word = import_goal_lock.goals_word(year) if self.goals_locked else ""
        self.goal_refusals: dict[str, list[str]] = defaultdict(list)

    def rows(self, model) -> list:
        if self.year is None:
            return []
        query = model.objects.filter(department_year=self.year).order_by("position", "pk")
        return list(query.select_for_update() if self.lock else query)

    def build(self) -> ImportPlan:
        if self.year is not None and self.year.status != models.Status.DRAFT:
            self.plan.locked_reason = (
                f"{self.year}处于“{self.year.get_status_display()}”状态，不能导入；"
                "请先退回至填报中。"
            )
        self.load_sections()
        self.plan_projects()
        self.plan_indicators()
        self.plan_budget_lines()
        self.plan_statements()
        self.plan_year()
        self.describe_removals()
        self.plan.refused = [
            Refusal(str(self.projects[code]), _lock_reason(self.projects[code]), tuple(items))
            for code, items in self.refusals.items()
        ] + [
            Refusal(label, import_goal_lock.reason_for(self.year), tuple(items))
            for label, items in self.goal_refusals.items()
        ]
        return self.plan

    def load_sections(self) -> None:
        if self.year is not None:
            found = models.Section.objects.filter(department_id=self.year.department_id)
            self.sections = {section.name: section for section in found}
        for record in self.data.projects:
            if record.section not in self.sections:
                self.sections[record.section] = models.Section(name=record.section)
                self.plan.new_sections.append(self.sections[record.section])

    def locked(self, code: str) -> bool:
        project = self.projects.get(code)
        return (
            project is not None and project.pk is not None and project.status != models.Status.DRAFT
        )

    def compare(self, model, row, values: dict) -> list[FieldChange]:
        """The fields of ``row`` that differ from ``values``, described (nothing is set)."""
        changes = []
        for name, new in values.items():
            old = row.section.name if name == "section" else getattr(row, name)
            if old != new:
                changes.append(FieldChange(LABELS[model][name], display(model, name, old),
                                           display(model, name, new)))  # fmt: skip
        return changes

    def assign(self, row, values: dict) -> None:
        for name, value in values.items():
            if name == "section":
                row.section = self.sections[value]
            else:
                setattr(row, name, value)

    def record_row(self, model, row, values: dict, position: int, owner: str | None,
                   sheet: str, label: str) -> None:  # fmt: skip
        """Plan one matched row: update it, move it, refuse the change, or leave it."""
        changes = self.compare(model, row, values)
        if owner is not None and self.locked(owner):
            if changes:
                where = "" if model is models.Project else f"{label}："
                self.refusals[owner].append(
                    where + "；".join(f"{c.label} {c.old} → {c.new}" for c in changes)
                )
            return
        writes = self.plan.writes[model]
        if changes:
            self.assign(row, values)
            row.position = position
            writes.update.append(row)
            self.plan.changed.append(RowChange(sheet, label, tuple(changes)))
        elif row.position != position:
            row.position = position
            writes.reorder.append(row)
            self.plan.reordered += 1

    def plan_projects(self) -> None:
        rows = self.rows(models.Project)
        if rows:
            by_id = {section.pk: section for section in self.sections.values()}
            for row in rows:
                row.section = by_id[row.section_id]
        pairs, leftover = _pair(rows, list(self.data.projects), lambda r: r.code, lambda r: r.code)
        for position, (row, record) in enumerate(pairs):
            values = project_values(record)
            if row is None:
                row = models.Project(department_year=self.year, code=record.code, position=position)
                self.assign(row, values)
                self.plan.writes[models.Project].create.append(row)
                self.plan.added.append(RowAdded(PROJECT_SHEET.name, str(row)))
                self.projects[record.code] = row
                continue
            self.projects[record.code] = row
            self.record_row(models.Project, row, values, position, record.code,
                            PROJECT_SHEET.name, str(row))  # fmt: skip
        for row in leftover:
            self.projects[row.code] = row
            if row.status != models.Status.DRAFT:
                self.refusals[row.code].append("删除该项目（工作簿中已没有该项目编码）")
            elif self.goals_locked:
                self.goal_refusals[str(row)].append(
                    import_goal_lock.removed_project(self.goals_word)
                )
            else:
                self.removed_projects.append(row)

    def owner_label(self, owner: str) -> str:
        return DEPARTMENT_OWNER if owner == DEPARTMENT_OWNER else str(self.projects[owner])

    def indicator_label(self, owner: str, item) -> str:
        return f"{self.owner_label(owner)} · {item.level1} / {item.level2} / {item.name}"

    def plan_indicators(self) -> None:
        rows = self.rows(models.Indicator)
        codes = {p.pk: code for code, p in self.projects.items() if p.pk is not None}
        owner_of = {id(row): codes.get(row.project_id, DEPARTMENT_OWNER) for row in rows}
        removed_ids = {p.pk for p in self.removed_projects}
        gone = [row for row in rows if row.project_id in removed_ids]
        rows = [row for row in rows if row.project_id not in removed_ids]
        records = [(r, i) for i, r in enumerate(self.data.indicators)]
        records += [(r, i) for i, r in enumerate(self.data.department_indicators)]
        pairs, leftover = _pair(rows, records,
                                lambda r: (owner_of[id(r)], r.level1, r.level2, r.name),
                                lambda p: (p[0].owner, p[0].level1, p[0].level2, p[0].name))  # fmt: skip
        for row, (record, position) in pairs:
            self.plan_indicator(row, record, position)
        in_workbook = {record.code for record in self.data.projects}
        for row in leftover:
            owner = owner_of[id(row)]
            if owner != DEPARTMENT_OWNER and self.locked(owner):
                if owner in in_workbook:
                    self.refusals[owner].append(f"删除指标“{row.level2} / {row.name}”")
                continue
            if self.goals_locked and (owner == DEPARTMENT_OWNER or owner in in_workbook):
                refused = import_goal_lock.removed_refused(row, self.goals_word)
                self.goal_refusals[self.owner_label(owner)].append(refused)
                continue
            self.removed_rows.append(row)
            self.removed_owners[row.pk] = owner
        self.gone_with_projects = gone

    def plan_indicator(self, row, record: IndicatorRecord, position: int) -> None:
        sheet = (DEPARTMENT_INDICATOR_SHEET if record.owner == DEPARTMENT_OWNER
                 else INDICATOR_SHEET).name  # fmt: skip
        label = self.indicator_label(record.owner, record)
        project = None if record.owner == DEPARTMENT_OWNER else self.projects[record.owner]
        owner = None if project is None else record.owner
        if row is not None:
            values = indicator_values(record)
            if self.goals_locked and not (owner is not None and self.locked(owner)):
                values, refused = import_goal_lock.split_locked(
                    row,
                    record,
                    values,
                    lambda name, value: display(models.Indicator, name, value),
                    self.goals_word,
                )
                if refused:
                    self.goal_refusals[self.owner_label(record.owner)].extend(refused)
            self.record_row(models.Indicator, row, values, position, owner, sheet, label)
            return
        if owner is not None and self.locked(owner):
            self.refusals[owner].append(f"新增指标“{record.level2} / {record.name}”")
            return
        if self.goals_locked:
            refused = import_goal_lock.added_refused(record, self.goals_word)
            self.goal_refusals[self.owner_label(record.owner)].append(refused)
            return
        row = models.Indicator(department_year=self.year, project=project, position=position,
                               **indicator_values(record))  # fmt: skip
        self.plan.writes[models.Indicator].create.append(row)
        self.plan.added.append(RowAdded(sheet, label))

    def plan_budget_lines(self) -> None:
        rows = self.rows(models.BudgetLine)
        pairs, leftover = _pair(rows, list(self.data.budget_lines),
                                lambda r: (r.source, r.class_code, r.kind),
                                lambda r: (r.source.value, r.class_code, r.kind.value))  # fmt: skip
        for position, (row, line) in enumerate(pairs):
            label = f"{line.source.value} · {line.class_code} {line.class_name} · {line.kind.value}"
            if row is None:
                row = models.BudgetLine(department_year=self.year, source=line.source.value,
                                        class_code=line.class_code, kind=line.kind.value,
                                        position=position, **_budget_values(line))  # fmt: skip
                self.plan.writes[models.BudgetLine].create.append(row)
                self.plan.added.append(RowAdded(BUDGET_SHEET.name, label))
            else:
                self.record_row(models.BudgetLine, row, _budget_values(line), position, None,
                                BUDGET_SHEET.name, label)  # fmt: skip
        for row in leftover:
            self.plan.writes[models.BudgetLine].delete.append(row)
            label = f"{row.source} · {row.class_code} {row.class_name} · {row.kind}"
            self.plan.removed.append(Removal(BUDGET_SHEET.name, label))

    def plan_statements(self) -> None:
        rows = self.rows(models.Statement)
        wanted = [("问题", s) for s in self.data.problems] + [
            ("措施", s) for s in self.data.measures
        ]
        pairs, leftover = _pair(rows, wanted, lambda r: (r.kind, r.title),
                                lambda w: (w[0], w[1].title))  # fmt: skip
        for position, (row, (kind, statement)) in enumerate(pairs):
            label = f"{kind}“{statement.title}”"
            if row is None:
                row = models.Statement(department_year=self.year, kind=kind, title=statement.title,
                                       body=statement.body, position=position)  # fmt: skip
                self.plan.writes[models.Statement].create.append(row)
                self.plan.added.append(RowAdded(STATEMENT_SHEET.name, label))
            else:
                self.record_row(models.Statement, row, {"body": statement.body}, position, None,
                                STATEMENT_SHEET.name, label)  # fmt: skip
        for row in leftover:
            self.plan.writes[models.Statement].delete.append(row)
            self.plan.removed.append(Removal(STATEMENT_SHEET.name, f"{row.kind}“{row.title}”"))

    def plan_year(self) -> None:
        info = self.data.department
        values = {"profile": info.profile or "default", "self_score": info.self_score}
        values |= {key: list(getattr(info, key)) for key in TEXT_FIELDS}
        values |= {key: getattr(info, key) for key in SINGLE_FIELDS}
        self.plan.year_values = values
        self.plan_management()
        if self.plan.new_department_year:
            return
        texts = self.year.texts or {}
        for name, new in values.items():
            old = _stored_year_value(self.year, texts, name)
            if old != new:
                change = FieldChange(YEAR_LABELS[name], display(None, name, old),
                                     display(None, name, new))  # fmt: skip
                self.plan.year_changes.append(change)

    def plan_management(self) -> None:
        """决算与管理数据 is replaced with the workbook's rows; the preview lists both."""
        rows = management_json(self.data.management)
        self.plan.management = rows
        if self.plan.new_department_year:
            return
        old = self.year.management or []
        if old != rows:
            change = FieldChange(MANAGEMENT_SHEET.name, management_text(old) or EMPTY,
                                 management_text(rows) or EMPTY)  # fmt: skip
            self.plan.year_changes.append(change)

    def describe_removals(self) -> None:
        """What hangs on each removed indicator: its files and its history rows."""
        owners = dict(self.removed_owners)
        codes = {project.pk: project.code for project in self.removed_projects}
        owners |= {row.pk: codes[row.project_id] for row in self.gone_with_projects}
        rows = {row.pk: row for row in self.gone_with_projects}
        rows |= {row.pk: row for row in self.removed_rows}
        evidence = defaultdict(list)
        found = models.Evidence.objects.filter(indicator_id__in=list(rows)).order_by("pk")
        for pk, indicator_id, name in found.values_list("pk", "indicator_id", "original_name"):
            evidence[indicator_id].append(name)
            label = self.indicator_label(owners[indicator_id], rows[indicator_id])
            self.plan.removed_evidence[pk] = label
        history = _history_counts(models.Indicator, list(rows))
        self.plan.writes[models.Indicator].delete.extend(rows.values())
        for row in self.removed_rows:
            owner = owners[row.pk]
            sheet = (DEPARTMENT_INDICATOR_SHEET if owner == DEPARTMENT_OWNER
                     else INDICATOR_SHEET).name  # fmt: skip
            self.plan.removed.append(Removal(sheet, self.indicator_label(owner, row),
                                             tuple(evidence[row.pk]), history.get(row.pk, 0)))  # fmt: skip
        self.describe_removed_projects(evidence, history)

    def describe_removed_projects(self, evidence: dict, indicator_history: dict) -> None:
        ids = [row.pk for row in self.removed_projects]
        history = _history_counts(models.Project, ids)
        reviewed = set(
            models.Project.history.filter(id__in=ids)
            .exclude(status=models.Status.DRAFT)
            .values_list("id", flat=True)
        )
        by_project = defaultdict(list)
        for row in self.gone_with_projects:
            by_project[row.project_id].append(row)
        for project in self.removed_projects:
            children = by_project[project.pk]
            files = tuple(name for row in children for name in evidence[row.pk])
            rows = history.get(project.pk, 0) + sum(
                indicator_history.get(r.pk, 0) for r in children
            )
            self.plan.removed.append(Removal(PROJECT_SHEET.name, str(project), files, rows,
                                             project.return_reason, project.pk in reviewed,
                                             len(children)))  # fmt: skip
        self.plan.writes[models.Project].delete.extend(self.removed_projects)


def _history_counts(model, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    found = model.history.filter(id__in=ids).values("id").annotate(rows=Count("history_id"))
    return {item["id"]: item["rows"] for item in found}


def _lock_reason(project: models.Project) -> str:
    """Why the project is left alone, and who can unlock it (from the workflow's table)."""
    roles = [Role(role).label for t in PROJECT_TRANSITIONS
             if t.source == project.status and t.target == models.Status.DRAFT for role in t.roles]  # fmt: skip
    who = "或".join(roles) if roles else "工作小组"
    return (
        f"项目处于“{project.get_status_display()}”状态，已锁定：导入不修改该项目及其指标。"
        f"如需修改，请先由{who}退回至“填报中”，再重新导入。"
    )


def plan_import(
    data: DepartmentYearRecord,
    year: models.DepartmentYear | None,
    *,
    lock: bool = False,
    new: bool = False,
) -> ImportPlan:
    """Compare the workbook with ``year``'s rows (None, or ``new``: a year just created);
    ``lock`` locks the rows read, for a commit that will write them."""
    return _Planner(data, year, lock, new).build()


def _stored_year_value(year: models.DepartmentYear, texts: dict, name: str) -> object:
    """The department-year's filed value of ``name``: prose and single items live in texts."""
    if name in TEXT_FIELDS:
        return texts.get(name, [])
    if name in SINGLE_FIELDS:
        return texts.get(name)
    return getattr(year, name)
