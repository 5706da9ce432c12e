"""四、下一步改进措施 from the rectification ledger (整改台账), not from a promise.

Last year's tasks are stated as they stand (上年问题整改情况: each problem, measure,
owner, deadline and status, with a count per status); this year's tasks are the
measures, named with their owners and deadlines. Without tasks nothing is promised.
"""

from __future__ import annotations

from collections import Counter

from jixiao.core.records import Statement
from jixiao.core.rectification import LedgerTask, TaskStatus, chinese_date
from jixiao.core.report_model import Block, Paragraph, Table

NAMED = 5  # this year's tasks named one by one; more are counted per owner
STATUS_ORDER = (TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED, TaskStatus.OVERDUE)


def _counted(tasks: tuple[LedgerTask, ...]) -> str:
    counts = Counter(task.status for task in tasks)
    return "，".join(
        f"{status.value} {counts[status]} 项" for status in STATUS_ORDER if counts[status]
    )


def previous_year_part(tasks: tuple[LedgerTask, ...], year: int) -> list[Block]:
    """上年问题整改情况: the count per status, then one row per task."""
    if not tasks:
        return []
    summary = (
        f"{year - 1} 年度发现的问题共列入整改任务 {len(tasks)} 项，"
        f"截至本报告成文，{_counted(tasks)}。"
    )
    open_ones = [t for t in tasks if t.status is not TaskStatus.DONE]
    if open_ones:
        summary += f"尚未完成的 {len(open_ones)} 项继续按整改措施推进，纳入本年度整改台账跟踪。"
    rows = tuple(
        (str(index), task.problem, task.measure or "—", task.owner, chinese_date(task.deadline),
         task.status.value)
        for index, task in enumerate(tasks, start=1)
    )  # fmt: skip
    headers = ("序号", "存在的问题", "整改措施", "责任科室", "整改期限", "整改状态")
    table = Table("上年问题整改情况", headers, rows, wide_columns=frozenset({1, 2}))
    return [Paragraph(summary), table]


def _named(task: LedgerTask) -> str:
    measure = f"，{task.measure.rstrip('。')}" if task.measure else ""
    return f"{task.problem.rstrip('。')}（{task.owner}负责{measure}，{chinese_date(task.deadline)}前完成）"


def current_year_measure(tasks: tuple[LedgerTask, ...]) -> Statement | None:
    """This year's tasks as a measure: each named with owner and deadline, or, when many,
    counted per owner with the last deadline."""
    if not tasks:
        return None
    head = f"本年度发现的 {len(tasks)} 个问题已列入整改台账，逐项明确责任科室、整改措施和完成时限"
    if len(tasks) <= NAMED:
        body = head + "：" + "；".join(_named(task) for task in tasks) + "。"
    else:
        owners = Counter(task.owner for task in tasks)
        per_owner = "、".join(f"{owner} {count} 项" for owner, count in owners.most_common())
        last = max(task.deadline for task in tasks)
        body = f"{head}，其中{per_owner}，最迟于{chinese_date(last)}前完成。"
    body += "整改完成后由工作小组核实佐证材料后销号，整改情况在下年度自评报告中说明。"
    return Statement("抓好问题整改", body)
