"""Cost of changing a rules profile: every department-year scored under it is recomputed.

Run ``.venv/bin/python benchmarks/bench_profile_rescore.py [--departments N] [--data-dir DIR
--reuse]`` (with ``DATABASE_URL`` for PostgreSQL). Migrates and loads a district with
``load_district`` (default 30 departments × 200 projects × 10 indicators) unless
``--reuse``, then saves the default profile with execution scored by tiers (or back) through the admin's
change form, as an administrator does, and prints the time the save took, per
department-year and in all, and the longest single year's transaction (the longest
another writer can wait on it). Prints figures only; there is no target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import bench_web


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=30)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--data-dir", type=Path, help="数据目录（默认临时目录，用后删除）")
    parser.add_argument("--reuse", action="store_true", help="数据目录中已有区县数据时不再导入")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="jixiao-rescore-"))
    os.environ["JIXIAO_DATA_DIR"] = str(data_dir)
    env = dict(os.environ)
    if not args.reuse:
        bench_web.manage(env, "migrate", "--verbosity", "0")
        bench_web.manage(env, "load_district", "--departments", str(args.departments),
                         "--projects", str(args.projects), "--indicators", str(args.indicators),
                         "--district", bench_web.DISTRICT, "--password", bench_web.PASSWORD)  # fmt: skip
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    import django

    django.setup()
    try:
        return measure()
    finally:
        if args.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)


def measure() -> int:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    from jixiao.core.profile import shipped_profile_text
    from jixiao.web import models
    from jixiao.web.services import profile_rescore

    years = models.DepartmentYear.objects.filter(profile="default").count()
    durations = []
    original = profile_rescore.recompute

    def timed(year):
        start = time.perf_counter()
        try:
            return original(year)
        finally:
            durations.append(time.perf_counter() - start)

    profile_rescore.recompute = timed
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin", password=bench_web.PASSWORD
    )
    client = Client(HTTP_HOST="127.0.0.1")  # one of the default ALLOWED_HOSTS
    client.force_login(admin)
    record = models.RulesProfileRecord.objects.filter(key="default").first()
    url = (reverse("admin:jixiao_rulesprofilerecord_change", args=[record.pk]) if record
           else reverse("admin:jixiao_rulesprofilerecord_add"))  # fmt: skip
    # Scoring execution by tiers instead of linearly changes the total of every project
    # that spent less than its budget, so most projects, grades and years are rewritten.
    # (Run again with --reuse, the save switches back.)
    methods = ('\nmethod = "linear"', '\nmethod = "tiers"')
    before = record.text if record else shipped_profile_text("default")
    text = before.replace(*(methods if methods[0] in before else methods[::-1]), 1)
    if text == before:
        bench_web.log("规则配置中找不到 project.execution 的 method，无法修改")
        return 1
    start = time.perf_counter()
    response = client.post(url, {"key": "default", "text": text, "_save": "保存"})
    total = time.perf_counter() - start
    if response.status_code != 302 or len(durations) != years:
        bench_web.log(
            f"保存失败：HTTP {response.status_code}，重算 {len(durations)}/{years} 个部门年度"
        )
        return 1
    projects = models.Project.objects.filter(department_year__profile="default").count()
    bench_web.log(f"规则配置保存：{years} 个部门年度（{projects} 个项目）重新计算")
    bench_web.log(f"  整个保存请求 {total:.1f} 秒")
    bench_web.log(f"  每个部门年度：中位 {statistics.median(durations) * 1000:.0f} ms，"
                  f"最长 {max(durations) * 1000:.0f} ms（其他写入最多等待这么久）")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
