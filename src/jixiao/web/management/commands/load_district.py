"""``load_district``: a synthetic district loaded through the real import service.

Every department-year goes through ``do_import_workbook`` exactly as an uploaded workbook
would: scored by the core, with history rows naming the acting (system) user. Then one
bureau reviewer for the district and one finance user per department are created with
a known password, so a load test can log them in.

    jixiao-manage load_district --departments 300 --projects 200 --indicators 10 \\
        --district 示例区 --password 'load-test-password'

On PostgreSQL the departments are imported by ``--jobs`` processes at once (each import
is its own transaction); SQLite has one writer, so there it is one at a time.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, replace

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections, transaction

from jixiao.core.records import DepartmentYear as DepartmentYearRecord
from jixiao.io.synthetic import synthetic_department
from jixiao.web import models
from jixiao.web.models import Role
from jixiao.web.services.importing import do_import_workbook

SYSTEM_USERNAME = "jixiao-system"
BUREAU_USERNAME = "bureau"


def finance_username(index: int) -> str:
    """The finance user of synthetic department ``index`` (finance-000, finance-001, …)."""
    return f"finance-{index:03d}"


@dataclass(frozen=True)
class Shape:
    """What to generate: the district and the size of each department."""

    district: str
    projects: int
    indicators: int
    seed: int


@dataclass(frozen=True)
class Loaded:
    """One imported department: its index and name, the rows it filed, the import's time."""

    index: int
    name: str
    rows: int
    seconds: float


def district_department(index: int, shape: Shape) -> DepartmentYearRecord:
    """Synthetic department ``index``, moved into ``shape.district``."""
    data = synthetic_department(index, shape.projects, shape.indicators, shape.seed)
    info = data.department
    department = replace(
        info,
        jurisdiction=shape.district,
        parent=f"{shape.district}人民政府",
        full_name=f"{shape.district}{info.name}办事处",
    )
    return replace(data, department=department)


def filed_rows(data: DepartmentYearRecord) -> int:
    """Rows a department-year files (budget lines, projects, indicators, statements)."""
    return sum(
        len(part)
        for part in (
            data.budget_lines,
            data.projects,
            data.indicators,
            data.department_indicators,
            data.problems,
            data.measures,
        )
    )


def import_department(index: int, shape: Shape, user_pk: int) -> Loaded:
    """Generate department ``index`` and import it as the system user."""
    data = district_department(index, shape)
    started = time.perf_counter()
    do_import_workbook(
        acting_user=User.objects.get(pk=user_pk),
        data=data,
        source_name=f"synthetic_{index:03d}.xlsx",
    )
    return Loaded(index, data.department.name, filed_rows(data), time.perf_counter() - started)


def _import_in_worker(task: tuple[int, Shape, int]) -> Loaded:
    """In a forked worker: it opens its own connection and closes it after each import."""
    try:
        return import_department(*task)
    finally:
        connections.close_all()


def system_user() -> User:
    """The superuser the synthetic imports are recorded under (no password: no login)."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_superuser": True, "is_staff": True, "first_name": "系统导入"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_load_test_users(district: str, indexes: range, names: dict[int, str], password: str):
    """One bureau reviewer for ``district`` and one finance user per department.

    Existing users of those names are reset to the role and password. The password is
    hashed once and the hash shared: PBKDF2 costs about half a second per hash, which
    would otherwise dominate creating 300 users.
    """
    hashed = make_password(password)
    departments = {
        d.name: d
        for d in models.Department.objects.filter(district=district, name__in=names.values())
    }
    wanted = {BUREAU_USERNAME: None} | {finance_username(i): departments[names[i]] for i in indexes}
    existing = {u.username: u for u in User.objects.filter(username__in=wanted)}
    User.objects.bulk_create(
        [User(username=name, password=hashed) for name in wanted if name not in existing]
    )
    User.objects.filter(username__in=wanted).update(password=hashed, is_active=True)
    users = {u.username: u for u in User.objects.filter(username__in=wanted)}
    models.Membership.objects.filter(user__in=users.values()).delete()
    models.Membership.objects.bulk_create(
        [
            models.Membership(user=users[BUREAU_USERNAME], role=Role.BUREAU, district=district),
            *(
                models.Membership(user=users[name], role=Role.FINANCE, department=department)
                for name, department in wanted.items()
                if department is not None
            ),
        ]
    )
    return len(users)


class Command(BaseCommand):
    help = "导入一个合成地区（经由正式导入服务评分并留痕），并创建压测用的财政局与财务用户。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--departments", type=int, default=300, help="部门数（默认 300）")
        parser.add_argument("--projects", type=int, default=200, help="每个部门的项目数")
        parser.add_argument("--indicators", type=int, default=10, help="每个项目的指标数")
        parser.add_argument("--district", default="示例区", help="地区名称")
        parser.add_argument("--seed", type=int, default=0, help="合成数据的随机种子")
        parser.add_argument("--password", required=True, help="压测用户的密码")
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="并行导入的进程数（默认：SQLite 为 1，其他数据库为 CPU 核数）",
        )

    def handle(self, *args, **options) -> None:
        count = options["departments"]
        if count < 1:
            raise CommandError("--departments 至少为 1")
        shape = Shape(
            options["district"], options["projects"], options["indicators"], options["seed"]
        )
        jobs = options["jobs"] or (1 if connection.vendor == "sqlite" else os.cpu_count() or 1)
        user = system_user()
        self.stdout.write(
            f"导入 {count} 个部门 × {shape.projects} 个项目 × {shape.indicators} 个指标"
            f"（{connection.vendor}，{jobs} 个进程）"
        )
        try:
            names = self._import_all(range(count), shape, user.pk, jobs)
        except ValueError as error:
            raise CommandError(str(error)) from error
        created = create_load_test_users(shape.district, range(count), names, options["password"])
        self.stdout.write(
            f"用户：{created} 个（{BUREAU_USERNAME}，{finance_username(0)} … "
            f"{finance_username(count - 1)}）"
        )

    def _import_all(self, indexes: range, shape: Shape, user_pk: int, jobs: int) -> dict[int, str]:
        """Import every department, printing progress; return index → department name."""
        started = time.perf_counter()
        every = max(1, len(indexes) // 20)
        total_rows = 0
        names = {}
        for done, loaded in enumerate(self._results(indexes, shape, user_pk, jobs), start=1):
            names[loaded.index] = loaded.name
            total_rows += loaded.rows
            if done % every == 0 or done == len(indexes):
                elapsed = time.perf_counter() - started
                self.stdout.write(
                    f"  {done}/{len(indexes)} 个部门，{total_rows} 行，{elapsed:.1f} 秒，"
                    f"{total_rows / elapsed:.0f} 行/秒（本部门 {loaded.seconds:.2f} 秒）"
                )
                self.stdout.flush()
        return names

    def _results(self, indexes: range, shape: Shape, user_pk: int, jobs: int):
        if jobs == 1:
            for index in indexes:
                yield import_department(index, shape, user_pk)
            return
        # Forked workers inherit the set-up Django but must not share an open connection.
        connections.close_all()
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            tasks = ((index, shape, user_pk) for index in indexes)
            yield from pool.imap_unordered(_import_in_worker, tasks)
