"""``jixiao template``: a blank workbook (or, with ``--goals``, a blank goals workbook;
with ``--monitoring``, a blank monitoring workbook) with instructions on every sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from jixiao.cli.approved_option import read_approved_option
from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from jixiao.core.profile import ProfileError, load_profile
from jixiao.io.goals_writer import write_goals_workbook
from jixiao.io.monitoring_writer import write_monitoring_template, write_monitoring_workbook
from jixiao.io.workbook_writer import write_workbook


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("template", help="生成空白工作簿（每张表含填表说明）")
    parser.add_argument("-o", "--output", required=True, metavar="文件", help="输出 .xlsx 路径")
    parser.add_argument(
        "--goals", action="store_true", help="生成空白绩效目标工作簿（年初申报，无实际完成值）"
    )
    parser.add_argument(
        "--monitoring", action="store_true", help="生成空白绩效运行监控工作簿（双监控）"
    )
    parser.add_argument(
        "--approved",
        metavar="目标工作簿",
        help="与 --monitoring 同用：按批复的绩效目标预填项目、指标与年度指标值",
    )
    parser.add_argument(
        "--round", metavar="轮次", help="与 --approved 同用：监控轮次（默认为规则配置中的第一轮）"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        print(f"输出文件应以 .xlsx 结尾：{path}")
        return EXIT_BAD_INPUT
    if args.goals and args.monitoring:
        print("--goals 与 --monitoring 只能选一个")
        return EXIT_BAD_INPUT
    if args.approved and not args.monitoring:
        print("--approved 只能与 --monitoring 同用")
        return EXIT_BAD_INPUT
    if args.approved:
        return _from_goals(args, path)
    kind, writer = "", write_workbook
    if args.goals:
        kind, writer = "绩效目标", write_goals_workbook
    elif args.monitoring:
        kind, writer = "绩效运行监控", write_monitoring_workbook
    try:
        writer(None, path)
    except (OSError, FileCreateError):
        print(f"无法写入“{path}”：路径是文件夹、所在文件夹无法创建或没有写权限")
        return EXIT_BAD_INPUT
    print(f"已生成空白{kind}工作簿：{path}")
    return EXIT_OK


def _from_goals(args: argparse.Namespace, path: Path) -> int:
    """A monitoring workbook laid out from the approved goals, for the chosen round."""
    goals = read_approved_option(args)
    if not goals:
        return EXIT_BAD_INPUT
    try:
        profile = load_profile(goals.department.profile or "default")
    except ProfileError as error:
        print(f"错误：{error}")
        return EXIT_BAD_INPUT
    rules = profile.monitoring
    spec = rules.round(args.round) if args.round else rules.rounds[0]
    if spec is None:
        known = "、".join(r.name for r in rules.rounds)
        print(f"监控轮次“{args.round}”不是规则配置中的轮次（{known}）")
        return EXIT_BAD_INPUT
    try:
        write_monitoring_template(goals, spec.name, goals.department.profile, path)
    except (OSError, FileCreateError):
        print(f"无法写入“{path}”：路径是文件夹、所在文件夹无法创建或没有写权限")
        return EXIT_BAD_INPUT
    print(f"已按批复目标生成{spec.name}绩效运行监控工作簿：{path}")
    return EXIT_OK
