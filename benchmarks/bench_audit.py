"""Audit throughput: pages per second on generated reports (run it, it prints the figures).

Generates a batch of 20-page synthetic self-evaluation reports (about 1,500 Chinese
characters a page, with figures, lists and numbered sections) in a temporary folder,
then times one report and a batch of 300 audited on every core, each as ``jixiao audit``
does it: screened against the limits, then read and audited in a bounded child process
(one a worker, as one serves a whole batch of the command).

    .venv/bin/python benchmarks/bench_audit.py [--reports 300] [--pages 20]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jixiao.core.profile import load_profile
from jixiao.io.bounded_audit import BoundedAuditor
from jixiao.io.report_limits import load_report_limits

CHARS_PER_PAGE = 1_500
SECTIONS = ("部门基本情况", "绩效自评情况", "存在的主要问题", "下一步改进措施")
FILLER = (
    "坚持以人民为中心的发展思想，推进基层治理体系和治理能力现代化，加强预算绩效管理，"
    "提高财政资金使用效益，完善绩效目标编制、运行监控和评价结果应用的闭环管理。"
)
CHINESE_ORDINALS = "一二三四五六七八九十"


def money_paragraph(rng: random.Random) -> str:
    """A 收支情况 paragraph whose parts, changes and rates agree."""
    general = rng.randint(100_000, 2_000_000)
    fund = rng.randint(50_000, 900_000)
    change = rng.randint(1_000, general // 5)
    rate = round(change * 1000 / (general - change)) / 10
    return (
        f"财政拨款支出合计 {(general + fund) / 100:,.2f} 万元。其中：一般公共预算财政拨款支出 "
        f"{general / 100:,.2f} 万元，比年初预算数增加 {change / 100:,.2f} 万元，增长 {rate}%；"
        f"政府性基金预算财政拨款支出 {fund / 100:,.2f} 万元。"
    )


def report_text(seed: int, pages: int) -> str:
    """A synthetic report of ``pages`` pages."""
    rng = random.Random(seed)
    lines = ["2023 年度示范街部门整体支出绩效自评报告"]
    per_section = pages * CHARS_PER_PAGE // len(SECTIONS)
    for index, title in enumerate(SECTIONS):
        lines.append(f"{CHINESE_ORDINALS[index]}、{title}")
        written = 0
        item = 0
        while written < per_section:
            item += 1
            body = f"（{item}）{FILLER * rng.randint(2, 5)}{money_paragraph(rng)}"
            body += f"全年开展以下三项工作：一是培训 {rng.randint(2, 40)} 次，二是走访企业，三是完善制度。"
            lines.append(body)
            written += len(body)
    return "\n".join(lines)


_AUDITORS: list[BoundedAuditor] = []


def audit_file(path: str) -> int:
    """Read and audit one file; the number of findings (keeps the work honest)."""
    if not _AUDITORS:  # the process's own bounded child, as ``jixiao audit`` has one
        _AUDITORS.append(BoundedAuditor(load_profile(), load_report_limits()))
    return len(_AUDITORS[0].audit(Path(path)).findings)


def main() -> None:
    parser = argparse.ArgumentParser(description="jixiao audit 吞吐量基准")
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--pages", type=int, default=20)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number in range(options.reports):
            path = Path(folder) / f"report_{number:03}.txt"
            path.write_text(report_text(number, options.pages), encoding="utf-8")
            paths.append(str(path))
        audit_file(paths[0])  # warm up: imports, profile, regular expressions
        started = time.perf_counter()
        audit_file(paths[0])
        single = time.perf_counter() - started
        workers = os.cpu_count() or 1
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers) as pool:
            findings = sum(pool.map(audit_file, paths, chunksize=4))
        batch = time.perf_counter() - started
    total_pages = options.reports * options.pages
    print(f"单份 {options.pages} 页报告：{single:.3f} 秒（{options.pages / single:.1f} 页/秒）")
    print(
        f"{options.reports} 份报告（{total_pages} 页，{workers} 个进程）：{batch:.1f} 秒，"
        f"{total_pages / batch:.1f} 页/秒，共 {findings} 条发现"
    )


if __name__ == "__main__":
    main()
