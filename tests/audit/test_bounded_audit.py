"""Reading and auditing in a child process: killed at the time, CPU and memory limits."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import pytest

from jixiao.core.audit import audit_document
from jixiao.core.profile import load_profile
from jixiao.io.bounded_audit import BoundedAuditor, audit_report_file
from jixiao.io.report_errors import ReportReadError, ReportRefused
from jixiao.io.report_limits import MEGABYTE, load_report_limits
from jixiao.io.report_reader import read_report
from tests.audit.hostile_files import broken_xml_docx, inflating_pdf, slow_pdf
from tests.audit.reports import CLEAN_REPORT

PROFILE = load_profile()
LIMITS = load_report_limits()
SLACK_SECONDS = 8


def refusal(path, limits) -> tuple[ReportRefused, float]:
    started = time.perf_counter()
    with pytest.raises(ReportRefused) as caught:
        audit_report_file(path, PROFILE, limits)
    assert path.name in str(caught.value)
    assert not multiprocessing.active_children()  # the child is gone
    return caught.value, time.perf_counter() - started


def test_a_report_within_the_limits_gets_the_same_findings_as_in_process(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(CLEAN_REPORT.replace("1,200.00 万元，比", "1,250.00 万元，比"), "utf-8")
    audited = audit_report_file(path, PROFILE, LIMITS)
    assert audited.findings == audit_document(read_report(path), PROFILE)
    assert audited.findings and audited.document.paragraphs[0].text.startswith("2023")


def test_a_report_that_takes_too_long_is_stopped_and_the_next_file_gets_a_new_child(tmp_path):
    clean = tmp_path / "报告.txt"
    clean.write_text(CLEAN_REPORT, "utf-8")
    with BoundedAuditor(PROFILE, replace(LIMITS, max_seconds=1)) as auditor:
        started = time.perf_counter()
        with pytest.raises(ReportRefused) as caught:
            auditor.audit(slow_pdf(tmp_path / "慢.pdf"))
        assert time.perf_counter() - started < 1 + SLACK_SECONDS
        assert caught.value.limit == "max_seconds" and "慢.pdf" in str(caught.value)
        assert not multiprocessing.active_children()  # killed at the limit
        assert auditor.audit(clean).findings == ()


def test_a_report_that_takes_too_much_cpu_is_stopped_by_the_kernel(tmp_path):
    # The wall-clock limit is far: what stops the child is its CPU second. RLIMIT_CPU counts
    # whole seconds from what the child has used, so the child may get up to one more: the
    # file takes several seconds of CPU, well past either.
    limits = replace(LIMITS, max_cpu_seconds=1, max_seconds=60)
    error, _ = refusal(slow_pdf(tmp_path / "慢.pdf", lines=60_000), limits)
    assert error.limit == "max_cpu_seconds" and "1 秒" in str(error)


def test_a_report_that_takes_too_much_memory_is_stopped(tmp_path):
    # The early checks let a 100 MB stream through here; the memory limit stops it.
    limits = replace(LIMITS, max_inflation_ratio=1e6, max_memory_bytes=40 * MEGABYTE)
    error, seconds = refusal(inflating_pdf(tmp_path / "大.pdf", 100), limits)
    assert error.limit == "max_memory_mb" and "40 MB" in str(error)
    assert seconds < SLACK_SECONDS


def test_a_damaged_file_is_unreadable_not_a_crash(tmp_path):
    path = broken_xml_docx(tmp_path / "损坏.docx")
    with pytest.raises(ReportReadError, match=r"损坏\.docx"):
        audit_report_file(path, PROFILE, LIMITS)


def test_the_web_start_method_gives_the_same_answer(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(CLEAN_REPORT, "utf-8")
    audited = audit_report_file(path, PROFILE, LIMITS, start_method="forkserver")
    assert audited.findings == ()


def test_one_child_audits_a_batch_and_each_file_gets_the_whole_cpu_limit(tmp_path):
    # Each file takes a good share of a CPU second; together they take more than one.
    path = tmp_path / "长报告.txt"
    path.write_text(CLEAN_REPORT * 150, "utf-8")
    with BoundedAuditor(PROFILE, replace(LIMITS, max_cpu_seconds=1)) as auditor:
        batch = [auditor.audit(path).findings for _ in range(4)]
        assert len(multiprocessing.active_children()) == 1
    assert batch[0] and all(findings == batch[0] for findings in batch)
    assert not multiprocessing.active_children()


# An auditor a forked process inherits, as a module's global (the benchmark's workers).
_INHERITED: list[BoundedAuditor] = []


def test_a_process_forked_from_the_owner_starts_its_own_child(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(CLEAN_REPORT, "utf-8")
    context = multiprocessing.get_context("fork")
    with BoundedAuditor(PROFILE, LIMITS) as auditor:
        _INHERITED[:] = [auditor]
        auditor.audit(path)  # the owner's child, inherited by the pool's worker
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            assert pool.submit(_audit_with_the_inherited_auditor, path).result() == 0
        assert auditor.audit(path).findings == ()  # the owner's child still serves
    _INHERITED.clear()


def _audit_with_the_inherited_auditor(path) -> int:
    return len(_INHERITED[0].audit(path).findings)
