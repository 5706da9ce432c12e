"""The rectification tasks (整改任务) a year's findings call for, as ``jixiao check`` prints them.

Which findings call for a task, and the default deadline, are the rules profile's
(``[rectification]``); each task is owned by its project's section (责任科室).
"""

from __future__ import annotations

from datetime import date

from jixiao.core.evaluation import Evaluation
from jixiao.core.rectification import ProposedTask, chinese_date, tasks_called_for


def proposed_tasks(evaluation: Evaluation, today: date | None = None) -> list[ProposedTask]:
    """The tasks the findings call for, with deadlines counted from ``today``."""
    owners = {project.code: project.section for project in evaluation.data.projects}
    rules = evaluation.profile.rectification
    return tasks_called_for(evaluation.findings, owners, rules, today or date.today())


def print_tasks(tasks: list[ProposedTask]) -> None:
    """One line per task: owner, problem and deadline (nothing when there is none)."""
    if not tasks:
        return
    print(f"应列入整改台账的问题 {len(tasks)} 项：")
    for index, task in enumerate(tasks, start=1):
        print(
            f"  {index}. 【{task.owner}】{task.problem}（整改期限：{chinese_date(task.deadline)}）"
        )


def tasks_json(tasks: list[ProposedTask]) -> list[dict[str, str]]:
    return [
        {
            "problem": task.problem,
            "project_code": task.project_code,
            "owner": task.owner,
            "deadline": task.deadline.isoformat(),
            "key": task.key,
        }
        for task in tasks
    ]
