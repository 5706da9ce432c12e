"""``jixiao template``: a blank workbook (or, with ``--goals``, a blank goals workbook)
with instructions on every sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from jixiao.io.goals_writer import write_goals_workbook
from jixiao.io.workbook_writer import write_workbook


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("template", help="生成空白工作簿（每张表含填表说明）")
    parser.add_argument("-o", "--output", required=True, metavar="文件", help="输出 .xlsx 路径")
    parser.add_argument(
        "--goals", action="store_true", help="生成空白绩效目标工作簿（年初申报，无实际完成值）"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        print(f"输出文件应以 .xlsx 结尾：{path}")
        return EXIT_BAD_INPUT
    try:
        (write_goals_workbook if args.goals else write_workbook)(None, path)
    except (OSError, FileCreateError):
        print(f"无法写入「{path}」：路径是文件夹、所在文件夹无法创建或没有写权限")
        return EXIT_BAD_INPUT
    print(f"已生成空白{'绩效目标' if args.goals else ''}工作簿：{path}")
    return EXIT_OK
