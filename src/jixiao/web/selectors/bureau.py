"""The finance bureau's side-by-side view: every department-year of its district in one query.

Each row carries the stored computed score beside the self-declared one. The declared
department total is ``DepartmentYear.self_score`` as filed; where a department filed
none, it is derived as the sum of the self-scores of its (applicable) department
indicators — but only when every one of them is filled, since a partial sum would
understate the claim. Project counts and averages are correlated subqueries, so the
whole list is one SQL statement however many departments and projects there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from jixiao.web import models
from jixiao.web.roles import departments_for
from jixiao.web.services.profiles import profile_for

SCORE = DecimalField(max_digits=8, decimal_places=2)
CENT = Decimal("0.01")
# GET ``sort`` value → annotation or field it orders by.
SORTS = {
    "department": "department__name",
    "year": "year",
    "status": "status",
    "computed": "computed_score",
    "declared": "declared_score",
    "gap": "gap",
    "grade": "grade",
    "execution": "execution_rate",
    "errors": "error_count",
    "warnings": "warning_count",
    "projects": "project_count",
    "project_computed": "project_computed_avg",
    "project_declared": "project_declared_avg",
}


@dataclass(frozen=True)
class BureauRow:
    year: models.DepartmentYear
    declared_score: Decimal | None
    declared_is_derived: bool
    gap: Decimal | None
    gap_high: bool
    project_count: int
    project_computed_avg: Decimal | None
    project_declared_avg: Decimal | None


def _per_year(queryset, expression, output_field):
    """``expression`` aggregated over ``queryset``'s rows of the outer department-year."""
    return Subquery(
        queryset.filter(department_year=OuterRef("pk"))
        .order_by()
        .values("department_year")
        .annotate(value=expression)
        .values("value")[:1],
        output_field=output_field,
    )


def _annotated(user: User):
    projects = models.Project.objects.all()
    department_indicators = models.Indicator.objects.filter(project__isnull=True, applicable=True)
    own = department_indicators.filter(department_year=OuterRef("pk"))
    derived = Case(
        When(Exists(own) & ~Exists(own.filter(self_score__isnull=True)),
             then=_per_year(department_indicators, Sum("self_score"), SCORE)),
        default=None, output_field=SCORE,
    )  # fmt: skip
    return (
        models.DepartmentYear.objects.filter(department__in=departments_for(user))
        .select_related("department")
        .annotate(
            derived_score=derived,
            declared_score=Coalesce("self_score", derived, output_field=SCORE),
            gap=ExpressionWrapper(F("declared_score") - F("computed_score"), output_field=SCORE),
            project_count=Coalesce(_per_year(projects, Count("pk"), IntegerField()), Value(0)),
            project_computed_avg=_per_year(projects, Avg("computed_score"), SCORE),
            project_declared_avg=_per_year(projects, Avg("self_score"), SCORE),
        )
    )


def _cents(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def sort_key(requested: str) -> str:
    """A known ``sort`` value (``-`` for descending), else the department name."""
    name = requested.removeprefix("-")
    return requested if name in SORTS else "department"


def side_by_side(
    user: User, *, sort: str = "department", year: int | None = None
) -> list[BureauRow]:
    """Every department-year ``user`` may review, ordered by ``sort`` (empty values last)."""
    sort = sort_key(sort)
    field = SORTS[sort.removeprefix("-")]
    order = (
        F(field).desc(nulls_last=True) if sort.startswith("-") else F(field).asc(nulls_last=True)
    )
    queryset = _annotated(user).order_by(order, "department__name", "-year")
    if year is not None:
        queryset = queryset.filter(year=year)
    rows = list(queryset)
    thresholds = {key: profile_for(key).self_score_gap for key in {row.profile for row in rows}}
    return [
        BureauRow(
            year=row,
            declared_score=_cents(row.declared_score),
            declared_is_derived=row.self_score is None and row.derived_score is not None,
            gap=_cents(row.gap),
            gap_high=row.gap is not None and abs(Decimal(row.gap)) > thresholds[row.profile],
            project_count=row.project_count,
            project_computed_avg=_cents(row.project_computed_avg),
            project_declared_avg=_cents(row.project_declared_avg),
        )
        for row in rows
    ]


def years_for(user: User) -> list[int]:
    """The years the user's department-years cover, newest first (for the filter)."""
    return list(
        models.DepartmentYear.objects.filter(department__in=departments_for(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
