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
from jixiao.web.models.organisation import Department, Membership, Role, Section

__all__ = [
    "BudgetLine", "Department", "DepartmentYear", "Evidence", "Finding", "Indicator",
    "Membership", "Project", "Role", "RulesProfileRecord", "Section", "Statement", "Status",
]  # fmt: skip
