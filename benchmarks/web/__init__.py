"""Helpers of ``bench_web.py``, each run as its own process (see their docstrings)."""
