"""The year-end evaluation read against the year's submitted monitoring rounds.

Two links: an indicator that a round showed red with 完成可能性 完全不可能 and that the
year-end self-evaluation scores at full marks needs an explanation (a finding while its
偏差原因分析及改进措施 is empty); and the report's 管理效率分析 says which rounds were
held and what they found, when there were any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from jixiao.core.evaluation import Evaluation
from jixiao.core.findings import Finding, Severity
from jixiao.core.monitoring import Decision, Likelihood
from jixiao.core.monitoring_review import MonitoringReview
from jixiao.core.monitoring_rules import COLOUR_ORDER, Colour
from jixiao.core.narrative.indicator_text import plain

FULL_MARKS_CODE = "MONITOR_IMPOSSIBLE_FULL_MARKS"


def _written_off(reviews: Sequence[MonitoringReview]) -> dict[tuple[str, ...], str]:
    """(project code, 一级, 二级, 三级) → the first round that showed it red and 完全不可能."""
    found: dict[tuple[str, ...], str] = {}
    for review in reviews:
        for project in review.projects:
            for status in project.indicators:
                item = status.indicator
                if status.colour is Colour.RED and item.likelihood is Likelihood.IMPOSSIBLE:
                    found.setdefault(
                        (item.owner, item.level1, item.level2, item.name), review.round.round_name
                    )
    return found  # fmt: skip


def full_marks_findings(
    evaluation: Evaluation, reviews: Sequence[MonitoringReview]
) -> tuple[Finding, ...]:
    """An indicator red and 完全不可能 in a round, scored full marks at year end, unexplained."""
    written_off = _written_off(reviews)
    if not written_off:
        return ()
    findings = []
    for item in evaluation.data.indicators:
        key = (item.owner, item.level1, item.level2, item.name)
        full = item.self_score is not None and item.self_score >= item.weight
        if key in written_off and full and not item.explanation.strip():
            findings.append(Finding(
                FULL_MARKS_CODE, Severity.WARNING,
                f"指标“{item.name}”在{written_off[key]}绩效运行监控中为红色预警、完成可能性为"
                f"“完全不可能”，年终自评却为满分 {plain(item.weight)} 分，须在偏差原因分析中说明理由",
                item.location, item.owner,
            ))  # fmt: skip
    return tuple(findings)


def rounds_sentence(reviews: Sequence[MonitoringReview]) -> str:
    """管理效率: the rounds held, the projects per colour and the decisions ("" without rounds)."""
    parts = []
    for review in reviews:
        counts = review.counts()
        colours = "、".join(f"{c.value}色 {counts[c]} 个" for c in COLOUR_ORDER if counts[c])
        decided = Counter(p.execution.decision for p in review.by_colour(Colour.RED))
        decisions = "、".join(f"{d.value} {decided[d]} 个" for d in Decision if decided[d])
        text = f"{review.months}绩效运行监控，监控项目 {len(review.projects)} 个，预警{colours}"
        parts.append(f"{text}；红色预警项目处理意见为{decisions}" if decisions else text)
    if not parts:
        return ""
    return f"本年度开展{'；'.join(parts)}。"


def with_monitoring(evaluation: Evaluation, reviews: Sequence[MonitoringReview]) -> Evaluation:
    """``evaluation`` with the monitoring findings added and the rounds kept for the report."""
    if not reviews:
        return evaluation
    findings = (*evaluation.findings, *full_marks_findings(evaluation, reviews))
    return replace(evaluation, findings=findings, monitoring_rounds=tuple(reviews))
