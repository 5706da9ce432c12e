"""The report's generated sentences, checked against the seed report they reproduce."""

import importlib.util
import re
from pathlib import Path

import pytest

from jixiao.core.evaluation import evaluate
from jixiao.core.narrative.finance import income_and_expenditure, performance_management
from jixiao.core.narrative.report import build_report
from jixiao.core.profile import load_profile
from jixiao.core.report_model import Heading, Paragraph, Table
from tests.builders import two_project_department

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "000_1034b28f74ca61dd.txt"


def _luopu():
    spec = importlib.util.spec_from_file_location(
        "make_luopu", REPO / "examples" / "make_luopu_2023.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return evaluate(module.build(), load_profile())


@pytest.fixture(scope="module")
def luopu():
    return _luopu()


def _seed_paragraph(starting: str) -> str:
    if not SEED.exists():
        pytest.skip(f"seed report not present at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return re.search(re.escape(starting) + r"[^\n]*", text).group(0)


def test_the_income_paragraph_is_the_seeds_with_the_same_figures(luopu):
    seed = _seed_paragraph("广州市番禺区人民政府洛浦街道办事处 2023 年度财政拨款支出合计")
    # Where ours differs from the seed, it is by house style, on purpose: two decimals
    # always, 万元 always, and 等 where a smaller movement was left out (农林水 +6.75).
    expected = (
        seed.replace("66.6 万元", "66.60 万元")
        .replace(" 万，", " 万元，")
        .replace("539.84 万元。", "539.84 万元等。")
    )
    assert income_and_expenditure(luopu) == expected


def test_the_coverage_paragraph_is_the_seeds_without_its_repeated_phrase(luopu):
    seed = _seed_paragraph("根据财政预算绩效管理要求")
    assert performance_management(luopu) == seed.replace("2023 年度 2023 年度", "2023 年度")


def test_the_report_follows_the_seeds_outline(luopu):
    headings = [b.text for b in build_report(luopu).blocks if isinstance(b, Heading)]
    assert headings == [
        "一、部门基本情况", "（一）部门职能", "（二）年度总体工作和重点工作任务",
        "（三）部门整体支出绩效目标", "（四）部门整体收支情况", "（五）部门整体绩效管理情况",
        "二、绩效自评情况", "（一）自评结论", "（二）履职效能分析", "（三）管理效率分析",
        "三、存在的主要问题", "四、下一步改进措施",
    ]  # fmt: skip


def test_the_conclusion_states_the_computed_score_and_grade(luopu):
    score = luopu.department_score
    texts = [b.text for b in build_report(luopu).blocks if isinstance(b, Paragraph)]
    assert any(f"部门整体自评得分 {score.total} 分，自评等级为“{score.grade}”" in t for t in texts)


def test_every_department_score_traces_to_its_workbook_row():
    data = two_project_department()
    from dataclasses import replace

    from jixiao.core.records import Location

    located = tuple(
        replace(item, location=Location("部门整体指标", row))
        for row, item in enumerate(data.department_indicators, start=3)
    )
    report = build_report(evaluate(replace(data, department_indicators=located), load_profile()))
    tables = [
        b for b in report.blocks if isinstance(b, Table) and b.caption.startswith(("表4", "表5"))
    ]
    sources = [row[-1] for table in tables for row in table.rows]
    assert sources == ["部门整体指标第3行", "部门整体指标第4行（系统计算）"]


def test_the_departments_own_words_are_carried_over_as_written(luopu):
    own = [
        b.text for b in build_report(luopu).blocks if isinstance(b, Paragraph) and not b.generated
    ]
    assert luopu.data.department.functions[0] in own
    assert all(task in own for task in luopu.data.department.tasks)


def test_problems_include_what_the_checks_found(luopu):
    report = build_report(luopu)
    texts = [b.text for b in report.blocks if isinstance(b, Paragraph)]
    gaps = sum(1 for f in luopu.findings if f.code == "SELF_SCORE_GAP")
    assert gaps > 0
    assert any(t.startswith("自评打分缺乏依据") and f"共 {gaps} 处" in t for t in texts)


def test_a_declared_total_derived_from_indicator_self_scores_is_said_to_be_derived():
    from dataclasses import replace
    from decimal import Decimal

    data = two_project_department()
    scored = tuple(replace(i, self_score=i.weight) for i in data.department_indicators)
    report = build_report(evaluate(replace(data, department_indicators=scored), load_profile()))
    texts = [b.text for b in report.blocks if isinstance(b, Paragraph)]
    assert any("部门自报总分 100 分（由部门整体指标自评得分合计）" in t for t in texts)
    assert Decimal(100) == sum(i.weight for i in scored)
