"""The standard tables workbook shows the computed scores and 万元 amounts, traceably."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from jixiao.core.evaluation import Evaluation, evaluate
from jixiao.core.profile import load_profile
from jixiao.core.records import (
    DEPARTMENT_OWNER,
    Amounts,
    BudgetLine,
    BudgetSource,
    Department,
    DepartmentYear,
    Dimension,
    ExpenditureKind,
    Indicator,
    IndicatorKind,
    Location,
    Operator,
    Project,
)
from jixiao.io.tables_xlsx import project_sheet_names, write_tables

D = Decimal
QUANTITATIVE = IndicatorKind.QUANTITATIVE
# Project "A/1": 全年预算数 123,456.50 元 → 12.35 万元; 全年执行数 123,450.00 元 is exactly
# 12.345 万元, which half-up makes 12.35 (banker's rounding would give 12.34).
PROJECT_A = Project(
    code="A/1", name="社区服务提升项目", source=BudgetSource.GENERAL, class_code="2010301",
    fiscal=Amounts(D("100000.00"), D("123456.50"), D("123450.00")), section="公共服务办公室",
    goal="完成社区服务任务", goal_outcome="已完成", self_score=D("95"),
    location=Location("项目", 3),
)  # fmt: skip
# Project "A:1" sanitises to the same sheet name as "A/1"; it has no indicators.
PROJECT_B = Project(
    code="A:1", name="环境整治项目", source=BudgetSource.GENERAL, class_code="2120104",
    fiscal=Amounts(D("50000.00"), D("50000.00"), D("50000.00")), section="城市管理办公室",
    location=Location("项目", 4),
)  # fmt: skip
INDICATORS = (
    # ≥ 100, actual 80: 80 ÷ 100 × 50 = 40.00
    Indicator("A/1", "产出指标", "数量指标", "服务场次", QUANTITATIVE, D(50),
              Operator.AT_LEAST, D(100), "场", D(80), explanation="场地受限",
              location=Location("项目绩效指标", 3)),
    # 部分达成, declared 21 inside [18, 24): 21.00
    Indicator("A/1", "效益指标", "社会效益指标", "居民参与度提升", IndicatorKind.QUALITATIVE,
              D(30), band="部分达成", self_score=D(21), target_text="明显提升",
              actual_text="有所提升", explanation="宣传不足",
              location=Location("项目绩效指标", 4)),
    # ≥ 90 %, actual 95: 10.00
    Indicator("A/1", "满意度指标", "服务对象满意度指标", "服务对象满意度", QUANTITATIVE, D(10),
              Operator.AT_LEAST, D(90), "%", D(95), location=Location("项目绩效指标", 5)),
)  # fmt: skip
DEPARTMENT_INDICATORS = (
    # ≥ 100 件, actual 90: 90 ÷ 100 × 60 = 54.00
    Indicator(DEPARTMENT_OWNER, "产出指标", "数量指标", "重点任务完成数", QUANTITATIVE, D(60),
              Operator.AT_LEAST, D(100), "件", D(90), dimension=Dimension.EFFECTIVENESS,
              explanation="一项任务顺延", location=Location("部门整体指标", 3)),
    # goal coverage: 1 of 2 projects has indicators = 50 % against ≥ 100 %: 20.00
    Indicator(DEPARTMENT_OWNER, "管理效率", "预算管理", "绩效目标覆盖率", QUANTITATIVE, D(40),
              Operator.AT_LEAST, D(100), "%", dimension=Dimension.EFFICIENCY,
              metric="goal_coverage", explanation="部分项目未设目标",
              location=Location("部门整体指标", 4)),
)  # fmt: skip


def _department_year() -> DepartmentYear:
    fiscal = PROJECT_A.fiscal + PROJECT_B.fiscal
    basic = Amounts(D("800000.00"), D("800000.00"), D("790000.00"))
    return DepartmentYear(
        department=Department("洛浦街道", 2023, "番禺区", parent="番禺区人民政府",
                              full_name="广州市番禺区人民政府洛浦街道办事处"),
        budget_lines=(
            BudgetLine(BudgetSource.GENERAL, "2010301", "行政运行", ExpenditureKind.BASIC, basic),
            BudgetLine(BudgetSource.GENERAL, "2010350", "事业运行", ExpenditureKind.PROJECT, fiscal),
        ),
        projects=(PROJECT_A, PROJECT_B),
        indicators=INDICATORS,
        department_indicators=DEPARTMENT_INDICATORS,
    )  # fmt: skip


@pytest.fixture
def evaluation() -> Evaluation:
    return evaluate(_department_year(), load_profile())


@pytest.fixture
def sheets(evaluation: Evaluation, tmp_path: Path) -> dict[str, list[list[object]]]:
    path = write_tables(evaluation, tmp_path / "tables.xlsx")
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def _row_with(rows: list[list[object]], text: str) -> list[object]:
    return next(row for row in rows if text in row)


def test_the_summary_comes_first_then_the_department_then_one_sheet_per_project(
    sheets: dict[str, list[list[object]]],
) -> None:
    assert list(sheets)[:2] == ["汇总", "部门整体"]
    assert list(sheets)[-3:] == ["结果应用", "核对", "说明"]
    assert len(sheets) == 7


def test_the_application_sheet_proposes_next_years_budget_from_each_grade(
    sheets: dict[str, list[list[object]]], evaluation: Evaluation
) -> None:
    rows = sheets["结果应用"]
    assert rows[2][:8] == ["项目编码", "项目名称", "依据计算得分", "等级", "全年预算数（万元）",
                           "结果应用建议", "系数", "建议金额（万元）"]  # fmt: skip
    body = rows[3:]
    assert len(body) == len(evaluation.project_scores)
    factors = load_profile().application_factors
    for row, score in zip(body, evaluation.project_scores, strict=True):
        final = score.project.fiscal.final / 10000
        assert row[0] == score.project.code and row[3] == score.grade
        assert row[5] == load_profile().application[score.grade]
        assert row[7] == pytest.approx(float(round(final * factors[score.grade], 2)))


def test_a_summary_row_shows_the_computed_score_and_amounts_in_wan_rounded_half_up(
    sheets: dict[str, list[list[object]]],
) -> None:
    row = _row_with(sheets["汇总"], "A/1")

    # 项目编码, 项目名称, 预算类型, 责任科室, 全年预算数, 全年执行数, 执行率, 得分, 等级, 自评, 差距
    assert row[4:6] == [12.35, 12.35]
    # 预算执行率 123,450 ÷ 123,456.5 → 9.9995 of 10 → 10.00; 10 + 40 + 21 + 10 = 81.00
    assert row[7:11] == [81.0, "良", 95.0, 14.0]


def test_the_summary_total_is_rounded_from_the_exact_sum(
    sheets: dict[str, list[list[object]]],
) -> None:
    row = _row_with(sheets["汇总"], "合计")

    # 173,456.50 元 → 17.35 万元; 173,450.00 元 = 17.345 → 17.35 half-up.
    assert row[4:6] == [17.35, 17.35]


def test_the_project_sheet_shows_each_indicators_score_and_the_trace_sheet_its_source_row(
    sheets: dict[str, list[list[object]]],
) -> None:
    rows = sheets[project_sheet_names([PROJECT_A, PROJECT_B])[0]]

    assert _row_with(rows, "社区服务提升项目")  # 项目名称 in the header
    assert _row_with(rows, "广州市番禺区人民政府洛浦街道办事处")  # 实施单位
    for name, target, score, row in (
        ("服务场次", "≥100场", 40.0, 3),
        ("居民参与度提升", "明显提升", 21.0, 4),
        ("服务对象满意度", "≥90%", 10.0, 5),
    ):
        cells = _row_with(rows, name)
        assert cells[4] == target
        assert cells[7] == score
        assert len(cells) == 9  # the form's columns only: the origin is on 核对
        trace = _row_with(sheets["核对"], name)
        assert trace[3:5] == [score, f"工作表“项目绩效指标”第 {row} 行"]
    assert _row_with(rows, "总分")[6:8] == [100.0, 81.0]
    assert _row_with(rows, "自评结论")[6] == "良（81.00 分）"


def test_the_project_sheet_funds_block_is_in_wan(sheets: dict[str, list[list[object]]]) -> None:
    rows = sheets[project_sheet_names([PROJECT_A, PROJECT_B])[0]]

    total = _row_with(rows, "年度资金总额")

    # 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
    assert total[3:9] == [10.0, 12.35, 12.35, 10.0, 0.9999, 10.0]
    # 分值 and 得分 belong to the total line only, as on the official form.
    assert _row_with(rows, "其中：当年财政拨款")[6::2] == ["—", "—"]


def test_the_project_form_is_the_official_one(sheets: dict[str, list[list[object]]]) -> None:
    rows = sheets[project_sheet_names([PROJECT_A, PROJECT_B])[0]]
    labels = [row[0] for row in rows if row[0]]
    assert labels == [
        "项目支出绩效自评表", "（2023年度）", "项目名称", "主管部门", "项目资金（万元）",
        "年度总体目标", "绩效指标", "总分", "自评结论", "评价结论", "存在问题", "改进措施",
        "项目负责人：　　　　　　　　财务负责人：　　　　　　　　填报日期：",
    ]  # fmt: skip
    # The weights in the 一级 labels: 产出 50, 效益 30, 满意度 10 as filed.
    assert [row[1] for row in rows if "指标（" in str(row[1])] == [
        "产出指标（50分）", "效益指标（30分）", "满意度指标（10分）",
    ]  # fmt: skip
    assert _row_with(rows, "存在问题")[1] == "服务场次、居民参与度提升未完全达到年度指标值。"
    assert _row_with(rows, "改进措施")[1] == "场地受限；宣传不足。"


def test_the_project_form_prints_on_a4_portrait_one_page_wide(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    import zipfile

    path = write_tables(evaluation, tmp_path / "t.xlsx")
    with zipfile.ZipFile(path) as opened:
        sheet = opened.read("xl/worksheets/sheet3.xml").decode()
        names = opened.read("xl/workbook.xml").decode()
    assert 'paperSize="9"' in sheet and 'orientation="portrait"' in sheet
    assert 'fitToHeight="0"' in sheet and '<pageSetUpPr fitToPage="1"/>' in sheet
    assert "_xlnm.Print_Titles" in names


def test_the_department_sheet_shows_subtotals_total_and_grade(
    sheets: dict[str, list[list[object]]],
) -> None:
    rows = sheets["部门整体"]

    assert _row_with(rows, "重点任务完成数")[7] == 54.0
    coverage = _row_with(rows, "绩效目标覆盖率")
    assert coverage[5] == "50%"  # computed from the data, not typed in
    assert coverage[7] == 20.0
    assert _row_with(rows, "履职效能小计")[6:8] == [60.0, 54.0]
    assert _row_with(rows, "总分")[6:8] == [100.0, 74.0]
    assert _row_with(rows, "自评结论")[6] == "中（74.00 分）"


def test_sheet_names_are_unique_even_when_codes_collide_after_sanitising(
    sheets: dict[str, list[list[object]]],
) -> None:
    names = project_sheet_names([PROJECT_A, PROJECT_B])

    assert names == ["A_1", "A_1(2)"]
    assert set(names) <= set(sheets)


def test_sheet_names_respect_excels_limits() -> None:
    long_code = "X" * 40
    projects = [
        Project(code, "项目", BudgetSource.GENERAL, "2010301", PROJECT_B.fiscal, "科室")
        for code in (long_code, long_code.lower(), "汇总", "'q'", "[a]*?")
    ]

    names = project_sheet_names(projects)

    assert all(len(name) <= 31 for name in names)
    assert len({name.casefold() for name in names}) == len(names)
    assert "汇总" not in names
    assert names[3] == "q"
    assert names[4] == "_a___"


def test_the_rules_and_their_unconfirmed_values_are_on_the_notes_sheet_not_on_the_forms(
    sheets: dict[str, list[list[object]]],
) -> None:
    notes = sheets["说明"]
    assert _row_with(notes, "规则配置")[1].startswith("默认规则配置")
    unconfirmed = [row[1] for row in notes if row[0] == "通行做法（尚无正式文件）"]
    assert unconfirmed == list(load_profile("default").unconfirmed.values())
    forms = [name for name in sheets if name not in ("核对", "说明")]
    cells = [str(c) for name in forms for row in sheets[name] for c in row]
    assert not [c for c in cells if "规则配置" in c or "通行做法" in c or "工作表“" in c]


def test_the_department_form_is_the_guangzhou_layout(sheets: dict[str, list[list[object]]]) -> None:
    rows = sheets["部门整体"]
    labels = [row[0] for row in rows if row[0]]
    assert labels == [
        "部门整体支出绩效自评表", "（2023年度）", "单位基本情况", "年度整体绩效目标",
        "实际完成情况", "未能完成原因", "年度部门整体支出规模（万元）", "绩效指标", "总分",
        "自评结论",
    ]  # fmt: skip
    # 履职效能 and 管理效率 are the first-level classes: no 管理效率 row says 产出指标.
    assert _row_with(rows, "绩效目标覆盖率")[1:3] == ["管理效率", "预算管理"]
    assert _row_with(rows, "重点任务完成数")[1:3] == ["履职效能", "数量指标"]
    # 一般公共预算: 全年预算数 80 + 17.35 万元 (exact sum 973,456.50 元), 执行 96.35 万元.
    assert _row_with(rows, "一般公共预算")[3::2] == [97.35, 96.35, 0.9897]
    assert _row_with(rows, "未能完成原因")[3].startswith("重点任务完成数未完全达到目标")


def test_the_project_form_shows_the_initial_budget_of_every_fund_line(tmp_path: Path) -> None:
    from dataclasses import replace

    data = _department_year()
    carried = replace(PROJECT_A, carryover=Amounts(D("30000.00"), D("50000.00"), D("40000.00")))
    evaluation = evaluate(replace(data, projects=(carried, PROJECT_B)), load_profile())
    book = CalamineWorkbook.from_path(str(write_tables(evaluation, tmp_path / "t.xlsx")))
    rows = book.get_sheet_by_name(project_sheet_names([PROJECT_A, PROJECT_B])[0]).to_python()
    assert _row_with(rows, "上年结转资金")[3:6] == [3.0, 5.0, 4.0]
    assert _row_with(rows, "年度资金总额")[3] == 13.0  # 财政拨款 10 + 上年结转 3
