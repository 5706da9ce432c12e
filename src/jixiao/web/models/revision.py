"""The revision of a department-year's shown data: the key of its cached page parts.

A new random number with every change (``services.revision`` says why), written by
``services.revision.touch`` in the transaction of the change it marks. Kept in its own
table rather than on DepartmentYear so that no save of a year loaded earlier can write
an old revision back.
"""

from __future__ import annotations

from django.db import models

from jixiao.web.models.department_year import DepartmentYear


class DataRevision(models.Model):
    year = models.OneToOneField(
        DepartmentYear,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="revision",
        verbose_name="部门年度",
    )
    value = models.PositiveBigIntegerField("版本值", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "数据版本"

    def __str__(self) -> str:
        return f"{self.year_id}@{self.value}"
