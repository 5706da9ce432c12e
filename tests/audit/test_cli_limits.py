"""``jixiao audit`` on hostile files: each refused fast with exit 2, naming file and limit,
while the other files of the batch are still audited."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from tests.audit.hostile_files import (
    broken_xml_docx,
    inflating_pdf,
    many_page_pdf,
    slow_pdf,
    zip_bomb_docx,
)
from tests.audit.reports import CLEAN_REPORT
from tests.audit.test_cli import run

FAST_SECONDS = 10
CHINESE = re.compile(r"[\u4e00-\u9fff]{4}")
LOW_LIMITS = "max_pages = 5\nmax_inflated_mb = 1\nmax_seconds = 1\n"


def binary_txt(path):
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    return path


HOSTILE = {
    "inflates to 300 MB": lambda folder: inflating_pdf(folder / "炸弹.pdf", 300),
    "six pages past a limit of five": lambda folder: many_page_pdf(folder / "六页.pdf", 6),
    "zip bomb": lambda folder: zip_bomb_docx(folder / "炸弹.docx", 2),
    "broken Word XML": lambda folder: broken_xml_docx(folder / "损坏.docx"),
    "binary named .txt": lambda folder: binary_txt(folder / "伪装.txt"),
    "slow to lay out": lambda folder: slow_pdf(folder / "慢.pdf"),
}


@pytest.fixture
def low_limits(tmp_path):
    path = tmp_path / "limits.toml"
    path.write_text(LOW_LIMITS, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_file_is_refused_fast_with_exit_2(kind, tmp_path, low_limits, capsys):
    path = HOSTILE[kind](tmp_path)
    started = time.perf_counter()
    assert run(str(path), "--limits", low_limits) == 2
    assert time.perf_counter() - started < FAST_SECONDS
    error = capsys.readouterr().err
    assert path.name in error and CHINESE.search(error)


def test_the_shipped_limits_refuse_a_300_mb_bomb_without_a_limits_file(tmp_path, capsys):
    path = inflating_pdf(tmp_path / "炸弹.pdf", 300)
    assert run(str(path)) == 2
    assert "max_inflation_ratio" in capsys.readouterr().err


def test_the_other_files_of_a_batch_are_still_audited(tmp_path, low_limits, capsys):
    clean = tmp_path / "正常.txt"
    clean.write_text(CLEAN_REPORT, encoding="utf-8")
    bomb = zip_bomb_docx(tmp_path / "炸弹.docx", 2)
    assert run(str(bomb), str(clean), "--limits", low_limits) == 2
    captured = capsys.readouterr()
    assert "审核报告：" + str(clean) in captured.out and "未发现问题" in captured.out
    assert "炸弹.docx" in captured.err and "max_inflated_mb" in captured.err


def test_a_gbk_report_is_audited(tmp_path, capsys):
    path = tmp_path / "报告.txt"
    path.write_bytes(
        "支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 50.00 万元。".encode("gbk")
    )
    assert run(str(path)) == 1
    assert "超过所述总数 100.00 万元" in capsys.readouterr().out


def test_a_bad_limits_file_exits_2_in_chinese(tmp_path, capsys):
    limits = tmp_path / "limits.toml"
    limits.write_text("max_pages = -1\n", encoding="utf-8")
    report = tmp_path / "报告.txt"
    report.write_text(CLEAN_REPORT, encoding="utf-8")
    assert run(str(report), "--limits", str(limits)) == 2
    assert "审核限制“max_pages”应为正数" in capsys.readouterr().err


def test_the_command_prints_no_traceback_for_a_broken_word_file(tmp_path):
    path = broken_xml_docx(tmp_path / "损坏.docx")
    command = [sys.executable, "-m", "jixiao.cli.main", "audit", str(path)]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 2
    assert "Traceback" not in finished.stderr
    assert "无法读取 Word 文件" in finished.stderr and "损坏.docx" in finished.stderr
