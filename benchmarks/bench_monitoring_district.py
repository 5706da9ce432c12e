"""District monitoring benchmark: the bureau's monitoring lists for 300 departments, 20 clients.

Run ``.venv/bin/python benchmarks/bench_monitoring_district.py [--quick]``. It sets up each
database as ``bench_web.py`` does (a synthetic district from ``load_district``: 300
departments × 200 projects × 10 indicators; ``--quick``: 30 departments), then gives
every department a 1-7月 round with ``load_district_monitoring`` (written in bulk, about
10% of the projects red, 15% yellow, 65% green and 10% blue; its time is reported but not
measured against a target: the benchmark measures reading). gunicorn serves it with DEBUG
off; the bureau reviewer logs in through the form; then 20 clients
(``benchmarks/web/loadgen.py``) request, each page first once, then for a fixed time:

- ``monitoring``: ``/bureau/monitoring/``, each department's latest round (counts per
  colour, its red projects with their decisions, the return form). Its first visit is the
  district's cold visit: a few queries over the colours each round's writes stored;
- ``red``, ``red_rate``, ``red_final``, ``red_decision``: the district's red projects
  (``/bureau/monitoring/red/``) by department, by 执行率, by 全年预算 (descending) and by
  处理意见; each first visit is one counted, sorted and paged query;
- ``red_xlsx``: the red projects sorted by 执行率 as the Excel export.

Prints p50/p95/max latency and failures per page and database, then whether each target
is met: no failure, and p95 ≤ 200 ms under the timed load. PostgreSQL uses its own
database (``jixiao_bench_monitoring``), so it can run beside ``bench_web.py``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time

import bench_web
from bench_web import (
    DISTRICT,
    FIRST_VISIT,
    LOADGEN,
    PASSWORD,
    Options,
    PageResult,
    Postgres,
    Run,
    Sqlite,
    gunicorn,
    log,
    login,
    manage,
    parse_options,
)

PAGES = {
    "monitoring": "/bureau/monitoring/",
    "red": "/bureau/monitoring/red/",
    "red_rate": "/bureau/monitoring/red/?sort=rate",
    "red_final": "/bureau/monitoring/red/?sort=-final",
    "red_decision": "/bureau/monitoring/red/?sort=decision",
    "red_xlsx": "/bureau/monitoring/red/?sort=rate&format=xlsx",
}
# The cold visit reads the stored colours, so gunicorn's and the load generator's usual
# timeouts (60 and 30 s) apply, as they would in production.
LOAD_TIMEOUT_SECONDS = 30


BENCH_DATABASE = "jixiao_bench_monitoring"


def prepare(database, options: Options, run: Run) -> None:
    """``bench_web.prepare``, then a 1-7月 round for every department (in bulk)."""
    bench_web.prepare(database, options, run)
    timed = time.perf_counter()
    manage(database.env(), "load_district_monitoring", "--district", DISTRICT)  # skips loaded
    run.setup["load_district_monitoring"] = time.perf_counter() - timed


def run_load(port: int, cookie: str, options: Options) -> list[dict]:
    """The load generator in a second process: each page once cold, then under load."""
    phases = []
    for name, path in PAGES.items():
        targets = [(path, cookie)]
        phases.append({"name": f"{name}{FIRST_VISIT}", "targets": targets, "once": True})
        phases.append({"name": name, "targets": targets})
    plan = {
        "host": "127.0.0.1", "port": port, "clients": options.clients,
        "duration": options.duration, "max_requests": 100_000, "think_ms": options.think_ms,
        "timeout": LOAD_TIMEOUT_SECONDS, "seed": 0, "warmup_requests": 2, "phases": phases,
    }  # fmt: skip
    out = subprocess.run([sys.executable, str(LOADGEN)], input=json.dumps(plan), check=True,
                         capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout)


def bench_database(database, options: Options) -> Run:
    run = Run(database.name)
    log(f"\n=== {database.name}: {options.departments} 个部门的绩效运行监控 ===")
    try:
        prepare(database, options, run)
        for step, seconds in run.setup.items():
            log(f"  {step}: {seconds:.1f} 秒")
        log_path = database.data_dir / "gunicorn.log"
        with gunicorn(database.env(), options, log_path) as port:
            cookie, _ = login(port, "bureau", PASSWORD)
            log(f"  负载：{options.clients} 个客户端，每种页面 {options.duration:.0f} 秒")
            for result in run_load(port, cookie, options):
                page = PageResult(database.name, result["name"], result["latencies"],
                                  result["failures"], result["seconds"])  # fmt: skip
                run.pages.append(page)
                log(bench_web._row(page))
    finally:
        database.drop()
    return run


def main() -> int:
    options = parse_options()
    if options.pg_database == bench_web.BENCH_DATABASE:
        # Its own database by default, so it can run beside bench_web.py.
        options = dataclasses.replace(options, pg_database=BENCH_DATABASE)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    kinds = {"sqlite": Sqlite, "postgresql": Postgres}
    runs = [bench_database(kinds[name](options), options) for name in options.databases]
    return 0 if bench_web.report(runs, options) else 1


if __name__ == "__main__":
    sys.exit(main())
