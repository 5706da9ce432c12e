"""Marking department-years as changed, so cached parts of their pages are rebuilt.

Every service that changes what a department-year's pages show calls ``touch`` in the
same transaction; administrators' edits of departments, sections and rules profiles do so
through ``jixiao.web.signals``. Cached page parts are keyed by ``current`` (and the
bureau's by ``fingerprint``), so a part built before a change is never served after it.

A revision is a fresh random number at each change rather than a count: a count starts
again after a database is restored or recreated, and the cache, shared between server
processes and kept on disk, would then hold parts of other data under the same numbers.
A random revision names one state of one department-year's data, wherever it came from.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db.models import Count, Max, QuerySet, Sum

from jixiao.web import models

# 40 bits: a stale part needs a repeated number (one chance in 10^12 per change), and the
# bureau's fingerprint can sum millions of them within a 64-bit integer.
REVISION_BITS = 40


def new_revision() -> int:
    return secrets.randbits(REVISION_BITS)


def touch(year_ids: Iterable[int]) -> None:
    """Give each department-year in ``year_ids`` a new revision."""
    rows = [models.DataRevision(year_id=pk, value=new_revision()) for pk in sorted(set(year_ids))]
    # One upsert: a year never touched before gets its row, a concurrent writer's row is
    # overwritten under the row lock, and either way the revision is new.
    models.DataRevision.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["year"], update_fields=["value"]
    )


def current(year: models.DepartmentYear) -> int:
    """The department-year's revision (0 before its first change), read with the year
    when it was fetched with ``select_related("revision")``."""
    try:
        return year.revision.value
    except models.DataRevision.DoesNotExist:
        return 0


def fingerprint(years: QuerySet[models.DepartmentYear]) -> tuple[int, int, int]:
    """Changes whenever any of ``years`` changes, or one is added or removed: their count,
    their highest id and the sum of their revisions."""
    found = years.aggregate(count=Count("pk"), last=Max("pk"), revisions=Sum("revision__value"))
    return (found["count"], found["last"] or 0, found["revisions"] or 0)
