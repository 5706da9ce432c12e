"""三、存在的主要问题 and 四、下一步改进措施: the department's words, then what the evaluation shows.

The data-entry gaps the checks find are the department's to-do list before it files
(``jixiao check``, the 问题 screen); they never appear here. What the evaluation itself
shows (slow execution, targets not reached) is written as a department would write it.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_percent
from jixiao.core.narrative.finance import wan
from jixiao.core.narrative.numerals import chinese_number
from jixiao.core.narrative.rectification import current_year_measure, previous_year_part
from jixiao.core.records import Statement
from jixiao.core.rectification import ReportLedger
from jixiao.core.report_model import Block, Heading, Paragraph
from jixiao.core.scoring import Status

ZERO = Decimal(0)
REASONS_SHOWN = 2  # the most frequent reasons the projects give
SHORT = (Status.PARTIAL, Status.MISSED, Status.NO_VALUE)
NO_LEDGER = ReportLedger()


def _numbered(statements: list[Statement], *, own: bool, start: int = 1) -> list[Block]:
    return [
        Paragraph(f"（{chinese_number(index)}）{s.title.rstrip('。')}。{s.body}", generated=not own)
        for index, s in enumerate(statements, start=start)
    ]


def _main_reasons(texts: list[str]) -> str:
    """The most frequent reasons, in the projects' own words."""
    counted = Counter(text.strip().rstrip("。") for text in texts if text.strip())
    return "；".join(text for text, _ in counted.most_common(REASONS_SHOWN))


def _slow_execution(evaluation: Evaluation) -> Statement | None:
    threshold = evaluation.profile.execution_reason_below
    slow = [
        s for s in evaluation.project_scores
        if s.execution_rate is not None and s.execution_rate < threshold
    ]  # fmt: skip
    if not slow:
        return None
    final = sum((s.project.fiscal.final for s in slow), ZERO)
    unspent = sum((s.project.fiscal.final - s.project.fiscal.actual for s in slow), ZERO)
    body = (
        f"{len(slow)} 个项目预算执行率低于 {format_percent(threshold, Decimal(1))}，涉及全年预算 "
        f"{wan(final)} 万元，未支出 {wan(unspent)} 万元"
    )
    reasons = _main_reasons([s.project.execution_explanation for s in slow])
    return Statement(
        "部分项目预算执行进度偏慢", body + (f"，主要原因是{reasons}。" if reasons else "。")
    )


def _targets_missed(evaluation: Evaluation) -> Statement | None:
    short = [
        (s.project, item) for s in evaluation.project_scores
        for item in s.indicator_scores if item.status in SHORT
    ]  # fmt: skip
    if not short:
        return None
    projects = len({project.code for project, _ in short})
    kinds = Counter(item.indicator.level2 for _, item in short)
    where = "、".join(name for name, _ in kinds.most_common(3))
    body = f"{projects} 个项目共 {len(short)} 项绩效指标未完全达到年度指标值，集中在{where}"
    reasons = _main_reasons([item.indicator.explanation for _, item in short])
    return Statement(
        "部分绩效目标未全部实现", body + (f"，主要原因是{reasons}。" if reasons else "。")
    )


def problems(evaluation: Evaluation) -> list[Block]:
    """The department's own problems, then what the evaluation itself shows."""
    own = list(evaluation.data.problems)
    found = [item for item in (_slow_execution(evaluation), _targets_missed(evaluation)) if item]
    blocks = _numbered(own, own=True) + _numbered(found, own=False, start=len(own) + 1)
    return blocks or [Paragraph("本年度绩效目标均已实现，预算执行正常，未发现需要说明的问题。")]


def _application(evaluation: Evaluation) -> Statement | None:
    profile = evaluation.profile
    grade = evaluation.department_score.grade
    use = profile.application.get(grade, "")
    if not use:
        return None
    low = [name for name, _ in profile.grades[2:]]  # the grades below the second (中, 差)
    rules = "，".join(
        f"“{name}”的{profile.application[name]}" for name in low if name in profile.application
    )
    count = sum(1 for s in evaluation.project_scores if s.indicator_scores and s.grade in low)
    body = f"部门整体自评等级为“{grade}”，下年度预算安排按“{use}”的原则统筹考虑。"
    if count:
        body += (
            f"自评等级为{'、'.join(f'“{n}”' for n in low)}的 {count} 个项目，下年度预算{rules}。"
        )
    return Statement("强化评价结果应用", body)


def measures(evaluation: Evaluation, ledger: ReportLedger = NO_LEDGER) -> list[Block]:
    """Last year's tasks as they stand (上年问题整改情况), the department's own measures,
    how results feed next year's budget, and this year's tasks from the ledger."""
    previous = previous_year_part(ledger.previous, evaluation.data.department.year)
    blocks: list[Block] = []
    start = 1
    if previous:
        blocks += [Heading(2, "（一）上年问题整改情况"), *previous]
        start = 2
    own = list(evaluation.data.measures)
    found = [
        item for item in (_application(evaluation), current_year_measure(ledger.current)) if item
    ]
    blocks += _numbered(own, own=True, start=start)
    return blocks + _numbered(found, own=False, start=start + len(own))
