"""Inline save benchmark: server time of one indicator's save, on SQLite and PostgreSQL.

Run ``.venv/bin/python benchmarks/bench_inline_save.py [--saves N] [--databases sqlite,postgresql]``.
For each database (SQLite in a temporary JIXIAO_DATA_DIR; PostgreSQL from
``scripts/test-services.sh`` in a fresh database ``jixiao_bench_inline``, dropped at the
end) a child process migrates, imports the Luopu example (238 projects) and a synthetic
department of 200 projects × 10 indicators, then saves random inline edits as a finance
user: an indicator's actual value, now and then a department indicator's explanation or
a project's self-score (seeded: the same edits every run). Timed per save:

- ``save``: the service call (``do_update_indicator`` / ``do_update_project``: checks, the
  history row, the rescore of what the edit touches, in one transaction);
- ``request``: the whole POST of the inline form through Django (the view, the service
  and the table row it renders back), in process, no network.

For reference, the whole-year ``recompute`` every save used to run is timed too. Printed:
p50/p95/max per kind, data set and database, then whether p95 of ``save`` ≤ 50 ms
everywhere. Figures from a shared machine are comparable only within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "jixiao_bench_inline"
TARGET_P95_MS = 50.0
SEED = 2023


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- the child: one database ---------------------------------------------------------------


def _child(saves: int) -> dict[str, dict[str, list[float]]]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import User

    from jixiao.io.synthetic import synthetic_department
    from jixiao.web.services.importing import do_import_workbook, read_upload

    admin = User.objects.create_superuser("bench-admin", password="x")
    sets = {
        "洛浦示例（238 个项目）": read_upload(ROOT / "examples" / "luopu-2023.xlsx"),
        "合成部门（200 个项目）": synthetic_department(1, projects=200),
    }
    results = {}
    for label, data in sets.items():
        year = do_import_workbook(acting_user=admin, data=data, source_name="bench.xlsx")
        results[label] = _time_saves(year, saves)
    return results


def _time_saves(year, saves: int) -> dict[str, list[float]]:
    import random

    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from jixiao.web import models
    from jixiao.web.services.indicators import do_update_indicator, do_update_project
    from jixiao.web.services.recompute import recompute

    finance = User.objects.create_user(f"bench-finance-{year.pk}", password="x")
    models.Membership.objects.create(
        user=finance, role=models.Role.FINANCE, department=year.department
    )
    client = Client()
    client.force_login(finance, backend="jixiao.web.auth_backend.MembershipBackend")
    rng = random.Random(SEED)
    indicators = list(
        year.indicators.filter(project__isnull=False, metric="").values_list("pk", flat=True)
    )
    department = list(year.indicators.filter(project__isnull=True).values_list("pk", flat=True))
    projects = list(year.projects.values_list("pk", flat=True))
    timings: dict[str, list[float]] = {"save": [], "request": [], "recompute": []}
    for number in range(saves):
        roll = rng.random()
        started = time.perf_counter()
        if roll < 0.1:
            project = models.Project.objects.get(pk=rng.choice(projects))
            started = time.perf_counter()
            do_update_project(acting_user=finance, project_id=project.pk,
                              expected_version=project.version,
                              changes={"self_score": str(rng.randint(80, 100))})  # fmt: skip
        else:
            pool = department if roll < 0.2 else indicators
            row = models.Indicator.objects.get(pk=rng.choice(pool))
            changes = ({"explanation": f"说明 {number}"} if roll < 0.2
                       else {"actual": str(rng.randint(0, 200))})  # fmt: skip
            if number % 2:
                started = time.perf_counter()
                response = client.post(reverse("indicator_edit", args=[row.pk]),
                                       {"version": row.version, **changes},
                                       headers={"HX-Request": "true"})  # fmt: skip
                assert response.status_code == 200, response.status_code
                timings["request"].append((time.perf_counter() - started) * 1000)
                continue
            started = time.perf_counter()
            do_update_indicator(acting_user=finance, indicator_id=row.pk,
                                expected_version=row.version, changes=changes)  # fmt: skip
        timings["save"].append((time.perf_counter() - started) * 1000)
    for _ in range(max(3, saves // 20)):
        started = time.perf_counter()
        recompute(models.DepartmentYear.objects.get(pk=year.pk))
        timings["recompute"].append((time.perf_counter() - started) * 1000)
    return timings


# --- the parent: every database ------------------------------------------------------------


def _postgres_url() -> str:
    url = subprocess.run(
        ["bash", str(ROOT / "scripts" / "test-services.sh")],
        check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{DATABASE}"))


def _psql(url: str, sql: str) -> None:
    psql = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    server = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
    subprocess.run([str(psql), server, "-qAtc", sql], check=True, capture_output=True)


def _run(database: str, saves: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-inline-") as folder:
        env = dict(os.environ, JIXIAO_DATA_DIR=folder, JIXIAO_ALLOWED_HOSTS="testserver")
        env.pop("DATABASE_URL", None)
        url = ""
        if database == "postgresql":
            url = env["DATABASE_URL"] = _postgres_url()
            _psql(url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            _psql(url, f"CREATE DATABASE {DATABASE}")
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--saves", str(saves)],
                env=env, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
        finally:
            if url:
                _psql(url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.saves)))
        return 0
    met = True
    print(
        f"{'数据库':<12}{'数据':<16}{'计时':<10}{'次数':>6}{'p50 ms':>9}{'p95 ms':>9}{'最大 ms':>9}"
    )
    for database in args.databases.split(","):
        for label, timings in _run(database, args.saves).items():
            for kind, values in timings.items():
                p95 = percentile(values, 0.95)
                print(f"{database:<12}{label:<16}{kind:<10}{len(values):>6}"
                      f"{statistics.median(values):>9.1f}{p95:>9.1f}{max(values):>9.1f}")  # fmt: skip
                if kind == "save" and p95 > TARGET_P95_MS:
                    met = False
    verdict = "达到" if met else "未达到"
    print(f"目标：每次保存（save）p95 ≤ {TARGET_P95_MS:.0f} ms —— {verdict}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
