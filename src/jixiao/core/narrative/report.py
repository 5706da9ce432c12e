"""The 部门整体支出绩效自评报告, in the seed's outline, as report blocks."""

from __future__ import annotations

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_percent
from jixiao.core.narrative.assessment import conclusion, effectiveness, efficiency
from jixiao.core.narrative.finance import (
    budget_table,
    income_and_expenditure,
    performance_management,
    wan,
)
from jixiao.core.narrative.issues import measures, problems
from jixiao.core.report_model import Block, Heading, Paragraph, ReportDocument, Table


def _own(paragraphs: tuple[str, ...], missing: str) -> list[Block]:
    """The department's prose as written, or a visible gap where it filed none."""
    if not paragraphs:
        return [Paragraph(f"（未填写{missing}）")]
    return [Paragraph(text, generated=False) for text in paragraphs]


def _project_table(evaluation: Evaluation) -> Table:
    rows = tuple(
        (
            s.project.code,
            s.project.name,
            s.project.source.value,
            wan(s.project.total.final),
            wan(s.project.total.actual),
            format_percent(s.execution_rate) if s.execution_rate is not None else "—",
            str(s.total),
            s.grade,
            str(s.project.self_score) if s.project.self_score is not None else "—",
        )
        for s in evaluation.project_scores
    )
    return Table(
        "附表 项目支出绩效自评得分一览",
        (
            "项目编码",
            "项目名称",
            "预算类型",
            "全年预算数（万元）",
            "全年执行数（万元）",
            "执行率",
            "计算得分",
            "等级",
            "自报总分",
        ),
        rows,
        frozenset({3, 4, 5, 6, 8}),
        "计算得分由预算执行率与各项指标实际完成值按规则计算；各项目的指标明细见标准表格工作簿中该项目的"
        "项目支出绩效自评表。",
    )


def build_report(evaluation: Evaluation) -> ReportDocument:
    """Every section of the report, in order."""
    department = evaluation.data.department
    blocks: list[Block] = [
        Heading(1, "一、部门基本情况"),
        Heading(2, "（一）部门职能"),
        *_own(department.functions, "部门职能"),
        Heading(2, "（二）年度总体工作和重点工作任务"),
        *_own(department.tasks, "年度工作任务"),
        Heading(2, "（三）部门整体支出绩效目标"),
        *_own(department.overall_goal, "整体绩效目标"),
        Heading(2, "（四）部门整体收支情况"),
        Paragraph(income_and_expenditure(evaluation)),
        budget_table(evaluation),
        Heading(2, "（五）部门整体绩效管理情况"),
        Paragraph(performance_management(evaluation)),
        Heading(1, "二、绩效自评情况"),
        Heading(2, "（一）自评结论"),
        *conclusion(evaluation),
        Heading(2, "（二）履职效能分析"),
        *effectiveness(evaluation),
        Heading(2, "（三）管理效率分析"),
        *efficiency(evaluation),
        Heading(1, "三、存在的主要问题"),
        *problems(evaluation),
        Heading(1, "四、下一步改进措施"),
        *measures(evaluation),
        _project_table(evaluation),
    ]
    title = f"{department.year} 年度{department.name}部门整体支出绩效自评报告"
    return ReportDocument(title, tuple(blocks), (department.full_name or department.name,))
