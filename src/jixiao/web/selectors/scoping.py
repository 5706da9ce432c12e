"""Every fetch of a department-year, project or indicator goes through here.

An object outside the user's reach is a 404, not a 403: its existence is not revealed.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import Http404
from django.shortcuts import get_object_or_404

from jixiao.web import models
from jixiao.web.roles import department_filter, projects_for, sees_whole_department


def get_department_year(user: User, pk: int, *, whole: bool = True) -> models.DepartmentYear:
    """The department-year ``pk`` if the user may see it (``whole``: its department pages)."""
    year = get_object_or_404(
        # The revision comes along for the cached page parts' keys (page_cache).
        models.DepartmentYear.objects.select_related("department", "revision"),
        department_filter(user), pk=pk,
    )  # fmt: skip
    if whole and not sees_whole_department(user):
        raise Http404
    return year


def get_project(user: User, pk: int) -> models.Project:
    project = get_object_or_404(
        models.Project.objects.select_related("department_year__department", "section"), pk=pk
    )
    year = get_department_year(user, project.department_year_id, whole=False)
    if not projects_for(user, year).filter(pk=pk).exists():
        raise Http404
    return project


def get_indicator(user: User, pk: int) -> models.Indicator:
    indicator = get_object_or_404(models.Indicator.objects.select_related("project"), pk=pk)
    if indicator.project_id is None:
        get_department_year(user, indicator.department_year_id)
    else:
        get_project(user, indicator.project_id)
    return indicator


def department_years_for(user: User):
    return (
        models.DepartmentYear.objects.filter(department_filter(user))
        .select_related("department")
        .order_by("department__name", "-year")
    )
