"""What each role may see and do. Every view and service asks here; nothing else decides.

财务人员 (finance): the whole department-year, imports, reports.
业务科室 (section): only its own projects; fills their indicators and evidence.
工作小组 (working group): reviews, returns and signs off its department.
财政局 (bureau): every department of its district, read-only, comments and returns.
Administrators (superusers) manage users, departments and rules profiles.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from jixiao.web import models
from jixiao.web.models import Role, Status


def membership(user: User | AnonymousUser) -> models.Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except models.Membership.DoesNotExist:
        return None


def role_of(user: User) -> str | None:
    found = membership(user)
    return found.role if found else None


def department_filter(user: User, via: str = "department") -> Q:
    """The departments the user may open at all (for a section: its own department), as
    a filter on the relation ``via`` ("" for Department itself): a plain comparison
    rather than a subquery, which every scoped page would otherwise compile."""
    prefix = f"{via}__" if via else ""
    if user.is_superuser:
        return Q()
    found = membership(user)
    if found is None:
        return Q(pk__in=[])
    if found.role == Role.BUREAU:
        return Q(**{f"{prefix}district": found.district})
    return Q(**{f"{prefix}pk": found.department_id})


def reach(user: User) -> tuple[object, ...]:
    """What the user may see, as a value: two users with equal reach see the same data on
    every page (the cached page parts are shared on it)."""
    if user.is_superuser:
        return ("all",)
    found = membership(user)
    if found is None:
        return ("none",)
    if found.role == Role.BUREAU:
        return ("district", found.district)
    if found.role == Role.SECTION:
        return ("section", found.department_id, found.section_id)
    return ("department", found.department_id)


def sees_whole_department(user: User) -> bool:
    """Dashboard, budget, findings and reports: everyone but a business section."""
    return user.is_superuser or role_of(user) in (Role.FINANCE, Role.WORKING_GROUP, Role.BUREAU)


def can_audit_reports(user: User) -> bool:
    """The report audit is for those who write or review whole reports: finance staff,
    the working group, the bureau and administrators. Sections fill their projects in
    the system rather than write reports, and each audit is costly (a child process for
    up to web_max_seconds), so the page is not open to every account."""
    return sees_whole_department(user)


def projects_for(user: User, year: models.DepartmentYear) -> QuerySet[models.Project]:
    projects = year.projects.all()
    found = membership(user)
    if found is not None and found.role == Role.SECTION:
        return projects.filter(section_id=found.section_id)
    return projects


def can_import(user: User, department: models.Department) -> bool:
    found = membership(user)
    if user.is_superuser:
        return True
    return found is not None and found.role == Role.FINANCE and found.department_id == department.pk


def can_edit_project(user: User, project: models.Project) -> bool:
    """Filled values change only while both the year and the project are being filled."""
    year = project.department_year
    if year.status != Status.DRAFT or project.status != Status.DRAFT:
        return False
    found = membership(user)
    if found is None:
        return False
    if found.role == Role.SECTION:
        return found.section_id == project.section_id
    return found.role == Role.FINANCE and found.department_id == year.department_id


def can_edit_department(user: User, year: models.DepartmentYear) -> bool:
    found = membership(user)
    return (
        year.status == Status.DRAFT
        and found is not None
        and found.role == Role.FINANCE
        and found.department_id == year.department_id
    )


def is_bureau(user: User) -> bool:
    return role_of(user) == Role.BUREAU or user.is_superuser
