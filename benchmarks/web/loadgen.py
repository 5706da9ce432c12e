"""The load: run as a separate process, with ``clients`` threads of keep-alive connections.

Reads a plan (JSON) on standard input and writes the measurements (JSON) on standard
output; standard library only, so it shares nothing with the server it measures. Each
phase hits one kind of page: every client thread sends GETs to a random target of the
phase back to back (or after ``think_ms``) until the phase's duration or request budget is
spent. Latency is from sending the request to reading the whole body. A response other
than 200, a timeout or a broken connection is a failure.
"""

from __future__ import annotations

import http.client
import json
import random
import sys
import threading
import time


def run_client(plan: dict, phase: dict, number: int, deadline: float, out: dict) -> None:
    """One client: its own connection, its own random stream, its own result lists."""
    rng = random.Random(plan["seed"] * 1000 + number)
    budget = plan["max_requests"] // plan["clients"]
    connection = None
    latencies, failures = [], []
    warmup = plan["warmup_requests"]
    while time.monotonic() < deadline and len(latencies) + len(failures) < budget:
        path, cookie = rng.choice(phase["targets"])
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
    started = time.monotonic()
    deadline = started + plan["duration"]
    threads = [
        threading.Thread(target=run_client, args=(plan, phase, number, deadline, out))
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
