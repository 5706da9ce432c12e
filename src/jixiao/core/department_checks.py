"""Checks of the department's own indicators against the profile's 部门整体 framework.

A 管理效率 row labelled 产出指标 would be filed under the wrong first-level class; a
管理效率 metric the data let the system compute may not be typed in by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from jixiao.core.findings import Finding, Severity

if TYPE_CHECKING:
    from jixiao.core.evaluation import Evaluation


def check_department_classes(evaluation: Evaluation) -> Iterator[Finding]:
    """Each department indicator's 一级指标 is one its dimension holds (department.classes)."""
    classes = evaluation.profile.department_classes
    for indicator in evaluation.data.department_indicators:
        if indicator.dimension is None:
            continue
        allowed = classes.get(indicator.dimension.value, ())
        if allowed and indicator.level1 not in allowed:
            yield Finding(
                "DEPARTMENT_CLASS",
                Severity.WARNING,
                f"部门整体指标“{indicator.name}”属{indicator.dimension.value}，一级指标应为"
                f"{'、'.join(allowed)}，实为“{indicator.level1}”",
                indicator.location,
            )


def check_typed_management_metrics(evaluation: Evaluation) -> Iterator[Finding]:
    """A department indicator stating a 管理效率 metric the system computes from
    决算与管理数据 must take it in 自动取数, not a typed value or 达成."""
    for indicator in evaluation.data.department_indicators:
        if indicator.metric or not indicator.applicable:
            continue
        for key, value in evaluation.management.items():
            metric = value.metric
            if any(word in indicator.name for word in metric.words):
                yield Finding(
                    "MANAGEMENT_METRIC_TYPED",
                    Severity.ERROR,
                    f"部门整体指标“{indicator.name}”是{metric.name}，系统已据决算与管理数据计算为 "
                    f"{value.value}%（{metric.formula}）：请在“自动取数”填写 {key}，不要手填",
                    indicator.location,
                )
                break
