"""The ``jixiao`` command as a new user runs it: report, check, template, exit codes."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
import python_calamine

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from jixiao.cli.main import main
from tests.builders import (
    LUOPU_WORKBOOK,
    edit_cells,
    small_department_year,
    with_indicator,
    write_small_workbook,
)

HEADLINE = re.compile(
    r"部门整体得分 (\d+\.\d{2}) 分，等级“([优良中差])”.*"
    r"检查发现 错误 (\d+) 条，警告 (\d+) 条，提示 (\d+) 条"
)
REPORT_FILES = ["luopu-2023-自评报告.docx", "luopu-2023-自评报告.html", "luopu-2023-自评表.xlsx"]
GENERAL_CHANGES = [
    ("城乡社区", "增加", "1,156.35"),
    ("卫生健康", "增加", "876.62"),
    ("农林水", "增加", "247.87"),
    ("教育", "增加", "66.60"),
    ("节能环保", "增加", "42.29"),
    ("灾害防治及应急管理", "增加", "35.78"),
    ("社会保障和就业", "减少", "52.04"),
    ("国防", "减少", "26.96"),
    ("公共安全", "减少", "16.65"),
]
FUND_CHANGES = [("城乡社区", "减少", "2,136.21"), ("其他", "增加", "539.84")]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """``jixiao argv`` in-process; whatever happens, the user never sees a traceback."""
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return Run(code, captured.out, captured.err)


def nothing_written(folder: Path) -> bool:
    """Absent or empty: no report, no half-written file, no hidden staging folder."""
    return not folder.exists() or list(folder.iterdir()) == []


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def in_order(text: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        position = text.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


@pytest.fixture(scope="module")
def luopu_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    """One ``jixiao report`` of the Luopu example, shared by the tests that read it."""
    output = tmp_path_factory.mktemp("luopu") / "报告"
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["report", str(LUOPU_WORKBOOK), "-o", str(output)])
    return Run(code, out.getvalue(), err.getvalue()), output


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return write_small_workbook(tmp_path / "示例街道-2023.xlsx")


def test_report_on_the_luopu_example_prints_score_grade_and_findings(luopu_report) -> None:
    result, _ = luopu_report

    assert result.code == EXIT_OK
    assert "Traceback" not in result.out + result.err
    match = HEADLINE.search(result.out)
    assert match is not None, result.out
    assert Decimal(0) <= Decimal(match[1]) <= Decimal(100)
    assert match[3] == "0"  # a report is only written without error-level findings
    assert result.out.startswith("洛浦街道办事处 2023 年度")


def test_report_writes_the_docx_html_and_xlsx_and_nothing_else(luopu_report) -> None:
    result, output = luopu_report

    assert sorted(path.name for path in output.iterdir()) == sorted(REPORT_FILES)
    for name in REPORT_FILES:
        assert (output / name).stat().st_size > 1000
        assert f"已写出 {output / name}" in result.out
    # calamine, not openpyxl: the tables workbook is large and this only needs its sheets.
    assert python_calamine.CalamineWorkbook.from_path(str(output / REPORT_FILES[2])).sheet_names


def test_the_report_states_the_seed_reports_totals(luopu_report) -> None:
    _, output = luopu_report
    text = docx_text(output / REPORT_FILES[0])

    assert "财政拨款支出合计 25,748.56 万元" in text
    assert in_order(text, ["一般公共预算", "18,738.13 万元", "增加 2,341.35 万元", "14.3%"])
    assert in_order(text, ["政府性基金预算", "7,010.44 万元", "减少 1,589.62 万元", "18.5%"])


def test_the_report_lists_the_class_changes_in_the_seeds_order(luopu_report) -> None:
    _, output = luopu_report
    text = docx_text(output / REPORT_FILES[0])
    general, fund = text.split("政府性基金预算财政拨款支出", 1)

    changes = [
        f"{name}支出{direction} {amount} 万元" for name, direction, amount in GENERAL_CHANGES
    ]
    assert in_order(general, changes), general
    assert in_order(fund, [f"{n}支出{d} {a} 万元" for n, d, a in FUND_CHANGES]), fund


def test_the_report_covers_195_general_and_43_fund_projects_in_full(luopu_report) -> None:
    _, output = luopu_report
    text = docx_text(output / REPORT_FILES[0])

    assert re.search(r"二级项目 195 个，共涉及资金 14,895\.78 万元，[^；]*100%", text)
    assert re.search(r"43 个政府性基金预算项目[^。]*7,010\.44 万元，[^。]*100%", text)


def test_report_json_parses_with_score_grade_and_findings_count(
    small: Path, tmp_path: Path, capsys
) -> None:
    result = run(["report", str(small), "-o", str(tmp_path / "out"), "--json"], capsys)

    assert result.code == EXIT_OK
    (parsed,) = json.loads(result.out)
    assert parsed["status"] == "written"
    assert (parsed["score"], parsed["grade"]) == ("100.00", "优")
    assert parsed["findings_count"] == {"error": 0, "warning": 0, "info": 0}
    assert all(Path(path).is_file() for path in parsed["outputs"].values())


def test_report_on_a_bad_workbook_names_the_cell_and_writes_nothing(
    small: Path, tmp_path: Path, capsys
) -> None:
    edit_cells(small, "预算收支", {"E3": "一百万"})
    output = tmp_path / "out"

    result = run(["report", str(small), "-o", str(output)], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert "工作表“预算收支”第 3 行“年初预算数”列（E 列）：应为数字，实为“一百万”" in result.out
    assert nothing_written(output)


def test_report_on_a_file_that_is_not_a_workbook_says_so_and_writes_nothing(
    tmp_path: Path, capsys
) -> None:
    fake = tmp_path / "说明.xlsx"
    fake.write_text("这不是工作簿", encoding="utf-8")

    result = run(["report", str(fake), "-o", str(tmp_path / "out")], capsys)

    assert result.code == EXIT_BAD_INPUT
    # The command names the file; the reader says what is wrong with it.
    assert "说明.xlsx：输入有误" in result.out
    assert "无法读取工作簿：不是有效的 .xlsx 文件" in result.out
    assert nothing_written(tmp_path / "out")


def weights_not_summing_to_100(tmp_path: Path) -> Path:
    data = with_indicator(small_department_year(), 0, weight=Decimal(35))
    return write_small_workbook(tmp_path / "分值.xlsx", data)


def self_score_outside_its_band(tmp_path: Path) -> Path:
    # 达成 on a 30-point indicator allows [24, 30]; 20 is a 部分达成 score.
    data = with_indicator(small_department_year(), 2, self_score=Decimal(20))
    return write_small_workbook(tmp_path / "等级.xlsx", data)


SCORING_PROBLEMS = [
    pytest.param(
        weights_not_summing_to_100, "分值合计为 105（含预算执行率 10），应为 100", id="weights"
    ),
    pytest.param(self_score_outside_its_band, "自评得分 20 不在该等级的得分区间", id="band"),
]


@pytest.mark.parametrize(("build", "problem"), SCORING_PROBLEMS)
def test_check_exits_1_and_names_a_scoring_problem(build, problem, tmp_path, capsys) -> None:
    result = run(["check", str(build(tmp_path))], capsys)

    assert result.code == EXIT_FINDINGS
    assert problem in result.out
    assert "[错误] 工作表“项目绩效指标”第 " in result.out


@pytest.mark.parametrize(("build", "problem"), SCORING_PROBLEMS)
def test_report_refuses_a_scoring_problem_and_writes_nothing(
    build, problem, tmp_path, capsys
) -> None:
    output = tmp_path / "out"

    result = run(["report", str(build(tmp_path)), "-o", str(output)], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert problem in result.out
    assert "存在错误级问题，未生成报告" in result.out
    assert nothing_written(output)


def test_check_on_the_luopu_example_exits_0(capsys) -> None:
    result = run(["check", str(LUOPU_WORKBOOK)], capsys)

    assert result.code == EXIT_OK
    assert re.search(r"luopu-2023\.xlsx：错误 0 条，警告 \d+ 条，提示 0 条", result.out)
    assert "[错误]" not in result.out


def test_check_json_lists_input_errors_with_sheet_row_and_column(small: Path, capsys) -> None:
    edit_cells(small, "项目", {"I3": -5})

    result = run(["check", str(small), "--json"], capsys)

    assert result.code == EXIT_BAD_INPUT
    (parsed,) = json.loads(result.out)
    (error,) = parsed["input_errors"]
    assert (error["sheet"], error["row"], error["column"]) == ("项目", 3, "全年执行数")


def test_report_on_a_folder_writes_the_good_workbooks_and_names_the_bad_one(
    small: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "工作簿"
    folder.mkdir()
    shutil.copy(small, folder / "甲街道.xlsx")
    shutil.copy(small, folder / "乙街道.xlsx")
    bad = shutil.copy(small, folder / "丙街道.xlsx")
    edit_cells(Path(bad), "预算收支", {"B3": "299"})
    output = tmp_path / "out"

    result = run(["report", str(folder), "-o", str(output), "--jobs", "1"], capsys)

    assert result.code == EXIT_BAD_INPUT
    written = sorted(path.name for path in output.iterdir())
    assert written == sorted(
        f"{stem}-{suffix}"
        for stem in ("甲街道", "乙街道")
        for suffix in ("自评报告.docx", "自评报告.html", "自评表.xlsx")
    )
    assert "丙街道.xlsx：输入有误（1 处）" in result.out
    assert "未知的功能分类科目编码“299”" in result.out


def test_check_on_a_folder_finds_upper_case_xlsx_and_skips_excel_lock_files(
    small: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "工作簿"
    folder.mkdir()
    shutil.copy(small, folder / "甲街道.XLSX")
    shutil.copy(small, folder / "乙街道.xlsx")
    (folder / "~$乙街道.xlsx").write_bytes(b"lock")

    result = run(["check", str(folder)], capsys)

    assert result.code == EXIT_OK
    assert "甲街道.XLSX：错误 0 条" in result.out
    assert "乙街道.xlsx：错误 0 条" in result.out
    assert "~$" not in result.out


def test_report_into_a_path_that_is_a_file_says_so_without_a_traceback(
    small: Path, tmp_path: Path, capsys
) -> None:
    occupied = tmp_path / "报告"
    occupied.write_text("", encoding="utf-8")

    result = run(["report", str(small), "-o", str(occupied)], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert f"无法写入输出目录“{occupied}”" in result.out


def test_an_unknown_profile_on_the_command_line_is_not_blamed_on_the_workbook(
    small: Path, capsys
) -> None:
    result = run(["check", str(small), "--profile", "不存在的规则"], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert "[错误] 找不到规则配置“不存在的规则”" in result.out
    assert "部门信息" not in result.out


def test_template_writes_a_workbook_with_every_sheet(tmp_path: Path, capsys) -> None:
    path = tmp_path / "blank.xlsx"

    result = run(["template", "-o", str(path)], capsys)

    assert result.code == EXIT_OK
    assert f"已生成空白工作簿：{path}" in result.out
    assert openpyxl.load_workbook(path).sheetnames == [
        "填表说明", "部门信息", "预算收支", "项目", "项目绩效指标", "部门整体指标", "问题与措施",
        "决算与管理数据",
    ]  # fmt: skip


def test_template_refuses_a_name_that_is_not_xlsx(tmp_path: Path, capsys) -> None:
    result = run(["template", "-o", str(tmp_path / "blank.xls")], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert "输出文件应以 .xlsx 结尾" in result.out
    assert not (tmp_path / "blank.xls").exists()


def test_template_onto_a_folder_says_so_without_a_traceback(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "blank.xlsx"
    folder.mkdir()

    result = run(["template", "-o", str(folder)], capsys)

    assert result.code == EXIT_BAD_INPUT
    assert f"无法写入“{folder}”" in result.out


def test_the_installed_entry_point_reports_a_folder_in_parallel(
    small: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "工作簿"
    folder.mkdir()
    shutil.copy(LUOPU_WORKBOOK, folder / "洛浦-甲.xlsx")
    shutil.copy(LUOPU_WORKBOOK, folder / "洛浦-乙.xlsx")
    edit_cells(Path(shutil.copy(small, folder / "坏.xlsx")), "项目", {"A1": "请填写"})
    output = tmp_path / "out"

    completed = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "report", str(folder), "-o", str(output),
         "--jobs", "2"],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )  # fmt: skip

    assert completed.returncode == EXIT_BAD_INPUT, completed.stderr
    assert "Traceback" not in completed.stdout + completed.stderr
    assert len(HEADLINE.findall(completed.stdout)) == 2
    assert "坏.xlsx：输入有误（1 处）" in completed.stdout
    assert "未声明金额单位" in completed.stdout
    names = {path.name for path in output.iterdir()}
    assert {"洛浦-甲-自评报告.docx", "洛浦-乙-自评报告.docx"} <= names
    assert not any(name.startswith("坏") or name.startswith(".") for name in names)
