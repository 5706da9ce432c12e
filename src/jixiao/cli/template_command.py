"""``jixiao template``: a blank workbook with instructions on every sheet."""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from jixiao.io.workbook_writer import write_workbook


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("template", help="生成空白工作簿（每张表含填表说明）")
    parser.add_argument("-o", "--output", required=True, metavar="文件", help="输出 .xlsx 路径")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        print(f"输出文件应以 .xlsx 结尾：{path}")
        return EXIT_BAD_INPUT
    write_workbook(None, path)
    print(f"已生成空白工作簿：{path}")
    return EXIT_OK
