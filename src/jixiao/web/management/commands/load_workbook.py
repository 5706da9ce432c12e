"""``jixiao-manage load_workbook PATH [--user NAME]``: import any workbook into the database.

The same path as the web upload: read and validate, then one atomic import in place as
a named user (history rows say who). A workbook with errors prints them, changes nothing
and exits non-zero; so does one that would remove rows carrying evidence or reviewed
work, unless ``--confirm-removals`` says yes to exactly what it printed.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.services.errors import ImportRejected, ServiceError
from jixiao.web.services.import_plan import Removal
from jixiao.web.services.importing import (
    RemovalNotConfirmed,
    do_import_workbook,
    preview_import,
    read_upload,
)

SYSTEM_USERNAME = "jixiao-system"


def system_user() -> User:
    """The first superuser; else an inactive superuser that exists only to sign imports."""
    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    if user is not None:
        return user
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "is_superuser": True,
            "is_staff": False,
            "is_active": False,
            "first_name": "系统导入",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class Command(BaseCommand):
    help = "导入部门工作簿（.xlsx）到数据库：有任何错误则不做任何修改并逐条列出"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="工作簿文件路径")
        parser.add_argument("--user", help="以该用户身份导入（默认：第一个管理员）")
        parser.add_argument(
            "--confirm-removals",
            action="store_true",
            help="确认删除工作簿中已没有、但带有佐证材料或审核记录的项目和指标（佐证材料文件保留）",
        )

    def handle(self, *args, path: Path, user: str | None = None, confirm_removals: bool = False,
               **options) -> None:  # fmt: skip
        acting_user = self._user(user)
        if not path.is_file():
            raise CommandError(f"找不到文件“{path}”")
        try:
            data = read_upload(path)
        except ImportRejected as error:
            for finding in error.errors:
                self.stderr.write(finding.describe())
            raise CommandError(f"{path.name}：{error}") from error
        plan = preview_import(data)
        try:
            year = do_import_workbook(acting_user=acting_user, data=data, source_name=path.name,
                                      confirm_removals=confirm_removals,
                                      expected_fingerprint=plan.fingerprint)  # fmt: skip
        except RemovalNotConfirmed as error:
            for removal in error.plan.confirmations:
                self.stderr.write(describe_removal(removal))
            raise CommandError(
                f"{path.name}：{error}（确认后加 --confirm-removals 重新运行）"
            ) from error
        except ServiceError as error:
            raise CommandError(f"{path.name}：{error}") from error
        for refusal in plan.refused:
            self.stderr.write(f"未导入（已锁定）：{refusal.label}：{refusal.reason}")
        self.stdout.write(
            f"已导入 {year}：{plan.outcome()}；项目 {year.projects.count()} 个，部门整体得分 "
            f"{year.computed_score} 分（{year.grade}），错误 {year.error_count} 条，"
            f"警告 {year.warning_count} 条"
        )

    def _user(self, username: str | None) -> User:
        if username is None:
            return system_user()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"找不到用户“{username}”") from error


def describe_removal(removal: Removal) -> str:
    """One line: the removed row and what goes with it."""
    parts = [f"将删除 {removal.sheet} · {removal.label}"]
    if removal.evidence:
        parts.append(
            f"佐证材料 {len(removal.evidence)} 个（文件保留）：{'、'.join(removal.evidence)}"
        )
    if removal.reviewed:
        parts.append("曾提交或经审核")
    if removal.return_reason:
        parts.append(f"退回意见：{removal.return_reason}")
    return "；".join(parts)
