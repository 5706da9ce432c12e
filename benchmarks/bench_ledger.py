"""Ledger benchmark: the district's 整改台账 for 300 departments under 20 concurrent clients.

Run ``.venv/bin/python benchmarks/bench_ledger.py [--quick]``. For each database (SQLite in
a temporary JIXIAO_DATA_DIR; PostgreSQL in a fresh database ``jixiao_bench_ledger``, or
the one ``--pg-database`` names): migrate, load the district with ``load_district`` (300
departments; ``--quick``: 30) with few projects each, since the ledger reads no project or
indicator, add 10 rectification tasks per department (``benchmarks/web/ledger_tasks.py``: 3,000 tasks, a third closed, a
fifth overdue), start gunicorn with DEBUG off as ``bench_web`` does, log the bureau
reviewer in, and let the load generator (``benchmarks/web/loadgen.py``) request each page
kind for a fixed time: the bureau's district ledger, its overdue filter, one
department's ledger, and one department's ledger as Excel. Prints p50/p95/max per page
and whether the target is met: no failure and p95 ≤ 200 ms. Everything stays on
127.0.0.1; the server is stopped and the database dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import urllib.parse

import bench_web

ROOT = bench_web.ROOT
TASKS = ROOT / "benchmarks" / "web" / "ledger_tasks.py"
PAGES = ("ledger", "ledger_overdue", "ledger_department", "ledger_export_department")


def prepare(database, options: bench_web.Options, tasks: int) -> list[int]:
    """Migrate, load the district, add the tasks, collect static files; the department ids."""
    env = database.env()
    database.create()
    bench_web.manage(env, "migrate", "--verbosity", "0")
    bench_web.manage(env, "load_district", "--departments", str(options.departments),
                     "--projects", "5", "--indicators", "3", "--district", bench_web.DISTRICT,
                     "--password", bench_web.PASSWORD)  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(TASKS), bench_web.DISTRICT, str(tasks)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    bench_web.manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return json.loads(out.stdout)


def targets(departments: list[int], cookie: str) -> dict[str, list[tuple[str, str]]]:
    overdue = urllib.parse.quote("逾期")
    return {
        "ledger": [("/rectification/", cookie), ("/rectification/?page=2", cookie)],
        "ledger_overdue": [(f"/rectification/?status={overdue}", cookie)],
        "ledger_department": [(f"/rectification/?department={pk}", cookie) for pk in departments],
        "ledger_export_department": [
            (f"/rectification/export.xlsx?department={pk}", cookie) for pk in departments
        ],
    }


def run_load(port: int, pages: dict[str, list], options: bench_web.Options) -> list[dict]:
    plan = {
        "host": "127.0.0.1", "port": port, "clients": options.clients,
        "duration": options.duration, "max_requests": 100_000, "think_ms": options.think_ms,
        "timeout": 30, "seed": 0, "warmup_requests": 2,
        "phases": [{"name": page, "targets": pages[page]} for page in PAGES],
    }  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(bench_web.LOADGEN)],
        input=json.dumps(plan), check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout)


def bench_database(database, options: bench_web.Options, tasks: int) -> bench_web.Run:
    run = bench_web.Run(database.name)
    bench_web.log(
        f"\n=== {database.name}: {options.departments} 个部门，每部门 {tasks} 项整改任务 ==="
    )
    try:
        departments = prepare(database, options, tasks)
        log_path = database.data_dir / "gunicorn.log"
        with bench_web.gunicorn(database.env(), options, log_path) as port:
            cookie, _ = bench_web.login(port, "bureau", bench_web.PASSWORD)
            pages = targets(departments, cookie)
            for page in PAGES:
                path, _ = pages[page][0]
                status = bench_web._get(port, path, cookie)[0]
                if status != 200:
                    raise RuntimeError(f"{page} {path}: HTTP {status}")
            for result in run_load(port, pages, options):
                page = bench_web.PageResult(database.name, result["name"], result["latencies"],
                                            result["failures"], result["seconds"])  # fmt: skip
                run.pages.append(page)
                bench_web.log(bench_web._row(page))
    finally:
        database.drop()
    return run


def report(runs: list[bench_web.Run], options: bench_web.Options, tasks: int) -> bool:
    bench_web.log(f"\n=== 结果：{options.departments} 个部门 × {tasks} 项整改任务，{options.clients} 个"
                  f"并发客户端，目标 p95 ≤ {bench_web.TARGET_P95_MS:.0f} ms 且无失败 ===")  # fmt: skip
    bench_web.log(bench_web.HEADER)
    pages = [page for run in runs for page in run.pages]
    for page in pages:
        bench_web.log(bench_web._row(page))
    met = bool(pages) and all(page.met for page in pages)
    bench_web.log(f"目标{'全部达到' if met else '未全部达到'}")
    return met


def parse_options() -> tuple[bench_web.Options, int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 个部门，每种页面 5 秒")
    parser.add_argument("--departments", type=int, help="部门数（默认 300，--quick 为 30）")
    parser.add_argument("--tasks", type=int, default=10, help="每个部门的整改任务数")
    parser.add_argument("--duration", type=float, help="每种页面的负载秒数（默认 20）")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--databases", default="sqlite,postgresql")
    # Its own database by default, so it never meets ``bench_web``'s.
    parser.add_argument("--pg-database", default="jixiao_bench_ledger",
                        help="PostgreSQL 上建立并删除的数据库")  # fmt: skip
    args = parser.parse_args()
    options = bench_web.Options(
        departments=args.departments or (30 if args.quick else 300),
        duration=args.duration or (5 if args.quick else 20), clients=args.clients,
        workers=2, threads=4, think_ms=0, databases=tuple(args.databases.split(",")),
        keep=False, reuse=False, data_dir=None, jobs=None, pg_database=args.pg_database,
    )  # fmt: skip
    return options, args.tasks


def main() -> int:
    options, tasks = parse_options()
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    kinds = {"sqlite": bench_web.Sqlite, "postgresql": bench_web.Postgres}
    runs = [bench_database(kinds[name](options), options, tasks) for name in options.databases]
    return 0 if report(runs, options, tasks) else 1


if __name__ == "__main__":
    sys.exit(main())
