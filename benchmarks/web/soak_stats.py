"""The soak's figures: latency per kind of request, and each worker's memory over time.

Standard library only: the soak's driver uses it, and so do its tests. A worker's memory
is "flat" when, after the warm-up (the first quarter of the run, while Django, the
templates and the caches fill in), the straight line fitted through its resident size
rises by less than a twentieth of where it started over the rest of the run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WARM_UP_SHARE = 0.25
FLAT_GROWTH_SHARE = 0.05


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0–1) of ``values``; NaN when there are none."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    # The 1e-9 keeps 0.95 × 20 (18.999…) from rounding up to rank 20.
    rank = min(len(ordered), max(1, math.ceil(q * len(ordered) - 1e-9)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class KindSummary:
    """One kind of request over the whole run."""

    kind: str
    count: int
    failures: int
    p50: float
    p95: float
    worst: float


def summarize(kind: str, latencies: list[float], failures: list) -> KindSummary:
    """Count, failures and p50/p95/max latency (ms) of one kind of request."""
    return KindSummary(
        kind,
        len(latencies),
        len(failures),
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        max(latencies, default=float("nan")),
    )


@dataclass(frozen=True)
class MemoryTrend:
    """One worker's resident memory (MB) over the run, from samples ``(seconds, MB)``."""

    pid: int
    start: float
    middle: float
    end: float
    peak: float
    slope_per_minute: float
    growth_after_warm_up: float

    @property
    def flat(self) -> bool:
        return self.growth_after_warm_up <= FLAT_GROWTH_SHARE * self.start


def memory_trend(pid: int, samples: list[tuple[float, float]]) -> MemoryTrend:
    """Start, middle, end and peak of ``samples``, and the fitted growth after warm-up."""
    if not samples:
        raise ValueError(f"worker {pid}: no memory sample")
    ordered = sorted(samples)
    first, last = ordered[0][0], ordered[-1][0]
    middle = min(ordered, key=lambda sample: abs(sample[0] - (first + last) / 2))
    settled = [s for s in ordered if s[0] >= first + WARM_UP_SHARE * (last - first)]
    slope = _slope(settled)
    return MemoryTrend(
        pid=pid,
        start=ordered[0][1],
        middle=middle[1],
        end=ordered[-1][1],
        peak=max(value for _, value in ordered),
        slope_per_minute=slope * 60,
        growth_after_warm_up=slope * (settled[-1][0] - settled[0][0]),
    )


def _slope(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope (MB per second) of ``samples``; 0 for fewer than two times."""
    count = len(samples)
    mean_t = sum(t for t, _ in samples) / count
    mean_v = sum(v for _, v in samples) / count
    spread = sum((t - mean_t) ** 2 for t, _ in samples)
    if spread == 0:
        return 0.0
    return sum((t - mean_t) * (v - mean_v) for t, v in samples) / spread
