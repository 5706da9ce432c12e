"""Soak: 20 clients for minutes of mixed reads, inline edits and imports on gunicorn.

Run ``.venv/bin/python benchmarks/bench_soak.py [--quick]``. For each database (SQLite in
a temporary JIXIAO_DATA_DIR; PostgreSQL from ``scripts/test-services.sh`` in a fresh
database ``jixiao_soak``): migrate, load a district of one department per client
(``load_district``: 100 projects × 10 indicators each), start gunicorn with DEBUG off
(2 workers × 4 threads, as ``bench_web.py``), export each department's workbook through
the web and prepare a second one with some actual values changed, then let
``benchmarks/web/soakgen.py`` (a second process) run the clients for the given time
(default 5 minutes; ``--quick`` 1 minute): each a finance user of its own department
reading its pages and the bureau's, editing indicators inline and importing its
workbooks, by the weights of ``--mix``.

Printed per database: requests, failures, p50/p95/max latency per kind of request, p95
minute by minute, and every gunicorn worker's resident memory, sampled every few seconds
from /proc: at the start, the middle and the end, its peak, and the slope after the
warm-up. Targets: no failure, no worker restarted, and each worker's memory flat (see
``benchmarks/web/soak_stats.py``). The machine's load average is printed at the start and
the end: figures from a shared machine are only comparable with others from the same run.

Everything listens on and talks to 127.0.0.1; the run is bounded by its duration and by
``--max-requests``. At the end gunicorn is stopped and the database dropped (``--keep``
keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import bench_web
from web.soak_stats import KindSummary, MemoryTrend, memory_trend, percentile, summarize

from jixiao.core.records import DepartmentYear, IndicatorKind
from jixiao.io.workbook_reader import read_workbook
from jixiao.io.workbook_writer import write_workbook

SOAKGEN = bench_web.ROOT / "benchmarks" / "web" / "soakgen.py"
SOAK_DATABASE = "jixiao_soak"
DEFAULT_MIX = "read=75,edit=24,import=1"
# Actual values the second workbook of each department changes, so every import changes data.
CHANGED_ACTUALS = 40
KINDS = ("read dashboard", "read projects", "read project", "read bureau", "edit",
         "import preview", "import commit")  # fmt: skip


@dataclass(frozen=True)
class Options:
    clients: int
    duration: float
    projects: int
    indicators: int
    workers: int
    threads: int
    think_ms: int
    mix: dict[str, float]
    sample_seconds: float
    max_requests: int
    databases: tuple[str, ...]
    pg_database: str
    keep: bool
    jobs: int | None
    # What bench_web's database classes read.
    reuse: bool = False
    data_dir: Path | None = None


@dataclass
class SoakRun:
    database: str
    seconds: float = 0.0
    kinds: list[KindSummary] = field(default_factory=list)
    failures: dict[str, list] = field(default_factory=dict)
    minute_p95: list[float] = field(default_factory=list)
    memory: list[MemoryTrend] = field(default_factory=list)
    load: tuple[str, str] = ("", "")

    @property
    def failure_count(self) -> int:
        return sum(len(items) for items in self.failures.values())

    @property
    def met(self) -> bool:
        return (
            bool(self.kinds)
            and self.failure_count == 0
            and bool(self.memory)
            and all(trend.flat for trend in self.memory)
        )


def log(message: str) -> None:
    print(message, flush=True)


# --- the gunicorn workers' memory, from /proc -----------------------------------------------


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: the fields follow it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry.name))
    return found


def _gunicorn_master() -> int:
    for pid in _children(os.getpid()):
        if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
            return pid
    raise RuntimeError("gunicorn is not running")


def _resident_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class MemorySampler(threading.Thread):
    """Every ``interval`` seconds, each worker's resident memory; a line a minute."""

    def __init__(self, master: int, interval: float):
        super().__init__(daemon=True)
        self.master = master
        self.interval = interval
        self.samples: dict[int, list[tuple[float, float]]] = defaultdict(list)
        self.stopped = threading.Event()
        self.started_at = time.monotonic()

    def run(self) -> None:
        next_line = 60.0
        while not self.stopped.is_set():
            elapsed = time.monotonic() - self.started_at
            for pid in _children(self.master):
                size = _resident_mb(pid)
                if size is not None:
                    self.samples[pid].append((elapsed, size))
            if elapsed >= next_line:
                sizes = " ".join(f"{pid}:{s[-1][1]:.0f}" for pid, s in sorted(self.samples.items()))
                log(f"  {elapsed:>5.0f} s  workers MB {sizes}  load {bench_web._load()}")
                next_line += 60
            self.stopped.wait(self.interval)


# --- preparing the clients ----------------------------------------------------------------


def with_changed_actuals(data: DepartmentYear) -> DepartmentYear:
    """``data`` with the first project indicators' actual values one higher."""
    changed, indicators = 0, []
    for item in data.indicators:
        quantitative = item.kind is IndicatorKind.QUANTITATIVE and item.actual is not None
        if quantitative and not item.metric and changed < CHANGED_ACTUALS:
            item = replace(item, actual=item.actual + 1)
            changed += 1
        indicators.append(item)
    return replace(data, indicators=tuple(indicators))


