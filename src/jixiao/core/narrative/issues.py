"""三、存在的主要问题 and 四、下一步改进措施: the department's words plus what checks found."""

from __future__ import annotations

from collections import defaultdict

from jixiao.core.evaluation import Evaluation
from jixiao.core.findings import Finding, Severity
from jixiao.core.narrative.numerals import chinese_number
from jixiao.core.records import Statement
from jixiao.core.report_model import Block, Paragraph

FINDING_TOPICS = {
    "SELF_SCORE_GAP": "自评打分缺乏依据",
    "DEVIATION_EXPLANATION_MISSING": "偏差原因分析缺失",
    "EXECUTION_REASON_MISSING": "预算执行偏慢且未说明原因",
    "GOAL_MISSING": "资金未被绩效目标覆盖",
    "GOAL_LEVEL_MISSING": "绩效指标设置不完整",
    "QUALITATIVE_SHARE": "绩效目标量化不足",
    "INPUT_AS_OUTPUT": "以投入代替产出",
    "LEVEL_WEIGHTS": "指标分值与规则不一致",
    "DIMENSION_WEIGHT": "部门整体指标分值与规则不一致",
    "ACTUAL_MISSING": "实际完成值未填报",
    "UNIT_MISSING": "指标度量单位缺失",
    "METRIC_UNAVAILABLE": "自动取数无法计算",
}
EXAMPLES_SHOWN = 3


def _numbered(statements: tuple[Statement, ...], start: int = 1) -> list[Block]:
    return [
        Paragraph(f"（{chinese_number(index)}）{s.title.rstrip('。')}。{s.body}", generated=False)
        for index, s in enumerate(statements, start=start)
    ]


def _finding_paragraph(topic: str, findings: list[Finding]) -> str:
    examples = "；".join(f.message for f in findings[:EXAMPLES_SHOWN])
    more = f"等，共 {len(findings)} 处" if len(findings) > EXAMPLES_SHOWN else ""
    return f"{topic}：{examples}{more}。"


def problems(evaluation: Evaluation) -> list[Block]:
    """The department's own problems, then a numbered item for what the checks found."""
    blocks = _numbered(evaluation.data.problems)
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in evaluation.findings:
        if finding.severity is not Severity.INFO:
            grouped[FINDING_TOPICS.get(finding.code, "数据检查问题")].append(finding)
    if grouped:
        index = len(evaluation.data.problems) + 1
        total = sum(len(items) for items in grouped.values())
        blocks.append(
            Paragraph(
                f"（{chinese_number(index)}）数据检查发现的问题。系统按规则检查本年度数据，"
                f"发现需关注的问题 {total} 处，分述如下。"
            )
        )
        blocks += [Paragraph(_finding_paragraph(topic, items)) for topic, items in grouped.items()]
    if not blocks:
        blocks.append(Paragraph("系统检查未发现需关注的问题。"))
    return blocks


def measures(evaluation: Evaluation) -> list[Block]:
    """The department's own measures, then how results feed next year's budget."""
    blocks = _numbered(evaluation.data.measures)
    grade = evaluation.department_score.grade
    use = evaluation.profile.application.get(grade, "")
    if use:
        blocks.append(
            Paragraph(
                f"评价结果应用：部门整体自评等级为“{grade}”，按规则配置，下年度预算安排建议为“{use}”；"
                "项目自评等级为中、差的项目，按规则压减或调整预算，发现的问题列入整改清单，明确责任人和完成时限。"
            )
        )
    return blocks
