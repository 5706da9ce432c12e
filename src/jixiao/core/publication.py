"""信息公开: what a finished year publishes besides its report.

The 项目支出绩效自评表 as a document of tables (one per project: its funds, its indicators,
its total and grade), and the published figures as plain data for a JSON file. Both
carry only what the forms and the report state: no workbook rows, no rules notes.
Amounts are 万元 with two decimals, rounded half-up, written as text so no float appears.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_percent, yuan_to_wan
from jixiao.core.narrative.indicator_text import actual_text, approved_target_text
from jixiao.core.narrative.report import ILLUSTRATIVE_NOTE
from jixiao.core.report_model import Block, Paragraph, ReportDocument, Table
from jixiao.core.scoring import ProjectScore, Status

INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                     "偏差原因分析及改进措施")  # fmt: skip
RATE_PLACES = Decimal("0.01")


def _wan(amount: Decimal) -> str:
    """万元 as the forms print it: 25,748.56."""
    return f"{yuan_to_wan(amount):,.2f}"


def _wan_figure(amount: Decimal) -> str:
    """万元 as data: 25748.56."""
    return f"{yuan_to_wan(amount):.2f}"


def _rate(rate: Decimal | None) -> str:
    return "—" if rate is None else format_percent(rate, RATE_PLACES)


def _project_blocks(score: ProjectScore, department: str) -> tuple[Block, ...]:
    project = score.project
    funds = project.total
    header = Paragraph(
        f"项目名称：{project.name}（{project.code}）　主管部门：{department}　"
        f"年度资金总额：年初预算数 {_wan(funds.initial)} 万元，全年预算数 {_wan(funds.final)} 万元，"
        f"全年执行数 {_wan(funds.actual)} 万元，执行率 {_rate(score.execution_rate)}。"
    )
    rows = [("预算执行率", "—", "预算执行率", "—", _rate(score.execution_rate),
             format(score.execution_weight.normalize(), "f"), str(score.execution_score), "")]  # fmt: skip
    for item in score.indicator_scores:
        indicator = item.indicator
        shown = "不适用" if item.status is Status.NOT_APPLICABLE else str(item.score)
        rows.append((indicator.level1, indicator.level2, indicator.name, approved_target_text(item),
                     actual_text(item), format(indicator.weight.normalize(), "f"), shown,
                     indicator.explanation))  # fmt: skip
    rows.append(("总分", "", "", "", "", "100", str(score.total), f"自评结论：{score.grade}"))
    table = Table(
        caption=f"{project.name}项目支出绩效自评表", headers=INDICATOR_HEADERS, rows=tuple(rows),
        numeric_columns=frozenset({5, 6}), wide_columns=frozenset({2, 7}),
    )  # fmt: skip
    return (header, table)


def self_evaluation_forms(evaluation: Evaluation) -> ReportDocument:
    """The 项目支出绩效自评表 of every project, as one document to publish."""
    department = evaluation.data.department
    name = department.full_name or department.name
    blocks: list[Block] = []
    for score in evaluation.project_scores:
        blocks.extend(_project_blocks(score, name))
    title = f"{name}{department.year}年度项目支出绩效自评表"
    # Illustrative figures say so here as in the report: a published form must not pass
    # for a filed one.
    illustrative = any(project.illustrative for project in evaluation.data.projects)
    return ReportDocument(title=title, blocks=tuple(blocks), signature=(name,),
                          cover_note=ILLUSTRATIVE_NOTE if illustrative else "")  # fmt: skip


def published_figures(evaluation: Evaluation) -> dict[str, object]:
    """The figures a published package states, as JSON-ready data (amounts as text)."""
    department = evaluation.data.department
    amounts = evaluation.budget.all_sources
    result = evaluation.department_score
    return {
        "部门名称": department.full_name or department.name,
        "年度": department.year,
        "部门整体自评得分": str(result.total),
        "等级": result.grade,
        "维度得分": {
            name: {"分值": str(weight), "得分": str(score)}
            for name, (weight, score) in result.dimension_totals.items()
        },
        "金额单位": "万元",
        "年初预算数": _wan_figure(amounts.initial),
        "全年预算数": _wan_figure(amounts.final),
        "全年执行数": _wan_figure(amounts.actual),
        "预算执行率": _rate(amounts.actual / amounts.final if amounts.final else None),
        "项目": [_project_figures(score) for score in evaluation.project_scores],
    }


def _project_figures(score: ProjectScore) -> dict[str, object]:
    funds = score.project.total
    return {
        "项目编码": score.project.code,
        "项目名称": score.project.name,
        "全年预算数": _wan_figure(funds.final),
        "全年执行数": _wan_figure(funds.actual),
        "执行率": _rate(score.execution_rate),
        "自评得分": str(score.total),
        "等级": score.grade,
    }
