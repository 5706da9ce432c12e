"""What ``jixiao monitor`` writes for a round, staged so a failure leaves nothing: the
绩效监控表 (.xlsx: 部门整体 and per project) and the 绩效监控报告 (.docx)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jixiao.core.monitoring_report import build_monitoring_report
from jixiao.core.monitoring_review import MonitoringReview
from jixiao.io.monitoring_layout import MonitoringLayout
from jixiao.io.monitoring_xlsx import write_monitoring_forms
from jixiao.io.report_docx import write_docx


def monitoring_output_names(stem: str) -> dict[str, str]:
    return {"forms": f"{stem}-绩效监控表.xlsx", "report": f"{stem}-绩效监控报告.docx"}


def write_monitoring_outputs(
    review: MonitoringReview, layout: MonitoringLayout, folder: Path, stem: str
) -> dict[str, Path]:
    """Write the forms and the report into ``folder``, all or nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    names = monitoring_output_names(stem)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".jixiao-") as staging:
        staged = Path(staging)
        write_monitoring_forms(review, layout, staged / names["forms"])
        write_docx(build_monitoring_report(review), staged / names["report"])
        final = {}
        for kind, name in names.items():
            target = folder / name
            shutil.move(str(staged / name), target)
            final[kind] = target
    return final
