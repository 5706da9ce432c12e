"""``jixiao monitor`` and ``template --monitoring``, run as a user runs them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from jixiao.core.monitoring import Deviation, DeviationCause
from jixiao.io.approved import read_approved
from jixiao.io.goals_writer import write_goals_workbook
from jixiao.io.monitoring_reader import read_monitoring_workbook
from tests.builders import REPO, edit_cells, load_module
from tests.cli.test_cli import nothing_written, run
from tests.goals_builders import goals_department
from tests.monitoring_builders import D, small_round, with_execution, write_small_round

LUOPU_GOALS = REPO / "examples" / "luopu-2023-goals.xlsx"
LUOPU_MONITORING = REPO / "examples" / "luopu-2023-monitoring.xlsx"


@pytest.fixture
def goals(tmp_path: Path) -> Path:
    return write_goals_workbook(goals_department(), tmp_path / "goals.xlsx")


def test_a_complete_round_exits_0_and_prints_the_colour_counts(tmp_path, goals, capsys) -> None:
    path = write_small_round(tmp_path / "round.xlsx")
    result = run(
        ["monitor", str(path), "--approved", str(goals), "-o", str(tmp_path / "out")], capsys
    )
    assert result.code == EXIT_OK
    assert "项目 2 个，红 1　黄 0　绿 1　蓝 0" in result.out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "round-绩效监控报告.docx", "round-绩效监控表.xlsx",
    ]  # fmt: skip


def test_a_warning_without_its_measure_exits_1_with_the_outputs_written(tmp_path, capsys) -> None:
    reason_only = Deviation(DeviationCause.FUNDS, "资金未到位")
    data = with_execution(small_round(), 1, deviation=reason_only)
    path = write_small_round(tmp_path / "round.xlsx", data)
    result = run(["monitor", str(path), "-o", str(tmp_path / "out")], capsys)
    assert result.code == EXIT_FINDINGS
    assert "“社区服务”（P2）预算执行为红色预警，须填写纠偏措施" in result.out
    assert (tmp_path / "out" / "round-绩效监控表.xlsx").is_file()


def test_a_red_project_without_a_decision_exits_1(tmp_path, capsys) -> None:
    path = write_small_round(tmp_path / "r.xlsx", with_execution(small_round(), 1, decision=None))
    result = run(["monitor", str(path), "-o", str(tmp_path / "out"), "--json"], capsys)
    assert result.code == EXIT_FINDINGS
    (finding,) = json.loads(result.out)["findings"]
    assert finding["code"] == "MONITOR_DECISION_MISSING" and finding["row"] == 4


def test_invalid_input_exits_2_and_writes_nothing(tmp_path, capsys) -> None:
    data = with_execution(small_round(), 0, executed=D("200000.00"))
    path = write_small_round(tmp_path / "round.xlsx", data)
    result = run(["monitor", str(path), "-o", str(tmp_path / "out")], capsys)
    assert result.code == EXIT_BAD_INPUT
    assert "工作表“项目执行”第 3 行“累计执行数”列（G 列）" in result.out
    assert nothing_written(tmp_path / "out")


def test_a_project_outside_the_approved_goals_exits_2(tmp_path, capsys) -> None:
    only_p1 = goals_department()
    only_p1 = replace(only_p1, projects=only_p1.projects[:1],
                      indicators=tuple(i for i in only_p1.indicators if i.owner == "P1"))  # fmt: skip
    goals = write_goals_workbook(only_p1, tmp_path / "g.xlsx")
    path = write_small_round(tmp_path / "round.xlsx")
    result = run(
        ["monitor", str(path), "--approved", str(goals), "-o", str(tmp_path / "o")], capsys
    )
    assert result.code == EXIT_BAD_INPUT
    assert (
        "工作表“项目执行”第 4 行“项目编码”列（A 列）：项目“社区服务”（P2）不在批复的绩效目标中"
        in result.out
    )


def test_an_unreadable_file_exits_2(tmp_path, capsys) -> None:
    path = tmp_path / "round.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    result = run(["monitor", str(path), "-o", str(tmp_path / "out")], capsys)
    assert result.code == EXIT_BAD_INPUT and "不是有效的 .xlsx 文件" in result.out


def test_json_gives_counts_and_each_project(tmp_path, capsys) -> None:
    path = write_small_round(tmp_path / "round.xlsx")
    result = run(["monitor", str(path), "-o", str(tmp_path / "out"), "--json"], capsys)
    report = json.loads(result.out)
    assert report["counts"] == {"红": 1, "黄": 0, "绿": 1, "蓝": 0}
    p2 = report["projects"][1]
    assert (p2["execution_rate"], p2["time_progress"], p2["colour"]) == ("0.2000", "0.5833", "红")


def test_the_blank_monitoring_template_reads_back_as_missing_items(tmp_path, capsys) -> None:
    path = tmp_path / "blank.xlsx"
    assert run(["template", "--monitoring", "-o", str(path)], capsys).code == EXIT_OK
    result = read_monitoring_workbook(path)
    assert result.data is None and any("部门名称为空" in e.message for e in result.errors)


def test_the_luopu_round_has_every_colour_and_no_finding(tmp_path, capsys) -> None:
    argv = [
        "monitor",
        str(LUOPU_MONITORING),
        "--approved",
        str(LUOPU_GOALS),
        "-o",
        str(tmp_path),
        "--json",
    ]
    result = run(argv, capsys)
    assert result.code == EXIT_OK
    counts = json.loads(result.out)["counts"]
    assert all(counts[colour] >= 1 for colour in "红黄绿蓝")


def test_the_luopu_round_is_what_its_script_builds(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(REPO / "examples"))
    module = load_module(REPO / "examples" / "make_luopu_2023_monitoring.py", "make_monitoring")
    built = module.build_round()
    read = read_monitoring_workbook(LUOPU_MONITORING).data
    assert [replace(p, location=None) for p in read.projects] == list(built.projects)
    assert [replace(i, location=None) for i in read.indicators] == list(built.indicators)
    assert all(p.illustrative for p in read.projects)


def test_a_days_profile_changes_the_time_progress(tmp_path, capsys) -> None:
    profile = tmp_path / "days.toml"
    default = (REPO / "src/jixiao/core/profiles/default.toml").read_text(encoding="utf-8")
    profile.write_text(
        default.replace('time_progress = "months"', 'time_progress = "days"'), encoding="utf-8"
    )
    path = write_small_round(tmp_path / "round.xlsx")
    argv = ["monitor", str(path), "--profile", str(profile), "-o", str(tmp_path / "o"), "--json"]
    report = json.loads(run(argv, capsys).out)
    assert report["projects"][0]["time_progress"] == "0.5820"  # 213 of 366 days (2024)


def test_an_unknown_profile_exits_2(tmp_path, capsys) -> None:
    path = write_small_round(tmp_path / "round.xlsx")
    result = run(["monitor", str(path), "--profile", "nowhere", "-o", str(tmp_path / "o")], capsys)
    assert result.code == EXIT_BAD_INPUT and "找不到规则配置“nowhere”" in result.out


def test_goals_of_another_department_exit_2(tmp_path, capsys) -> None:
    other = goals_department()
    other = replace(other, department=replace(other.department, year=2025))
    goals = write_goals_workbook(other, tmp_path / "g.xlsx")
    path = write_small_round(tmp_path / "round.xlsx")
    result = run(
        ["monitor", str(path), "--approved", str(goals), "-o", str(tmp_path / "o")], capsys
    )
    assert result.code == EXIT_BAD_INPUT and "批复目标为“示例街道办事处”2025 年度" in result.out


def test_a_template_laid_out_from_the_goals_needs_only_the_values(tmp_path, goals, capsys) -> None:
    path = tmp_path / "round.xlsx"
    argv = ["template", "--monitoring", "--approved", str(goals), "-o", str(path)]
    assert run(argv, capsys).code == EXIT_OK
    unfilled = read_monitoring_workbook(path, approved=read_approved(goals).data)
    assert [e.location.column for e in unfilled.errors] == ["累计执行数", "累计执行数"]
    edit_cells(path, "项目执行", {"G3": 60000, "G4": 30000})
    result = run(
        ["monitor", str(path), "--approved", str(goals), "-o", str(tmp_path / "o")], capsys
    )
    # Every indicator's value to date is still blank: warned, not refused.
    assert result.code == EXIT_OK and "未填写1-7月完成值" in result.out


def test_a_round_the_profile_does_not_have_exits_2(tmp_path, goals, capsys) -> None:
    argv = ["template", "--monitoring", "--approved", str(goals), "--round", "1-9月",
            "-o", str(tmp_path / "r.xlsx")]  # fmt: skip
    result = run(argv, capsys)
    assert (
        result.code == EXIT_BAD_INPUT
        and "监控轮次“1-9月”不是规则配置中的轮次（1-7月）" in result.out
    )
