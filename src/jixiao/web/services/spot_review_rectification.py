"""Where a flagged spot-review gap becomes a rectification task (整改任务).

The rectification ledger creates a task from a source; for the bureau's review the
source is what ``review_finding`` returns for a flagged project. Its service is called
from here once the ledger exists: this module is the one place that hands a review over.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.narrative.indicator_text import plain
from jixiao.web import models

SOURCE = "财政抽查复核"


@dataclass(frozen=True)
class ReviewFinding:
    """A problem the bureau's review found, as a rectification task takes it."""

    source: str
    department_year_id: int
    project_id: int
    section_id: int
    problem: str


def review_finding(item: models.SpotReviewItem) -> ReviewFinding | None:
    """The problem a flagged item states (None when its gap is within the threshold)."""
    if not item.flagged:
        return None
    project = item.project
    gaps = [f"{label} {plain(score)} 分" for label, score in
            (("自评总分", project.self_score), ("依据计算得分", project.computed_score))
            if score is not None]  # fmt: skip
    problem = (
        f"项目“{project.name}”（{project.code}）财政抽查复核得分 {plain(item.review_total)} 分，"
        f"与{'、'.join(gaps)}差距超过阈值，须核实自评依据并整改。"
    )
    return ReviewFinding(
        SOURCE, project.department_year_id, project.pk, project.section_id, problem
    )
