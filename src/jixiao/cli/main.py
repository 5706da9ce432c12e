"""The ``jixiao`` command: one subcommand a module, each registering itself here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jixiao.cli import (
    audit_command,
    check_command,
    goals_command,
    monitor_command,
    report_command,
    template_command,
)

COMMANDS = (
    report_command,
    check_command,
    goals_command,
    monitor_command,
    template_command,
    audit_command,
)
ARGPARSE_PHRASES = (
    ("the following arguments are required", "缺少必需的参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的选项"),
    ("expected one argument", "该选项需要一个值"),
    ("invalid int value", "应为整数"),
    ("choose from", "可选"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its usage errors said in Chinese (exit code 2, as argparse does)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in ARGPARSE_PHRASES:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：命令参数有误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="jixiao", description="jixiao 预算绩效管理：评分、检查、自评报告与标准表格"
    )
    subparsers = parser.add_subparsers(
        dest="command", required=True, metavar="命令", parser_class=ChineseArgumentParser
    )
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
