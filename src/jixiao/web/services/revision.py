"""Marking department-years as changed, so cached parts of their pages are rebuilt.

Every service that changes what a department-year's pages show calls ``touch`` in the
same transaction; administrators' edits of departments, sections and rules profiles do so
through ``jixiao.web.signals``. Cached page parts are keyed by ``current`` (and the
bureau's by ``fingerprint``), so a part built before a change is never served after it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, Max, QuerySet, Sum

from jixiao.web import models


def touch(year_ids: Iterable[int]) -> None:
    """Raise the revision of each department-year in ``year_ids`` by one."""
    ids = sorted(set(year_ids))
    if not ids:
        return
    # A year that has never been touched has no row yet: create it first (a concurrent
    # creator's row wins, harmlessly), then count the change, under the row lock.
    models.DataRevision.objects.bulk_create(
        [models.DataRevision(year_id=pk) for pk in ids], ignore_conflicts=True
    )
    models.DataRevision.objects.filter(year_id__in=ids).update(value=F("value") + 1)


def current(year: models.DepartmentYear) -> int:
    """The department-year's revision (0 before its first change), read with the year
    when it was fetched with ``select_related("revision")``."""
    try:
        return year.revision.value
    except models.DataRevision.DoesNotExist:
        return 0


def fingerprint(years: QuerySet[models.DepartmentYear]) -> tuple[int, int, int]:
    """Changes whenever any of ``years`` changes, or one is added or removed: their count,
    their highest id and the sum of their revisions (each of which only goes up)."""
    found = years.aggregate(count=Count("pk"), last=Max("pk"), revisions=Sum("revision__value"))
    return (found["count"], found["last"] or 0, found["revisions"] or 0)
