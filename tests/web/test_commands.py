"""Management commands: load any workbook; set up and print the demo."""

from __future__ import annotations

import io
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from jixiao.io.workbook_writer import write_workbook
from jixiao.web import models
from jixiao.web.management.commands import demo
from jixiao.web.models import GoalPhase
from jixiao.web.selectors.todo import todo_for
from tests.builders import LUOPU_WORKBOOK, edit_cells

from .conftest import department_data


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# Slow but fine: the full Luopu example (238 projects, ~1,200 indicators) takes ~2 s.
def test_load_workbook_loads_the_luopu_example(db):
    out, _ = run("load_workbook", str(LUOPU_WORKBOOK))
    year = models.DepartmentYear.objects.get(department__name="洛浦街道办事处", year=2023)
    assert year.projects.count() == 238 and year.computed_score is not None
    assert "已导入" in out
    # Nobody was given: signed by an inactive system user that cannot log in.
    history = models.DepartmentYear.history.filter(id=year.pk).latest("history_date")
    assert history.history_user.username == "jixiao-system" and not history.history_user.is_active


def test_load_workbook_imports_as_the_named_user(actors, tmp_path):
    data = department_data("示例街道办事处")
    renamed = replace(
        data, projects=(replace(data.projects[0], name="环卫保洁（调整）"), *data.projects[1:])
    )
    run("load_workbook", str(write_workbook(renamed, tmp_path / "a.xlsx")), "--user", "finance")
    year = models.DepartmentYear.objects.get(department__name="示例街道办事处")
    assert (
        models.DepartmentYear.history.filter(id=year.pk).latest("history_date").history_user
        == actors.finance
    )
    project = models.Project.history.filter(code="P1").latest("history_date")
    assert project.history_user == actors.finance and project.name == "环卫保洁（调整）"


def test_load_workbook_of_unchanged_data_changes_nothing(actors, tmp_path):
    path = write_workbook(department_data("示例街道办事处"), tmp_path / "a.xlsx")
    before = models.DepartmentYear.history.count(), models.Project.history.count()
    out, _ = run("load_workbook", str(path), "--user", "finance")
    assert "未作任何修改" in out
    assert (models.DepartmentYear.history.count(), models.Project.history.count()) == before


def test_load_workbook_refuses_unconfirmed_removal_of_evidence(actors, tmp_path):
    data = department_data("示例街道办事处")
    indicator = models.Indicator.objects.get(
        department_year__department__name="示例街道办事处", project__code="P1", name="完成数"
    )
    models.Evidence.objects.create(indicator=indicator, file="evidence/x.pdf", original_name="验收单.pdf",
                                   size=3, sha256="0" * 64, uploaded_by=actors.finance)  # fmt: skip
    path = write_workbook(replace(data, indicators=data.indicators[1:]), tmp_path / "a.xlsx")
    err = io.StringIO()
    with pytest.raises(CommandError, match="须先确认删除内容"):
        call_command("load_workbook", str(path), "--user", "finance", stderr=err)
    assert "验收单.pdf" in err.getvalue()
    assert models.Indicator.objects.filter(pk=indicator.pk).exists()
    run("load_workbook", str(path), "--user", "finance", "--confirm-removals")
    assert not models.Indicator.objects.filter(pk=indicator.pk).exists()
    assert models.Evidence.objects.get(original_name="验收单.pdf").kept_in_year is not None


def test_load_workbook_refuses_a_bad_workbook_and_changes_nothing(db, tmp_path):
    path = edit_cells(
        write_workbook(department_data("示例街道办事处"), tmp_path / "a.xlsx"),
        "项目",
        {"I3": "约三百万"},
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command("load_workbook", str(path), stderr=err)
    assert "工作表“项目”第 3 行“全年执行数”列" in err.getvalue()
    assert models.DepartmentYear.objects.count() == 0


def test_load_workbook_refuses_a_user_who_may_not_import(actors, tmp_path):
    path = write_workbook(department_data("另一街道办事处"), tmp_path / "b.xlsx")
    with pytest.raises(CommandError, match="无权"):
        run("load_workbook", str(path), "--user", "finance")


def test_load_workbook_reports_a_missing_file_or_user(db, tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run("load_workbook", str(tmp_path / "none.xlsx"))
    with pytest.raises(CommandError, match="找不到用户"):
        run("load_workbook", str(LUOPU_WORKBOOK), "--user", "nobody")


@pytest.fixture
def demo_dirs(db, settings, tmp_path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    return tmp_path


def stored_passwords(folder: Path) -> dict[str, str]:
    lines = (folder / "demo-accounts.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines)


# Slow but fine: collects static files, loads the Luopu example and copies its goals (~8 s).
def test_demo_sets_up_accounts_and_example_once_and_prints_them(demo_dirs):
    out, _ = run("demo", "--no-run", "--port", "8123")
    assert "http://127.0.0.1:8123/" in out
    assert models.DepartmentYear.objects.filter(
        department__name="洛浦街道办事处", year=2023
    ).exists()
    assert stat.S_IMODE((demo_dirs / "demo-accounts.txt").stat().st_mode) == 0o600
    passwords = stored_passwords(demo_dirs)
    assert set(passwords) == {account.username for account in demo.ACCOUNTS}
    for username, password in passwords.items():
        user = User.objects.get(username=username)
        assert user.check_password(password) and password not in user.password
        assert password in out
    assert User.objects.get(username="section-urban").membership.section.name == "城市管理办公室"
    assert User.objects.get(username="bureau").membership.district == "广东省广州市番禺区"
    assert (demo_dirs / "static" / "jixiao" / "app.css").exists()
    assert_goals_year_with_work_for_every_role()

    again, _ = run("demo", "--no-run")
    assert models.DepartmentYear.objects.count() == 2
    assert models.GoalAdjustment.objects.count() == 1
    assert User.objects.filter(username__in=list(passwords)).count() == len(demo.ACCOUNTS)
    assert stored_passwords(demo_dirs) == passwords and passwords["finance"] in again


def assert_goals_year_with_work_for_every_role() -> None:
    """2024 started from 2023 by the copy service: its continuing projects, all 示例数据,
    with 2023's actuals as 上年实际, submitted for review; every role has something to do."""
    before = models.DepartmentYear.objects.get(department__name="洛浦街道办事处", year=2023)
    after = models.DepartmentYear.objects.get(department=before.department, year=2024)
    assert before.goal_phase == GoalPhase.APPROVED and after.goal_phase == GoalPhase.SUBMITTED
    assert after.projects.count() == before.projects.filter(illustrative=True).count() > 0
    assert not after.projects.filter(illustrative=False).exists()
    copied = after.indicators.filter(project__code="LP23G099", name="大气污染防治完成任务数").get()
    original = before.indicators.get(project__code="LP23G099", name=copied.name)
    assert copied.previous_actual == original.actual is not None
    assert copied.target == original.target
    for username in ("finance", "section-urban", "section-public", "group", "bureau"):
        assert todo_for(User.objects.get(username=username)), username
    group = todo_for(User.objects.get(username="group"))
    assert any(
        item.url == reverse("goal_overview", args=[after.pk]) for g in group for item in g.items
    )
    bureau = todo_for(User.objects.get(username="bureau"))
    assert any(g.heading == "待审批的目标调整" for g in bureau)
