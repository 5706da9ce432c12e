"""The bureau's view of its district's monitoring: each department's latest round in
short (counts per colour, its red projects with their decisions), and the red projects of
the whole district as one sortable table.

A round's short form (``RoundSummary``) is taken from the core's review (``round_view``),
never recomputed here, and kept in the cache under the department-year's revision: a
request of a district of hundreds of departments reads the summaries, and only a round
changed since (every monitoring write touches its year's revision) is reviewed again. The
district's assembled list is kept under the fingerprint of every year of the district, so
a warm request costs one aggregate query and one cache read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from jixiao.core.monitoring import Likelihood
from jixiao.core.monitoring_rules import Colour
from jixiao.web import models
from jixiao.web.page_cache import cached
from jixiao.web.roles import department_filter, reach
from jixiao.web.selectors.bureau import all_years
from jixiao.web.selectors.monitoring import RoundView, percent, round_view, wan
from jixiao.web.services.revision import current, fingerprint

NO_DECISION = "未作处理意见"
# A summary is keyed by its year's revision, so it can never be stale: it is kept for a
# day rather than the pages' ten minutes, since a district's summaries take minutes to
# build again (a review of every round).
SUMMARY_SECONDS = 24 * 3600
# The worst stated likelihood is the one a reader of the red list needs first.
LIKELIHOOD_RANK = {Likelihood.IMPOSSIBLE: 0, Likelihood.POSSIBLE: 1, Likelihood.CERTAIN: 2}
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


@dataclass(frozen=True)
class RedRow:
    """One red project of a round, in plain values (it is cached and pickled)."""

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
    """A round as the bureau's lists show it: who, which round, its state, counts, reds."""

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
    red: tuple[RedRow, ...]


def _cause(status) -> str:
    """The project's 偏差原因, else that of its first explained indicator ("经费：说明")."""
    deviations = [status.execution.deviation] + [i.indicator.deviation for i in status.indicators]
    for deviation in deviations:
        if deviation.cause is not None:
            return "：".join(part for part in (deviation.cause.value, deviation.text) if part)
    return ""


def _likelihood(status) -> str:
    stated = [i.indicator.likelihood for i in status.indicators if i.indicator.likelihood]
    return min(stated, key=LIKELIHOOD_RANK.__getitem__).value if stated else ""


def summarise(view: RoundView) -> RoundSummary:
    """The short form of a reviewed round (the slow path the cache keeps)."""
    round_ = view.round
    department = round_.department_year.department.name
    red = tuple(
        RedRow(
            department, round_.pk, row.entry.pk, row.entry.project.code, row.entry.project.name,
            row.entry.project.final, row.entry.executed, row.status.rate, row.status.time.share,
            _cause(row.status), _likelihood(row.status), row.entry.decision,
        )
        for row in view.rows
        if row.status.colour is Colour.RED
    )  # fmt: skip
    return RoundSummary(
        round_.pk, department, round_.department_year.year, round_.name, view.review.months,
        round_.status, round_.get_status_display(), round_.return_reason, round_.version,
        tuple(view.counts()), red,
    )  # fmt: skip


def round_summary(round_: models.MonitoringRound) -> RoundSummary:
    """The round's summary, reviewed once per revision of its department-year."""
    key = ("monitoring-summary", round_.pk, current(round_.department_year))
    return cached(key, lambda: summarise(round_view(round_)), SUMMARY_SECONDS)


def latest_rounds(user: User) -> list[models.MonitoringRound]:
    """Each department's latest round (its latest year, then latest month), by name."""
    rounds = (
        models.MonitoringRound.objects.filter(
            department_filter(user, "department_year__department")
        )
        .select_related("department_year__department", "department_year__revision")
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


def district_summaries(user: User) -> list[RoundSummary]:
    """Every department's latest round in short, by department name."""
    return cached(
        ("monitoring-district", *district_key(user)),
        lambda: [round_summary(round_) for round_ in latest_rounds(user)],
    )


def sort_key(raw: str | None) -> str:
    """A valid sort of the red table (``-`` first for descending), else by department."""
    raw = raw or "department"
    return raw if raw.removeprefix("-") in SORTS else "department"


def red_rows(summaries: list[RoundSummary], sort: str) -> list[RedRow]:
    """The district's red projects in ``sort`` order; an empty value sorts last either way,
    and ties keep the department's and the project's order."""
    rows = [row for summary in summaries for row in summary.red]
    field = sort.removeprefix("-")
    descending = sort.startswith("-")
    present = [row for row in rows if getattr(row, field) not in (None, "")]
    missing = [row for row in rows if getattr(row, field) in (None, "")]
    present.sort(key=lambda row: getattr(row, field), reverse=descending)
    return present + missing
