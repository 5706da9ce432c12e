"""``jixiao audit``: formats, exit codes, several files, unreadable files."""

import argparse
import json

from jixiao.cli import audit_command
from tests.audit.reports import CLEAN_REPORT, score_table_rows, write_docx, write_pdf


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    audit_command.register(parser.add_subparsers())
    args = parser.parse_args(["audit", *argv])
    return args.handler(args)


def test_it_exits_0_on_a_clean_report(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN_REPORT, encoding="utf-8")
    assert run(str(path)) == 0
    assert "错误 0 项，警告 0 项" in capsys.readouterr().out


def test_it_exits_1_with_an_error_and_groups_findings_by_section(tmp_path, capsys):
    path = tmp_path / "bad.txt"
    path.write_text(
        "一、部门基本情况\n支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 50.00 万元。"
    )
    assert run(str(path)) == 1
    out = capsys.readouterr().out
    assert "【一、部门基本情况】" in out
    assert "[错误] 第 2 行" in out
    assert "原文：“100.00 万元。其中：基本支出 60.00 万元，项目支出 50.00 万元”" in out


def test_it_prints_findings_as_json(tmp_path, capsys):
    path = tmp_path / "bad.txt"
    path.write_text("支出合计 100.00 万元。其中：基本支出 60.00 万元，项目支出 50.00 万元。")
    assert run(str(path), "--format", "json") == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding["code"] == "sum-exceeds-total"
    assert finding["severity"] == "error"
    assert finding["stated"] == "100.00 万元"
    assert finding["computed"] == "110.00 万元"
    assert finding["location"]["line"] == 1
    assert finding["file"] == str(path)


def test_it_exits_2_on_an_unreadable_file_and_says_why(tmp_path, capsys):
    path = tmp_path / "report.xls"
    path.write_bytes(b"x")
    assert run(str(path)) == 2
    assert "不支持的文件格式" in capsys.readouterr().err


def test_it_reports_every_file_and_exits_with_the_highest_code(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN_REPORT, encoding="utf-8")
    assert run(str(clean), str(tmp_path / "absent.txt")) == 2
    captured = capsys.readouterr()
    assert "clean.txt" in captured.out
    assert "找不到文件" in captured.err


def test_it_exits_2_on_an_unknown_profile(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN_REPORT, encoding="utf-8")
    assert run(str(path), "--profile", "nowhere") == 2
    assert "找不到规则配置" in capsys.readouterr().err


def test_it_audits_the_table_of_a_word_report(tmp_path, capsys):
    rows = score_table_rows(r7c4="90%")
    path = write_docx(tmp_path / "r.docx", ["2023 年度示范项目支出绩效自评报告"], [rows])
    assert run(str(path), "--format", "json") == 1
    findings = json.loads(capsys.readouterr().out)
    full_marks = [f for f in findings if f["code"] == "indicator-full-marks-missed"]
    assert full_marks[0]["location"]["table"] == 1
    assert full_marks[0]["location"]["row"] == 8


def test_it_finds_nothing_in_a_clean_word_report(tmp_path):
    path = write_docx(tmp_path / "r.docx", CLEAN_REPORT.splitlines(), [score_table_rows()])
    assert run(str(path)) == 0


def test_it_audits_a_pdf_and_gives_the_page(tmp_path, capsys):
    pages = [
        ["2023 年度示范街部门整体支出绩效自评报告", "一、部门基本情况"],
        ["负责城市管理 etc 等职能。"],
    ]
    path = write_pdf(tmp_path / "r.pdf", pages, score_table_rows(r10c6="90.00"))
    assert run(str(path), "--format", "json") == 1
    findings = {f["code"]: f for f in json.loads(capsys.readouterr().out)}
    assert findings["latin-word"]["location"]["page"] == 2
    assert findings["total-score-mismatch"]["location"]["page"] == 2


def test_it_finds_nothing_in_a_clean_pdf(tmp_path):
    pages = [CLEAN_REPORT.splitlines()[:8], CLEAN_REPORT.splitlines()[8:]]
    path = write_pdf(tmp_path / "r.pdf", pages, score_table_rows())
    assert run(str(path)) == 0
