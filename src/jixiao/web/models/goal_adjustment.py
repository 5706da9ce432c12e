"""目标调整: a request to change one approved target, and its decision.

After the bureau approves the goals, a target changes only through one of these: the
section (or finance) asks with the new value and a reason, the department (working group
or finance) passes it, the bureau approves it, and only then is the target changed, with
a history row on the indicator naming the adjustment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.models.department_year import DepartmentYear, Indicator


class AdjustmentStatus(models.TextChoices):
    REQUESTED = "requested", "待部门审核"
    PASSED = "passed", "待财政局批准"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class GoalAdjustment(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.CASCADE, related_name="goal_adjustments",
        verbose_name="部门年度",
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="adjustments", verbose_name="指标"
    )
    old_target = models.DecimalField(
        "原年度指标值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    new_target = models.DecimalField(
        "调整后年度指标值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    old_target_text = models.CharField("原年度指标值（文字）", max_length=200, blank=True)
    new_target_text = models.CharField("调整后年度指标值（文字）", max_length=200, blank=True)
    reason = models.TextField("调整原因")
    status = models.CharField(
        "状态", max_length=20, choices=AdjustmentStatus.choices, default=AdjustmentStatus.REQUESTED
    )
    decision_reason = models.TextField("不予批准原因", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="申请人"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "目标调整"
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.indicator} 目标调整"
