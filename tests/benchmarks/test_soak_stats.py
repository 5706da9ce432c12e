"""The soak benchmark's arithmetic: percentiles and whether a worker's memory is flat.

Behaviour only: the benchmark itself is run by ``make bench``, never by the tests.
"""

from __future__ import annotations

import math

from benchmarks.web.soak_stats import memory_trend, percentile, summarize


def test_percentiles_are_nearest_rank() -> None:
    values = [float(n) for n in range(20, 0, -1)]

    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 1.0)) == (
        10.0,
        19.0,
        20.0,
    )
    assert percentile([7.0], 0.95) == 7.0
    assert math.isnan(percentile([], 0.5))


def test_a_summary_counts_successes_and_failures_apart() -> None:
    summary = summarize("edit", [10.0, 30.0, 20.0], [["/indicators/1/edit/ → 500", 5.0]])

    assert (summary.count, summary.failures, summary.p50, summary.worst) == (3, 1, 20.0, 30.0)


def test_memory_that_rises_while_warming_up_then_stays_is_flat() -> None:
    warm_up = [(t, 60.0 + t) for t in range(0, 30, 2)]
    settled = [(t, 90.0 + (t % 4) * 0.1) for t in range(30, 301, 2)]

    trend = memory_trend(101, warm_up + settled)

    assert (trend.start, trend.end, trend.peak) == (60.0, 90.0, 90.2)
    assert 89.9 <= trend.middle <= 90.2
    assert trend.flat


def test_memory_that_keeps_rising_after_the_warm_up_is_not_flat() -> None:
    # 1 MB every 10 s: 6 MB a minute, 22.5 MB over the last three quarters of 300 s.
    trend = memory_trend(102, [(float(t), 100.0 + t / 10) for t in range(0, 301, 5)])

    assert math.isclose(trend.slope_per_minute, 6.0)
    assert math.isclose(trend.growth_after_warm_up, 22.5)
    assert not trend.flat
