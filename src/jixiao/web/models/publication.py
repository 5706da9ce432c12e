"""信息公开: when and where a finished year's package was published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.models.department_year import DepartmentYear


class Publication(models.Model):
    """The publication of one department-year's package (date and address), kept with
    its history: a correction is a new version, never a silent overwrite."""

    department_year = models.OneToOneField(
        DepartmentYear, on_delete=models.PROTECT, related_name="publication",
        verbose_name="部门年度",
    )  # fmt: skip
    published_on = models.DateField("公开日期")
    address = models.URLField("公开网址", max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="登记人"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now=True)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "信息公开"

    def __str__(self) -> str:
        return f"{self.department_year} 公开于 {self.published_on}"
