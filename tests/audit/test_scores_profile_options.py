"""The audit under the field's scoring options: the execution-band cap and the fixed
over-achievement deduction. A table jixiao scored under them audits clean; the same
table under the default rules, or one that ignores them, is flagged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.profile import PROFILE_DIR, RulesProfile, load_profile_text
from jixiao.core.records import Amounts, BudgetSource, Indicator, IndicatorKind, Operator, Project
from jixiao.core.scoring import score_project
from tests.audit.reports import audit_table, codes, score_table_rows, serious

D = Decimal
CAPS = (
    "caps = [{ below = 0.80, max_total = 89 }, { below = 0.70, max_total = 79 }, "
    "{ below = 0.60, max_total = 69 }, { below = 0.50, max_total = 59 }]"
)


def profile_with(*replacements: tuple[str, str]) -> RulesProfile:
    text = (PROFILE_DIR / "default.toml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return load_profile_text(text, "options.toml")


CAPPED = profile_with(("caps = []", CAPS))
FIXED = profile_with(("fixed_deduction = 0", "fixed_deduction = 2"))


REASON = "项目执行率偏低的原因是部分工程款年底未结算。"


def audited(rows: list[list[str]], profile: RulesProfile | None = None):
    """The table audited in a report that gives the reason for low execution."""
    return audit_table(rows, REASON, profile)


def executed(rate: str, score: str, total: str, grade: str) -> list[list[str]]:
    """The clean grid with 年度资金总额 100.00 spent at ``rate`` (财政拨款 80, 结转 20)."""
    spent = D(rate)
    return score_table_rows(
        r2c3=f"{spent:.2f}", r3c3=f"{spent * D('0.8'):.2f}", r4c3=f"{spent * D('0.2'):.2f}",
        r2c5=f"{spent:.2f}%", r2c6=score, r10c6=total,
        r10c7=f"自评等级：{grade}",
    )  # fmt: skip


def test_a_total_capped_by_its_execution_band_audits_clean_under_the_cap() -> None:
    rows = executed("55", "5.50", "69.00", "中")  # 95.50 by the parts, 69 at 55 %

    assert serious(audited(rows, CAPPED)) == []
    assert codes(audited(rows), "error") == ["total-score-mismatch"]


def test_a_total_above_its_execution_band_cap_is_an_error() -> None:
    rows = executed("55", "5.50", "95.50", "优")

    assert "total-above-execution-cap" in codes(audited(rows, CAPPED), "error")
    assert serious(audited(rows)) == []


@pytest.mark.parametrize(
    ("rate", "score", "total", "grade"),
    [
        ("80", "8.00", "98.00", "优"),  # at 80 %: no cap
        ("79.99", "8.00", "89.00", "良"),  # just below: at most 89
        ("60", "6.00", "79.00", "中"),  # at 60 %: the 70 % band's 79
        ("59.99", "6.00", "69.00", "中"),  # just below 60 %: 69
    ],
)
def test_each_band_boundary_is_read_from_the_stated_rate(rate, score, total, grade) -> None:
    assert serious(audited(executed(rate, score, total, grade), CAPPED)) == []


def over_achieved(score: str, total: str) -> list[list[str]]:
    """培训人次 ≥100 done 130 times (130 %, the default threshold), explained."""
    return score_table_rows(r6c4="130人次", r6c6=score, r6c7="目标设定偏低，下年度调高",
                            r10c6=total)  # fmt: skip


def test_the_fixed_over_achievement_deduction_audits_clean_under_its_option() -> None:
    rows = over_achieved("23", "97.50")

    assert serious(audited(rows, FIXED)) == []
    assert codes(audited(rows), "warning") == ["indicator-score-rule"]


def test_full_marks_past_the_threshold_are_flagged_when_the_deduction_is_on() -> None:
    rows = over_achieved("25", "99.50")

    assert codes(audited(rows, FIXED), "warning") == ["indicator-score-rule"]
    assert serious(audited(rows)) == []


def test_a_table_of_jixiaos_own_scores_under_both_options_audits_clean() -> None:
    both = profile_with(("caps = []", CAPS), ("fixed_deduction = 0", "fixed_deduction = 2"))
    project = Project("P1", "示范项目", BudgetSource.GENERAL, "2120501",
                      Amounts(D("800000"), D("800000"), D("440000")), "城管办",
                      carryover=Amounts(D("200000"), D("200000"), D("110000")))  # fmt: skip
    grid = (("产出指标", "数量指标", "培训人次", 25, "100", "人次", "130"),
            ("产出指标", "质量指标", "合格率", 25, "95", "%", "96"),
            ("效益指标", "社会效益指标", "服务覆盖率", 30, "90", "%", "90"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", 10, "90", "%", "92"))  # fmt: skip
    indicators = [
        Indicator(
            "P1",
            level1,
            level2,
            name,
            IndicatorKind.QUANTITATIVE,
            D(weight),
            Operator.AT_LEAST,
            D(target),
            unit,
            D(actual),
        )
        for level1, level2, name, weight, target, unit, actual in grid
    ]
    score = score_project(project, indicators, both)
    rows = executed("55", str(score.execution_score), str(score.total), score.grade)
    rows[6][4] = "130人次"
    rows[6][6] = str(score.indicator_scores[0].score)
    rows[6][7] = "目标设定偏低"

    assert (score.indicator_scores[0].score, score.total) == (D("23.00"), D("69.00"))
    assert serious(audited(rows, both)) == []
