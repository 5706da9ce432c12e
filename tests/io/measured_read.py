"""Reading a workbook in a fresh process, measured: what it printed, how long, how much memory.

A fresh process so the peak resident size is this read's alone, and so a reader that
aborts (as calamine does on a 549 GB allocation) fails the test instead of the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The peak from /proc (VmHWM), not getrusage: Linux carries ru_maxrss across exec, so a
# child forked from a large test process would report the parent's size.
CHILD = """
import json, re, sys, time
from pathlib import Path
from jixiao.io.loading import load_and_evaluate
start = time.perf_counter()
loaded = load_and_evaluate(sys.argv[1])
seconds = time.perf_counter() - start
status = Path("/proc/self/status").read_text()
print(json.dumps({
    "seconds": seconds,
    "peak_mb": int(re.search(r"VmHWM:\\s*(\\d+) kB", status).group(1)) / 1024,
    "errors": [finding.describe() for finding in loaded.input_errors],
    "evaluated": loaded.evaluation is not None,
}, ensure_ascii=False))
"""


@dataclass(frozen=True)
class MeasuredRead:
    seconds: float
    peak_mb: float
    errors: list[str]
    evaluated: bool


def measured_read(path: Path, timeout: float = 60) -> MeasuredRead:
    """``load_and_evaluate(path)`` in a child process; fails if the child crashes."""
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=timeout
    )
    assert child.returncode == 0, child.stderr[-2000:]
    return MeasuredRead(**json.loads(child.stdout))
