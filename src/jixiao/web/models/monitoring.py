"""A monitoring round (双监控) of a department-year and what its sections file in it.

Finance opens a round (one of the profile's rounds) on the year's projects and
indicators; it enters or imports execution to date per project; each section fills its
indicators' progress with the cause and measure of any deviation and submits; the
working group records a decision per red project and submits the round; the bureau may
return it. The Indicator's 年度指标值 is the approved target the progress is measured
against.

The colours come only from the core's review of these rows. Each MonitoringProject also
keeps a copy of what its review found (its colour, its execution colour, 执行率, 序时进度,
the stated cause and the worst likelihood), written by ``services.monitoring_store`` in
the transaction of every write the review depends on, so the bureau's district lists read
hundreds of departments' rounds with a few queries instead of reviewing each of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.core.monitoring import Decision, DeviationCause, Likelihood
from jixiao.core.monitoring_rules import Colour
from jixiao.web.models.department_year import DepartmentYear, Indicator, Project
from jixiao.web.models.money_field import MoneyField

CAUSE_CHOICES = [(cause.value, cause.value) for cause in DeviationCause]
LIKELIHOOD_CHOICES = [(item.value, item.value) for item in Likelihood]
DECISION_CHOICES = [(item.value, item.value) for item in Decision]
ACHIEVEMENT_CHOICES = [(name, name) for name in ("达成", "部分达成", "未达成")]
COLOUR_CHOICES = [(colour.value, f"{colour.value}色") for colour in Colour]
# What the review found, stored beside the filed values (see the module's docstring); a
# copy, so history rows keep only what people filed.
REVIEWED_FIELDS = ("colour", "execution_colour", "execution_rate", "time_progress",
                   "cause_summary", "worst_likelihood")  # fmt: skip


class RoundStatus(models.TextChoices):
    FILLING = "filling", "填报中"
    SUBMITTED = "submitted", "工作小组已提交"


class MonitoringRound(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.CASCADE, related_name="monitoring_rounds",
        verbose_name="部门年度",
    )  # fmt: skip
    name = models.CharField("监控轮次", max_length=20)
    end_month = models.PositiveSmallIntegerField("截止月份")
    status = models.CharField(
        "状态", max_length=20, choices=RoundStatus.choices, default=RoundStatus.FILLING
    )
    return_reason = models.TextField("退回原因", blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    opened_at = models.DateTimeField("发起时间", auto_now_add=True)
    source_name = models.CharField("导入文件名", max_length=255, blank=True)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "监控轮次"
        ordering = ["department_year", "end_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["department_year", "name"], name="monitoring_round_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_year} {self.name}"


class MonitoringProject(models.Model):
    """A project's budget execution to date in a round, its deviation and the decision."""

    round = models.ForeignKey(
        MonitoringRound, on_delete=models.CASCADE, related_name="projects", verbose_name="监控轮次"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="monitoring_entries", verbose_name="项目"
    )
    month = models.PositiveSmallIntegerField("截至月份")
    executed = MoneyField("累计执行数", default=0)
    expected = MoneyField("全年预计执行数", null=True, blank=True)
    cause = models.CharField("偏差原因", max_length=4, choices=CAUSE_CHOICES, blank=True)
    cause_text = models.CharField("偏差原因说明", max_length=500, blank=True)
    measure = models.CharField("纠偏措施", max_length=500, blank=True)
    decision = models.CharField("处理意见", max_length=10, choices=DECISION_CHOICES, blank=True)
    # 调整目标 needs a goal adjustment, which is started outside the round.
    submitted = models.BooleanField("科室已提交", default=False)
    version = models.PositiveIntegerField("版本号", default=1)
    # Empty until the round's first review stores them.
    colour = models.CharField("预警颜色", max_length=1, choices=COLOUR_CHOICES, blank=True)
    execution_colour = models.CharField(
        "执行预警颜色", max_length=1, choices=COLOUR_CHOICES, blank=True
    )
    # Ratios as the core computes them (0.5833…), kept to ten places: the pages print
    # them to a tenth of a percent.
    execution_rate = models.DecimalField(
        "执行率", max_digits=20, decimal_places=10, null=True, blank=True
    )
    time_progress = models.DecimalField(
        "序时进度", max_digits=20, decimal_places=10, null=True, blank=True
    )
    cause_summary = models.CharField("偏差原因摘要", max_length=510, blank=True)
    worst_likelihood = models.CharField(
        "最低完成可能性", max_length=5, choices=LIKELIHOOD_CHOICES, blank=True
    )
    history = HistoricalRecords(excluded_fields=list(REVIEWED_FIELDS))

    class Meta:
        verbose_name = verbose_name_plural = "项目监控"
        ordering = ["round", "project__position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "project"], name="monitoring_project_unique")
        ]
        indexes = [models.Index(fields=["round", "colour"])]

    def __str__(self) -> str:
        return f"{self.round} {self.project}"


class MonitoringIndicator(models.Model):
    """An indicator's progress in a round (a 部门整体 indicator: ``indicator.project`` empty)."""

    round = models.ForeignKey(
        MonitoringRound, on_delete=models.CASCADE, related_name="indicators",
        verbose_name="监控轮次",
    )  # fmt: skip
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="monitoring_entries", verbose_name="指标"
    )
    value = models.DecimalField(
        "累计完成值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    value_text = models.CharField("累计完成情况", max_length=500, blank=True)
    achievement = models.CharField(
        "完成情况", max_length=4, choices=ACHIEVEMENT_CHOICES, blank=True
    )
    expected = models.CharField("全年预计完成值", max_length=200, blank=True)
    likelihood = models.CharField(
        "完成可能性", max_length=5, choices=LIKELIHOOD_CHOICES, blank=True
    )
    cause = models.CharField("偏差原因", max_length=4, choices=CAUSE_CHOICES, blank=True)
    cause_text = models.CharField("偏差原因说明", max_length=500, blank=True)
    measure = models.CharField("纠偏措施", max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "指标监控"
        ordering = ["round", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "indicator"], name="monitoring_indicator_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.indicator}"
