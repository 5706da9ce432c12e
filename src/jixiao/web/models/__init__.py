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
from jixiao.web.models.monitoring import (
    MonitoringIndicator,
    MonitoringProject,
    MonitoringRound,
    RoundStatus,
)
from jixiao.web.models.organisation import Department, Membership, Role, Section
from jixiao.web.models.publication import Publication
from jixiao.web.models.rectification import RectificationEvidence, RectificationTask
from jixiao.web.models.result_application import ApplicationDecision, Decision
from jixiao.web.models.revision import DataRevision
from jixiao.web.models.spot_review import IndicatorReview, SpotReviewItem, SpotSample

__all__ = [
    "AdjustmentStatus", "ApplicationDecision", "BudgetLine", "DataRevision", "Decision",
    "Department", "DepartmentYear", "Evidence", "Finding", "GoalAdjustment", "GoalPhase",
    "Indicator", "IndicatorReview", "Membership", "MonitoringIndicator", "MonitoringProject",
    "MonitoringRound", "Project", "Publication", "RectificationEvidence", "RectificationTask",
    "Role", "RoundStatus", "RulesProfileRecord", "Section", "SpotReviewItem", "SpotSample",
    "Statement", "Status",
]  # fmt: skip
