"""The ``jixiao`` command: one subcommand a module, each registering itself here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jixiao.cli import audit_command, check_command, report_command, template_command

COMMANDS = (report_command, check_command, template_command, audit_command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao", description="jixiao 预算绩效管理：评分、检查、自评报告与标准表格"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
