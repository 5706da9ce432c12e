"""``jixiao template``: a blank workbook (or, with ``--goals``, a blank goals workbook;
with ``--monitoring``, a blank monitoring workbook) with instructions on every sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from jixiao.io.goals_writer import write_goals_workbook
from jixiao.io.monitoring_writer import write_monitoring_workbook
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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        print(f"输出文件应以 .xlsx 结尾：{path}")
        return EXIT_BAD_INPUT
    if args.goals and args.monitoring:
        print("--goals 与 --monitoring 只能选一个")
        return EXIT_BAD_INPUT
    kind, writer = "", write_workbook
    if args.goals:
        kind, writer = "绩效目标", write_goals_workbook
    elif args.monitoring:
        kind, writer = "绩效运行监控", write_monitoring_workbook
    try:
        writer(None, path)
    except (OSError, FileCreateError):
        print(f"无法写入「{path}」：路径是文件夹、所在文件夹无法创建或没有写权限")
        return EXIT_BAD_INPUT
    print(f"已生成空白{kind}工作簿：{path}")
    return EXIT_OK
