"""The year-end evaluation read against monitoring rounds: the full-marks finding and the
report's sentence on the rounds held."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.evaluation import evaluate
from jixiao.core.monitoring import (
    Decision,
    Deviation,
    DeviationCause,
    IndicatorProgress,
    Likelihood,
    MonitoringRound,
    ProjectExecution,
)
from jixiao.core.monitoring_followup import (
    FULL_MARKS_CODE,
    full_marks_findings,
    rounds_sentence,
    with_monitoring,
)
from jixiao.core.monitoring_review import review_monitoring
from jixiao.core.profile import load_profile
from jixiao.core.records import IndicatorKind, Operator
from tests.builders import two_project_department, with_indicator

D = Decimal
PROFILE = load_profile("default")
STAFF = Deviation(DeviationCause.STAFF, "人手不足", "增派人员")


def _review(value: str, likelihood: Likelihood):
    """P1 on time in money; its 完成数 (≥10 个) at ``value`` by July."""
    done = IndicatorProgress(
        "P1", "产出指标", "数量指标", "完成数", IndicatorKind.QUANTITATIVE, Operator.AT_LEAST,
        D(10), "个", value=D(value), likelihood=likelihood, deviation=STAFF,
    )  # fmt: skip
    p1 = ProjectExecution("P1", "环卫保洁", "城管办", D(100000), D(120000), D(70000), 7,
                          decision=Decision.ADJUST_GOAL)  # fmt: skip
    round_ = MonitoringRound("示例街道办事处", 2023, "1-7月", 7, (p1,), (done,))
    return review_monitoring(round_, PROFILE.monitoring)


def _evaluation(self_score: str | None, explanation: str = ""):
    data = with_indicator(two_project_department(), 0, explanation=explanation,
                          self_score=None if self_score is None else D(self_score))  # fmt: skip
    return evaluate(data, PROFILE)


def test_red_and_impossible_then_full_marks_is_a_finding():
    findings = full_marks_findings(_evaluation("50"), [_review("2", Likelihood.IMPOSSIBLE)])
    assert [f.code for f in findings] == [FULL_MARKS_CODE]
    assert "1-7月" in findings[0].message and "满分 50 分" in findings[0].message


def test_no_finding_when_explained_not_full_not_red_or_still_possible():
    red = [_review("2", Likelihood.IMPOSSIBLE)]
    assert full_marks_findings(_evaluation("50", "8 月追加人员后完成"), red) == ()
    assert full_marks_findings(_evaluation("49"), red) == ()
    assert full_marks_findings(_evaluation("50"), [_review("2", Likelihood.POSSIBLE)]) == ()
    assert full_marks_findings(_evaluation("50"), [_review("6", Likelihood.IMPOSSIBLE)]) == ()


def test_the_rounds_sentence_counts_colours_and_decisions():
    assert rounds_sentence([]) == ""
    assert rounds_sentence([_review("2", Likelihood.IMPOSSIBLE)]) == (
        "本年度开展1-7月绩效运行监控，监控项目 1 个，预警红色 1 个；红色预警项目处理意见为调整目标 1 个。"
    )


def test_with_monitoring_adds_the_findings_and_keeps_the_rounds():
    evaluation = _evaluation("50")
    assert with_monitoring(evaluation, []) is evaluation
    reviewed = with_monitoring(evaluation, [_review("2", Likelihood.IMPOSSIBLE)])
    assert len(reviewed.findings) == len(evaluation.findings) + 1
    assert reviewed.monitoring_rounds[0].round.round_name == "1-7月"
