"""The finance bureau's side-by-side view: every department-year of its district.

Each row carries the stored computed score beside the declared one. Both, with the
project count and averages, are stored on the department-year by every recompute
(``services.recompute``), so the list of a whole district is one plain query; the
declared total is the filed 部门自评总分, or — marked as derived — the sum of the
department indicators' self-scores when every applicable one is filled.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef

from jixiao.web import models
from jixiao.web.roles import department_filter
from jixiao.web.services.profiles import profile_for

SCORE = DecimalField(max_digits=8, decimal_places=2)
CENT = Decimal("0.01")
# The side-by-side table's columns: (sort key, heading, numeric).
COLUMNS = (
    ("department", "部门", False),
    ("year", "年度", False),
    ("status", "状态", False),
    ("computed", "依据计算得分", True),
    ("declared", "自报总分", True),
    ("gap", "差距（自报−计算）", True),
    ("grade", "等级", False),
    ("execution", "预算执行率", True),
    ("errors", "错误", True),
    ("warnings", "警告", True),
    ("projects", "项目数", True),
    ("project_computed", "项目平均计算得分", True),
    ("project_declared", "项目平均自报得分", True),
)
# GET ``sort`` value → the field or annotation it orders by.
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
    "project_computed": "project_average_score",
    "project_declared": "project_average_self_score",
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
    illustrative: bool = False  # 示例数据: illustrative projects or 决算与管理数据 rows


def _annotated(user: User):
    return (
        all_years(user)
        .select_related("department")
        .defer("texts", "dimension_scores")
        .annotate(
            gap=ExpressionWrapper(F("declared_score") - F("computed_score"), output_field=SCORE),
            illustrative_projects=Exists(
                models.Project.objects.filter(department_year=OuterRef("pk"), illustrative=True)
            ),
        )
    )


def _cents(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def sort_key(requested: str) -> str:
    """A known ``sort`` value (``-`` for descending), else the department name."""
    name = requested.removeprefix("-")
    return requested if name in SORTS else "department"


def ordered_years(user: User, *, sort: str = "department", year: int | None = None):
    """Every department-year ``user`` may review, ordered by ``sort`` (empty values last),
    as a queryset: the view pages it, so only the shown rows become objects."""
    sort = sort_key(sort)
    field = SORTS[sort.removeprefix("-")]
    order = (
        F(field).desc(nulls_last=True) if sort.startswith("-") else F(field).asc(nulls_last=True)
    )
    queryset = _annotated(user).order_by(order, "department__name", "-year")
    return queryset if year is None else queryset.filter(year=year)


def rows_for(years) -> list[BureauRow]:
    """The table rows of some department-years, with the gap judged by each one's profile."""
    years = list(years)
    thresholds = {key: profile_for(key).self_score_gap for key in {row.profile for row in years}}
    return [
        BureauRow(
            year=row,
            declared_score=_cents(row.declared_score),
            declared_is_derived=row.declared_is_derived,
            gap=_cents(row.gap),
            gap_high=row.gap is not None and abs(Decimal(row.gap)) > thresholds[row.profile],
            project_count=row.project_count,
            project_computed_avg=_cents(row.project_average_score),
            project_declared_avg=_cents(row.project_average_self_score),
            illustrative=row.illustrative_projects
            or any(item.get("illustrative") for item in row.management or ()),
        )
        for row in years
    ]


def side_by_side(
    user: User, *, sort: str = "department", year: int | None = None
) -> list[BureauRow]:
    """All rows at once (for tests and small districts)."""
    return rows_for(ordered_years(user, sort=sort, year=year))


def chart_points(queryset) -> list[tuple[str, int, Decimal, Decimal]]:
    """(department, year, computed, declared) of every department-year with both scores."""
    return list(
        queryset.filter(computed_score__isnull=False, declared_score__isnull=False)
        .order_by()
        .values_list("department__name", "year", "computed_score", "declared_score")
    )


def all_years(user: User):
    """Every department-year the user may review, unordered (the cache fingerprint's set)."""
    return models.DepartmentYear.objects.filter(department_filter(user))


def years_for(user: User) -> list[int]:
    """The years the user's department-years cover, newest first (for the filter)."""
    return list(all_years(user).order_by("-year").values_list("year", flat=True).distinct())
