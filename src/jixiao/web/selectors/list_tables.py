"""Each list page's rows as the page shows them, for its Excel export (``web.list_output``).

A builder takes the rows the page's own selector returned (filtered and sorted by the
same query) and writes each cell as the page shows it: the same columns in the same
order, the same status words, a missing figure as “—”. Figures stay numbers, with the
page's precision as their number format.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.core.finding_codes import finding_name
from jixiao.core.money import HUNDRED, yuan_to_wan
from jixiao.io.list_xlsx import AMOUNT, PERCENT, SCORE, SIGNED, WHOLE, ListColumn, ListTable
from jixiao.web import models
from jixiao.web.selectors.bureau import COLUMNS as BUREAU_COLUMNS
from jixiao.web.selectors.bureau import BureauRow
from jixiao.web.selectors.monitoring_district import RED_COLUMNS, RedRow
from jixiao.web.selectors.projects import SORTS, score_gap

DERIVED_NOTE = "自报总分由部门整体指标自评得分合计"


def _ratio(percent: Decimal | None) -> Decimal | None:
    """A stored percent (95.12) as the ratio a percent-formatted cell holds (0.9512)."""
    return None if percent is None else percent / HUNDRED


def project_status(project: models.Project, locked: bool) -> str:
    """The 状态 cell: the status, 已锁定 after the lock, the reason of a return."""
    parts = [project.get_status_display()]
    if locked:
        parts.append("已锁定")
    if project.return_reason:
        parts.append(f"已退回：{project.return_reason}")
    return " ".join(parts)


def project_table(
    projects: Iterable[models.Project], *, title: str, filters: str, locked: bool
) -> ListTable:
    """The project list's columns and rows (``selectors.projects.filtered_projects``)."""
    label = {key: heading for key, (heading, _) in SORTS.items()}
    columns = (
        ListColumn(label["code"], 12), ListColumn(label["name"], 34), ListColumn("科室", 14),
        ListColumn("预算类型", 14), ListColumn(label["final"], 14, AMOUNT),
        ListColumn(label["rate"], 10, PERCENT), ListColumn(label["score"], 10, SCORE),
        ListColumn("等级", 6), ListColumn(label["self"], 10, SCORE),
        ListColumn(label["gap"], 8, SCORE), ListColumn("状态", 22),
    )  # fmt: skip
    rows = [
        (p.code, p.name, p.section.name if p.section else None, p.source,
         yuan_to_wan(p.final), _ratio(p.execution_rate), p.computed_score, p.grade or "",
         p.self_score, score_gap(p), project_status(p, locked))
        for p in projects
    ]  # fmt: skip
    return ListTable(title, columns, rows, filters, sheet_name="项目")


def finding_table(findings: Iterable[models.Finding], *, title: str, filters: str) -> ListTable:
    """The 问题 list's columns and rows (``selectors.findings.findings``)."""
    columns = (ListColumn("严重程度", 8), ListColumn("问题类型", 24), ListColumn("位置", 24),
               ListColumn("项目", 30), ListColumn("说明", 60))  # fmt: skip
    rows = [
        (f.severity_label, finding_name(f.code), f.location or None,
         f"{f.project.code} {f.project.name}" if f.project else "部门整体", f.message)
        for f in findings
    ]  # fmt: skip
    return ListTable(title, columns, rows, filters, sheet_name="问题")


BUREAU_FORMATS = {"computed": SCORE, "declared": SCORE, "gap": SIGNED, "execution": PERCENT,
                  "errors": WHOLE, "warnings": WHOLE, "projects": WHOLE,
                  "project_computed": SCORE, "project_declared": SCORE}  # fmt: skip


def bureau_table(rows: Iterable[BureauRow], *, title: str, filters: str) -> ListTable:
    """The bureau's side-by-side columns and rows (``selectors.bureau.rows_for``), with a
    备注 column where the page marks a derived 自报总分 with “*”."""
    columns = (
        *(
            ListColumn(label, 16 if key == "department" else 10, BUREAU_FORMATS.get(key, ""))
            for key, label, _ in BUREAU_COLUMNS
        ),
        ListColumn("备注", 30),
    )
    cells = [
        (r.year.department.name, r.year.year, r.year.get_status_display(), r.year.computed_score,
         r.declared_score, r.gap, r.year.grade or None, _ratio(r.year.execution_rate),
         r.year.error_count, r.year.warning_count, r.project_count, r.project_computed_avg,
         r.project_declared_avg, DERIVED_NOTE if r.declared_is_derived else "")
        for r in rows
    ]  # fmt: skip
    return ListTable(title, columns, cells, filters, sheet_name="各部门对比")


def monitoring_red_table(
    rows: Iterable[RedRow], *, executed_label: str, title: str, filters: str
) -> ListTable:
    """The district's red projects (``selectors.monitoring_district.red_entries``) as the
    bureau's red-project table shows them, with the executed column's heading."""
    widths = {"department": 18, "code": 14, "name": 32, "cause": 30, "decision": 12}
    formats = {"final": AMOUNT, "executed": AMOUNT, "rate": PERCENT, "time": PERCENT}
    columns = tuple(
        ListColumn(executed_label if key == "executed" else label, widths.get(key, 12),
                   formats.get(key, ""))
        for key, label, _ in RED_COLUMNS
    )  # fmt: skip
    cells = [
        (r.department, r.code, r.name, yuan_to_wan(r.final), yuan_to_wan(r.executed), r.rate,
         r.time, r.cause or None, r.likelihood or None, r.decision_text)
        for r in rows
    ]  # fmt: skip
    return ListTable(title, columns, cells, filters, sheet_name="红色预警项目")
