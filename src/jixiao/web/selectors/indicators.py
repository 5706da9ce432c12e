"""Indicator rows as the tables show them, and the change history of indicators and projects.

Rows carry display strings (targets, plain numbers for the inputs) so templates stay
simple. History entries pair each historical record with its predecessor and list the
field changes (``diff_against``) in Chinese labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from itertools import chain

from django.contrib.auth.models import User
from django.db.models import F, Prefetch, QuerySet, Window
from django.db.models.functions import Lag, Lead

from jixiao.core.narrative.indicator_text import plain as plain_number
from jixiao.core.profile import RulesProfile
from jixiao.core.records import IndicatorKind
from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.roles import can_edit_department, can_edit_project

INDICATOR_HISTORY_FIELDS = (
    "actual", "actual_text", "band", "self_score", "applicable", "explanation", "evidence",
)  # fmt: skip
# Scores are stored by the recomputation after the edited row is saved, so a history
# row holds the score from *before* its own change; the score after a change is the
# one the next history row (or the live row) holds.
COMPUTED_FIELDS = ("computed_score", "computed_status")
PROJECT_HISTORY_FIELDS = (
    "goal_outcome",
    "execution_explanation",
    "self_score",
    "status",
    "return_reason",
)
HISTORY_TYPES = {"+": "创建", "~": "修改", "-": "删除"}
EMPTY = "（空）"


def plain(value: Decimal | None) -> str:
    """A stored decimal as a person writes it (``10.0000`` → ``10``); empty for none."""
    return "" if value is None else plain_number(value)


@dataclass
class IndicatorRow:
    """One row of an indicator table, with what the viewer may do with it."""

    indicator: models.Indicator
    editable: bool
    bands: tuple[str, ...] = ()
    metric_label: str = ""
    metric_value: Decimal | None = None
    error: str = ""
    notice: str = ""

    @property
    def qualitative(self) -> bool:
        return self.indicator.kind == IndicatorKind.QUALITATIVE

    @property
    def is_department(self) -> bool:
        return self.indicator.project_id is None

    @property
    def inputs(self) -> bool:
        """Metrics are computed from the budget, never typed."""
        return self.editable and not self.indicator.metric

    @property
    def target_display(self) -> str:
        indicator = self.indicator
        if indicator.target is None:
            return indicator.target_text or "—"
        return f"{indicator.operator}{plain(indicator.target)}{indicator.unit}"

    @property
    def actual_value(self) -> str:
        return plain(self.indicator.actual)

    @property
    def actual_display(self) -> str:
        indicator = self.indicator
        if self.qualitative:
            return indicator.actual_text or "—"
        if indicator.metric:
            return (
                "—" if self.metric_value is None else f"{plain(self.metric_value)}{indicator.unit}"
            )
        return f"{plain(indicator.actual)}{indicator.unit}" if indicator.actual is not None else "—"

    @property
    def self_score_value(self) -> str:
        return plain(self.indicator.self_score)

    @property
    def weight_display(self) -> str:
        return plain(self.indicator.weight)

    @property
    def evidence(self) -> list[models.Evidence]:
        return list(self.indicator.evidence_files.all())


def build_rows(
    indicators: list[models.Indicator],
    *,
    editable: bool,
    profile: RulesProfile,
    metrics: dict[str, Decimal | None] | None = None,
) -> list[IndicatorRow]:
    """Table rows for ``indicators`` under the year's rules profile (bands, metric names)."""
    bands = tuple(band.name for band in profile.bands)
    metrics = metrics or {}
    return [
        IndicatorRow(
            indicator=row,
            editable=editable,
            bands=bands,
            metric_label=profile.metrics.get(row.metric, row.metric) if row.metric else "",
            metric_value=metrics.get(row.metric) if row.metric else None,
        )
        for row in indicators
    ]


def with_evidence(indicators: QuerySet[models.Indicator]) -> QuerySet[models.Indicator]:
    """Indicators with their attached files in one extra query."""
    files = models.Evidence.objects.order_by("uploaded_at", "pk")
    return indicators.prefetch_related(Prefetch("evidence_files", queryset=files))


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    subject: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _shown(record, name: str, value: object) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        # Filed values are kept to four places, scores to two: show scores as scored.
        return plain(value) if name == "actual" else f"{value:.2f}"
    if name == "status":
        return Status(value).label
    return str(value)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _who(user: User | None) -> str:
    if user is None:
        return "系统"
    return user.get_full_name() or user.username


