"""What the monitoring pages show, read from the core's review of a round.

Every colour comes from ``core.monitoring_review`` (through ``review_round``); this
module only arranges the reviewed projects into rows, groups and counts for the pages.
Sums are exact Decimal 元, shown as 万元 with two decimals, half-up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User

from jixiao.core.classification import class_names
from jixiao.core.findings import Severity
from jixiao.core.money import format_percent, format_wan, yuan_to_wan
from jixiao.core.monitoring import ProjectExecution
from jixiao.core.monitoring_colours import execution_colour, time_progress
from jixiao.core.monitoring_review import MonitoringReview, ProjectStatus
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.monitoring_conversion import entries, review_round
from jixiao.web.roles import membership

COLOUR_CLASS = {
    Colour.RED: "red",
    Colour.YELLOW: "yellow",
    Colour.GREEN: "green",
    Colour.BLUE: "blue",
}
ZERO = Decimal(0)
# What a section must clear before it submits: a cause and a measure on every non-green
# row. The decision on a red project is the working group's, later.
SECTION_BLOCKERS = frozenset({"MONITOR_CAUSE_MISSING", "MONITOR_MEASURE_MISSING"})


def wan(amount: Decimal | None) -> str:
    return "—" if amount is None else format_wan(yuan_to_wan(amount))


def percent(ratio: Decimal | None) -> str:
    return "—" if ratio is None else format_percent(ratio)


def colour_tag(colour: Colour | None) -> dict[str, str]:
    """A colour as the pages print it: the word and its CSS class (未填 when None)."""
    if colour is None:
        return {"text": "未填", "css": "none"}
    return {"text": f"{colour.value}色", "css": COLOUR_CLASS[colour]}


@dataclass
class ProjectRow:
    entry: models.MonitoringProject
    status: ProjectStatus
    colour: dict[str, str]
    execution_colour: dict[str, str]
    rate: str
    time: str
    blockers: list[str]

    @property
    def initial(self) -> str:
        return wan(self.entry.project.initial)

    @property
    def final(self) -> str:
        return wan(self.entry.project.final)

    @property
    def executed(self) -> str:
        return wan(self.entry.executed)

    @property
    def expected(self) -> str:
        return wan(self.entry.expected)

    @property
    def red(self) -> bool:
        return self.status.colour is Colour.RED

    @property
    def needs_decision(self) -> bool:
        return self.red and not self.entry.decision


@dataclass
class RoundView:
    round: models.MonitoringRound
    review: MonitoringReview
    rows: list[ProjectRow]
    indicator_rows: dict[int, models.MonitoringIndicator]

    def counts(self) -> list[dict[str, object]]:
        counts = self.review.counts()
        return [{**colour_tag(c), "count": counts[c]} for c in COLOUR_ORDER]

    @property
    def needing_decision(self) -> list[ProjectRow]:
        return [row for row in self.rows if row.needs_decision]

    @property
    def red(self) -> list[ProjectRow]:
        return [row for row in self.rows if row.status.colour is Colour.RED]

    @property
    def errors(self) -> list[str]:
        return [f.message for f in self.review.findings if f.severity is Severity.ERROR]

    @property
    def unsubmitted(self) -> int:
        return sum(1 for row in self.rows if not row.entry.submitted)

    def totals(self) -> dict[str, object]:
        totals = self.review.totals()
        return {"final": wan(totals.final), "executed": wan(totals.executed),
                "rate": percent(totals.rate), "time": percent(totals.time.share)}  # fmt: skip


def latest_round(year: models.DepartmentYear) -> models.MonitoringRound | None:
    return year.monitoring_rounds.order_by("-end_month").first()


def round_view(round_: models.MonitoringRound, user: User | None = None) -> RoundView:
    """The reviewed round; for a business section only its own projects' rows."""
    projects, indicators = entries(round_)
    review = review_round(round_, (projects, indicators))
    blockers = defaultdict(list)
    for finding in review.findings:
        if finding.code in SECTION_BLOCKERS:
            blockers[finding.subject].append(finding.message)
    found = membership(user) if user is not None else None
    section = found.section_id if found is not None and found.role == Role.SECTION else None
    rows = [
        ProjectRow(
            entry, status, colour_tag(status.colour), colour_tag(status.execution_colour),
            percent(status.rate), percent(status.time.share), blockers[entry.project.code],
        )
        for entry, status in zip(projects, review.projects, strict=True)
        if section is None or entry.project.section_id == section
    ]  # fmt: skip
    return RoundView(round_, review, rows, {row.pk: row for row in indicators})


def project_view(entry: models.MonitoringProject) -> tuple[ProjectRow, list]:
    """One project of a round, reviewed on its own (a project's colours depend only on its
    own rows), with its indicator rows in order."""
    round_ = entry.round
    row = models.MonitoringProject.objects.select_related("project__section").get(pk=entry.pk)
    indicators = list(
        round_.indicators.filter(indicator__project_id=entry.project_id)
        .select_related("indicator__project")
        .order_by("indicator__position")
    )
    review = review_round(round_, ([row], indicators))
    status = review.projects[0]
    blockers = [f.message for f in review.findings if f.code in SECTION_BLOCKERS]
    project_row = ProjectRow(
        row, status, colour_tag(status.colour), colour_tag(status.execution_colour),
        percent(status.rate), percent(status.time.share), blockers,
    )  # fmt: skip
    return project_row, indicators


@dataclass
class ExecutionGroup:
    label: str
    final: str
    executed: str
    rate: str
    time: str
    colour: dict[str, str]


def execution_groups(view: RoundView, by: str) -> list[ExecutionGroup]:
    """Execution to date against 序时进度 by 预算类型 (``by="source"``) or by 类 (``"class"``),
    each group coloured by the core's execution rule as if it were one project."""
    round_ = view.round
    names = class_names(round_.department_year.year) if by == "class" else {}
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for row in view.rows:
        project = row.entry.project
        key = project.source if by == "source" else project.class_code[:3]
        totals = sums[key]
        totals[0] += project.initial
        totals[1] += project.final
        totals[2] += row.entry.executed
    rules = view.review.rules
    time = time_progress(round_.department_year.year, round_.end_month, rules.time_rule)
    groups = []
    for key, (initial, final, executed) in sorted(sums.items(), key=lambda item: -item[1][1]):
        whole = ProjectExecution(key, key, "", initial, final, executed, round_.end_month)
        label = f"{key} {names.get(key, '')}".strip() if by == "class" else key
        groups.append(ExecutionGroup(
            label, wan(final), wan(executed), percent(executed / final if final else None),
            percent(time.share), colour_tag(execution_colour(whole, time, rules)),
        ))  # fmt: skip
    return groups
