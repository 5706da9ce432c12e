"""The bureau's view of its district's monitoring: each department's latest round in
short (counts per colour, its first red projects with their decisions), and the red
projects of the whole district as one sortable table.

Everything here reads what the core's review found as each round's writes stored it
(``services.monitoring_store``): the counts are one aggregate over the district's latest
rounds, the red table one filtered query sorted and paged by the database, so a visit
costs a few queries however many departments the district has, and nothing is reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from jixiao.core.monitoring_review import months_label
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour
from jixiao.web import models
from jixiao.web.roles import department_filter, reach
from jixiao.web.selectors.bureau import all_years
from jixiao.web.selectors.monitoring import colour_tag, percent, wan
from jixiao.web.services.revision import fingerprint

NO_DECISION = "未作处理意见"
# (key, heading, numeric): the red table's columns; a numeric one sorts descending first.
RED_COLUMNS = (
    ("department", "部门", False),
    ("code", "项目编码", False),
    ("name", "项目名称", False),
    ("final", "全年预算(万元)", True),
    ("executed", "执行数(万元)", True),
    ("rate", "执行率", True),
    ("time", "序时进度", True),
    ("cause", "偏差原因", False),
    ("likelihood", "完成可能性", False),
    ("decision", "处理意见", False),
)
SORTS = frozenset(key for key, _, _ in RED_COLUMNS)
DEPARTMENT = "round__department_year__department__name"
# Each column's stored field; a text one may be empty, a number one only the rate (None).
SORT_FIELDS = {
    "department": DEPARTMENT, "code": "project__code", "name": "project__name",
    "final": "project__final", "executed": "executed", "rate": "execution_rate",
    "time": "time_progress", "cause": "cause_summary", "likelihood": "worst_likelihood",
    "decision": "decision",
}  # fmt: skip
TEXT_SORTS = frozenset(key for key, _, numeric in RED_COLUMNS if not numeric)
# Ties keep the departments' order (by name) and each round's project order.
TIES = (DEPARTMENT, "round__department_year__department_id", "project__position")
RED_ROW_FIELDS = ("round", "executed", "execution_rate", "time_progress", "cause_summary",
                  "worst_likelihood", "decision", "project__code", "project__name",
                  "project__final", "project__position", DEPARTMENT)  # fmt: skip


@dataclass(frozen=True)
class RedRow:
    """One red project of a round, in plain values (the pages' bodies are cached)."""

    department: str
    round_id: int
    entry_id: int
    code: str
    name: str
    final: Decimal
    executed: Decimal
    rate: Decimal | None
    time: Decimal
    cause: str
    likelihood: str
    decision: str

    @property
    def final_wan(self) -> str:
        return wan(self.final)

    @property
    def executed_wan(self) -> str:
        return wan(self.executed)

    @property
    def rate_text(self) -> str:
        return percent(self.rate)

    @property
    def time_text(self) -> str:
        return percent(self.time)

    @property
    def decision_text(self) -> str:
        return self.decision or NO_DECISION


@dataclass(frozen=True)
class RoundSummary:
    """A round as the bureau's lists show it: who, which round, its state, counts, and
    its first red projects (``red``; ``red_count`` of them in all)."""

    round_id: int
    department: str
    year: int
    name: str
    months: str
    status: str
    status_label: str
    return_reason: str
    version: int
    counts: tuple[dict[str, object], ...]
    red_count: int
    red: tuple[RedRow, ...] = ()


def red_row(entry: models.MonitoringProject) -> RedRow:
    """A red MonitoringProject (read by ``red_entries``) as the table's row."""
    project = entry.project
    return RedRow(
        entry.round.department_year.department.name, entry.round_id, entry.pk, project.code,
        project.name, project.final, entry.executed, entry.execution_rate, entry.time_progress,
        entry.cause_summary, entry.worst_likelihood, entry.decision,
    )  # fmt: skip


def latest_rounds(user: User) -> list[models.MonitoringRound]:
    """Each department's latest round (its latest year, then latest month), by name."""
    rounds = (
        models.MonitoringRound.objects.filter(
            department_filter(user, "department_year__department")
        )
        .select_related("department_year__department")
        .order_by(
            "department_year__department__name",
            "department_year__department_id",
            "-department_year__year",
            "-end_month",
        )
    )
    latest: dict[int, models.MonitoringRound] = {}
    for round_ in rounds:
        latest.setdefault(round_.department_year.department_id, round_)
    return list(latest.values())


def district_key(user: User) -> tuple[object, ...]:
    """What the district's lists depend on: the viewer's reach and every year's revision."""
    return (reach(user), fingerprint(all_years(user)))


def colour_counts(round_ids: list[int]) -> dict[int, dict[Colour, int]]:
    """Projects per stored colour of each round, in one aggregate query."""
    rows = (
        models.MonitoringProject.objects.filter(round_id__in=round_ids)
        .values("round")
        .annotate(**{c.name: Count("pk", filter=Q(colour=c.value)) for c in COLOUR_ORDER})
        .order_by()
    )
    return {row["round"]: {c: row[c.name] for c in COLOUR_ORDER} for row in rows}


def _summary(round_: models.MonitoringRound, counts: dict[Colour, int]) -> RoundSummary:
    year = round_.department_year
    return RoundSummary(
        round_.pk, year.department.name, year.year, round_.name, months_label(round_.end_month),
        round_.status, round_.get_status_display(), round_.return_reason, round_.version,
        tuple({**colour_tag(c), "count": counts.get(c, 0)} for c in COLOUR_ORDER),
        counts.get(Colour.RED, 0),
    )  # fmt: skip


def district_summaries(user: User) -> list[RoundSummary]:
    """Every department's latest round in short (no red rows), by department name."""
    rounds = latest_rounds(user)
    counts = colour_counts([round_.pk for round_ in rounds])
    return [_summary(round_, counts.get(round_.pk, {})) for round_ in rounds]


def _red(round_ids: list[int]) -> QuerySet:
    return (
        models.MonitoringProject.objects.filter(round_id__in=round_ids, colour=Colour.RED.value)
        .select_related("project", "round__department_year__department")
        .only(*RED_ROW_FIELDS)
    )


def with_red(summaries: list[RoundSummary], shown: int) -> list[RoundSummary]:
    """``summaries`` with each round's first ``shown`` red projects, in one query."""
    first = (
        _red([summary.round_id for summary in summaries])
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("round_id")], order_by="project__position")
        )
        .filter(rank__lte=shown)
        .order_by("round_id", "project__position")
    )
    rows: dict[int, list[RedRow]] = {}
    for entry in first:
        rows.setdefault(entry.round_id, []).append(red_row(entry))
    return [replace(summary, red=tuple(rows.get(summary.round_id, ()))) for summary in summaries]


def sort_key(raw: str | None) -> str:
    """A valid sort of the red table (``-`` first for descending), else by department."""
    raw = raw or "department"
    return raw if raw.removeprefix("-") in SORTS else "department"


def red_entries(round_ids: list[int], sort: str) -> QuerySet:
    """The red projects of the rounds ``round_ids`` in ``sort`` order, as the database
    sorts them: an empty value last either way, ties in the department's and the
    project's order. Each row becomes a ``RedRow`` with ``red_row``."""
    key = sort.removeprefix("-")
    field = SORT_FIELDS[key]
    ordered = (
        F(field).desc(nulls_last=True) if sort.startswith("-") else F(field).asc(nulls_last=True)
    )
    rows = _red(round_ids)
    if key in TEXT_SORTS:
        empty = Case(When(**{field: ""}, then=Value(1)), default=Value(0),
                     output_field=IntegerField())  # fmt: skip
        return rows.annotate(empty=empty).order_by("empty", ordered, *TIES)
    return rows.order_by(ordered, *TIES)
