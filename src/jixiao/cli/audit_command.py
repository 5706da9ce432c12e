"""``jixiao audit``: check an existing self-evaluation report (placeholder until built)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="审核已有自评报告的数字、评分与结构")
    parser.add_argument("files", nargs="+")
    parser.set_defaults(handler=lambda args: 2)
