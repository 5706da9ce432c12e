"""Read and audit one report in a child process bounded in time, CPU and memory.

The early checks (``report_screening``) refuse what a file's size, expansion and page
count give away; what they cannot see (a page whose layout takes minutes, a parser
that balloons) is stopped here: the child runs under ``RLIMIT_CPU`` and ``RLIMIT_AS``
and is killed when the wall-clock limit passes, so the caller (a command in a batch,
a web request) gets its answer within ``max_seconds`` and the memory is given back.

On the command line the child is forked from the (single-threaded) command, which
costs a few milliseconds. A web server has threads, and forking a threaded process can
copy a lock some other thread holds, so the web starts children from a fork server
(``start_method="forkserver"``), a single-threaded process started once.
"""

from __future__ import annotations

import importlib
import multiprocessing
import resource
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from jixiao.core.audit import AuditFinding, audit_document
from jixiao.core.audit.document import Document
from jixiao.core.profile import RulesProfile
from jixiao.io.report_errors import ReportReadError, ReportRefused
from jixiao.io.report_limits import ReportLimits, megabytes
from jixiao.io.report_reader import read_report

PAGE_SIZE = resource.getpagesize()
# The reader's library is loaded before forking (here, or once in the fork server), so
# that a batch loads it once rather than once per file (the readers import it lazily).
_READER_LIBRARIES = {".docx": "docx", ".pdf": "pdfplumber"}


@dataclass(frozen=True)
class AuditedReport:
    """A report as read, and the audit's findings about it."""

    document: Document
    findings: tuple[AuditFinding, ...]


def audit_report_file(
    path: Path,
    profile: RulesProfile,
    limits: ReportLimits,
    *,
    start_method: str = "fork",
) -> AuditedReport:
    """Read and audit the report at ``path`` within ``limits``.

    Raises ReportReadError (ReportRefused past a limit) with a Chinese message naming
    the file. A failure of the audit itself (not of the file) is re-raised as
    RuntimeError: it is a fault to fix, not the user's input.
    """
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        # The fork server, started once, loads the readers and the audit for every child.
        context.set_forkserver_preload([__name__, *_READER_LIBRARIES.values()])
    elif library := _READER_LIBRARIES.get(path.suffix.lower()):
        importlib.import_module(library)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read_and_audit, args=(sender, path, profile, limits), daemon=True
    )
    child.start()
    sender.close()
    try:
        outcome = _receive(receiver, limits.max_seconds)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome is None:
        raise _refusal_for_exit(path, child.exitcode, limits)
    return _unpack(path, outcome, limits)


def _receive(receiver: Connection, seconds: float) -> tuple[str, object] | None:
    """The child's message, or None when it sends none in time or dies first."""
    if not receiver.poll(seconds):
        return ("timeout", None)
    try:
        return receiver.recv()
    except EOFError:
        return None


def _unpack(path: Path, outcome: tuple[str, object], limits: ReportLimits) -> AuditedReport:
    kind, payload = outcome
    if kind == "audited":
        assert isinstance(payload, AuditedReport)
        return payload
    if kind == "timeout":
        raise ReportRefused(
            f"“{path.name}”读取和审核用时超过 {limits.max_seconds:g} 秒（限制项 max_seconds），"
            "已停止并拒绝。",
            "max_seconds",
        )
    if kind == "memory":
        raise _memory_refusal(path, limits)
    if kind == "refused":
        message, limit = payload  # type: ignore[misc]
        raise ReportRefused(message, limit)
    if kind == "unreadable":
        raise ReportReadError(str(payload))
    raise RuntimeError(f"审核“{path.name}”时程序出错：\n{payload}")


def _refusal_for_exit(path: Path, exitcode: int | None, limits: ReportLimits) -> ReportReadError:
    if exitcode == -signal.SIGXCPU:
        return ReportRefused(
            f"“{path.name}”读取和审核占用 CPU 超过 {limits.max_cpu_seconds} 秒"
            "（限制项 max_cpu_seconds），已停止并拒绝。",
            "max_cpu_seconds",
        )
    # Past RLIMIT_AS a library may abort instead of raising MemoryError.
    return _memory_refusal(path, limits)


def _memory_refusal(path: Path, limits: ReportLimits) -> ReportRefused:
    return ReportRefused(
        f"“{path.name}”读取时占用内存超过 {megabytes(limits.max_memory_bytes)}"
        "（限制项 max_memory_mb），已停止并拒绝。",
        "max_memory_mb",
    )


def _read_and_audit(
    sender: Connection, path: Path, profile: RulesProfile, limits: ReportLimits
) -> None:
    """The child: apply the limits, read, audit, send one message back."""
    _limit_resources(limits)
    try:
        sender.send(_outcome(path, profile, limits))
    except MemoryError:
        sender.send(("memory", None))
    finally:
        sender.close()


def _outcome(path: Path, profile: RulesProfile, limits: ReportLimits) -> tuple[str, object]:
    try:
        document = read_report(path, limits)
    except ReportRefused as error:
        return ("refused", (str(error), error.limit))
    except MemoryError:
        raise
    except Exception as error:  # the parsers fail in any way on a damaged file
        if _ran_out_of_memory(error):
            raise MemoryError from error
        if isinstance(error, ReportReadError):
            return ("unreadable", str(error))
        kind = {".docx": "Word ", ".pdf": "PDF "}.get(path.suffix.lower(), "")
        return ("unreadable", f"无法读取 {kind}文件（文件已损坏或格式异常）：{path.name}")
    try:
        return ("audited", AuditedReport(document, audit_document(document, profile)))
    except MemoryError:
        raise
    except Exception:  # sent to the parent, which raises it
        return ("failed", traceback.format_exc())


def _ran_out_of_memory(error: BaseException | None) -> bool:
    """Whether a MemoryError lies behind ``error``: the PDF library wraps what it meets in
    its own exception, which the reader turns into "damaged file"."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, MemoryError) or any(isinstance(a, MemoryError) for a in error.args):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _limit_resources(limits: ReportLimits) -> None:
    # The child starts with the parent's address space: the limit is added on top of it.
    memory = _address_space_bytes() + limits.max_memory_bytes
    _lower_limit(resource.RLIMIT_AS, memory, memory)
    # Past the soft CPU limit the kernel sends SIGXCPU, which ends the child.
    _lower_limit(resource.RLIMIT_CPU, limits.max_cpu_seconds, limits.max_cpu_seconds + 1)


def _lower_limit(which: int, soft: int, hard: int) -> None:
    """Set a limit, never above a hard limit the system already imposes."""
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def _address_space_bytes() -> int:
    """The process's current virtual size (Linux: the first field of /proc/self/statm)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * PAGE_SIZE
