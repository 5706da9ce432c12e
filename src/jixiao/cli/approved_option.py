"""``--approved GOALS.xlsx`` on ``check`` and ``report``: the goals approved before the
year, against which every target, operator, unit and weight is compared."""

from __future__ import annotations

import argparse
from typing import Literal

from jixiao.cli.summary import print_findings
from jixiao.core.records import DepartmentYear
from jixiao.io.approved import read_approved


def add_approved_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--approved",
        metavar="目标工作簿",
        help="批复的绩效目标工作簿（.xlsx）：列出与批复目标不一致的年度指标值、运算符、单位、分值及增减的指标",
    )


def read_approved_option(args: argparse.Namespace) -> DepartmentYear | Literal[False] | None:
    """The approved goals, None without the option, or False (errors printed) when the
    file cannot be used."""
    if not args.approved:
        return None
    approved = read_approved(args.approved)
    if approved.data is None:
        print(f"批复目标“{approved.path.name}”无法读取，输入有误（{len(approved.errors)} 处）")
        print_findings(approved.errors)
        return False
    return approved.data
