"""Read and audit one report in a child process bounded in time, CPU and memory.

The early checks (``report_screening``) refuse what a file's size, expansion and page
count give away; what they cannot see (a page whose layout takes minutes, a parser
that balloons) is stopped here: the child runs under ``RLIMIT_CPU`` and ``RLIMIT_AS``
and is killed when the wall-clock limit passes, so the caller (a command in a batch,
a web request) gets its answer within ``max_seconds`` and the memory is given back.

The limits are set again before each file, counted from what the child holds and has
used, so one child serves a whole batch (a fork for each file would cost a fifth of
the audit's time) until a file passes a limit; then it is killed and the next file
gets a new one. On the command line the child is forked from the (single-threaded)
command. A web server has threads, and forking a threaded process can copy a lock some
other thread holds, so the web starts children from a fork server
(``start_method="forkserver"``), a single-threaded process started once.
"""

from __future__ import annotations

import contextlib
import importlib
import math
import multiprocessing
import os
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
# How long a child asked to stop may take before it is killed.
STOP_SECONDS = 1
# How far down a chain of exceptions (each raised from the one before) to look.
CAUSES_LOOKED_AT = 10
# The reader's library is loaded before forking (here, or once in the fork server), so
# that a batch loads it once rather than once per file (the readers import it lazily).
_READER_LIBRARIES = {".docx": "docx", ".pdf": "pdfplumber"}


@dataclass(frozen=True)
class AuditedReport:
    """A report as read, and the audit's findings about it."""

    document: Document
    findings: tuple[AuditFinding, ...]


class BoundedAuditor:
    """Reads and audits reports one after another in a child process, each file within
    the limits; a child that passes a limit is killed and the next file gets a new one.

    Reusing the child spares each file of a batch a fork and the copying of the memory
    it inherits. Use it as a context manager: leaving it stops the child.
    """

    def __init__(
        self, profile: RulesProfile, limits: ReportLimits, *, start_method: str = "fork"
    ) -> None:
        self._profile = profile
        self._limits = limits
        self._context = multiprocessing.get_context(start_method)
        self._start_method = start_method
        self._child: multiprocessing.process.BaseProcess | None = None
        self._owner = os.getpid()
        self._connection: Connection | None = None

    def __enter__(self) -> BoundedAuditor:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def audit(self, path: Path) -> AuditedReport:
        """Read and audit the report at ``path`` within the limits.

        Raises ReportReadError (ReportRefused past a limit) with a Chinese message naming
        the file. A failure of the audit itself (not of the file) is re-raised as
        RuntimeError: it is a fault to fix, not the user's input.
        """
        if self._owner != os.getpid():
            # This process was forked from the one that started the child: that child
            # belongs to the other process, so this one starts its own.
            self._child = self._connection = None
        elif self._child is not None and not self._child.is_alive():
            self._stop(kill=True)  # ended between files (the system's out-of-memory killer)
        connection = self._connection or self._start(path)
        connection.send(path)
        outcome = _receive(connection, self._limits.max_seconds)
        if outcome is None or outcome[0] in ("timeout", "memory"):
            exitcode = self._stop(kill=True)
            if outcome is None:
                raise _refusal_for_exit(path, exitcode, self._limits)
        return _unpack(path, outcome, self._limits)

    def close(self) -> None:
        """Stop the child, if one runs (and this process started it)."""
        if self._owner != os.getpid():
            return
        if self._connection is not None:
            with contextlib.suppress(OSError):  # the child may be gone already
                self._connection.send(None)
        self._stop(kill=False)

    def _start(self, path: Path) -> Connection:
        if self._start_method == "forkserver":
            # The fork server, started once, loads the readers and the audit for each child.
            self._context.set_forkserver_preload([__name__, *_READER_LIBRARIES.values()])
        elif library := _READER_LIBRARIES.get(path.suffix.lower()):
            importlib.import_module(library)
        parent_end, child_end = self._context.Pipe()
        self._child = self._context.Process(
            target=_serve, args=(child_end, self._profile, self._limits), daemon=True
        )
        self._child.start()
        self._owner = os.getpid()
        child_end.close()
        self._connection = parent_end
        return parent_end

    def _stop(self, *, kill: bool) -> int | None:
        """End the child (at once, or after a moment to finish) and wait; its exit code."""
        child, connection = self._child, self._connection
        self._child = self._connection = None
        if connection is not None:
            connection.close()
        if child is None:
            return None
        if not kill:
            child.join(STOP_SECONDS)
        if child.is_alive():
            child.kill()
        child.join()
        return child.exitcode


def audit_report_file(
    path: Path, profile: RulesProfile, limits: ReportLimits, *, start_method: str = "fork"
) -> AuditedReport:
    """Read and audit one report in a bounded child process (see BoundedAuditor.audit)."""
    with BoundedAuditor(profile, limits, start_method=start_method) as auditor:
        return auditor.audit(path)


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


def _serve(connection: Connection, profile: RulesProfile, limits: ReportLimits) -> None:
    """The child: for each path received, read and audit it within the limits and send one
    message back; None ends it."""
    while (path := connection.recv()) is not None:
        _limit_resources(limits)
        try:
            connection.send(_outcome(path, profile, limits))
        except MemoryError:
            connection.send(("memory", None))


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
    for _ in range(CAUSES_LOOKED_AT):
        if error is None:
            return False
        if isinstance(error, MemoryError) or any(isinstance(a, MemoryError) for a in error.args):
            return True
        error = error.__cause__ or error.__context__
    return False


def _limit_resources(limits: ReportLimits) -> None:
    """Limits for the next file, counted from what the child already holds and has used:
    the child may serve several files, and starts with its parent's address space."""
    memory = _address_space_bytes() + limits.max_memory_bytes
    _set_soft_limit(resource.RLIMIT_AS, memory)
    used = resource.getrusage(resource.RUSAGE_SELF)
    # Past the soft CPU limit the kernel sends SIGXCPU, which ends the child.
    _set_soft_limit(
        resource.RLIMIT_CPU, math.ceil(used.ru_utime + used.ru_stime) + limits.max_cpu_seconds
    )


def _set_soft_limit(which: int, soft: int) -> None:
    """Set a soft limit, never above the hard limit the system imposes (which stays, so
    that the next file's limit may be set higher)."""
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(which, (soft, hard))


def _address_space_bytes() -> int:
    """The process's current virtual size (Linux: the first field of /proc/self/statm)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * PAGE_SIZE
