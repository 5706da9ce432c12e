"""The bureau's spot review (财政抽查复核): a district-year's sample and its 复核得分.

A sample keeps its seed and the rules it was drawn by, so the draw can be redone and
checked. Reviews point at projects and indicators with PROTECT: a reviewed record is not
removed by any other path as a side effect.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.models.department_year import Indicator, Project


class SpotSample(models.Model):
    """One draw of the bureau of ``district`` among the signed-off projects of ``year``."""

    district = models.CharField("地区", max_length=100)
    year = models.PositiveSmallIntegerField("年度")
    seed = models.BigIntegerField("随机种子")
    rules = models.JSONField("抽样规则", default=dict)
    money_covered = models.DecimalField("资金覆盖比例", max_digits=7, decimal_places=4)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="抽取人"
    )
    drawn_at = models.DateTimeField("抽取时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "抽查样本"
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="spot_sample_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year} 年度抽查"


class SpotReviewItem(models.Model):
    """A drawn project, with its review total and gaps as the last 复核得分 left them."""

    sample = models.ForeignKey(
        SpotSample, on_delete=models.PROTECT, related_name="items", verbose_name="抽查样本"
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="spot_reviews", verbose_name="项目"
    )
    reason = models.CharField("抽取原因", max_length=50)
    review_total = models.DecimalField(
        "复核总分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    self_gap = models.DecimalField(
        "与自评总分之差", max_digits=6, decimal_places=2, null=True, blank=True
    )
    computed_gap = models.DecimalField(
        "与依据计算得分之差", max_digits=6, decimal_places=2, null=True, blank=True
    )
    flagged = models.BooleanField("差距超过阈值", default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name="复核人",
    )  # fmt: skip
    reviewed_at = models.DateTimeField("复核时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "抽查项目"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "project"], name="spot_item_unique_project")
        ]


class IndicatorReview(models.Model):
    """A reviewer's 复核得分 of one indicator, with the reason where it differs."""

    item = models.ForeignKey(
        SpotReviewItem, on_delete=models.PROTECT, related_name="scores", verbose_name="抽查项目"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="reviews", verbose_name="指标"
    )
    score = models.DecimalField("复核得分", max_digits=6, decimal_places=2)
    reason = models.TextField("复核理由", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="复核人"
    )
    reviewed_at = models.DateTimeField("复核时间", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "指标复核得分"
        constraints = [
            models.UniqueConstraint(fields=["item", "indicator"], name="indicator_review_unique")
        ]
