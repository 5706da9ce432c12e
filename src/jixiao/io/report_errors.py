"""Why a report cannot be audited: each error's message is Chinese and names the file."""

from __future__ import annotations


class ReportReadError(Exception):
    """A report that cannot be read; the message is Chinese and says why."""


class UnsupportedFormatError(ReportReadError):
    """A file type the audit does not read."""


class ReportRefused(ReportReadError):
    """A report past one of the audit's limits; ``limit`` is the key in the limits file."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit
