"""四、下一步改进措施 from the ledger: last year's tasks as they stand, this year's as measures."""

from __future__ import annotations

from datetime import date

from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.rectification import current_year_measure, previous_year_part
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import load_profile
from jixiao.core.rectification import LedgerTask, ReportLedger, TaskStatus
from jixiao.core.report_model import Heading, Paragraph, Table
from tests.builders import two_project_department


def _task(problem: str, status: TaskStatus, owner: str = "城管办", day: int = 30) -> LedgerTask:
    return LedgerTask(problem, "按月通报进度", owner, date(2024, 6, day), status)


def test_last_years_tasks_are_counted_per_status_and_listed_one_per_row() -> None:
    tasks = (_task("支付进度慢", TaskStatus.DONE), _task("台账不全", TaskStatus.OVERDUE))
    summary, table = previous_year_part(tasks, 2024)
    assert isinstance(summary, Paragraph) and isinstance(table, Table)
    assert "共列入整改任务 2 项，截至本报告成文，已完成 1 项，逾期 1 项。" in summary.text
    assert "尚未完成的 1 项继续" in summary.text
    assert table.rows[1] == ("2", "台账不全", "按月通报进度", "城管办", "2024年6月30日", "逾期")


def test_all_done_last_year_says_nothing_is_left_open() -> None:
    summary, _ = previous_year_part((_task("支付进度慢", TaskStatus.DONE),), 2024)
    assert "尚未完成" not in summary.text


def test_many_tasks_are_counted_per_owner_with_the_last_deadline() -> None:
    tasks = tuple(_task(f"问题{i}", TaskStatus.NOT_STARTED, "城管办" if i % 2 else "社事办", i + 1)
                  for i in range(7))  # fmt: skip
    measure = current_year_measure(tasks)
    assert "其中社事办 4 项、城管办 3 项，最迟于2024年6月7日前完成" in measure.body


def test_without_tasks_the_report_promises_nothing() -> None:
    report = build_report(evaluate(two_project_department(), load_profile()))
    text = "".join(b.text for b in report.blocks if isinstance(b, Paragraph))
    assert "整改清单" not in text and "整改台账" not in text
    assert current_year_measure(()) is None and previous_year_part((), 2024) == []


def test_the_ledger_opens_the_measures_and_numbers_the_rest_after_it() -> None:
    ledger = ReportLedger(previous=(_task("支付进度慢", TaskStatus.DONE),))
    blocks = build_report(evaluate(two_project_department(), load_profile()), ledger=ledger).blocks
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("四、")
    )
    assert blocks[start + 1] == Heading(2, "（一）上年问题整改情况")
    numbered = [
        b.text for b in blocks[start + 2 :] if isinstance(b, Paragraph) and b.text.startswith("（")
    ]
    assert numbered and numbered[0].startswith("（二）")