def client_plan(port: int, row: dict, folder: Path) -> dict:
    """A client's session, department-year and two workbooks: the changed one first."""
    cookie = f"sessionid={row['session']}; csrftoken={row['csrf']}"
    status, _, body = bench_web._get(port, f"/years/{row['year']}/export.xlsx", cookie)
    if status != 200:
        raise RuntimeError(f"{row['username']} 导出工作簿失败：HTTP {status}")
    exported = folder / f"{row['username']}-exported.xlsx"
    exported.write_bytes(body)
    result = read_workbook(exported)
    if result.data is None:
        raise RuntimeError(f"{row['username']} 导出的工作簿读不回来：{result.errors[:3]}")
    changed = write_workbook(
        with_changed_actuals(result.data), folder / f"{row['username']}-changed.xlsx"
    )
    return {"cookie": cookie, "csrf": row["csrf"], "year": row["year"],
            "workbooks": [str(changed), str(exported)],
            "workbook_name": f"{row['username']}-2023年度-工作簿.xlsx"}  # fmt: skip


def prepare(database, options: Options) -> list[dict]:
    """Migrate, load one department per client, collect static files; the sessions."""
    env = database.env()
    database.create()
    bench_web.manage(env, "migrate", "--verbosity", "0")
    jobs = ["--jobs", str(options.jobs)] if options.jobs else []
    bench_web.manage(env, "load_district", "--departments", str(options.clients),
                     "--projects", str(options.projects), "--indicators", str(options.indicators),
                     "--district", bench_web.DISTRICT, "--password", bench_web.PASSWORD, *jobs)  # fmt: skip
    bench_web.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return sorted(bench_web.finance_sessions(env), key=lambda row: row["username"])


# --- the run --------------------------------------------------------------------------------


def run_soak(port: int, clients: list[dict], bureau_cookie: str, options: Options) -> dict:
    plan = {
        "port": port, "duration": options.duration, "max_requests": options.max_requests,
        "timeout": 120, "seed": 0, "think_ms": options.think_ms, "mix": options.mix,
        "clients": clients, "bureau_cookie": bureau_cookie,
        "bureau_paths": [f"/bureau/?sort={sort}&year=2023" for sort in bench_web.BUREAU_SORTS],
    }  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(SOAKGEN)], input=json.dumps(plan), check=True,
        capture_output=True, text=True, timeout=options.duration + 600,
    )  # fmt: skip
    return json.loads(out.stdout)


