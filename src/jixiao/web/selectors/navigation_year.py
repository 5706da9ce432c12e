"""The department-year whose navigation a page outside any one year shows (upload, audit).

Those pages are reached from a year's navigation, whose links carry ``?year=``; without
it, a user of one department gets that department's newest year. The bureau and
administrators, who see many departments, get no year unless the link names one.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from jixiao.web import models
from jixiao.web.query_numbers import query_number
from jixiao.web.roles import membership
from jixiao.web.selectors.scoping import get_department_year


def navigation_year(user: User, requested: str | None) -> models.DepartmentYear | None:
    """The year named by ``requested`` (404 outside the user's reach), else the newest
    year of the user's own department, else None."""
    pk = query_number(requested)
    if pk is not None:
        return get_department_year(user, pk, whole=False)
    found = membership(user)
    if found is None or found.department_id is None:
        return None
    return (
        models.DepartmentYear.objects.select_related("department", "revision")
        .filter(department_id=found.department_id)
        .order_by("-year")
        .first()
    )
