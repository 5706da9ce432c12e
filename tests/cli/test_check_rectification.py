"""``jixiao check`` lists the rectification tasks the findings call for (text and --json)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from jixiao.core.profile import PROFILE_DIR
from tests.cli.test_cli import run

LUOPU = Path(__file__).parents[2] / "examples" / "luopu-2023.xlsx"


def test_each_unsupported_self_score_becomes_a_task_of_its_section(capsys) -> None:
    result = run(["check", "--json", str(LUOPU)], capsys)
    [year] = json.loads(result.out)
    tasks = year["rectification_tasks"]
    gaps = [f for f in year["findings"] if f["code"] == "SELF_SCORE_GAP"]
    assert len(tasks) == len(gaps) > 0
    first = tasks[0]
    assert first["project_code"] == gaps[0]["subject"] and first["owner"] == "党政综合办公室"
    assert first["deadline"] == (date.today() + timedelta(days=90)).isoformat()


def test_the_text_output_names_owner_problem_and_deadline(capsys) -> None:
    result = run(["check", str(LUOPU)], capsys)
    assert result.code == 0
    assert "应列入整改台账的问题 20 项：" in result.out
    assert "  1. 【党政综合办公室】项目“机关运行保障经费”（LP23G002）自评总分 97" in result.out


def test_a_profile_naming_no_codes_calls_for_no_task(tmp_path: Path, capsys) -> None:
    text = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
    start = text.index("finding_codes = [")
    end = text.index("]", start) + 1
    profile = tmp_path / "local.toml"
    profile.write_text(text[:start] + "finding_codes = []" + text[end:], encoding="utf-8")
    result = run(["check", "--profile", str(profile), str(LUOPU)], capsys)
    assert "应列入整改台账" not in result.out
    [year] = json.loads(run(["check", "--json", "--profile", str(profile), str(LUOPU)], capsys).out)
    assert year["rectification_tasks"] == []


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_unreadable_input_still_exits_2_without_tasks(tmp_path: Path, capsys, flag) -> None:
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"not a workbook")
    result = run(["check", *flag, str(broken)], capsys)
    assert result.code == 2 and "应列入整改台账" not in result.out
