"""Who works where: departments, their sections, and each user's role."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Department(models.Model):
    """A budget unit (部门), e.g. a street office, within a district."""

    name = models.CharField("部门名称", max_length=100)
    full_name = models.CharField("部门全称", max_length=200, blank=True)
    parent = models.CharField("主管部门", max_length=200, blank=True)
    district = models.CharField("地区", max_length=100, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "部门"
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """A business section (业务科室) that owns projects."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="sections", verbose_name="部门"
    )
    name = models.CharField("科室名称", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "业务科室"
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="section_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.department.name}·{self.name}"


class Role(models.TextChoices):
    FINANCE = "finance", "财务人员"
    SECTION = "section", "业务科室"
    WORKING_GROUP = "working_group", "工作小组"
    BUREAU = "bureau", "财政局"


class Membership(models.Model):
    """A user's role: in a department (finance, working group), a section, or a district."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership",
        verbose_name="用户",
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.CASCADE, verbose_name="部门"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, verbose_name="科室"
    )
    district = models.CharField("地区（财政局）", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
