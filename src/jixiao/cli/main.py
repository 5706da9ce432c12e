"""The ``jixiao`` command: one subcommand a module, each registering itself here.

A command's module loads the libraries it needs (Word, Excel, HTML, PDF), which takes
most of a short run's time; so when the command line names a command, only that
command's module is imported (``jixiao audit x.txt`` never loads the workbook or
report writers), and all of them only for the overview (``jixiao --help``, a typo).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# In the order ``jixiao --help`` lists them.
COMMANDS = {
    "report": "jixiao.cli.report_command",
    "check": "jixiao.cli.check_command",
    "goals": "jixiao.cli.goals_command",
    "monitor": "jixiao.cli.monitor_command",
    "template": "jixiao.cli.template_command",
    "audit": "jixiao.cli.audit_command",
}
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``command`` alone when it names one, else of every command."""
    parser = ChineseArgumentParser(
        prog="jixiao", description="jixiao 预算绩效管理：评分、检查、自评报告与标准表格"
    )
    subparsers = parser.add_subparsers(
        dest="command", required=True, metavar="命令", parser_class=ChineseArgumentParser
    )
    names = [command] if command in COMMANDS else list(COMMANDS)
    for name in names:
        importlib.import_module(COMMANDS[name]).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command the arguments name; its exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments[0] if arguments else None)
    args = parser.parse_args(arguments)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
