"""``jixiao-manage demo``: a working server on 127.0.0.1 with the Luopu 2023 example.

Migrates, collects static files, loads ``examples/luopu-2023.xlsx`` once with its 1-7月
monitoring round, approves its goals and starts 2024's goals from them (``demo_goals``),
creates one demo account per role once (random strong passwords, hashed by Django), prints the
accounts and the address, then serves. The plain passwords are kept only in
``DATA_DIR/demo-accounts.txt`` (mode 0600, outside the repository) so the next start
can print them again.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jixiao.web import models
from jixiao.web.management.demo_goals import load_demo_goals
from jixiao.web.models import Role
from jixiao.web.roles import membership
from jixiao.web.services.errors import ImportRejected
from jixiao.web.services.importing import do_import_workbook, read_upload
from jixiao.web.services.monitoring_import import (
    do_import_round,
    plan_round_import,
    read_round_upload,
)
from jixiao.web.services.monitoring_rounds import do_open_round

DEPARTMENT = "洛浦街道办事处"
DISTRICT = "广东省广州市番禺区"
YEAR = 2023
EXAMPLE = Path("examples") / "luopu-2023.xlsx"
MONITORING_EXAMPLE = Path("examples") / "luopu-2023-monitoring.xlsx"
ACCOUNTS_FILE = "demo-accounts.txt"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    label: str
    role: str | None = None  # None: administrator (superuser)
    section: str = ""


ACCOUNTS = (
    DemoAccount("admin", "管理员"),
    DemoAccount("finance", "财务人员", Role.FINANCE),
    DemoAccount("section-urban", "业务科室（城市管理办公室）", Role.SECTION, "城市管理办公室"),
    DemoAccount("section-public", "业务科室（公共服务办公室）", Role.SECTION, "公共服务办公室"),
    DemoAccount("group", "工作小组", Role.WORKING_GROUP),
    DemoAccount("bureau", "财政局（番禺区）", Role.BUREAU),
)


def _read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (
        line.split("\t", 1)
        for line in path.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    )
    return {name: password for name, password in pairs}


def _write_passwords(path: Path, passwords: dict[str, str]) -> None:
    """Write the plain demo passwords readable by the owner only (0600 from creation on)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.writelines(f"{name}\t{password}\n" for name, password in passwords.items())
    path.chmod(0o600)


def _new_password(user: User) -> str:
    while True:
        password = secrets.token_urlsafe(12)
        try:
            validate_password(password, user)
        except ValidationError:  # a random string a validator dislikes: draw again
            continue
        return password


def _membership(account: DemoAccount, department: models.Department) -> dict[str, object]:
    if account.role == Role.BUREAU:
        return {"district": DISTRICT}
    if account.role == Role.SECTION:
        section, _ = models.Section.objects.get_or_create(
            department=department, name=account.section
        )
        return {"department": department, "section": section}
    return {"department": department}


class Command(BaseCommand):
    help = "演示：迁移数据库、载入洛浦街道 2023 年示例、创建各角色演示账户，并在 127.0.0.1 启动服务"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
        parser.add_argument("--no-run", action="store_true", help="只做准备，不启动服务")

    def handle(self, *args, port: int, no_run: bool, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        path = Path(settings.DATA_DIR) / ACCOUNTS_FILE
        passwords = _read_passwords(path)
        admin = self._account(ACCOUNTS[0], None, passwords)
        _write_passwords(path, passwords)
        department = self._load_example(admin)
        for account in ACCOUNTS[1:]:
            self._account(account, department, passwords)
        _write_passwords(path, passwords)
        self._load_monitoring(department)
        self._load_goals(department)
        self._print(passwords, port)
        if not no_run:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    def _load_monitoring(self, department: models.Department) -> None:
        """The example's 1-7月 round, opened by the demo finance account and imported once."""
        year = department.years.get(year=YEAR)
        if year.monitoring_rounds.exists():
            return
        finance = User.objects.get(username="finance")
        path = Path(settings.REPO_DIR) / MONITORING_EXAMPLE
        with transaction.atomic():
            round_ = do_open_round(acting_user=finance, year_id=year.pk, round_name="1-7月")
            try:
                data = read_round_upload(path, round_)
            except ImportRejected as error:
                raise CommandError(f"示例监控工作簿无法导入：{error}") from error
            do_import_round(
                acting_user=finance, round_id=round_.pk, data=data, source_name=path.name,
                expected_fingerprint=plan_round_import(round_, data).fingerprint,
            )  # fmt: skip
        self.stdout.write(f"已载入示例 {round_}绩效运行监控")

    def _load_goals(self, department: models.Department) -> None:
        """2023's goals approved and the next year's goals started from them, once."""
        following = load_demo_goals(department.years.get(year=YEAR))
        if following is not None:
            self.stdout.write(
                f"已由 {YEAR} 年度复制 {following} 年度绩效目标（{following.projects.count()} 个项目），"
                "已提交目标审核"
            )

    def _load_example(self, admin: User) -> models.Department:
        loaded = models.DepartmentYear.objects.filter(
            department__name=DEPARTMENT, department__district=DISTRICT, year=YEAR
        ).first()
        if loaded is not None:
            return loaded.department
        path = Path(settings.REPO_DIR) / EXAMPLE
        try:
            year = do_import_workbook(
                acting_user=admin, data=read_upload(path), source_name=path.name
            )
        except ImportRejected as error:
            raise CommandError(f"示例工作簿无法导入：{error}") from error
        self.stdout.write(f"已载入示例 {year}（{year.projects.count()} 个项目）")
        return year.department

    @transaction.atomic
    def _account(self, account: DemoAccount, department, passwords: dict[str, str]) -> User:
        """The demo user; created if absent, with a fresh random password put in ``passwords``."""
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(username=account.username, first_name=account.label,
                        is_superuser=account.role is None, is_staff=account.role is None)  # fmt: skip
            password = _new_password(user)
            user.set_password(password)
            user.save()
            passwords[user.username] = password
        if account.role is not None and membership(user) is None:
            models.Membership.objects.create(
                user=user, role=account.role, **_membership(account, department)
            )
        return user

    def _print(self, passwords: dict[str, str], port: int) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"演示账户（{DEPARTMENT} {YEAR} 年度；密码另存于 {Path(settings.DATA_DIR) / ACCOUNTS_FILE}）："
        )
        self.stdout.write(f"  {'用户名':<13}{'密码':<18}角色")
        for account in ACCOUNTS:
            password = (
                passwords.get(account.username)
                or "（已存在，密码未记录；可用 changepassword 重设）"
            )
            self.stdout.write(f"  {account.username:<16}{password:<20}{account.label}")
        self.stdout.write("")
        self.stdout.write(f"打开 http://127.0.0.1:{port}/ 登录。按 Ctrl+C 停止。")
