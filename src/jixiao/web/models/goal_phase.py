"""The goals' phase of a department-year (目标申报 → 审核 → 批复), a state of the year itself.

The goals are filed before the year: drafted by the sections and finance, submitted,
reviewed or returned by the working group, and approved (批复) by the bureau, which
fixes every target. The year-end work (``Status``) then runs against those targets.
A year imported at year end without going through this has ``NONE``.
"""

from __future__ import annotations

from django.db import models


class GoalPhase(models.TextChoices):
    NONE = "none", "未申报目标"
    DRAFTING = "drafting", "目标申报中"
    SUBMITTED = "submitted", "目标已提交"
    REVIEWED = "reviewed", "目标已审核"
    APPROVED = "approved", "目标已批复"
