"""``jixiao goals``, ``template --goals`` and ``--approved`` on ``check`` and ``report``,
run as a user runs them, on the Luopu example and small workbooks."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from jixiao.io.goals_reader import read_goals_workbook
from jixiao.io.goals_writer import write_goals_workbook
from tests.builders import LUOPU_WORKBOOK, REPO, load_module
from tests.cli.test_cli import nothing_written, run
from tests.goals_builders import D, goals_department, with_goal

LUOPU_GOALS = REPO / "examples" / "luopu-2023-goals.xlsx"


def approved_errors(out: str) -> list[str]:
    return [line for line in out.splitlines() if "批复" in line and line.startswith("[错误]")]


def luopu_copy(tmp_path: Path, edit) -> Path:
    """A copy of the Luopu year-end workbook with ``edit`` applied to its indicator sheet."""
    path = tmp_path / "luopu-2023.xlsx"
    shutil.copy(LUOPU_WORKBOOK, path)
    workbook = openpyxl.load_workbook(path)
    edit(workbook["项目绩效指标"])
    workbook.save(path)
    return path


def test_the_goals_example_is_what_its_script_builds(monkeypatch):
    monkeypatch.syspath_prepend(str(REPO / "examples"))
    built = load_module(REPO / "examples" / "make_luopu_2023_goals.py", "make_goals").build_goals()
    read = read_goals_workbook(LUOPU_GOALS).data
    unlocated = lambda items: [replace(i, location=None) for i in items]  # noqa: E731
    assert unlocated(read.indicators) == list(built.indicators)
    assert [replace(p, location=None) for p in read.projects] == list(built.projects)
    assert all(p.fiscal.initial > 0 for p in read.projects)  # mid-year projects came later


def test_check_against_the_approved_luopu_goals_finds_no_unapproved_change(capsys):
    result = run(["check", "--approved", str(LUOPU_GOALS), str(LUOPU_WORKBOOK)], capsys)
    assert result.code == EXIT_OK
    assert approved_errors(result.out) == []
    assert "不在批复目标中（年中新增项目）" in result.out


@pytest.fixture(scope="module")
def lowered_target(tmp_path_factory) -> Path:
    """The Luopu workbook with one approved target (LP23G002's 完成任务数, G8) lowered."""

    def lower_a_target(sheet):
        assert sheet["A8"].value == "LP23G002" and sheet["G8"].value == 10
        sheet["G8"].value = 9

    return luopu_copy(tmp_path_factory.mktemp("lowered"), lower_a_target)


def test_a_changed_target_is_named_by_sheet_row_and_column(lowered_target, capsys):
    changed = lowered_target
    result = run(["check", "--approved", str(LUOPU_GOALS), str(changed)], capsys)
    assert result.code == EXIT_FINDINGS
    [line] = approved_errors(result.out)
    assert line.startswith("[错误] 工作表“项目绩效指标”第 8 行“年度指标值”列（G 列）：年度指标值与批复目标不一致")  # fmt: skip
    assert "批复为“10”，工作簿为“9”" in line


def test_changed_weight_unit_and_a_removed_indicator_are_each_reported(tmp_path, capsys):
    def edit(sheet):
        sheet["H9"].value = "个"  # 验收合格率 in % → 个
        sheet["I10"].value = 16
        sheet.delete_rows(11)

    changed = luopu_copy(tmp_path, edit)
    lines = approved_errors(
        run(["check", "--approved", str(LUOPU_GOALS), str(changed)], capsys).out
    )
    assert any("第 9 行“度量单位”列（H 列）" in line for line in lines)
    assert any("第 10 行“分值”列（I 列）" in line for line in lines)
    assert any(
        "批复指标“机关运行保障服务对象满意度”" in line or "在工作簿中缺失" in line for line in lines
    )
    assert len(lines) == 3


def test_report_against_changed_goals_writes_nothing(lowered_target, tmp_path, capsys):
    changed = lowered_target
    output = tmp_path / "out"
    result = run(
        ["report", "--approved", str(LUOPU_GOALS), str(changed), "-o", str(output)], capsys
    )
    assert result.code == EXIT_BAD_INPUT
    assert "年度指标值与批复目标不一致" in result.out and nothing_written(output)


def test_unreadable_approved_goals_are_bad_input(tmp_path, capsys):
    bad = tmp_path / "goals.xlsx"
    bad.write_text("x", encoding="utf-8")
    result = run(["check", "--approved", str(bad), str(LUOPU_WORKBOOK)], capsys)
    assert result.code == EXIT_BAD_INPUT and "批复目标" in result.out


def test_goals_writes_the_forms_and_the_review_for_the_luopu_goals(tmp_path, capsys):
    result = run(["goals", str(LUOPU_GOALS), "-o", str(tmp_path)], capsys)
    assert result.code == EXIT_OK
    assert "洛浦街道办事处 2023 年度绩效目标：审核得分" in result.out
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["luopu-2023-goals-目标审核意见.docx", "luopu-2023-goals-目标审核意见.xlsx",
                     "luopu-2023-goals-绩效目标申报表.xlsx"]  # fmt: skip


def test_goals_with_an_error_level_problem_exits_1_and_still_writes_the_review(tmp_path, capsys):
    path = write_goals_workbook(with_goal(goals_department(), 0, weight=D(20)), tmp_path / "g.xlsx")
    output = tmp_path / "out"
    result = run(["goals", str(path), "-o", str(output), "--json"], capsys)
    assert result.code == EXIT_FINDINGS
    assert "WEIGHT_TOTAL" in result.out and len(list(output.iterdir())) == 3


def test_goals_on_an_invalid_workbook_exits_2_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "blank.xlsx"
    assert run(["template", "--goals", "-o", str(path)], capsys).code == EXIT_OK
    output = tmp_path / "out"
    result = run(["goals", str(path), "-o", str(output)], capsys)
    assert result.code == EXIT_BAD_INPUT
    assert "工作表“部门信息”" in result.out and nothing_written(output)


@pytest.mark.parametrize("option", [["--layout", "nowhere"], ["--profile", "nowhere"]])
def test_goals_with_an_unknown_layout_or_profile_exits_2(tmp_path, capsys, option):
    path = write_goals_workbook(goals_department(), tmp_path / "g.xlsx")
    result = run(["goals", str(path), "-o", str(tmp_path / "out"), *option], capsys)
    assert result.code == EXIT_BAD_INPUT and "找不到" in result.out
