"""Core benchmarks: reading a workbook, scoring throughput, writing the tables workbook.

Run ``.venv/bin/python benchmarks/bench_core.py [--quick]``. Each benchmark is a function
in ``BENCHMARKS`` that takes the shared ``Context``, prints one labelled figure and keeps
it in ``context.figures`` for later ones (the projection reads the throughputs); add a
benchmark by appending a function to the list. Timings are the best of a few runs, since
other work on the machine only ever makes a run slower.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas

from jixiao.cli.main import main as cli_main
from jixiao.core.budget_analysis import BudgetSummary, summarize_budget
from jixiao.core.classification import class_names
from jixiao.core.coverage import Coverage, self_evaluation_coverage
from jixiao.core.department_scoring import compute_metrics, score_department
from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import RulesProfile, load_profile
from jixiao.core.records import DepartmentYear, Indicator, Project
from jixiao.core.scoring import score_project
from jixiao.io.report_docx import write_docx
from jixiao.io.report_html import write_html
from jixiao.io.synthetic import synthetic_department, write_synthetic_workbooks
from jixiao.io.tables_xlsx import write_tables
from jixiao.io.workbook_reader import read_workbook

PROJECTS = 200
INDICATORS_PER_PROJECT = 10
PROJECTED_DEPARTMENTS = 300
LUOPU_WORKBOOK = Path(__file__).resolve().parent.parent / "examples" / "luopu-2023.xlsx"
READ_TARGET_RATIO = 5
SCORING_TARGET = 300_000
READ_LABEL = "read_workbook (200 projects × 10)"
EVALUATE_LABEL = "evaluate() one department (200 × 10)"
ONE_CORE_LABEL = "scoring throughput, 1 core"
TWO_CORES_LABEL = "scoring throughput, 2 cores"


@dataclass
class Context:
    """What the benchmarks share: the mode, a scratch folder and the figures so far."""

    quick: bool
    folder: Path
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def repeats(self) -> int:
        """Runs per timing; the best one counts."""
        return 3 if self.quick else 5

    @property
    def scoring_departments(self) -> int:
        """Departments scored per pass (an even number: the two-core run halves it)."""
        return 8 if self.quick else 20

    @cached_property
    def workbook(self) -> Path:
        """One synthetic 200-project × 10-indicator department workbook."""
        (path,) = write_synthetic_workbooks(
            self.folder, 1, projects=PROJECTS, indicators_per_project=INDICATORS_PER_PROJECT
        )
        return path

    def report(self, label: str, value: float, text: str) -> None:
        """Print one labelled figure and keep its value for later benchmarks."""
        self.figures[label] = value
        print(f"{label:<44} {text}")


def best_time(action: Callable[[], object], repeats: int) -> float:
    """The fastest of ``repeats`` runs of ``action``, in seconds."""
    fastest = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


# --- (a) reading ------------------------------------------------------------------------


def bench_read_versus_pandas(context: Context) -> None:
    """read_workbook and pandas.read_excel (openpyxl) on the same 200 × 10 file: a few runs
    of one, then a few of the other, over several rounds, and the best run of each. Runs
    come in small blocks so each reader is timed in its own steady state (right after the
    other, a reader first pays for the other's leftover memory), and the blocks alternate
    so that load from other work on the machine hits both alike."""
    path = context.workbook
    ours = theirs = float("inf")
    for _ in range(context.repeats):
        ours = min(ours, best_time(lambda: read_workbook(path), 3))
        theirs = min(
            theirs,
            best_time(lambda: pandas.read_excel(path, sheet_name=None, engine="openpyxl"), 3),
        )
    context.report(READ_LABEL, ours, f"{ours * 1000:8.1f} ms")
    context.report("pandas.read_excel openpyxl (same file)", theirs, f"{theirs * 1000:8.1f} ms")
    ratio = theirs / ours
    verdict = "ok" if ratio >= READ_TARGET_RATIO else f"below target {READ_TARGET_RATIO}×"
    context.report("read speed-up vs pandas", ratio, f"{ratio:8.1f} ×   ({verdict})")


# --- (b) scoring ------------------------------------------------------------------------


@dataclass(frozen=True)
class PreparedDepartment:
    """A department in memory with everything scoring needs, so only scoring is timed."""

    projects: tuple[tuple[Project, list[Indicator]], ...]
    department_indicators: tuple[Indicator, ...]
    budget: BudgetSummary
    coverage: tuple[Coverage, ...]

    @property
    def indicator_count(self) -> int:
        return sum(len(items) for _, items in self.projects) + len(self.department_indicators)


def prepare(data: DepartmentYear) -> PreparedDepartment:
    grouped = data.indicators_by_project()
    budget = summarize_budget(data.budget_lines, class_names(data.department.year))
    evaluated = {code for code, items in grouped.items() if items}
    return PreparedDepartment(
        tuple((project, grouped[project.code]) for project in data.projects),
        data.department_indicators,
        budget,
        self_evaluation_coverage(data.projects, evaluated, budget),
    )


def score_all(departments: list[PreparedDepartment], profile: RulesProfile) -> int:
    """Score every project and the department as a whole; return the indicators scored."""
    count = 0
    for department in departments:
        scores = [score_project(project, items, profile) for project, items in department.projects]
        metrics = compute_metrics(department.budget, department.coverage, scores, len(scores))
        score_department(department.department_indicators, metrics, profile)
        count += department.indicator_count
    return count


def prepared_departments(indices: range | list[int]) -> list[PreparedDepartment]:
    return [prepare(synthetic_department(i, PROJECTS, INDICATORS_PER_PROJECT)) for i in indices]


def bench_scoring_one_core(context: Context) -> None:
    """Indicators scored per second in this process, exact Decimal arithmetic."""
    profile = load_profile()
    departments = prepared_departments(range(context.scoring_departments))
    count = sum(department.indicator_count for department in departments)
    # Best time per department, summed: a pause from other work spoils one unit, not all.
    seconds = sum(
        best_time(lambda one=department: score_all([one], profile), context.repeats)
        for department in departments
    )
    _report_throughput(context, ONE_CORE_LABEL, count / seconds)


def _score_worker(
    indices: list[int], repeats: int, barrier: object, results: multiprocessing.Queue
) -> None:
    """Prepare this worker's departments, then score them ``repeats`` times in step."""
    profile = load_profile()
    departments = prepared_departments(indices)
    for run in range(repeats):
        barrier.wait()  # type: ignore[attr-defined]
        start = time.perf_counter()
        count = score_all(departments, profile)
        results.put((run, count, start, time.perf_counter()))


def bench_scoring_two_cores(context: Context) -> None:
    """Two processes, each scoring half the departments; wall time from first start to
    last finish (perf_counter is the system-wide monotonic clock on Linux)."""
    workers = 2
    barrier = multiprocessing.Barrier(workers)
    results: multiprocessing.Queue = multiprocessing.Queue()
    indices = list(range(context.scoring_departments))
    processes = [
        multiprocessing.Process(
            target=_score_worker,
            args=(indices[worker::workers], context.repeats, barrier, results),
        )
        for worker in range(workers)
    ]
    for process in processes:
        process.start()
    runs: dict[int, list[tuple[int, float, float]]] = {}
    for _ in range(workers * context.repeats):
        run, count, start, end = results.get()
        runs.setdefault(run, []).append((count, start, end))
    for process in processes:
        process.join()
    best = max(
        sum(c for c, _, _ in parts) / (max(e for _, _, e in parts) - min(s for _, s, _ in parts))
        for parts in runs.values()
    )
    _report_throughput(context, TWO_CORES_LABEL, best)


def _report_throughput(context: Context, label: str, per_second: float) -> None:
    verdict = "ok" if per_second >= SCORING_TARGET else f"below target {SCORING_TARGET:,}/s"
    context.report(label, per_second, f"{per_second:>10,.0f} indicators/s   ({verdict})")


def bench_evaluate(context: Context) -> None:
    """The whole pipeline for one department (scores, metrics and every check)."""
    profile = load_profile()
    data = synthetic_department(0, PROJECTS, INDICATORS_PER_PROJECT)
    seconds = best_time(lambda: evaluate(data, profile), context.repeats)
    context.report(EVALUATE_LABEL, seconds, f"{seconds * 1000:8.1f} ms")


def bench_projection(context: Context) -> None:
    """Projected time for 300 departments × 200 projects × 10 indicators."""
    indicators = PROJECTED_DEPARTMENTS * PROJECTS * INDICATORS_PER_PROJECT
    for cores, label in ((1, ONE_CORE_LABEL), (2, TWO_CORES_LABEL)):
        seconds = indicators / context.figures[label]
        context.report(
            f"projected scoring, 300 depts, {cores} core(s)",
            seconds,
            f"{seconds:8.2f} s   ({indicators:,} indicators)",
        )
    per_department = context.figures[READ_LABEL] + context.figures[EVALUATE_LABEL]
    seconds = PROJECTED_DEPARTMENTS * per_department
    context.report("projected read + evaluate, 300 depts, 1 core", seconds, f"{seconds:8.2f} s")


# --- tables -----------------------------------------------------------------------------


def bench_tables(context: Context) -> None:
    """write_tables for a Luopu-sized department (the example workbook when present)."""
    if LUOPU_WORKBOOK.is_file():
        data = read_workbook(LUOPU_WORKBOOK).data
        name = "Luopu example"
    else:
        data = synthetic_department(0, 238, 5)
        name = "synthetic 238 × 5"
    assert data is not None
    evaluation = evaluate(data, load_profile())
    path = context.folder / "tables.xlsx"
    seconds = best_time(lambda: write_tables(evaluation, path), context.repeats)
    detail = f"{len(data.projects)} projects, {len(data.indicators)} indicators, {name}"
    context.report("write_tables (Luopu-sized)", seconds, f"{seconds * 1000:8.1f} ms   ({detail})")


# --- reports ----------------------------------------------------------------------------

REPORT_TARGET_SECONDS = 1.0


def bench_report_one(context: Context) -> None:
    """The report of one Luopu-sized department as .docx + .html (target ≤ 1 s), from an
    evaluation in memory; the standard tables are timed separately above."""
    data = read_workbook(LUOPU_WORKBOOK).data
    assert data is not None
    evaluation = evaluate(data, load_profile())

    def render() -> None:
        document = build_report(evaluation)
        write_docx(document, context.folder / "report.docx")
        write_html(document, context.folder / "report.html")

    seconds = best_time(render, context.repeats)
    verdict = (
        "ok" if seconds <= REPORT_TARGET_SECONDS else f"above target {REPORT_TARGET_SECONDS} s"
    )
    context.report(
        "report .docx + .html, one department", seconds, f"{seconds * 1000:8.1f} ms   ({verdict})"
    )


def bench_report_batch(context: Context) -> None:
    """``jixiao report`` on a folder of Luopu-sized workbooks, both cores: read, score,
    check and write report + tables for each (300 departments; 20 with --quick)."""
    count = 20 if context.quick else 300
    folder = context.folder / "batch"
    folder.mkdir()
    for index in range(count):
        shutil.copyfile(LUOPU_WORKBOOK, folder / f"department-{index:03d}.xlsx")
    output = context.folder / "batch-out"
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(
            ["report", str(folder), "-o", str(output), "--jobs", str(os.cpu_count() or 1)]
        )
    seconds = time.perf_counter() - start
    assert code == 0, "batch report failed"
    context.report(
        f"report batch, {count} departments, all cores", seconds,
        f"{seconds:8.1f} s    ({seconds / count * 1000:.0f} ms per department, report + tables)",
    )  # fmt: skip


BENCHMARKS: list[Callable[[Context], None]] = [
    bench_read_versus_pandas,
    bench_scoring_one_core,
    bench_scoring_two_cores,
    bench_evaluate,
    bench_projection,
    bench_tables,
    bench_report_one,
    bench_report_batch,
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="jixiao core benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer departments and repeats")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as folder:
        context = Context(quick=arguments.quick, folder=Path(folder))
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"jixiao core benchmarks ({'quick' if context.quick else 'full'}), "
              f"{multiprocessing.cpu_count()} CPUs, load average {load}")  # fmt: skip
        for benchmark in BENCHMARKS:
            benchmark(context)


if __name__ == "__main__":
    main()
