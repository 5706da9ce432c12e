"""``jixiao report``: score workbooks and write each one's report and standard tables.

Several workbooks (or a folder of them) run in parallel on every core, with progress.
A workbook with input errors, or with error-level findings, writes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from jixiao.cli.approved_option import add_approved_option, read_approved_option
from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from jixiao.cli.inputs import expand_workbooks
from jixiao.cli.summary import evaluation_dict, headline, rules_line
from jixiao.core.findings import Finding, Severity
from jixiao.core.records import DepartmentYear
from jixiao.io.loading import load_and_evaluate
from jixiao.io.outputs import write_outputs


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="评分并生成自评报告（.docx、.html）与标准表格（.xlsx）",
        description="读取部门工作簿，依据规则计算全部得分，写出自评报告和项目支出绩效自评表",
    )
    parser.add_argument(
        "workbooks", nargs="+", metavar="工作簿", help=".xlsx 文件或包含它们的文件夹"
    )
    parser.add_argument("-o", "--output", required=True, metavar="目录", help="输出目录")
    parser.add_argument(
        "--profile", help="规则配置（名称或 .toml 路径），默认取工作簿中的“规则配置”"
    )
    parser.add_argument(
        "--appendix", action="store_true", help="在报告后附项目支出绩效自评得分一览（横向页面）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果，供脚本使用")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="并行进程数（默认为 CPU 核数）"
    )
    add_approved_option(parser)
    parser.set_defaults(handler=run)


def output_stems(paths: list[Path]) -> dict[Path, str]:
    """Each workbook's output name: its stem, prefixed by its folder where stems repeat."""
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.stem] = counts.get(path.stem, 0) + 1
    return {
        path: path.stem if counts[path.stem] == 1 else f"{path.parent.name or 'root'}-{path.stem}"
        for path in paths
    }


def report_one(
    path: Path,
    output: Path,
    profile: str | None,
    stem: str | None = None,
    approved: DepartmentYear | None = None,
    project_appendix: bool = False,
) -> dict[str, object]:
    """Load, check (against ``approved`` goals when given) and, when nothing blocks it,
    write one workbook's outputs."""
    loaded = load_and_evaluate(path, profile, approved)
    result: dict[str, object] = {"workbook": str(path)}
    if loaded.evaluation is None:
        return {**result, "status": "input_error", "errors": [f.as_dict() for f in loaded.input_errors],
                "messages": [f.describe() for f in loaded.input_errors]}  # fmt: skip
    evaluation = loaded.evaluation
    blocking = [f for f in evaluation.findings if f.severity is Severity.ERROR]
    summary = {**result, **evaluation_dict(evaluation), "headline": headline(evaluation),
               "rules": rules_line(evaluation)}  # fmt: skip
    if blocking:
        return {**summary, "status": "blocked", "errors": [f.as_dict() for f in blocking],
                "messages": [f.describe() for f in blocking]}  # fmt: skip
    try:
        outputs = write_outputs(
            evaluation, output, stem or path.stem, project_appendix=project_appendix
        )
    except OSError:
        # An output path that is a file, or a folder we may not write to, is bad input.
        message = f"无法写入输出目录“{output}”：该路径不是可写的文件夹"
        failure = Finding("OUTPUT", Severity.ERROR, message)
        return {**summary, "status": "write_error", "errors": [failure.as_dict()],
                "messages": [failure.describe()]}  # fmt: skip
    return {**summary, "status": "written", "outputs": {k: str(v) for k, v in outputs.items()}}


def _run_all(
    paths: list[Path],
    output: Path,
    profile: str | None,
    jobs: int,
    appendix: bool,
    approved: DepartmentYear | None = None,
) -> list[dict]:
    stems = output_stems(paths)
    progress = tqdm(total=len(paths), unit="个", desc="生成报告", file=sys.stderr,
                    disable=len(paths) < 2 or None)  # fmt: skip
    if jobs <= 1 or len(paths) < 2:
        results = []
        for path in paths:
            results.append(report_one(path, output, profile, stems[path], approved, appendix))
            progress.update()
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(report_one, path, output, profile, stems[path], approved, appendix)
                for path in paths
            ]
            results = []
            for future in futures:
                results.append(future.result())
                progress.update()
    progress.close()
    return results


def _print(result: dict) -> None:
    name = Path(str(result["workbook"])).name
    status = result["status"]
    if status == "written":
        print(result["headline"])
        print(result["rules"])
        for path in result["outputs"].values():
            print(f"  已写出 {path}")
        return
    reasons = {"input_error": "输入有误", "blocked": "存在错误级问题，未生成报告",
               "write_error": "无法写出报告"}  # fmt: skip
    reason = reasons[status]
    if "headline" in result:
        print(result["headline"])
    print(f"{name}：{reason}（{len(result['errors'])} 处），输出目录未写入任何文件：")
    for message in result["messages"]:
        print(f"  {message}")


def run(args: argparse.Namespace) -> int:
    paths = expand_workbooks(args.workbooks)
    if not paths:
        print("没有找到 .xlsx 工作簿")
        return EXIT_BAD_INPUT
    approved = read_approved_option(args)
    if approved is False:
        return EXIT_BAD_INPUT
    results = _run_all(
        paths, Path(args.output), args.profile, max(1, args.jobs), args.appendix, approved
    )
    if args.json:
        for result in results:
            result.pop("messages", None)
            result.pop("rules", None)
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print(result)
    return EXIT_OK if all(r["status"] == "written" for r in results) else EXIT_BAD_INPUT
