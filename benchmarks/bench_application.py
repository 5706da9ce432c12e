"""Result application benchmark: the district's 结果应用建议表 for 300 departments, 20 clients.

Run ``.venv/bin/python benchmarks/bench_application.py [--quick]``. It sets up each
database as ``bench_web.py`` does (a synthetic district from ``load_district``: 300
departments × 200 projects × 10 indicators; ``--quick``: 30 departments), starts gunicorn
with DEBUG off, logs the bureau reviewer in through the form, then lets 20 clients
(``benchmarks/web/loadgen.py``) request, for a fixed time each:

- ``application``: the bureau's page of the district's suggestions (one row per
  department: grade, suggestion, factor, amount, decision), first once with nothing
  cached, then under load;
- ``application_xlsx``: the same table as the Excel 结果应用建议表, built on every request.

``--projects`` and ``--indicators`` set the synthetic departments' size (default 200 and
10, as ``bench_web.py``): the table has one row per department, and its sums group every
project of the district.

Prints p50/p95/max latency and failures per page and database, then whether each target
is met: no failure, and p95 ≤ 200 ms under the timed load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

import bench_web
from bench_web import (
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
    parse_options,
)

PAGES = {
    "application": "/bureau/application/?year=2023",
    "application_xlsx": "/bureau/application.xlsx?year=2023",
}


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
        "timeout": 30, "seed": 0, "warmup_requests": 2, "phases": phases,
    }  # fmt: skip
    out = subprocess.run([sys.executable, str(LOADGEN)], input=json.dumps(plan), check=True,
                         capture_output=True, text=True)  # fmt: skip
    return json.loads(out.stdout)


def bench_database(database, options: Options, size: tuple[int, int]) -> Run:
    run = Run(database.name)
    log(f"\n=== {database.name}: {options.departments} 个部门的结果应用建议表 ===")
    try:
        bench_web.prepare(database, options, run, *size)
        with gunicorn(database.env(), options, database.data_dir / "gunicorn.log") as port:
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


def _size() -> tuple[int, int]:
    """``--projects`` and ``--indicators``, taken off the command line before bench_web's
    own options are parsed."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--indicators", type=int, default=10)
    known, rest = parser.parse_known_args()
    sys.argv[1:] = rest
    return known.projects, known.indicators


def main() -> int:
    size = _size()
    options = parse_options()
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    kinds = {"sqlite": Sqlite, "postgresql": Postgres}
    log(f"每个部门 {size[0]} 个项目 × {size[1]} 个指标")
    runs = [bench_database(kinds[name](options), options, size) for name in options.databases]
    return 0 if bench_web.report(runs, options) else 1


if __name__ == "__main__":
    sys.exit(main())
