"""What ``jixiao goals`` writes for a goals workbook, staged so a failure leaves nothing:
the 绩效目标申报表 (.xlsx) and the 目标审核意见 (.xlsx and .docx)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jixiao.core.goal_review import GoalReview
from jixiao.core.goal_review_document import build_review_document
from jixiao.io.declaration_layout import DeclarationLayout
from jixiao.io.declaration_xlsx import write_declarations
from jixiao.io.goal_review_xlsx import write_review_xlsx
from jixiao.io.report_docx import write_docx


def goal_output_names(stem: str) -> dict[str, str]:
    return {
        "declaration": f"{stem}-绩效目标申报表.xlsx",
        "review_xlsx": f"{stem}-目标审核意见.xlsx",
        "review_docx": f"{stem}-目标审核意见.docx",
    }


def write_goal_outputs(
    review: GoalReview, layout: DeclarationLayout, folder: Path, stem: str
) -> dict[str, Path]:
    """Write the forms and the review into ``folder``, all or nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    names = goal_output_names(stem)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".jixiao-") as staging:
        staged = Path(staging)
        write_declarations(review.data, layout, staged / names["declaration"])
        write_review_xlsx(review, staged / names["review_xlsx"])
        write_docx(build_review_document(review), staged / names["review_docx"])
        final = {}
        for kind, name in names.items():
            target = folder / name
            shutil.move(str(staged / name), target)
            final[kind] = target
    return final
