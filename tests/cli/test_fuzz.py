"""Two hundred mutations of the example workbook per run (more with JIXIAO_FUZZ_CASES), through `check` and `report`.

Each case asserts what a user is promised whatever the file: exit 0, 1 or 2; no
traceback; nothing written when `report` exits 2; `check` and `report` agreeing (input
errors are exit 2 for both, error-level findings exit 1 for `check` and a refusal for
`report`, a clean file a report); each case in bounded time, the whole run in bounded
memory. Cases run in-process through the command line's ``main``; a few also through the
installed ``jixiao`` command, as a user runs it.

Seeded, and the seed is printed with any failure: ``JIXIAO_FUZZ_SEED=<seed>`` replays a
run, ``JIXIAO_FUZZ_CASE=<n>`` one case of it, ``JIXIAO_FUZZ_CASES=<count>`` sets its size.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jixiao.cli.exit_codes import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK
from tests.cli.test_cli import nothing_written, run
from tests.cli.workbook_mutations import mutate, read_parts, write_mutation

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "luopu-2023.xlsx"
SEED = int(os.environ.get("JIXIAO_FUZZ_SEED") or random.SystemRandom().randrange(10**9))
CASES = int(os.environ.get("JIXIAO_FUZZ_CASES", "200"))
ONLY_CASE = os.environ.get("JIXIAO_FUZZ_CASE")
# A clean case writes three documents (about half a second each on a busy machine):
# the first few are written in full, the others' agreement rests on the same decision.
FULL_REPORTS = 3
THROUGH_THE_COMMAND = 3
CASE_SECONDS = 20
RUN_GROWTH_MB = 600
JIXIAO = Path(sys.executable).with_name("jixiao")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _replay(case: int, description: str) -> str:
    return f"replay: JIXIAO_FUZZ_SEED={SEED} JIXIAO_FUZZ_CASE={case} ({description})"


def _check_agrees_with_report(check: int, report: int, out: str, replay: str) -> None:
    expected = {EXIT_OK: EXIT_OK, EXIT_FINDINGS: EXIT_BAD_INPUT, EXIT_BAD_INPUT: EXIT_BAD_INPUT}
    assert report == expected[check], f"check {check}, report {report}; {replay}\n{out}"
    if check == EXIT_FINDINGS:
        assert "存在错误级问题" in out, replay
    if check == EXIT_BAD_INPUT:
        assert "输入有误" in out, replay


def _run_case(argv: list[str], capsys, replay: str):
    """The command's result; a crash fails with the case's replay line, since the seed
    printed at the start is in the output the cases' captures already took."""
    try:
        return run(argv, capsys)
    except Exception as error:
        pytest.fail(f"{argv[0]} crashed: {type(error).__name__}: {error}; {replay}")


def _one_case(case: int, parts, original: bytes, folder: Path, capsys, counts: dict) -> None:
    chance = random.Random(f"{SEED}-{case}")
    mutation = mutate(parts, original, chance)
    replay = _replay(case, mutation.description)
    path = write_mutation(mutation, folder / f"case-{case}.xlsx")
    output = folder / f"out-{case}"
    start = time.perf_counter()
    checked = _run_case(["check", str(path)], capsys, replay)
    assert checked.code in (EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT), replay
    full = checked.code != EXIT_OK or counts["written"] < FULL_REPORTS
    if full:
        reported = _run_case(
            ["report", str(path), "-o", str(output), "--jobs", "1"], capsys, replay
        )
        assert reported.code in (EXIT_OK, EXIT_BAD_INPUT), replay
        _check_agrees_with_report(checked.code, reported.code, reported.out, replay)
        if reported.code == EXIT_BAD_INPUT:
            assert nothing_written(output), replay
        else:
            counts["written"] += 1
            assert len(list(output.iterdir())) == 3, replay
    assert time.perf_counter() - start < CASE_SECONDS, replay
    counts[checked.code] += 1


def _through_the_command(case: int, parts, original: bytes, folder: Path) -> None:
    """The same case as a user runs it: the installed command, in its own process."""
    mutation = mutate(parts, original, random.Random(f"{SEED}-{case}"))
    replay = _replay(case, mutation.description)
    path = write_mutation(mutation, folder / f"command-{case}.xlsx")
    output = folder / f"command-out-{case}"
    done = [
        subprocess.run([str(JIXIAO), *arguments], capture_output=True, text=True, timeout=120)
        for arguments in (["check", str(path)], ["report", str(path), "-o", str(output)])
    ]
    for process in done:
        assert "Traceback" not in process.stdout + process.stderr, replay
    checked, reported = done
    _check_agrees_with_report(checked.returncode, reported.returncode, reported.stdout, replay)
    if reported.returncode == EXIT_BAD_INPUT:
        assert nothing_written(output), replay


def test_mutated_workbooks_never_crash_and_check_agrees_with_report(tmp_path: Path, capsys):
    print(f"fuzz seed {SEED}: replay with JIXIAO_FUZZ_SEED={SEED}", file=sys.stderr)
    parts, original = read_parts(EXAMPLE), EXAMPLE.read_bytes()
    cases = [int(ONLY_CASE)] if ONLY_CASE else range(CASES)
    counts = {"written": 0, EXIT_OK: 0, EXIT_FINDINGS: 0, EXIT_BAD_INPUT: 0}
    before = _peak_mb()
    for case in cases:
        _one_case(case, parts, original, tmp_path, capsys, counts)
    assert _peak_mb() - before < RUN_GROWTH_MB, f"seed {SEED}"
    # The mutations must reach every outcome, or the run proves less than it seems.
    if not ONLY_CASE and CASES >= 100:
        assert counts[EXIT_BAD_INPUT] and counts[EXIT_OK] + counts[EXIT_FINDINGS], counts


@pytest.mark.parametrize("case", range(THROUGH_THE_COMMAND))
def test_mutated_workbooks_through_the_installed_command(tmp_path: Path, case: int):
    parts, original = read_parts(EXAMPLE), EXAMPLE.read_bytes()

    _through_the_command(CASES + case, parts, original, tmp_path)
