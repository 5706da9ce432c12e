"""The limits on reading and auditing a report, as data (``limits/report_audit.toml``).

A deployment's own file needs to name only the limits it changes; the rest keep the
shipped values. A file that is missing or malformed raises :class:`LimitsError` with a
Chinese message.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMITS = Path(__file__).with_name("limits") / "report_audit.toml"
MEGABYTE = 1024 * 1024


class LimitsError(ValueError):
    """A limits file that cannot be used (message in Chinese)."""


@dataclass(frozen=True, slots=True)
class ReportLimits:
    """What one report may cost to read and audit; sizes in bytes, times in seconds."""

    max_file_bytes: int
    max_pages: int
    max_inflated_bytes: int
    max_inflation_ratio: float
    max_undecodable_share: float
    max_seconds: float
    web_max_seconds: float
    max_cpu_seconds: int
    max_memory_bytes: int


# Each key of the file, and how its value becomes a field of ReportLimits.
_FIELDS = {
    "max_file_mb": ("max_file_bytes", lambda value: int(value * MEGABYTE)),
    "max_pages": ("max_pages", int),
    "max_inflated_mb": ("max_inflated_bytes", lambda value: int(value * MEGABYTE)),
    "max_inflation_ratio": ("max_inflation_ratio", float),
    "max_undecodable_share": ("max_undecodable_share", float),
    "max_seconds": ("max_seconds", float),
    "web_max_seconds": ("web_max_seconds", float),
    "max_cpu_seconds": ("max_cpu_seconds", lambda value: max(1, round(value))),
    "max_memory_mb": ("max_memory_bytes", lambda value: int(value * MEGABYTE)),
}


def _read(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise LimitsError(f"找不到审核限制文件：{path}") from error
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LimitsError(f"审核限制文件无法读取（{path.name}）：{error}") from error


def load_report_limits(path: Path | str | None = None) -> ReportLimits:
    """The shipped limits, with those named in the file at ``path`` (if any) replacing them."""
    values = _read(DEFAULT_LIMITS)
    if path:
        chosen = _read(Path(path))
        unknown = sorted(set(chosen) - set(_FIELDS))
        if unknown:
            raise LimitsError(f"审核限制文件中有未知的项目：{'、'.join(unknown)}")
        values |= chosen
    fields: dict[str, object] = {}
    for key, (field, convert) in _FIELDS.items():
        value = values.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise LimitsError(f"审核限制“{key}”应为正数，实为“{value}”")
        fields[field] = convert(value)
    return ReportLimits(**fields)  # type: ignore[arg-type]


def megabytes(size: int) -> str:
    """``20 MB`` or ``0.5 MB``: a size limit as a person reads it."""
    return f"{size / MEGABYTE:g} MB"
