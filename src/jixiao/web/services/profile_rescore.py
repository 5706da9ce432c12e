"""Rescore the department-years of a rules profile after an administrator changed it.

Stored scores, grades, findings and monitoring colours come from the profile's rules; the
report and the forms are evaluated afresh. Without this, a page would go on showing the
scores of the old rules while the report printed the new ones.

Each year is recomputed in a transaction of its own, after the profile's change has been
committed: a district's hundreds of years then never hold the database's write lock
together (on SQLite other writers would wait past their busy timeout), and each year is
recomputed under the profile as saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from jixiao.web import models
from jixiao.web.services.recompute import recompute


def rescore_profile_years(keys: Iterable[str]) -> int:
    """Recompute every department-year scored under one of ``keys``; how many were."""
    ids = models.DepartmentYear.objects.filter(profile__in=set(keys)).values_list("pk", flat=True)
    ids = sorted(ids)
    for pk in ids:
        with transaction.atomic():
            # Locked as every writer locks it, so a concurrent edit waits for this one.
            found = (
                models.DepartmentYear.objects.select_for_update()
                .select_related("department")
                .filter(pk=pk)
                .first()
            )
            if found is not None:  # removed meanwhile
                recompute(found)
    return len(ids)
