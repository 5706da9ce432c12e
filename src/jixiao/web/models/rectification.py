"""The rectification ledger (整改台账): tasks and their evidence of completion.

A task belongs to the department-year whose problem it rectifies, is owned by a
section (or by the department as a whole when ``section`` is empty) and copies its
problem's text, since the findings it may come from are replaced at every
recomputation. Nothing here is ever deleted: PROTECT keeps a year, a section or a
user with tasks from going, and a removed project leaves its task with the project's
name in ``project_label``.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.core.rectification import TaskProgress
from jixiao.core.rectification_rules import SOURCE_LABELS
from jixiao.web.models.department_year import DepartmentYear, Project
from jixiao.web.models.organisation import Section

SOURCE_CHOICES = [(source.value, label) for source, label in SOURCE_LABELS.items()]
PROGRESS_CHOICES = [
    (TaskProgress.NOT_STARTED.value, "未开始"),
    (TaskProgress.IN_PROGRESS.value, "整改中"),
    (TaskProgress.DONE.value, "已完成"),
]


class RectificationTask(models.Model):
    department_year = models.ForeignKey(
        DepartmentYear, on_delete=models.PROTECT, related_name="rectification_tasks",
        verbose_name="问题所属部门年度",
    )  # fmt: skip
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT,
        related_name="rectification_tasks", verbose_name="责任科室",
    )  # fmt: skip
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="rectification_tasks", verbose_name="项目",
    )  # fmt: skip
    project_label = models.CharField("项目", max_length=260, blank=True)
    source = models.CharField("问题来源", max_length=20, choices=SOURCE_CHOICES)
    # Names the finding a task was made from, so it does not become two tasks.
    source_key = models.CharField("来源标识", max_length=500, blank=True)
    problem = models.TextField("存在的问题")
    measure = models.TextField("整改措施", blank=True)
    progress_note = models.TextField("整改情况", blank=True)
    deadline = models.DateField("整改期限")
    progress = models.CharField(
        "整改进度", max_length=20, choices=PROGRESS_CHOICES, default=TaskProgress.NOT_STARTED.value
    )
    created_by = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_on = models.DateField("创建日期")
    closed_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="销号人",
    )  # fmt: skip
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    close_note = models.TextField("销号意见", blank=True)
    version = models.PositiveIntegerField("版本号", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "整改任务"
        ordering = ["deadline", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["department_year", "source_key"],
                condition=~models.Q(source_key=""),
                name="rectification_one_task_per_finding",
            )
        ]
        indexes = [models.Index(fields=["progress", "deadline"])]

    def __str__(self) -> str:
        return self.problem[:50]


class RectificationEvidence(models.Model):
    """A file showing a task was done (整改佐证材料), stored like indicator evidence."""

    task = models.ForeignKey(
        RectificationTask, on_delete=models.PROTECT, related_name="evidence_files",
        verbose_name="整改任务",
    )  # fmt: skip
    file = models.FileField("文件", upload_to="rectification/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("校验值", max_length=64)
    uploaded_by = models.ForeignKey("auth.User", on_delete=models.PROTECT, verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改佐证材料"
        ordering = ["uploaded_at", "pk"]
