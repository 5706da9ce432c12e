"""The command line refuses hostile workbooks as the web upload does: the same checks
from the io layer, exit 2, a Chinese message, nothing written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from tests.builders import small_department_year, write_small_workbook
from tests.cli.test_cli import nothing_written, run
from tests.io.hostile_files import with_far_cell, with_inflating_part


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_small_workbook(tmp_path / "示例街道-2023.xlsx")


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_zip_bomb_exits_2_with_a_clear_message_and_writes_nothing(
    workbook: Path, tmp_path: Path, capsys, command: str
) -> None:
    bomb = with_inflating_part(workbook, tmp_path / "炸弹.xlsx", 210 * 1024 * 1024)
    output = ["-o", str(tmp_path / "out")] if command == "report" else []

    result = run([command, str(bomb), *output], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert "疑似压缩炸弹，已拒绝" in result.out
    assert nothing_written(tmp_path / "out")


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_far_cell_exits_2_naming_the_sheet_and_writes_nothing(
    workbook: Path, tmp_path: Path, capsys, command: str
) -> None:
    far = with_far_cell(workbook, tmp_path / "远.xlsx", "项目绩效指标", "XFD1048576")
    output = ["-o", str(tmp_path / "out")] if command == "report" else []

    result = run([command, str(far), *output], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert "工作表“项目绩效指标”有数据写到了 XFD1048576 单元格" in result.out
    assert nothing_written(tmp_path / "out")


def test_names_at_their_longest_still_make_a_word_report(tmp_path: Path, capsys) -> None:
    data = small_department_year()
    longest = replace(data.department, name="街" * 100, full_name="全" * 200, parent="主" * 200)
    path = write_small_workbook(tmp_path / "长.xlsx", replace(data, department=longest))

    result = run(["report", str(path), "-o", str(tmp_path / "out")], capsys)

    assert result.code == EXIT_OK, result.out
    (docx,) = (tmp_path / "out").glob("*.docx")
    assert "街" * 100 in Document(str(docx)).core_properties.title
