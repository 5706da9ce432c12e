"""The load: run as a separate process, with ``clients`` threads of keep-alive connections.

Reads a plan (JSON) on standard input and writes the measurements (JSON) on standard
output; standard library only, so it shares nothing with the server it measures. Each
phase hits one kind of page: every client thread sends GETs to a random target of the
phase back to back (or after ``think_ms``) until the phase's duration or request budget is
spent. Latency is from sending the request to reading the whole body. A response other
than 200, a timeout or a broken connection is a failure. A phase marked ``once`` instead
requests each of its targets exactly once (the first visit of every page, before anything
is cached), shared among the clients.
"""

from __future__ import annotations

import http.client
import json
import random
import sys
import threading
import time
from collections import deque


def run_client(
    plan: dict, phase: dict, number: int, deadline: float, out: dict, pending: deque | None
) -> None:
    """One client: its own connection, its own random stream, its own result lists.

    With ``pending`` (a phase marked ``once``) the clients share one queue of targets and
    stop when it is empty, so each target is requested exactly once; nothing is warm-up.
    """
    rng = random.Random(plan["seed"] * 1000 + number)
    budget = plan["max_requests"] // plan["clients"]
    connection = None
    latencies, failures = [], []
    warmup = 0 if pending is not None else plan["warmup_requests"]
    while time.monotonic() < deadline and len(latencies) + len(failures) < budget:
        if pending is None:
            path, cookie = rng.choice(phase["targets"])
        else:
            try:
                path, cookie = pending.popleft()  # atomic: deque operations hold the GIL
            except IndexError:
                break
        if connection is None:
            connection = http.client.HTTPConnection(
                plan["host"], plan["port"], timeout=plan["timeout"]
            )
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"{type(error).__name__}"
            connection.close()
            connection = None
        elapsed_ms = (time.perf_counter() - started) * 1000
        if warmup:
            warmup -= 1
        elif status == 200:
            latencies.append(elapsed_ms)
        else:
            failures.append([path, status, round(elapsed_ms, 1)])
        if plan["think_ms"]:
            time.sleep(plan["think_ms"] / 1000)
    if connection is not None:
        connection.close()
    out[number] = (latencies, failures)


def run_phase(plan: dict, phase: dict) -> dict:
    """Every client on this phase's pages at once; the latencies of all of them."""
    out: dict[int, tuple[list, list]] = {}
    pending = None
    if phase.get("once"):
        targets = list(phase["targets"])
        random.Random(plan["seed"]).shuffle(targets)
        pending = deque(targets)
    started = time.monotonic()
    # A first-visit pass runs until every target is done (bounded by the request timeout).
    deadline = started + (plan["duration"] if pending is None else 3600)
    threads = [
        threading.Thread(target=run_client, args=(plan, phase, number, deadline, out, pending))
        for number in range(plan["clients"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies = [ms for result in out.values() for ms in result[0]]
    failures = [failure for result in out.values() for failure in result[1]]
    return {"name": phase["name"], "seconds": elapsed, "latencies": latencies, "failures": failures}


def main() -> None:
    plan = json.load(sys.stdin)
    results = [run_phase(plan, phase) for phase in plan["phases"]]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
