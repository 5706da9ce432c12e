"""二、绩效自评情况: 自评结论, 履职效能分析 and 管理效率分析, from the computed scores.

The analyses are summaries a department would write: what was achieved (with the key
figures), what was not and why; the indicator tables in the appendix carry the detail.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_share, format_wan, yuan_to_wan
from jixiao.core.monitoring_followup import rounds_sentence
from jixiao.core.narrative.indicator_text import (
    INDICATOR_HEADERS,
    INDICATOR_NUMERIC,
    INDICATOR_WIDE,
    actual_text,
    indicator_row,
    plain,
    target_words,
)
from jixiao.core.narrative.management_text import management_figures
from jixiao.core.records import Dimension, IndicatorKind
from jixiao.core.report_model import Block, Paragraph, Table
from jixiao.core.scoring import IndicatorScore, Status

ZERO = Decimal(0)
HIGHLIGHTS = 4  # achieved quantitative indicators named with their figures
MET = (Status.ACHIEVED, Status.OVER)
SHORT = (Status.PARTIAL, Status.MISSED, Status.NO_VALUE)


def _dimension_items(evaluation: Evaluation, dimension: Dimension) -> list[IndicatorScore]:
    return [
        item
        for item in evaluation.department_score.indicator_scores
        if item.indicator.dimension is dimension
    ]


def conclusion(evaluation: Evaluation) -> list[Block]:
    """The department's own words, then the score, grade and what they are made of."""
    department = evaluation.department_score
    parts = "，".join(
        f"{name} {score} 分（分值 {plain(weight)} 分）"
        for name, (weight, score) in department.dimension_totals.items()
        if weight
    )
    text = (
        f"经对照年度绩效目标逐项评价，部门整体自评得分 {department.total} 分，"
        f"自评等级为“{department.grade}”。其中{parts}。"
    )
    blocks: list[Block] = [
        Paragraph(p, generated=False) for p in evaluation.data.department.conclusion_text
    ]
    blocks += [Paragraph(text), Paragraph(_project_summary(evaluation))]
    return [*blocks, _score_table(evaluation), _grade_table(evaluation)]


def _project_summary(evaluation: Evaluation) -> str:
    scores = [s for s in evaluation.project_scores if s.indicator_scores]
    if not scores:
        return "本年度未开展项目支出绩效自评。"
    average = sum((s.total for s in scores), ZERO) / len(scores)
    grades = "、".join(
        f"“{grade}”{count} 个"
        for grade, _ in evaluation.profile.grades
        if (count := sum(1 for s in scores if s.grade == grade))
    )
    return (
        f"纳入自评的 {len(scores)} 个项目平均得分 {average.quantize(Decimal('0.01'))} 分，"
        f"其中自评等级为{grades}。"
    )


def _score_table(evaluation: Evaluation) -> Table:
    department = evaluation.department_score
    rows = [
        (name, plain(weight), str(score), format_share(score / weight) if weight else "—")
        for name, (weight, score) in department.dimension_totals.items()
        if weight
    ]
    total_weight = sum((w for w, _ in department.dimension_totals.values()), ZERO)
    rows.append(("合计", plain(total_weight), str(department.total), f"等级：{department.grade}"))
    return Table(
        "表2 部门整体自评得分构成",
        ("维度", "分值", "得分", "得分率"),
        tuple(rows),
        frozenset({1, 2, 3}),
        wide_columns=frozenset({0}),
    )


def _grade_table(evaluation: Evaluation) -> Table:
    scores = [s for s in evaluation.project_scores if s.indicator_scores]
    total = sum((s.project.fiscal.actual for s in scores), ZERO)
    rows = []
    for grade, _ in evaluation.profile.grades:
        mine = [s for s in scores if s.grade == grade]
        amount = sum((s.project.fiscal.actual for s in mine), ZERO)
        share = format_share(amount / total) if total else "—"
        rows.append((grade, str(len(mine)), format_wan(yuan_to_wan(amount)), share))
    return Table(
        "表3 项目自评等级分布",
        ("等级", "项目数", "全年执行数（万元）", "资金占比"),
        tuple(rows),
        frozenset({1, 2, 3}),
        wide_columns=frozenset({0}),
    )


