"""The 部门整体支出绩效自评报告, in the seed's outline, as report blocks.

The body ends with the signature block; the appendices follow: the department's
indicators always, the long project list only when asked for (landscape).
"""

from __future__ import annotations

from datetime import date

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_percent
from jixiao.core.narrative.assessment import conclusion, effectiveness, efficiency, indicator_table
from jixiao.core.narrative.finance import (
    budget_table,
    income_and_expenditure,
    performance_management,
    wan,
)
from jixiao.core.narrative.issues import NO_LEDGER, measures, problems
from jixiao.core.narrative.organisation import has_organisation, organisation
from jixiao.core.narrative.outline import Section, outline_blocks
from jixiao.core.records import Dimension
from jixiao.core.rectification import ReportLedger
from jixiao.core.report_model import Appendix, Block, Paragraph, ReportDocument, Table

INDICATOR_APPENDIX = "附件1"
ILLUSTRATIVE_NOTE = "示例：本报告依据示例数据生成，部分数据为示意，不是正式报送的报告。"


def _own(paragraphs: tuple[str, ...]) -> list[Block]:
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
        )
        for s in evaluation.project_scores + evaluation.carryover_scores
    )
    # 自评总分, not 得分: next to 执行率 a bare 得分 reads as the execution score.
    headers = ("项目编码", "项目名称", "预算类型", "全年预算数（万元）", "全年执行数（万元）",
               "执行率", "自评总分", "等级")  # fmt: skip
    return Table("", headers, rows, frozenset({3, 4, 5, 6}), wide_columns=frozenset({1}))


def _basic_situation(evaluation: Evaluation) -> Section:
    """一、部门基本情况; a part the department did not file is left out."""
    department = evaluation.data.department
    parts = [Section("部门职能", _own(department.functions))]
    if has_organisation(department):
        parts.append(Section("设置机构及人员情况", organisation(department)))
    parts += [
        Section("年度总体工作和重点工作任务", _own(department.tasks)),
        Section("部门整体支出绩效目标", _own(department.overall_goal)),
        Section(
            "部门整体收支情况",
            [Paragraph(income_and_expenditure(evaluation)), budget_table(evaluation)],
        ),
        Section("部门整体绩效管理情况", [Paragraph(performance_management(evaluation))]),
    ]
    return Section("部门基本情况", parts=parts)


def _appendices(evaluation: Evaluation, with_projects: bool) -> tuple[Appendix, ...]:
    tables = [
        indicator_table(evaluation, Dimension.EFFECTIVENESS, "表4 履职效能指标完成情况"),
        indicator_table(evaluation, Dimension.EFFICIENCY, "表5 管理效率指标完成情况"),
    ]
    found = tuple(table for table in tables if table)
    # Without department indicators there is nothing to append (and no 附件1 to refer to).
    appendices = (
        [Appendix(INDICATOR_APPENDIX, "部门整体支出绩效指标完成情况", found)] if found else []
    )
    if with_projects:
        label = f"附件{len(appendices) + 1}"
        appendices.append(
            Appendix(
                label, "项目支出绩效自评得分一览", (_project_table(evaluation),), landscape=True
            )
        )
    return tuple(appendices)


def signing_date(text: str, today: date | None = None) -> str:
    """The date as filed (成文日期), or today's in the official form: 2024年3月31日."""
    if text:
        return text
    day = today or date.today()
    return f"{day.year}年{day.month}月{day.day}日"


def build_report(
    evaluation: Evaluation, *, project_appendix: bool = False, ledger: ReportLedger = NO_LEDGER
) -> ReportDocument:
    """Every section of the report in order, the signature block, then the appendices.

    ``ledger``: the rectification tasks of this year and the previous one, which 四、下一步
    改进措施 states (the command line has none; the web application passes its ledger)."""
    department = evaluation.data.department
    sections = [
        _basic_situation(evaluation),
        Section("绩效自评情况", parts=[
            Section("自评结论", conclusion(evaluation)),
            Section("履职效能分析", effectiveness(evaluation, INDICATOR_APPENDIX)),
            Section("管理效率分析", efficiency(evaluation, INDICATOR_APPENDIX)),
        ]),
        Section("存在的主要问题", problems(evaluation)),
        Section("下一步改进措施", measures(evaluation, ledger)),
    ]  # fmt: skip
    blocks = outline_blocks(sections)
    title = f"{department.year} 年度{department.name}部门整体支出绩效自评报告"
    data = evaluation.data
    illustrative = any(item.illustrative for item in (*data.projects, *data.management))
    return ReportDocument(
        title,
        tuple(blocks),
        (department.full_name or department.name, signing_date(department.signing_date)),
        _appendices(evaluation, project_appendix),
        ILLUSTRATIVE_NOTE if illustrative else "",
    )
