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
from jixiao.web.models.rectification import RectificationEvidence, RectificationTask
from jixiao.web.models.revision import DataRevision

__all__ = [
    "BudgetLine", "DataRevision", "Department", "DepartmentYear", "Evidence", "Finding", "Indicator",
    "Membership", "Project", "RectificationEvidence", "RectificationTask", "Role",
    "RulesProfileRecord", "Section", "Statement", "Status",
]  # fmt: skip
