"""Everything a department-year's run writes, staged so a failure leaves nothing behind."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jixiao.core.evaluation import Evaluation
from jixiao.core.narrative.report import build_report
from jixiao.io.report_docx import write_docx
from jixiao.io.report_html import write_html
from jixiao.io.tables_xlsx import write_tables


def output_names(stem: str) -> dict[str, str]:
    return {
        "docx": f"{stem}-自评报告.docx",
        "html": f"{stem}-自评报告.html",
        "xlsx": f"{stem}-自评表.xlsx",
    }


def write_outputs(
    evaluation: Evaluation, folder: Path, stem: str, *, project_appendix: bool = False
) -> dict[str, Path]:
    """Write report (.docx, .html) and tables (.xlsx) into ``folder`` all or nothing.

    ``project_appendix`` adds the long list of every project's score to the report.

    Files are written to a staging folder beside ``folder`` and moved in only once all
    exist, so an interrupted run never leaves a half-written report where users look.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = output_names(stem)
    report = build_report(evaluation, project_appendix=project_appendix)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".jixiao-") as staging:
        staged = Path(staging)
        write_docx(report, staged / names["docx"])
        write_html(report, staged / names["html"])
        write_tables(evaluation, staged / names["xlsx"])
        final = {}
        for kind, name in names.items():
            target = folder / name
            shutil.move(str(staged / name), target)
            final[kind] = target
    return final
