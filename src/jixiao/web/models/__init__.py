from jixiao.web.models.department_year import (
    BudgetLine,
    DepartmentYear,
    Evidence,
    Finding,
    Indicator,
    Project,
    RulesProfileRecord,
    Statement,
    Status,
)
from jixiao.web.models.goal_adjustment import AdjustmentStatus, GoalAdjustment
from jixiao.web.models.goal_phase import GoalPhase
from jixiao.web.models.organisation import Department, Membership, Role, Section
from jixiao.web.models.revision import DataRevision

__all__ = [
    "AdjustmentStatus", "BudgetLine", "DataRevision", "Department", "DepartmentYear", "Evidence", "Finding", "GoalAdjustment", "GoalPhase", "Indicator",
    "Membership", "Project", "Role", "RulesProfileRecord", "Section", "Statement", "Status",
]  # fmt: skip
