"""A department's year as database rows, mirroring the core records field for field.

Computed scores are stored beside the filed values so lists and the bureau view read
them without recomputing; every service that changes an input recomputes them through
the core in the same transaction. ``version`` guards against silent overwrites.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.web.models.goal_phase import GoalPhase
from jixiao.web.models.money_field import MoneyField
from jixiao.web.models.organisation import Department, Section


class Status(models.TextChoices):
    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已提交"
    GROUP_APPROVED = "group_approved", "工作小组已审核"
    BUREAU_REVIEWED = "bureau_reviewed", "财政局已审阅"


class DepartmentYear(models.Model):
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="years", verbose_name="部门"
    )
    year = models.PositiveSmallIntegerField("年度")
    profile = models.CharField("规则配置", max_length=100, default="default")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField("退回原因", blank=True)
    lock_override = models.TextField("越过审核签发说明", blank=True)
    goal_phase = models.CharField(
        "目标阶段", max_length=20, choices=GoalPhase.choices, default=GoalPhase.NONE
    )
    goal_return_reason = models.TextField("目标退回原因", blank=True)
    texts = models.JSONField("部门文字", default=dict, blank=True)
    # 决算与管理数据: a few dozen rows filed and replaced with the workbook, amounts as exact
    # decimal text (see web/management_json.py).
    management = models.JSONField("决算与管理数据", default=list, blank=True)
    self_score = models.DecimalField(
        "部门自评总分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    computed_score = models.DecimalField("依据计算得分", max_digits=6, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=10, blank=True)
    dimension_scores = models.JSONField("维度得分", default=dict, blank=True)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("警告数", default=0)
    execution_rate = models.DecimalField("预算执行率", max_digits=7, decimal_places=2, null=True)
    # Stored by recompute so the bureau's list of a whole district reads plain columns.
    declared_score = models.DecimalField("自报总分", max_digits=6, decimal_places=2, null=True)
    declared_is_derived = models.BooleanField("自报总分由指标自评得分合计", default=False)
    project_count = models.PositiveIntegerField("项目数", default=0)
    project_average_score = models.DecimalField(
        "项目平均计算得分", max_digits=6, decimal_places=2, null=True
    )
    project_average_self_score = models.DecimalField(
        "项目平均自评总分", max_digits=6, decimal_places=2, null=True
    )
    version = models.PositiveIntegerField("版本号", default=1)
    source_name = models.CharField("导入文件名", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "部门年度"
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="department_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department.name} {self.year}"


class BudgetLine(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name="部门年度",
    )
    source = models.CharField("预算类型", max_length=20)
    class_code = models.CharField("科目编码", max_length=7)
    class_name = models.CharField("科目名称", max_length=100, blank=True)
    kind = models.CharField("支出类型", max_length=10)
    initial = MoneyField("年初预算数")
    final = MoneyField("全年预算数")
    actual = MoneyField("全年执行数")
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "预算收支"
        ordering = ["position"]


class Project(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.CASCADE, related_name="projects", verbose_name="部门年度"
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="projects", verbose_name="责任科室"
    )
    code = models.CharField("项目编码", max_length=50)
    name = models.CharField("项目名称", max_length=200)
    level = models.CharField("项目层级", max_length=4, default="二级")
    source = models.CharField("预算类型", max_length=20)
    class_code = models.CharField("科目编码", max_length=7)
    initial = MoneyField("年初预算数")
    final = MoneyField("全年预算数")
    actual = MoneyField("全年执行数")
    carryover_initial = MoneyField("上年结转年初预算数", default=0)
    carryover_final = MoneyField("上年结转预算数", default=0)
    carryover_actual = MoneyField("上年结转执行数", default=0)
    other_initial = MoneyField("其他资金年初预算数", default=0)
    other_final = MoneyField("其他资金预算数", default=0)
    other_actual = MoneyField("其他资金执行数", default=0)
    goal = models.TextField("年度总体目标", blank=True)
    goal_outcome = models.TextField("实际完成情况", blank=True)
    execution_explanation = models.TextField("执行偏差说明", blank=True)
    self_score = models.DecimalField(
        "自评总分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    illustrative = models.BooleanField("示例数据", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField("退回原因", blank=True)
    computed_score = models.DecimalField("依据计算得分", max_digits=6, decimal_places=2, null=True)
    grade = models.CharField("等级", max_length=10, blank=True)
    execution_rate = models.DecimalField("执行率", max_digits=7, decimal_places=2, null=True)
    position = models.PositiveIntegerField("排序", default=0)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "项目"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["department_year", "code"], name="project_unique_code")
        ]
        indexes = [
            models.Index(fields=["department_year", "section"]),
            # Indicator suggestions read the district's history by functional class.
            models.Index(fields=["class_code"], name="project_class_code"),
            # Covers the district's 结果应用建议表: its budgets by year and grade are read
            # from the index alone, not from every project's (wide) row.
            models.Index(fields=["department_year", "grade", "final"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    """A project indicator (``project`` set) or a department indicator (``project`` empty)."""

    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.CASCADE, related_name="indicators", verbose_name="部门年度"
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name="项目",
    )
    dimension = models.CharField("维度", max_length=10, blank=True)
    level1 = models.CharField("一级指标", max_length=20)
    level2 = models.CharField("二级指标", max_length=50)
    name = models.CharField("三级指标", max_length=200)
    kind = models.CharField("指标性质", max_length=4)
    operator = models.CharField("运算符", max_length=2, blank=True)
    target = models.DecimalField(
        "年度指标值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField("度量单位", max_length=20, blank=True)
    weight = models.DecimalField("分值", max_digits=6, decimal_places=2)
    actual = models.DecimalField(
        "实际完成值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    band = models.CharField("完成等级", max_length=10, blank=True)
    self_score = models.DecimalField(
        "自评得分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    applicable = models.BooleanField("是否适用", default=True)
    explanation = models.TextField("偏差原因分析及改进措施", blank=True)
    evidence = models.TextField("佐证材料", blank=True)
    basis = models.CharField("指标值依据", max_length=20, blank=True)
    target_text = models.CharField("年度指标值（文字）", max_length=200, blank=True)
    actual_text = models.CharField("实际完成值（文字）", max_length=500, blank=True)
    previous_actual = models.DecimalField(
        "上年实际完成值", max_digits=20, decimal_places=4, null=True, blank=True
    )
    previous_actual_text = models.CharField("上年实际完成值（文字）", max_length=500, blank=True)
    target_reason = models.TextField("目标值说明", blank=True)
    metric = models.CharField("自动取数", max_length=50, blank=True)
    computed_score = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True)
    computed_status = models.CharField("完成状态", max_length=10, blank=True)
    position = models.PositiveIntegerField("排序", default=0)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "绩效指标"
        ordering = ["position"]
        indexes = [models.Index(fields=["department_year", "project"])]

    def __str__(self) -> str:
        return self.name


class Statement(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.CASCADE, related_name="statements", verbose_name="部门年度"
    )
    kind = models.CharField("类型", max_length=4)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    position = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "问题与措施"
        ordering = ["position"]


class Finding(models.Model):
    """The checks' findings as of the last recomputation (replaced each time)."""

    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.CASCADE, related_name="findings", verbose_name="部门年度"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, verbose_name="项目"
    )
    code = models.CharField("问题代码", max_length=50)
    severity = models.CharField("严重程度", max_length=10)
    message = models.TextField("说明")
    location = models.CharField("位置", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "问题"


class Evidence(models.Model):
    """A file attached to an indicator's actual value (佐证材料).

    An import that removes the indicator keeps the file: it moves to the department-year
    (``kept_in_year``) with the removed indicator's name (``former_indicator``). PROTECT
    makes any other path that would delete an indicator with files fail instead.
    """

    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_files",
        verbose_name="指标",
    )
    kept_in_year = models.ForeignKey(
        DepartmentYear, null=True, blank=True, on_delete=models.PROTECT,
        related_name="kept_evidence", verbose_name="保留于部门年度",
    )  # fmt: skip
    former_indicator = models.CharField("原所属指标（已删除）", max_length=500, blank=True)
    file = models.FileField("文件", upload_to="evidence/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("校验值", max_length=64)
    uploaded_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(indicator__isnull=False) | models.Q(kept_in_year__isnull=False),
                name="evidence_belongs_somewhere",
            )
        ]


class RulesProfileRecord(models.Model):
    """A rules profile kept in the database so an administrator can edit it."""

    key = models.CharField("标识", max_length=100, unique=True)
    text = models.TextField("TOML 内容")

    class Meta:
        verbose_name = verbose_name_plural = "规则配置"

    def __str__(self) -> str:
        return self.key
