"""Who may draft, review and approve a department-year's goals (the rules of ``roles``
for the goals before the year).

业务科室 drafts its own projects' goals; 财务人员 drafts every project's and the
部门整体 goals; all of it only while the goals are 目标申报中. Once submitted nothing
changes until the working group or the bureau returns them; once approved, the targets
change only by an approved adjustment.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from jixiao.web import models
from jixiao.web.models import GoalPhase, Role
from jixiao.web.roles import membership

# The phases in which the goals (targets, operators, units, weights) are fixed.
GOALS_FIXED = (GoalPhase.SUBMITTED, GoalPhase.REVIEWED, GoalPhase.APPROVED)


def targets_locked(year: models.DepartmentYear) -> bool:
    """Approved goals: no target, operator, unit or weight changes by any path."""
    return year.goal_phase == GoalPhase.APPROVED


def can_draft_project_goals(user: User, project: models.Project) -> bool:
    """The project's section, or finance of its department, while the goals are drafted."""
    year = project.department_year
    found = membership(user)
    if year.goal_phase != GoalPhase.DRAFTING or found is None:
        return False
    if found.role == Role.SECTION:
        return found.section_id == project.section_id
    return found.role == Role.FINANCE and found.department_id == year.department_id


def can_draft_department_goals(user: User, year: models.DepartmentYear) -> bool:
    """Finance fills the 部门整体 goals while the goals are drafted."""
    found = membership(user)
    return (
        year.goal_phase == GoalPhase.DRAFTING
        and found is not None
        and found.role == Role.FINANCE
        and found.department_id == year.department_id
    )


def goal_role(user: User, year: models.DepartmentYear) -> str | None:
    """The user's role for the year's goals as a whole (None outside its reach)."""
    found = membership(user)
    if found is None:
        return None
    if found.role == Role.BUREAU:
        return found.role if found.district == year.department.district else None
    return found.role if found.department_id == year.department_id else None
