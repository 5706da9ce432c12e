"""Each role's to-do list (待办): what waits for this user, each item linking to where it is done.

A business section: its returned projects with the reason, then its projects still to
fill with what each lacks (findings it resolves on the project page, indicators without
evidence where the rules profile requires it). Finance: the year's own state and the
projects still to fill, per section. The working group: projects and years waiting for
its review. The bureau: signed-off submissions waiting, by department. Every read is
scoped like every page (``roles``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.urls import reverse

from jixiao.core.finding_codes import ON_PAGE_CODES, finding_name
from jixiao.web import models
from jixiao.web.models import GoalPhase, Role, Status
from jixiao.web.roles import department_filter, membership, projects_for
from jixiao.web.services.profiles import profile_for

# Goal phases before approval: the year-end work of such a year has not begun.
GOALS_PENDING = (GoalPhase.DRAFTING, GoalPhase.SUBMITTED, GoalPhase.REVIEWED)
# How many items a group lists before it links to the full list instead.
SHOWN = 20


@dataclass(frozen=True)
class TodoItem:
    """One thing to do: what, about what, and the page where it is done."""

    title: str
    action: str
    url: str
    returned: str = ""
    overdue: bool = False


@dataclass
class TodoGroup:
    """A heading with its items; ``more`` counts those left out, listed at ``more_url``."""

    heading: str
    items: list[TodoItem] = field(default_factory=list)
    more: int = 0
    more_url: str = ""


def _capped(heading: str, items: list[TodoItem], more_url: str = "") -> TodoGroup:
    return TodoGroup(heading, items[:SHOWN], max(len(items) - SHOWN, 0), more_url)


def _draft_years(user: User):
    """Years in their year-end work: not those whose goals are still being filed, whose
    work waits in the goal groups (``goal_todo``)."""
    return (
        models.DepartmentYear.objects.filter(department_filter(user), status=Status.DRAFT)
        .exclude(goal_phase__in=GOALS_PENDING)
        .select_related("department")
        .order_by("department__name", "-year")
    )


def _missing_evidence(projects) -> Counter:
    """Per project, its indicators with a value but no 佐证材料 (neither file nor source)."""
    rows = (
        models.Indicator.objects.filter(project__in=projects, applicable=True, metric="")
        .filter(Q(actual__isnull=False) | ~Q(band="") | ~Q(actual_text=""))
        .filter(evidence="")
        .annotate(files=Count("evidence_files"))
        .filter(files=0)
        .values_list("project_id", flat=True)
    )
    return Counter(rows)


def _findings_on_page(year: models.DepartmentYear, projects) -> dict[int, Counter]:
    """Per project, the findings it can resolve on its page, counted by code."""
    counts: dict[int, Counter] = {}
    rows = year.findings.filter(project__in=projects, code__in=ON_PAGE_CODES).values_list(
        "project_id", "code"
    )
    for project_id, code in rows:
        counts.setdefault(project_id, Counter())[code] += 1
    return counts


NOTHING_LACKING = "填写完成后提交"


def _lacks(findings: Counter, evidence: int) -> str:
    parts = [f"{finding_name(code)} {count} 处" for code, count in sorted(findings.items())]
    if evidence:
        parts.append(f"{evidence} 项指标缺佐证材料")
    return "；".join(parts) if parts else NOTHING_LACKING


def _project_items(year: models.DepartmentYear, projects) -> tuple[list[TodoItem], list[TodoItem]]:
    """The returned projects and the other projects still to fill, each with what it lacks."""
    projects = list(projects.filter(status=Status.DRAFT).order_by("position", "pk"))
    findings = _findings_on_page(year, projects)
    evidence = (
        _missing_evidence(projects) if profile_for(year.profile).evidence_required else Counter()
    )
    returned, to_fill = [], []
    for project in projects:
        item = TodoItem(
            title=f"{project.code} {project.name}",
            action=_lacks(findings.get(project.pk, Counter()), evidence[project.pk]),
            url=reverse("project_detail", args=[project.pk]),
            returned=project.return_reason,
        )
        (returned if project.return_reason else to_fill).append(item)
    # Projects that lack something come first; the order stays the list's within each part.
    to_fill.sort(key=lambda item: item.action == NOTHING_LACKING)
    return returned, to_fill


def _section_groups(user: User) -> list[TodoGroup]:
    groups = []
    for year in _draft_years(user):
        returned, to_fill = _project_items(year, projects_for(user, year))
        label = f"{year.department.name} {year.year} 年度"
        more_url = reverse("project_list", args=[year.pk]) + "?status=draft"
        if returned:
            groups.append(_capped(f"被退回的项目 · {label}", returned, more_url))
        if to_fill:
            groups.append(_capped(f"待填报的项目 · {label}", to_fill, more_url))
    return groups


def _sections_to_fill(year: models.DepartmentYear) -> list[TodoItem]:
    rows = (
        year.projects.filter(status=Status.DRAFT)
        .values("section_id", "section__name")
        .annotate(n=Count("pk"), returned=Count("pk", filter=~Q(return_reason="")))
        .order_by("section__name")
    )
    base = reverse("project_list", args=[year.pk])
    return [
        TodoItem(
            title=row["section__name"],
            action=f"{row['n']} 个项目填报中"
            + (f"，其中 {row['returned']} 个被退回" if row["returned"] else ""),
            url=f"{base}?section={row['section_id']}&status=draft",
        )
        for row in rows
    ]


def _finance_groups(user: User) -> list[TodoGroup]:
    groups = []
    for year in _draft_years(user):
        label = f"{year.department.name} {year.year} 年度"
        overall = reverse("department_overall", args=[year.pk])
        head = TodoItem(
            title=label,
            action="填写部门整体指标，各项目审核后提交工作小组审核",
            url=overall,
            returned=year.return_reason,
        )
        groups.append(TodoGroup(f"本年度 · {label}", [head]))
        sections = _sections_to_fill(year)
        if sections:
            groups.append(_capped(f"各科室待填报 · {label}", sections))
    return groups


def _working_group_groups(user: User) -> list[TodoGroup]:
    years = models.DepartmentYear.objects.filter(department_filter(user)).select_related(
        "department"
    )
    waiting_years = [
        TodoItem(
            title=f"{year.department.name} {year.year} 年度",
            action="部门整体自评已提交，待审核签发或退回",
            url=reverse("department_overall", args=[year.pk]),
        )
        for year in years.filter(status=Status.SUBMITTED).order_by("-year")
    ]
    projects = (
        models.Project.objects.filter(
            department_year__in=years.filter(status=Status.DRAFT), status=Status.SUBMITTED
        )
        .select_related("section")
        .order_by("department_year_id", "position", "pk")
    )
    waiting_projects = [
        TodoItem(
            title=f"{project.code} {project.name}",
            action=f"{project.section.name}已提交，待审核通过或退回",
            url=reverse("project_detail", args=[project.pk]),
        )
        for project in projects
    ]
    groups = []
    if waiting_years:
        groups.append(TodoGroup("待审核签发的年度", waiting_years))
    if waiting_projects:
        more_url = ""
        first = projects.first()
        if first is not None:
            more_url = reverse("project_list", args=[first.department_year_id]) + (
                "?status=submitted"
            )
        groups.append(_capped("待审核的项目", waiting_projects, more_url))
    return groups


def _bureau_groups(user: User) -> list[TodoGroup]:
    years = (
        models.DepartmentYear.objects.filter(department_filter(user), status=Status.GROUP_APPROVED)
        .select_related("department")
        .order_by("department__name", "-year")
    )
    by_department: dict[str, list[TodoItem]] = {}
    for year in years:
        by_department.setdefault(year.department.name, []).append(
            TodoItem(
                title=f"{year.year} 年度",
                action="工作小组已审核签发，待审阅或退回",
                url=reverse("department_overall", args=[year.pk]),
            )
        )
    groups = [TodoGroup(f"待审阅 · {name}", items) for name, items in by_department.items()]
    if len(groups) > SHOWN:
        # A district may have hundreds of departments: list the first, link to all.
        left = sum(len(group.items) for group in groups[SHOWN:])
        groups = groups[:SHOWN]
        groups[-1].more, groups[-1].more_url = left, reverse("bureau") + "?sort=status"
    return groups


def todo_for(user: User) -> list[TodoGroup] | None:
    """The user's to-do list, grouped (empty when nothing waits); None without a role."""
    found = membership(user)
    if found is None:
        return None
    readers = {
        Role.SECTION: _section_groups,
        Role.FINANCE: _finance_groups,
        Role.WORKING_GROUP: _working_group_groups,
        Role.BUREAU: _bureau_groups,
    }
    # Imported here: the goal and ledger groups are built from this module's TodoItem.
    from jixiao.web.selectors.goal_todo import goal_groups
    from jixiao.web.selectors.rectification_todo import rectification_groups

    return goal_groups(user) + readers[found.role](user) + rectification_groups(user)
