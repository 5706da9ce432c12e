"""The boxes of a project's form: 评价结论, 存在问题, 改进措施, from its scores and filing."""

from __future__ import annotations

from jixiao.core.money import format_percent
from jixiao.core.profile import RulesProfile
from jixiao.core.scoring import ProjectScore, Status

NOTHING = "无。"
SHORT = (Status.PARTIAL, Status.MISSED, Status.NO_VALUE)


def _conclusion(score: ProjectScore, profile: RulesProfile) -> str:
    text = f"项目自评得分 {score.total} 分，等级为“{score.grade}”。"
    cap = profile.total_cap(score.execution_rate)
    if cap is not None and score.total == cap and score.execution_rate is not None:
        text += f"预算执行率 {format_percent(score.execution_rate)}，总分按规定不超过 {cap} 分。"
    return text


def _problems(score: ProjectScore, profile: RulesProfile) -> str:
    parts = []
    rate = score.execution_rate
    if rate is not None and rate < profile.execution_reason_below:
        parts.append(f"预算执行率 {format_percent(rate)}，执行进度偏慢")
    short = [i.indicator.name for i in score.indicator_scores if i.status in SHORT]
    if short:
        parts.append(f"{'、'.join(short)}未完全达到年度指标值")
    over = [i.indicator.name for i in score.indicator_scores if i.status is Status.OVER]
    if over:
        parts.append(f"{'、'.join(over)}大幅超过年度指标值，目标设定偏低")
    return "；".join(parts) + "。" if parts else NOTHING


def _measures(score: ProjectScore) -> str:
    """The project's own explanations (执行偏差说明, 偏差原因分析及改进措施), once each."""
    texts = [score.project.execution_explanation]
    texts += [
        i.indicator.explanation for i in score.indicator_scores if i.status is not Status.ACHIEVED
    ]
    unique = dict.fromkeys(t.strip().rstrip("。") for t in texts if t.strip())
    return "；".join(unique) + "。" if unique else NOTHING


def project_review(score: ProjectScore, profile: RulesProfile) -> dict[str, str]:
    """评价结论, 存在问题 and 改进措施 of one project, keyed by the form's box labels."""
    return {
        "评价结论": _conclusion(score, profile),
        "存在问题": _problems(score, profile),
        "改进措施": _measures(score),
    }