def _annotated(history: QuerySet, computed: bool) -> QuerySet:
    """Each record with its predecessor's id and, for indicators, the scores after it."""
    window = {
        "partition_by": [F("id")],
        "order_by": [F("history_date").asc(), F("history_id").asc()],
    }
    annotations = {"previous_id": Window(Lag("history_id"), **window)}
    if computed:
        annotations |= {
            f"next_{name}": Window(Lead(name), **window) for name in COMPUTED_FIELDS
        } | {"has_next": Window(Lead("history_id"), **window)}
    return (
        history.annotate(**annotations)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def _entries(
    records: list, model, fields: tuple[str, ...], subject, live: dict | None
) -> list[HistoryEntry]:
    """History entries for ``records``; ``live`` maps an indicator id to its current row."""
    if not records:
        return []
    previous_ids = [r.previous_id for r in records if r.previous_id is not None]
    history_model = type(records[0])
    previous = {p.history_id: p for p in history_model.objects.filter(history_id__in=previous_ids)}
    entries = []
    for record in records:
        changes: list[Change] = []
        before = previous.get(record.previous_id)
        if before is not None:
            delta = record.diff_against(before, included_fields=fields)
            changes = [
                Change(
                    _label(model, c.field),
                    _shown(record, c.field, c.old),
                    _shown(record, c.field, c.new),
                )
                for c in delta.changes
            ]
        if live is not None and record.history_type == "~":
            changes += _computed_changes(record, model, live.get(record.id))
        entries.append(HistoryEntry(
            when=record.history_date, who=_who(record.history_user), subject=subject(record),
            action=HISTORY_TYPES.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "", changes=changes,
        ))  # fmt: skip
    return entries


def _computed_changes(record, model, current) -> list[Change]:
    """Score and status before this change (its own row) and after it (the next row, or live)."""
    changes = []
    for name in COMPUTED_FIELDS:
        old = getattr(record, name)
        if record.has_next is not None:
            new = getattr(record, f"next_{name}")
        else:
            new = getattr(current, name) if current is not None else old
        if old != new:
            changes.append(
                Change(_label(model, name), _shown(record, name, old), _shown(record, name, new))
            )
    return changes


def indicator_history(indicator: models.Indicator) -> list[HistoryEntry]:
    """Every change of one indicator, newest first."""
    records = list(_annotated(indicator.history.all(), computed=True))
    fields = INDICATOR_HISTORY_FIELDS
    return _entries(
        records, models.Indicator, fields, lambda r: indicator.name, {indicator.pk: indicator}
    )


def project_history(
    project: models.Project, indicators: list[models.Indicator], limit: int = 50
) -> list[HistoryEntry]:
    """The last ``limit`` changes of a project and its indicators, newest first."""
    own = list(_annotated(models.Project.history.filter(id=project.pk), computed=False)[:limit])
    rows = list(
        _annotated(models.Indicator.history.filter(project_id=project.pk), computed=True)[:limit]
    )
    live = {row.pk: row for row in indicators}
    names = {row.pk: row.name for row in indicators}
    entries = chain(
        _entries(own, models.Project, PROJECT_HISTORY_FIELDS, lambda r: "项目", None),
        _entries(rows, models.Indicator, INDICATOR_HISTORY_FIELDS,
                 lambda r: f"指标“{names.get(r.id, r.name)}”", live),
    )  # fmt: skip
    return sorted(entries, key=lambda entry: entry.when, reverse=True)[:limit]


def rows_for(
    user: User,
    indicators: list[models.Indicator],
    *,
    year: models.DepartmentYear,
    profile: RulesProfile,
    project: models.Project | None = None,
    metrics: dict[str, Decimal | None] | None = None,
) -> list[IndicatorRow]:
    """Rows of a project's (or, without ``project``, the department's) indicators for ``user``."""
    if project is not None:
        editable = can_edit_project(user, project)
    else:
        editable = can_edit_department(user, year)
    return build_rows(indicators, editable=editable, profile=profile, metrics=metrics)


def indicator_with_evidence(pk: int) -> models.Indicator:
    """An indicator already scoped by the caller, reloaded with its files and owners."""
    return with_evidence(
        models.Indicator.objects.select_related(
            "project__department_year__department",
            "project__section",
            "department_year__department",
        )
    ).get(pk=pk)
