"""``jixiao check``: the findings only; exit 0 without errors, 1 with, 2 for unreadable input."""

from __future__ import annotations

import argparse
import json

from jixiao.cli.approved_option import add_approved_option, read_approved_option
from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from jixiao.cli.inputs import expand_workbooks
from jixiao.cli.rectification_tasks import print_tasks, proposed_tasks, tasks_json
from jixiao.cli.summary import evaluation_dict, findings_line, print_findings
from jixiao.core.findings import has_errors
from jixiao.io.loading import load_and_evaluate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="检查工作簿：数据一致性、偏差说明、分值、等级区间",
        description="检查部门工作簿，只列出发现的问题",
    )
    parser.add_argument(
        "workbooks", nargs="+", metavar="工作簿", help=".xlsx 文件或包含它们的文件夹"
    )
    parser.add_argument(
        "--profile", help="规则配置（名称或 .toml 路径），默认取工作簿中的“规则配置”"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出，供脚本使用")
    add_approved_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    paths = expand_workbooks(args.workbooks)
    if not paths:
        print("没有找到 .xlsx 工作簿")
        return EXIT_BAD_INPUT
    approved = read_approved_option(args)
    if approved is False:
        return EXIT_BAD_INPUT
    results = [load_and_evaluate(path, args.profile, approved) for path in paths]
    if args.json:
        print(json.dumps([_as_json(result) for result in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print(result, several=len(results) > 1)
    if any(result.evaluation is None for result in results):
        return EXIT_BAD_INPUT
    return EXIT_FINDINGS if any(has_errors(r.evaluation.findings) for r in results) else EXIT_OK


def _print(result, several: bool) -> None:
    source = result.path if several else None
    if result.evaluation is None:
        print(f"{result.path.name}：无法读取，输入有误（{len(result.input_errors)} 处）")
        print_findings(result.input_errors, source)
        return
    findings = result.evaluation.findings
    print_findings(findings, source)
    print(f"{result.path.name}：{findings_line(findings)}")
    print_tasks(proposed_tasks(result.evaluation))


def _as_json(result) -> dict[str, object]:
    if result.evaluation is None:
        return {
            "workbook": str(result.path),
            "input_errors": [f.as_dict() for f in result.input_errors],
        }
    return {
        "workbook": str(result.path),
        **evaluation_dict(result.evaluation),
        "findings": [f.as_dict() for f in result.evaluation.findings],
        "rectification_tasks": tasks_json(proposed_tasks(result.evaluation)),
    }
