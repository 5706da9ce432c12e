"""Precision and recall of the report audit on the corpus in tests/audit/corpus.

    .venv/bin/python benchmarks/audit_corpus.py [-v]

Prints how many errors and warnings the audit raises on the correct reports (and per
report), how many of the defect reports it catches (recall), the warnings and errors on
defect reports with another code than the injected defect's (often a consequence of
it), and precision: the share of all warnings and errors that name an injected defect.
``-v`` lists each false alarm, each other finding and each miss.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.audit.corpus_run import run_corpus


def main() -> None:
    result = run_corpus()
    print(result.summary())
    if "-v" in sys.argv:
        for finding in [*result.false_errors(), *result.false_warnings()]:
            print(f"  误报 [{finding.severity.value}] {finding.code}：{finding.quote}")
        for finding in result.stray_findings():
            print(f"  无关 [{finding.severity.value}] {finding.code}：{finding.quote}")
        for name in result.missed():
            print(f"  漏报 {name}")


if __name__ == "__main__":
    main()
