"""Reads of 信息公开: a year's publication and the indicators its record feeds."""

from __future__ import annotations

from django.db.models import Q

from jixiao.web import models
from jixiao.web.services.profiles import profile_for


def publication_of(year: models.DepartmentYear) -> models.Publication | None:
    return models.Publication.objects.filter(department_year=year).first()


def disclosure_indicators(year: models.DepartmentYear) -> list[models.Indicator]:
    """The department's 信息公开 indicators of ``year`` and of the year after it (where a
    publication made after sign-off is counted), by the profile's words."""
    words = profile_for(year.profile).publication_words
    if not words:
        return []
    named = Q()
    for word in words:
        named |= Q(name__contains=word) | Q(level2__contains=word)
    return list(
        models.Indicator.objects.filter(
            named, project__isnull=True, department_year__department_id=year.department_id,
            department_year__year__in=[year.year, year.year + 1],
        ).select_related("department_year").order_by("department_year__year", "position")
    )  # fmt: skip
