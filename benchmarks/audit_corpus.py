"""Precision and recall of the report audit on the corpus in tests/audit/corpus.

    .venv/bin/python benchmarks/audit_corpus.py [-v]

Prints how many errors and warnings the audit raises on the correct reports and how
many of the defect reports it catches; ``-v`` lists each false alarm and each miss.
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
        for name in result.missed():
            print(f"  漏报 {name}")


if __name__ == "__main__":
    main()
