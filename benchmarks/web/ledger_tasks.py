"""Rectification tasks for the ledger benchmark, written straight into the database.

Run as ``python benchmarks/web/ledger_tasks.py DISTRICT PER_DEPARTMENT`` with the
server's environment. Each department-year of the district gets ``PER_DEPARTMENT`` tasks
spread over its sections: a third closed (with an evidence row), a fifth overdue, the
rest open, with sources in turn. They are bulk-inserted rather than made through the
services (one transaction per task would make setting up 3,000 tasks the benchmark);
the pages read them exactly as they read tasks the services made. Prints JSON: the
department ids.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import timedelta


def seed(district: str, per_department: int) -> list[int]:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from jixiao.core.rectification_rules import TaskSource
    from jixiao.web import models

    today = timezone.localdate()
    creator = User.objects.filter(membership__role=models.Role.BUREAU).first()
    sources = list(TaskSource)
    tasks = []
    years = models.DepartmentYear.objects.filter(department__district=district)
    for year in years.prefetch_related("department__sections"):
        sections = list(year.department.sections.all()) or [None]
        for number in range(per_department):
            closed = number % 3 == 0
            overdue = not closed and number % 5 == 1
            tasks.append(models.RectificationTask(
                department_year=year, section=sections[number % len(sections)],
                source=sources[number % len(sources)].value,
                problem=f"第 {number + 1} 项问题：项目自评总分与依据指标计算的得分相差较大，佐证材料不足",
                measure="对照实际完成值重新核定自评分，补充佐证材料" if number % 2 else "",
                deadline=today - timedelta(days=3) if overdue else today + timedelta(days=30 + number),
                progress="done" if closed else ("in_progress" if number % 2 else "not_started"),
                created_by=creator, created_on=today - timedelta(days=60),
                closed_by=creator if closed else None, closed_at=timezone.now() if closed else None,
            ))  # fmt: skip
    created = models.RectificationTask.objects.bulk_create(tasks, batch_size=1000)
    models.RectificationEvidence.objects.bulk_create(
        [
            models.RectificationEvidence(
                task=task,
                file="rectification/bench.pdf",
                original_name="整改报告.pdf",
                size=1,
                sha256="0" * 64,
                uploaded_by=creator,
            )
            for task in created
            if task.progress == "done"
        ],
        batch_size=1000,
    )
    return sorted({year.department_id for year in years})


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    json.dump(seed(sys.argv[1], int(sys.argv[2])), sys.stdout)


if __name__ == "__main__":
    main()
