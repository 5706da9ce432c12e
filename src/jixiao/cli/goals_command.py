"""``jixiao goals``: review a goals workbook and write its 申报表 and 目标审核意见.

Exit 0 when the review finds no error-level problem, 1 when it does (the forms and the
review are written either way: the review is what says what to fix), 2 when the
workbook, the rules profile or the layout cannot be used (nothing is written).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from jixiao.cli.summary import findings_line, print_findings
from jixiao.core.findings import has_errors
from jixiao.core.goal_review import GoalReview, review_goals
from jixiao.core.profile import ProfileError, load_profile
from jixiao.io.declaration_layout import load_layout
from jixiao.io.goal_outputs import write_goal_outputs
from jixiao.io.goals_reader import read_goals_workbook
from jixiao.io.layout_files import LayoutError
from jixiao.io.workbook_sheets import WorkbookUnreadable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "goals",
        help="审核绩效目标工作簿，生成绩效目标申报表与目标审核意见",
        description="读取绩效目标工作簿（jixiao template --goals），按规则审核目标，"
        "写出项目支出与部门整体支出绩效目标申报表（.xlsx）和目标审核意见（.xlsx、.docx）",
    )
    parser.add_argument("workbook", metavar="目标工作簿", help="绩效目标工作簿 .xlsx")
    parser.add_argument("-o", "--output", required=True, metavar="目录", help="输出目录")
    parser.add_argument(
        "--profile", help="规则配置（名称或 .toml 路径），默认取工作簿中的“规则配置”"
    )
    parser.add_argument(
        "--layout", default="default", help="申报表样式（名称或 .toml 路径，默认 default）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出审核结果，供脚本使用")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.workbook)
    try:
        result = read_goals_workbook(path)
    except WorkbookUnreadable as error:
        print(f"错误：{error}")
        return EXIT_BAD_INPUT
    if result.data is None:
        print(
            f"{path.name}：无法读取，输入有误（{len(result.errors)} 处），输出目录未写入任何文件："
        )
        print_findings(result.errors)
        return EXIT_BAD_INPUT
    try:
        profile = load_profile(args.profile or result.data.department.profile or "default")
        layout = load_layout(args.layout)
    except (ProfileError, LayoutError) as error:
        print(f"错误：{error}")
        return EXIT_BAD_INPUT
    review = review_goals(result.data, profile)
    try:
        outputs = write_goal_outputs(review, layout, Path(args.output), path.stem)
    except OSError:
        print(f"无法写入输出目录“{args.output}”：该路径不是可写的文件夹")
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(_as_json(review, outputs), ensure_ascii=False, indent=2))
    else:
        _print(review, outputs)
    return EXIT_FINDINGS if has_errors(review.findings) else EXIT_OK


def _print(review: GoalReview, outputs: dict[str, Path]) -> None:
    print_findings(review.findings)
    department = review.department
    print(
        f"{review.data.department.name} {review.data.department.year} 年度绩效目标：审核得分 "
        f"{department.score} 分，等级“{department.grade}”；项目 {len(review.projects)} 个；"
        f"审核发现 {findings_line(review.findings)}"
    )
    for output in outputs.values():
        print(f"  已写出 {output}")


def _as_json(review: GoalReview, outputs: dict[str, Path]) -> dict[str, object]:
    grades = [review.department, *review.projects]
    return {
        "department": review.data.department.name,
        "year": review.data.department.year,
        "score": str(review.department.score),
        "grade": review.department.grade,
        "grades": [
            {
                "subject": g.subject,
                "name": g.name,
                "score": str(g.score),
                "grade": g.grade,
                "reasons": [f.as_dict() for f in g.reasons],
            }
            for g in grades
        ],
        "outputs": {kind: str(output) for kind, output in outputs.items()},
    }