def minute_p95(timeline: list[list]) -> list[float]:
    """p95 of every successful request, minute by minute of the run."""
    minutes: dict[int, list[float]] = defaultdict(list)
    for seconds, _, ms in timeline:
        minutes[int(seconds // 60)].append(ms)
    return [percentile(minutes[minute], 0.95) for minute in sorted(minutes)]


def soak_database(database, options: Options) -> SoakRun:
    run = SoakRun(database.name)
    log(f"\n=== {database.name}: {options.clients} 个部门 × {options.projects} 个项目 × "
        f"{options.indicators} 个指标 ===")  # fmt: skip
    log_path = database.data_dir / "gunicorn.log"
    try:
        sessions = prepare(database, options)
        with bench_web.gunicorn(database.env(), options, log_path) as port:
            bureau_cookie, _ = bench_web.login(port, "bureau", bench_web.PASSWORD)
            folder = database.data_dir / "soak-workbooks"
            folder.mkdir(exist_ok=True)
            clients = [client_plan(port, row, folder) for row in sessions[: options.clients]]
            sampler = MemorySampler(_gunicorn_master(), options.sample_seconds)
            run.load = (bench_web._load(), "")
            log(f"  {len(clients)} 个客户端，{options.duration:.0f} 秒，比例 {options.mix}，"
                f"gunicorn {options.workers}×{options.threads}，负载均值 {run.load[0]}")  # fmt: skip
            sampler.start()
            try:
                results = run_soak(port, clients, bureau_cookie, options)
            finally:
                sampler.stopped.set()
                sampler.join()
            run.load = (run.load[0], bench_web._load())
        _collect(run, results, sampler)
        _print_run(run)
        if run.failure_count:
            _print_server_log(log_path)
    finally:
        database.drop()
    return run


def _collect(run: SoakRun, results: dict, sampler: MemorySampler) -> None:
    run.seconds = results["seconds"]
    latencies, run.failures = results["latencies"], results["failures"]
    run.kinds = [
        summarize(kind, latencies.get(kind, []), run.failures.get(kind, []))
        for kind in KINDS
        if kind in latencies or kind in run.failures
    ]
    run.minute_p95 = minute_p95(results["timeline"])
    run.memory = [memory_trend(pid, samples) for pid, samples in sorted(sampler.samples.items())]


HEADER = (
    f"  {'kind':<16}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
)
MEMORY_HEADER = (
    f"  {'worker':<9}{'start MB':>9}{'middle':>8}{'end':>8}{'peak':>8}"
    f"{'MB/min':>8}{'growth':>8}  after warm-up"
)


def _print_run(run: SoakRun) -> None:
    log(
        f"\n--- {run.database}: {run.seconds:.0f} 秒，负载均值 开始 {run.load[0]} / 结束 {run.load[1]}"
    )
    log(HEADER)
    for kind in run.kinds:
        log(f"  {kind.kind:<16}{kind.count:>9}{kind.failures:>6}{kind.count / run.seconds:>8.1f}"
            f"{kind.p50:>9.1f}{kind.p95:>9.1f}{kind.worst:>9.1f}")  # fmt: skip
    log("  p95 by minute (ms): " + " ".join(f"{value:.0f}" for value in run.minute_p95))
    for kind, items in run.failures.items():
        for failure in items[:5]:
            log(f"  失败 {kind}: {failure[0]} ({failure[1]} ms)")
    log(MEMORY_HEADER)
    for trend in run.memory:
        log(f"  {trend.pid:<9}{trend.start:>9.1f}{trend.middle:>8.1f}{trend.end:>8.1f}{trend.peak:>8.1f}"
            f"{trend.slope_per_minute:>8.2f}{trend.growth_after_warm_up:>8.1f}  "
            f"{'flat' if trend.flat else 'GROWING'}")  # fmt: skip


def _print_server_log(path: Path) -> None:
    if path.exists():
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        log("  gunicorn 日志（最后 20 行）：")
        for line in lines[-20:]:
            log(f"    {line}")


def report(runs: list[SoakRun], options: Options) -> bool:
    log(f"\n=== 浸泡测试结果：{options.clients} 个客户端，每个数据库 {options.duration:.0f} 秒；"
        "目标：无失败、无进程重启、各进程内存平稳 ===")  # fmt: skip
    met = True
    for run in runs:
        restarted = len(run.memory) > options.workers
        verdict = run.met and not restarted
        met = met and verdict
        requests = sum(kind.count for kind in run.kinds)
        flat = sum(trend.flat for trend in run.memory)
        log(f"{run.database:<11} 请求 {requests}，失败 {run.failure_count}，"
            f"进程 {len(run.memory)} 个（{'有重启' if restarted else '无重启'}），"
            f"内存平稳 {flat}/{len(run.memory)}：{'达到' if verdict else '未达到'}")  # fmt: skip
    log(f"目标{'全部达到' if met else '未全部达到'}")
    return met


def parse_mix(text: str) -> dict[str, float]:
    """``read=70,edit=27,import=3`` → weights by action."""
    mix = {}
    for part in text.split(","):
        name, _, weight = part.partition("=")
        if name.strip() not in ("read", "edit", "import"):
            raise argparse.ArgumentTypeError(f"未知的操作「{name}」（read、edit、import）")
        mix[name.strip()] = float(weight)
    return mix


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="每个数据库 60 秒")
    parser.add_argument(
        "--duration", type=float, help="每个数据库的秒数（默认 300，--quick 为 60）"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--projects", type=int, default=100, help="每个部门的项目数")
    parser.add_argument("--indicators", type=int, default=10, help="每个项目的指标数")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn 进程数")
    parser.add_argument("--threads", type=int, default=4, help="每个 gunicorn 进程的线程数")
    parser.add_argument(
        "--think-ms", type=int, default=100, help="每个客户端两次操作之间的平均间隔"
    )
    parser.add_argument("--mix", type=parse_mix, default=parse_mix(DEFAULT_MIX),
                        help=f"各类操作的权重（默认 {DEFAULT_MIX}）")  # fmt: skip
    parser.add_argument("--sample-seconds", type=float, default=2.0, help="内存采样间隔")
    parser.add_argument("--max-requests", type=int, default=200_000, help="请求总数上限")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--pg-database", default=SOAK_DATABASE, help="PostgreSQL 中使用的库名")
    parser.add_argument("--keep", action="store_true", help="结束后保留数据")
    parser.add_argument("--jobs", type=int, help="load_district 的并行进程数")
    args = parser.parse_args()
    return Options(
        clients=args.clients, duration=args.duration or (60 if args.quick else 300),
        projects=args.projects, indicators=args.indicators, workers=args.workers,
        threads=args.threads, think_ms=args.think_ms, mix=args.mix,
        sample_seconds=args.sample_seconds, max_requests=args.max_requests,
        databases=tuple(args.databases.split(",")), pg_database=args.pg_database,
        keep=args.keep, jobs=args.jobs,
    )  # fmt: skip


def database_for(name: str, options: Options):
    if name == "sqlite":
        return bench_web.Sqlite(options)
    database = bench_web.Postgres(options)
    database.database = options.pg_database
    return database


def main() -> int:
    options = parse_options()
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    runs = [soak_database(database_for(name, options), options) for name in options.databases]
    return 0 if report(runs, options) else 1


if __name__ == "__main__":
    sys.exit(main())
