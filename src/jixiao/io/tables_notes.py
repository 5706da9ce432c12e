"""The tables workbook's two working sheets, beside the forms a department files.

核对: every score's origin (the workbook row of the indicator or project, or the metric
the system computed), one row per department indicator, project and project indicator.
说明: which rules profile scored the year, and which of its values follow common practice
without a published text behind them. Neither belongs on a form or in the report.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from jixiao.core.evaluation import Evaluation
from jixiao.core.records import Location
from jixiao.core.scoring import ProjectScore

TRACE_SHEET = "核对"
RULES_SHEET = "说明"
NO_SOURCE = "—"
TRACE_HEADERS = (
    ("所在表", 16), ("项目编码", 14), ("项目或指标", 36), ("得分", 10),
    ("来源（所填工作簿）", 34), ("取数方式", 44),
)  # fmt: skip


class TraceRow(NamedTuple):
    sheet: str
    code: str
    name: str
    score: Decimal
    source: str
    how: str


def _source(location: Location | None) -> str:
    return location.describe() if location else NO_SOURCE


def _trace_rows(
    evaluation: Evaluation, scores: tuple[ProjectScore, ...], names: list[str]
) -> Iterator[TraceRow]:
    """Department indicators first, then each project's execution line and indicators."""
    metrics = evaluation.profile.metrics
    for item in evaluation.department_score.indicator_scores:
        metric = item.indicator.metric
        how = f"系统计算：{metrics.get(metric, metric)}" if metric else "填报"
        yield TraceRow("部门整体", "", item.indicator.name, item.score,
                       _source(item.indicator.location), how)  # fmt: skip
    for score, name in zip(scores, names, strict=True):
        project = score.project
        yield TraceRow(name, project.code, f"{project.name}（预算执行率）", score.execution_score,
                       _source(project.location), "系统计算：全年执行数 ÷ 全年预算数")  # fmt: skip
        for item in score.indicator_scores:
            yield TraceRow(name, project.code, item.indicator.name, item.score,
                           _source(item.indicator.location), "填报")  # fmt: skip


def write_trace(
    sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation,
    scores: tuple[ProjectScore, ...], names: list[str],
) -> None:  # fmt: skip
    """核对: where every score of the forms came from, one row each."""
    for col, (header, width) in enumerate(TRACE_HEADERS):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, header, styles["label"])
    row = 0
    for row, line in enumerate(_trace_rows(evaluation, scores, names), start=1):
        for col, text in enumerate((line.sheet, line.code, line.name)):
            sheet.write_string(row, col, text, styles["text"])
        sheet.write_number(row, 3, float(line.score), styles["score"])
        sheet.write_string(row, 4, line.source, styles["text"])
        sheet.write_string(row, 5, line.how, styles["text"])
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row, 1), len(TRACE_HEADERS) - 1)


def write_rules(sheet: Worksheet, styles: dict[str, Format], evaluation: Evaluation) -> None:
    """说明: the rules profile that made the scores, and its unconfirmed values."""
    profile = evaluation.profile
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 80)
    lines = [
        ("规则配置", f"{profile.name}（{profile.id}）"),
        ("适用地区", profile.jurisdiction),
        (
            "计分",
            "各项得分由系统依据实际完成值按上述规则配置计算；核对表列出每项得分在所填工作簿中的来源。",
        ),
    ]
    lines += [("通行做法（尚无正式文件）", text) for text in profile.unconfirmed.values()]
    for row, (label, text) in enumerate(lines):
        sheet.write_string(row, 0, label, styles["label"])
        sheet.write_string(row, 1, text, styles["text"])
