"""Reads for the project list and the project page: filters, sorting, funds, score gap."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Abs
from django.http import QueryDict

from jixiao.core.money import ZERO, format_wan, yuan_to_wan
from jixiao.core.profile import RulesProfile
from jixiao.core.records import BudgetSource
from jixiao.core.scoring import execution_score
from jixiao.web import models
from jixiao.web.models import Status
from jixiao.web.query_numbers import query_number
from jixiao.web.roles import projects_for

# Sort key → (column heading, ordering expression).
SORTS: dict[str, tuple[str, F]] = {
    "code": ("编码", F("code")),
    "name": ("名称", F("name")),
    "final": ("全年预算数（万元）", F("final")),
    "rate": ("执行率", F("execution_rate")),
    "score": ("计算得分", F("computed_score")),
    "self": ("自评总分", F("self_score")),
    "gap": ("差距", F("gap_order")),
}
SOURCES = tuple(source.value for source in BudgetSource)


@dataclass(frozen=True)
class ProjectQuery:
    """The list's filters and sort order, read from the query string."""

    section: int | None = None
    source: str = ""
    grade: str = ""
    status: str = ""
    search: str = ""
    sort: str = ""

    @classmethod
    def from_querydict(cls, data: QueryDict) -> ProjectQuery:
        section = data.get("section", "")
        status = data.get("status", "")
        source = data.get("source", "")
        sort = data.get("sort", "")
        return cls(
            section=query_number(section),
            source=source if source in SOURCES else "",
            grade=data.get("grade", "").strip(),
            status=status if status in Status.values else "",
            search=data.get("q", "").strip(),
            sort=sort if sort.lstrip("-") in SORTS else "",
        )

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")


def filtered_projects(
    user: User, year: models.DepartmentYear, query: ProjectQuery
) -> QuerySet[models.Project]:
    """The user's projects of ``year`` (a section sees only its own), filtered and sorted."""
    projects = (
        projects_for(user, year)
        .select_related("section")
        # For ordering only: SQLite subtracts decimals in floating point.
        .annotate(gap_order=Abs(F("self_score") - F("computed_score")))
    )
    if query.section is not None:
        projects = projects.filter(section_id=query.section)
    if query.source:
        projects = projects.filter(source=query.source)
    if query.grade:
        projects = projects.filter(grade=query.grade)
    if query.status:
        projects = projects.filter(status=query.status)
    if query.search:
        projects = projects.filter(
            Q(code__icontains=query.search) | Q(name__icontains=query.search)
        )
    if not query.sort:
        return projects.order_by("position", "pk")
    expression = SORTS[query.sort.lstrip("-")][1]
    ordering = (
        expression.desc(nulls_last=True) if query.descending else expression.asc(nulls_last=True)
    )
    return projects.order_by(ordering, "position", "pk")


def sort_columns(query: ProjectQuery, data: QueryDict) -> list[dict[str, object]]:
    """Headings with the link that sorts by them (ascending first, then descending)."""
    columns = []
    for key, (label, _) in SORTS.items():
        active = query.sort.lstrip("-") == key
        params = data.copy()
        params.pop("page", None)
        params["sort"] = f"-{key}" if active and not query.descending else key
        columns.append({
            "key": key, "label": label, "url": f"?{params.urlencode()}",
            "arrow": ("↓" if query.descending else "↑") if active else "",
        })  # fmt: skip
    return columns


def mark_rows(projects, threshold: Decimal) -> None:
    """Give each listed project its 万元 budget, its exact score gap and whether it is too large."""
    for project in projects:
        project.final_wan = _wan(project.final)
        project.gap = score_gap(project)
        project.gap_high = project.gap is not None and project.gap > threshold


def score_gap(project: models.Project) -> Decimal | None:
    """|自评总分 − 依据计算得分|, or None while either is missing."""
    if project.self_score is None or project.computed_score is None:
        return None
    return abs(project.self_score - project.computed_score)


@dataclass(frozen=True)
class FundsRow:
    label: str
    initial: str
    final: str
    actual: str


def _wan(amount: Decimal) -> str:
    return format_wan(yuan_to_wan(amount))


def funds_rows(project: models.Project) -> list[FundsRow]:
    """The self-evaluation table's funds block in 万元: total, 财政拨款, 上年结转, 其他资金."""
    parts = [
        ("其中：财政拨款", project.initial, project.final, project.actual),
        ("上年结转", ZERO, project.carryover_final, project.carryover_actual),
        ("其他资金", ZERO, project.other_final, project.other_actual),
    ]
    total = [sum((part[index] for part in parts), ZERO) for index in (1, 2, 3)]
    rows = [FundsRow("年度资金总额", *(_wan(amount) for amount in total))]
    rows += [
        FundsRow(label, _wan(initial), _wan(final), _wan(actual))
        for label, initial, final, actual in parts
    ]
    return rows


@dataclass(frozen=True)
class ExecutionLine:
    """The 预算执行率 line of the project's indicator table, and the table's totals, so the
    weights shown add up to 100 as the scoring counts them."""

    weight: Decimal
    score: Decimal
    total_weight: Decimal


def execution_line(project: models.Project, profile: RulesProfile) -> ExecutionLine:
    """The 预算执行率 weight and score (from the exact 年度资金总额, as the scoring computes
    it) and the weight of the whole table."""
    final = project.final + project.carryover_final + project.other_final
    actual = project.actual + project.carryover_actual + project.other_actual
    rate = actual / final if final != ZERO else None
    weights = sum((i.weight for i in project.indicators.all()), ZERO)
    return ExecutionLine(
        weight=profile.execution_weight,
        score=execution_score(rate, profile),
        total_weight=profile.execution_weight + weights,
    )
