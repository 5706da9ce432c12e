"""The bureau's decision on a result-application suggestion (评价结果应用).

The suggestion itself is computed from the grade and the profile each time it is shown;
what is stored is the bureau's answer to it: accepted (with the amount proposed at the
time) or overridden (with its own amount and a reason), per project or for the whole
department (``project`` empty).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.models.department_year import DepartmentYear, Project
from jixiao.web.models.money_field import MoneyField


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "采纳建议"
    OVERRIDDEN = "overridden", "调整"


class ApplicationDecision(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.PROTECT, related_name="application_decisions",
        verbose_name="部门年度",
    )  # fmt: skip
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.PROTECT,
        related_name="application_decisions", verbose_name="项目",
    )  # fmt: skip
    decision = models.CharField("处理", max_length=20, choices=Decision.choices)
    suggestion = models.CharField("建议", max_length=50)
    amount = MoneyField("下年度安排金额（元）")
    reason = models.TextField("调整理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="处理人"
    )
    decided_at = models.DateTimeField("处理时间", auto_now=True)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "结果应用处理"
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(project__isnull=False),
                name="application_decision_unique_project",
            ),
            models.UniqueConstraint(
                fields=["department_year"], condition=models.Q(project__isnull=True),
                name="application_decision_unique_department",
            ),
        ]  # fmt: skip
