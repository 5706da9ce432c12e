"""The 目标审核意见 (goal review opinion) as report blocks, for the Word renderer.

One conclusion for the department, a table of every project's grade, then per project
with any reason its grade and the reasons, each under the principle it fails.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.goal_review import GoalReview, ReviewGrade
from jixiao.core.money import format_wan, quantize_half_up, yuan_to_wan
from jixiao.core.report_model import Block, Heading, Paragraph, ReportDocument, Table

NUMERALS = "一二三四五六七八九十"


def review_title(review: GoalReview) -> str:
    department = review.data.department
    return f"{department.full_name or department.name}{department.year}年度绩效目标审核意见"


def build_review_document(review: GoalReview) -> ReportDocument:
    """The review opinion: conclusion, grade table, and each project's reasons."""
    blocks: list[Block] = [Heading(1, "一、审核结论"), *_conclusion(review)]
    blocks += [Heading(1, "二、项目绩效目标审核情况"), _grade_table(review)]
    flagged = [grade for grade in review.projects if grade.deductions]
    blocks.append(Heading(1, "三、需修改完善的绩效目标"))
    if not flagged:
        blocks.append(Paragraph("各项目绩效目标均未发现需修改之处。"))
    for index, grade in enumerate(flagged, start=1):
        blocks.append(Heading(2, f"（{_numeral(index)}）{grade.name}（{grade.subject}）"))
        blocks.append(Paragraph(f"审核得分 {grade.score} 分，等级“{grade.grade}”。"))
        blocks.extend(_reasons(grade))
    return ReportDocument(review_title(review), tuple(blocks))


def _numeral(index: int) -> str:
    if index <= 10:
        return NUMERALS[index - 1]
    tens, units = divmod(index, 10)
    head = "" if tens == 1 else NUMERALS[tens - 1]
    return f"{head}十{NUMERALS[units - 1] if units else ''}" if tens < 10 else str(index)


def _conclusion(review: GoalReview) -> list[Block]:
    department = review.department
    counts = {name: 0 for name, _ in review.profile.goal_review.grades}
    for grade in review.projects:
        counts[grade.grade] += 1
    distribution = "，".join(f"“{name}”{count} 个" for name, count in counts.items())
    share = review.profile.goal_review.department_project_share
    lines = [
        f"经审核，{review.data.department.name}{review.data.department.year}年度绩效目标审核得分 "
        f"{department.score} 分，等级“{department.grade}”。共审核项目 {len(review.projects)} 个，"
        f"资金 {format_wan(yuan_to_wan(department.money))} 万元，其中{distribution}。",
    ]
    if review.projects_mean is not None:
        lines.append(
            f"部门审核得分由项目审核得分（按资金加权平均 {quantize_half_up(review.projects_mean)} 分）"
            f"占 {quantize_half_up(share * 100, Decimal(1))}% 与部门整体绩效目标审核得分合成。"
        )
    blocks: list[Block] = [Paragraph(text) for text in lines]
    if department.deductions:
        blocks.append(Paragraph("部门整体绩效目标存在以下问题："))
        blocks.extend(_reasons(department))
    else:
        blocks.append(Paragraph("部门整体绩效目标未发现需修改之处。"))
    return blocks


def _grade_table(review: GoalReview) -> Table:
    rows = tuple(
        (
            f"{grade.name}（{grade.subject}）",
            format_wan(yuan_to_wan(grade.money)),
            str(grade.score),
            grade.grade,
        )
        for grade in review.projects
    )
    return Table(
        "项目绩效目标审核结果",
        ("项目名称（编码）", "资金（万元）", "审核得分", "等级"),
        rows,
        numeric_columns=frozenset({1, 2}),
        note="审核得分为 100 分减去各项审核规则的扣分；等级按规则配置的分数线确定。",
    )


def _reasons(grade: ReviewGrade) -> list[Block]:
    blocks: list[Block] = []
    for number, item in enumerate(grade.deductions, start=1):
        where = "；".join(f.message for f in item.findings)
        blocks.append(Paragraph(f"{number}. 【{item.principle}】{where}（扣 {item.points} 分）。"))
    return blocks
