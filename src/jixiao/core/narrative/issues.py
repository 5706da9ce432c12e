"""三、存在的主要问题 and 四、下一步改进措施: the department's words plus what checks found."""

from __future__ import annotations

from collections import defaultdict

from jixiao.core.evaluation import Evaluation
from jixiao.core.finding_codes import finding_name
from jixiao.core.findings import Finding, Severity
from jixiao.core.narrative.numerals import chinese_number
from jixiao.core.records import Statement
from jixiao.core.report_model import Block, Paragraph

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
            grouped[finding_name(finding.code)].append(finding)
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
