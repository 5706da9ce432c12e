"""Cost of one request to the ledger and result-application pages, measured in-process.

Run ``.venv/bin/python benchmarks/profile_pages.py --data-dir DIR [--setup] [--profile PAGE]``
(with ``DATABASE_URL`` for PostgreSQL). ``--setup`` migrates and loads a district as
``bench_ledger.py`` does (``--departments``, ``--projects``, ``--indicators``, ``--tasks``).
Then the bureau reviewer's requests go through Django's test client: each page once with
the page cache emptied (cold), then ``--repeat`` times (warm). Prints per page the
queries and the CPU and wall milliseconds of the cold request and the warm median: CPU
time per request barely moves on a shared machine, where latency under load does.
``--profile PAGE`` prints the warm requests' cProfile (top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import bench_web

TASKS = bench_web.ROOT / "benchmarks" / "web" / "ledger_tasks.py"


def pages() -> dict[str, str]:
    """Each page's path; ``{department}`` stands for a department's id."""
    overdue = urllib.parse.quote("逾期")
    return {
        "ledger": "/rectification/",
        "ledger_overdue": f"/rectification/?status={overdue}",
        "ledger_department": "/rectification/?department={department}",
        "ledger_export_department": "/rectification/export.xlsx?department={department}",
        "application": "/bureau/application/?year=2023",
        "application_xlsx": "/bureau/application.xlsx?year=2023",
    }


def setup(env: dict[str, str], args) -> None:
    bench_web.manage(env, "migrate", "--verbosity", "0")
    bench_web.manage(env, "load_district", "--departments", str(args.departments),
                     "--projects", str(args.projects), "--indicators", str(args.indicators),
                     "--district", bench_web.DISTRICT, "--password", bench_web.PASSWORD)  # fmt: skip
    subprocess.run([sys.executable, str(TASKS), bench_web.DISTRICT, str(args.tasks)],
                   env=env, check=True, capture_output=True)  # fmt: skip


def one(client, path: str) -> tuple[int, float, float]:
    """Queries, CPU ms and wall ms of one GET (which must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(path, HTTP_HOST="127.0.0.1")
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return len(queries), cpu * 1000, wall * 1000


def measure(client, paths: dict[str, str], departments: list[int], repeat: int) -> dict:
    """Per page: the first request with the cache emptied (cold), the median of ``repeat``
    requests of the same path (warm) and, for a department's page, the median of the first
    requests of ``repeat`` other departments with the rest cached (next)."""
    from django.core.cache import cache

    found = {}
    for name, path in paths.items():
        cache.clear()
        # The session and the user's first request fill the session cache: not the page's.
        client.get("/", HTTP_HOST="127.0.0.1")
        cold = one(client, path.format(department=departments[0]))
        warm = [one(client, path.format(department=departments[0])) for _ in range(repeat)]
        others = departments[1 : repeat + 1] if "{department}" in path else []
        first = [one(client, path.format(department=pk)) for pk in others]
        found[name] = {
            "cold_queries": cold[0], "cold_cpu_ms": cold[1], "cold_wall_ms": cold[2],
            "queries": warm[0][0], "cpu_ms": statistics.median(w[1] for w in warm),
            "wall_ms": statistics.median(w[2] for w in warm),
            "next_queries": first[0][0] if first else None,
            "next_cpu_ms": statistics.median(f[1] for f in first) if first else None,
            "next_wall_ms": statistics.median(f[2] for f in first) if first else None,
        }  # fmt: skip
    return found


def profile(client, path: str, repeat: int) -> None:
    one(client, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path, HTTP_HOST="127.0.0.1")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--departments", type=int, default=300)
    parser.add_argument("--projects", type=int, default=5)
    parser.add_argument("--indicators", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--profile", help="a page name: print its cProfile")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["JIXIAO_DATA_DIR"] = str(args.data_dir)
    os.environ.pop("JIXIAO_DEBUG", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    if args.setup:
        setup(dict(os.environ), args)

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    from jixiao.web import models

    client = Client()
    client.force_login(User.objects.get(username="bureau"))
    departments = list(
        models.Department.objects.filter(district=bench_web.DISTRICT)
        .order_by("pk").values_list("pk", flat=True)
    )  # fmt: skip
    paths = pages()
    if args.profile:
        profile(client, paths[args.profile].format(department=departments[0]), args.repeat)
        return 0
    chosen = args.pages.split(",") if args.pages else list(paths)
    found = measure(client, {name: paths[name] for name in chosen}, departments, args.repeat)
    if args.json:
        print(json.dumps(found))
    else:
        print_table(found)
    return 0


def print_table(found: dict) -> None:
    print(f"{'page':<26}{'cold q':>7}{'cold cpu':>9}{'cold wall':>10}{'q':>4}{'cpu ms':>8}"
          f"{'wall ms':>8}{'next q':>7}{'next cpu':>9}{'next wall':>10}")  # fmt: skip
    for name, row in found.items():
        line = (f"{name:<26}{row['cold_queries']:>7}{row['cold_cpu_ms']:>9.1f}"
                f"{row['cold_wall_ms']:>10.1f}{row['queries']:>4}{row['cpu_ms']:>8.1f}"
                f"{row['wall_ms']:>8.1f}")  # fmt: skip
        if row["next_queries"] is not None:
            line += (
                f"{row['next_queries']:>7}{row['next_cpu_ms']:>9.1f}{row['next_wall_ms']:>10.1f}"
            )
        print(line)


if __name__ == "__main__":
    sys.exit(main())
