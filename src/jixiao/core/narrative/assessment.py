"""二、绩效自评情况: 自评结论, 履职效能分析 and 管理效率分析, from the computed scores."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.department_scoring import declared_total
from jixiao.core.evaluation import Evaluation
from jixiao.core.money import format_share, format_wan, yuan_to_wan
from jixiao.core.narrative.indicator_text import (
    INDICATOR_HEADERS,
    indicator_row,
    plain,
    sentence,
    status_counts,
)
from jixiao.core.records import Dimension
from jixiao.core.report_model import Block, Paragraph, Table
from jixiao.core.scoring import IndicatorScore

ZERO = Decimal(0)


def _dimension_items(evaluation: Evaluation, dimension: Dimension) -> list[IndicatorScore]:
    return [
        item
        for item in evaluation.department_score.indicator_scores
        if item.indicator.dimension is dimension
    ]


def conclusion(evaluation: Evaluation) -> list[Block]:
    """Score, grade and what they are made of, then the department's own words."""
    department = evaluation.department_score
    parts = "，".join(
        f"{name} {score} 分（分值 {plain(weight)} 分）"
        for name, (weight, score) in department.dimension_totals.items()
        if weight
    )
    text = (
        f"依据「{evaluation.profile.name}」，按各项指标实际完成值计算，部门整体自评得分 "
        f"{department.total} 分，自评等级为“{department.grade}”。其中{parts}。"
    )
    declared, derived = declared_total(evaluation.data)
    if declared is not None:
        source = "（由部门整体指标自评得分合计）" if derived else ""
        text += (
            f"部门自报总分 {plain(declared)} 分{source}，与依据计算得分相差 "
            f"{abs(declared - department.total)} 分。"
        )
    blocks: list[Block] = [
        Paragraph(p, generated=False) for p in evaluation.data.department.conclusion_text
    ]
    blocks += [Paragraph(text), Paragraph(_project_summary(evaluation))]
    blocks += [_score_table(evaluation), _grade_table(evaluation)]
    if evaluation.profile.unconfirmed:
        blocks.append(
            Paragraph(
                "注：本报告的权重、等级标准与阈值取自规则配置；其中"
                f"{'、'.join(evaluation.profile.unconfirmed.values())}为通行做法，尚未对应地方正式文件。"
            )
        )
    return blocks


def _project_summary(evaluation: Evaluation) -> str:
    scores = [s for s in evaluation.project_scores if s.indicator_scores]
    if not scores:
        return "本年度无依据指标计算得分的项目。"
    average = sum((s.total for s in scores), ZERO) / len(scores)
    grades = "、".join(
        f"{grade} {sum(1 for s in scores if s.grade == grade)} 个"
        for grade, _ in evaluation.profile.grades
    )
    declared = [s for s in scores if s.project.self_score is not None]
    gap = evaluation.profile.self_score_gap
    far = sum(1 for s in declared if abs(s.project.self_score - s.total) > gap)
    text = (
        f"{len(scores)} 个项目依据实际完成值计算的平均得分 {average.quantize(Decimal('0.01'))} 分，"
        f"其中{grades}。"
    )
    if declared:
        text += (
            f"单位自报总分的 {len(declared)} 个项目中，自报分与计算得分相差超过 {plain(gap)} 分的 "
            f"{far} 个（逐项见项目支出绩效自评表）。"
        )
    return text


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
        "各维度得分为其下指标得分之和，指标明细见表4、表5。",
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
        "表3 项目自评等级分布（依据计算得分）",
        ("等级", "项目数", "全年执行数（万元）", "资金占比"),
        tuple(rows),
        frozenset({1, 2, 3}),
    )


def _dimension_section(
    evaluation: Evaluation, dimension: Dimension, caption: str, own_words: tuple[str, ...]
) -> list[Block]:
    items = _dimension_items(evaluation, dimension)
    weight, score = evaluation.department_score.dimension_totals.get(dimension.value, (ZERO, ZERO))
    if not items:
        return [Paragraph(f"本年度未设置{dimension.value}指标。")]
    summary = (
        f"{dimension.value}指标共 {len(items)} 项（分值 {plain(weight)} 分），得分 {score} 分；"
        f"{status_counts(items)}。"
    )
    details = "；".join(sentence(item) for item in items) + "。"
    blocks: list[Block] = [Paragraph(summary), Paragraph(details)]
    blocks += [Paragraph(text, generated=False) for text in own_words]
    blocks.append(
        Table(caption, INDICATOR_HEADERS, tuple(indicator_row(i) for i in items), frozenset({5, 6}))
    )
    return blocks


def effectiveness(evaluation: Evaluation) -> list[Block]:
    own = evaluation.data.department.effectiveness_text
    return _dimension_section(evaluation, Dimension.EFFECTIVENESS, "表4 履职效能指标完成情况", own)


def efficiency(evaluation: Evaluation) -> list[Block]:
    own = evaluation.data.department.management_text
    return _dimension_section(evaluation, Dimension.EFFICIENCY, "表5 管理效率指标完成情况", own)
