"""The monitoring rounds a department-year's year-end evaluation reads: the submitted ones,
reviewed by the core, for ``core.monitoring_followup``."""

from __future__ import annotations

from jixiao.core.evaluation import Evaluation
from jixiao.core.monitoring_followup import with_monitoring
from jixiao.core.monitoring_review import MonitoringReview
from jixiao.web import models
from jixiao.web.models import RoundStatus
from jixiao.web.monitoring_conversion import review_round


def submitted_reviews(year: models.DepartmentYear) -> tuple[MonitoringReview, ...]:
    """The year's rounds the working group submitted, earliest first, as the core reviews them."""
    rounds = year.monitoring_rounds.filter(status=RoundStatus.SUBMITTED).order_by("end_month")
    return tuple(
        review_round(round_) for round_ in rounds.select_related("department_year__department")
    )


def with_rounds(year: models.DepartmentYear, evaluation: Evaluation) -> Evaluation:
    """``evaluation`` of ``year`` read against its submitted rounds."""
    return with_monitoring(evaluation, submitted_reviews(year))