def _achieved_text(met: list[IndicatorScore]) -> str:
    """``新增经济项目、签约项目等 8 项指标达到或超过年度目标，其中新增经济项目 12个（目标不少于10个）``."""
    if not met:
        return ""
    quantitative = [
        i for i in met if i.indicator.kind is IndicatorKind.QUANTITATIVE and i.actual is not None
    ]
    quantitative.sort(key=lambda i: i.status is not Status.OVER)  # over-achievements first
    named = "；".join(
        f"{i.indicator.name} {actual_text(i, spaced=True)}（目标{target_words(i)}）"
        for i in quantitative[:HIGHLIGHTS]
    )
    others = [i.indicator.name for i in met if i not in quantitative[:HIGHLIGHTS]]
    text = f"{len(met)} 项指标达到或超过年度目标"
    if named:
        text += f"：{named}"
    if others:
        more = "等" if len(others) > 3 else ""
        text += f"；{'、'.join(others[:3])}{more}如期完成"
    return text + "。"


def _short_text(short: list[IndicatorScore]) -> str:
    """Each indicator that fell short: its target, what was done, and the department's reason."""
    parts = []
    for item in short:
        indicator = item.indicator
        done = (
            actual_text(item)
            if indicator.kind is IndicatorKind.QUANTITATIVE
            else (indicator.actual_text or "未完成")
        )
        reason = indicator.explanation.strip().rstrip("。")
        text = f"{indicator.name}未完全达到目标（目标{target_words(item)}，实际{done}）"
        parts.append(f"{text}，{reason}" if reason else text)
    return ("；".join(parts) + "。") if parts else ""


def _dimension_section(
    evaluation: Evaluation, dimension: Dimension, own_words: tuple[str, ...], appendix: str,
    figures: str = "",
) -> list[Block]:  # fmt: skip
    items = [
        i for i in _dimension_items(evaluation, dimension) if i.status is not Status.NOT_APPLICABLE
    ]
    weight, score = evaluation.department_score.dimension_totals.get(dimension.value, (ZERO, ZERO))
    own: list[Block] = [Paragraph(text, generated=False) for text in own_words]
    if not items:  # nothing scored: the department's words, if any (else no section)
        return [*own, Paragraph(figures)] if figures else own
    met = [i for i in items if i.status in MET]
    short = [i for i in items if i.status in SHORT]
    summary = (
        f"{dimension.value}方面设置指标 {len(items)} 项，分值 {plain(weight)} 分，得分 {score} 分"
        f"（明细见{appendix}）。{_achieved_text(met)}{_short_text(short)}"
    )
    blocks = [*own, Paragraph(summary)]
    return [*blocks, Paragraph(figures)] if figures else blocks


def indicator_table(evaluation: Evaluation, dimension: Dimension, caption: str) -> Table | None:
    """The dimension's indicators, one row each (the appendix to the analysis)."""
    items = _dimension_items(evaluation, dimension)
    if not items:
        return None
    rows = tuple(indicator_row(i) for i in items)
    return Table(caption, INDICATOR_HEADERS, rows, INDICATOR_NUMERIC, wide_columns=INDICATOR_WIDE)


def effectiveness(evaluation: Evaluation, appendix: str) -> list[Block]:
    own = evaluation.data.department.effectiveness_text
    return _dimension_section(evaluation, Dimension.EFFECTIVENESS, own, appendix)


def efficiency(evaluation: Evaluation, appendix: str) -> list[Block]:
    own = evaluation.data.department.management_text
    figures = management_figures(evaluation)
    blocks = _dimension_section(evaluation, Dimension.EFFICIENCY, own, appendix, figures)
    rounds = rounds_sentence(evaluation.monitoring_rounds)
    return [*blocks, Paragraph(rounds)] if rounds else blocks


def _applicable(evaluation: Evaluation, dimension: Dimension) -> list[IndicatorScore]:
    return [
        i for i in _dimension_items(evaluation, dimension) if i.status is not Status.NOT_APPLICABLE
    ]


def outcome_text(evaluation: Evaluation) -> str:
    """实际完成情况 of the department form: per dimension, what reached its target."""
    parts = []
    for dimension in Dimension:
        met = [i for i in _applicable(evaluation, dimension) if i.status in MET]
        if met:
            parts.append(f"{dimension.value}方面，{_achieved_text(met)}")
    return "".join(parts) or "无。"


def shortfall_text(evaluation: Evaluation) -> str:
    """未能完成原因 of the department form: what fell short, in the department's words."""
    short = [
        i
        for dimension in Dimension
        for i in _applicable(evaluation, dimension)
        if i.status in SHORT
    ]
    return _short_text(short) or "无。"
