"""``jixiao monitor``: review a monitoring round and write its 绩效监控表 and 绩效监控报告.

Exit 0 when the round has no error-level finding, 1 when it does (a warning left
without a cause, a measure or a decision: the forms and the report are written either
way, they show what is missing), 2 when the workbook, the approved goals, the rules
profile or the layout cannot be used (nothing is written).
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

from jixiao.cli.approved_option import read_approved_option
from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from jixiao.cli.summary import findings_line, print_findings
from jixiao.core.findings import has_errors
from jixiao.core.monitoring_review import MonitoringReview, review_monitoring
from jixiao.core.monitoring_rules import COLOUR_ORDER
from jixiao.core.profile import ProfileError
from jixiao.io.layout_files import LayoutError
from jixiao.io.monitoring_layout import load_monitoring_layout
from jixiao.io.monitoring_outputs import write_monitoring_outputs
from jixiao.io.monitoring_reader import read_monitoring_workbook
from jixiao.io.workbook_sheets import WorkbookUnreadable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "monitor",
        help="绩效运行监控：按规则预警，生成绩效监控表与绩效监控报告",
        description="读取监控工作簿（jixiao template --monitoring），按规则配置计算执行率、"
        "序时进度与红/黄/绿/蓝预警，写出项目与部门整体绩效监控表（.xlsx）和绩效监控报告（.docx）",
    )
    parser.add_argument("workbook", metavar="监控工作簿", help="监控工作簿 .xlsx")
    parser.add_argument("-o", "--output", required=True, metavar="目录", help="输出目录")
    parser.add_argument(
        "--approved",
        metavar="目标工作簿",
        help="批复的绩效目标工作簿（.xlsx）：监控的项目与年度指标值须与批复目标一致",
    )
    parser.add_argument(
        "--profile", help="规则配置（名称或 .toml 路径），默认取工作簿中的“规则配置”"
    )
    parser.add_argument(
        "--layout", default="default", help="监控表样式（名称或 .toml 路径，默认 default）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出监控结果，供脚本使用")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.workbook)
    approved = read_approved_option(args)
    if approved is False:
        return EXIT_BAD_INPUT
    try:
        layout = load_monitoring_layout(args.layout)
        result = read_monitoring_workbook(path, approved=approved, profile=args.profile)
    except (WorkbookUnreadable, ProfileError, LayoutError) as error:
        print(f"错误：{error}")
        return EXIT_BAD_INPUT
    if result.data is None or result.profile is None:
        print(
            f"{path.name}：无法读取，输入有误（{len(result.errors)} 处），输出目录未写入任何文件："
        )
        print_findings(result.errors)
        return EXIT_BAD_INPUT
    review = review_monitoring(result.data, result.profile.monitoring)
    try:
        outputs = write_monitoring_outputs(review, layout, Path(args.output), path.stem)
    except OSError:
        print(f"无法写入输出目录“{args.output}”：该路径不是可写的文件夹")
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(_as_json(review, outputs), ensure_ascii=False, indent=2))
    else:
        _print(review, outputs)
    return EXIT_FINDINGS if has_errors(review.findings) else EXIT_OK


def _counts_line(review: MonitoringReview) -> str:
    counts = review.counts()
    return "　".join(f"{colour.value} {counts[colour]}" for colour in COLOUR_ORDER)


def _print(review: MonitoringReview, outputs: dict[str, Path]) -> None:
    print_findings(review.findings)
    round_ = review.round
    print(
        f"{round_.department} {round_.year} 年 {round_.round_name} 绩效监控：项目 "
        f"{len(review.projects)} 个，{_counts_line(review)}；发现 {findings_line(review.findings)}"
    )
    for output in outputs.values():
        print(f"  已写出 {output}")


def _as_json(review: MonitoringReview, outputs: dict[str, Path]) -> dict[str, object]:
    round_ = review.round
    return {
        "department": round_.department,
        "year": round_.year,
        "round": round_.round_name,
        "counts": {colour.value: n for colour, n in review.counts().items()},
        "projects": [
            {
                "code": p.execution.code,
                "name": p.execution.name,
                "execution_rate": None
                if p.rate is None
                else str(p.rate.quantize(Decimal("0.0001"))),
                "time_progress": str(p.time.share.quantize(Decimal("0.0001"))),
                "execution_colour": p.execution_colour.value,
                "colour": p.colour.value,
                "decision": p.execution.decision.value if p.execution.decision else None,
                "indicators": [
                    {"name": i.indicator.name, "colour": i.colour.value if i.colour else None}
                    for i in p.indicators
                ],
            }
            for p in review.projects
        ],
        "findings": [finding.as_dict() for finding in review.findings],
        "outputs": {kind: str(output) for kind, output in outputs.items()},
    }
