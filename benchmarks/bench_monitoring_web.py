"""Monitoring pages benchmark: the round's dashboard and a section's entry page behind gunicorn.

Run ``.venv/bin/python benchmarks/bench_monitoring_web.py [--requests N] [--clients C]``.
In a temporary JIXIAO_DATA_DIR (SQLite), ``jixiao-manage demo --no-run`` loads the Luopu
2023 example (238 projects, 1,138 indicators) with its 1-7月 round imported from
``examples/luopu-2023-monitoring.xlsx``; gunicorn serves it on 127.0.0.1 with DEBUG off;
the working group and a section log in through the real login form. Then, per page:

- ``dashboard cold``: the round page with the page cache emptied before each request (what
  the first visitor after any change of the round waits for);
- ``dashboard``: the round page under C concurrent clients (cached per data revision);
- ``entry``: the section's project entry pages in turn under C concurrent clients (not
  cached: each is reviewed by the core on every request).

Prints p50/p95/max in ms and whether p95 is within the 200 ms target; exits 1 when a
request fails or a warm p95 misses the target.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_P95_MS = 200.0
GROUP, SECTION = "group", "section-urban"


def log(message: str) -> None:
    print(message, flush=True)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], log_path: Path):
    """gunicorn on 127.0.0.1 (2 workers × 4 threads); yields its base URL once it answers."""
    port = free_port()
    command = [str(BIN / "gunicorn"), "jixiao.web.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", "2", "--threads", "4", "--log-level", "warning"]  # fmt: skip
    with log_path.open("w") as server_log:
        server = subprocess.Popen(command, env=env, stdout=server_log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/login/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError("gunicorn did not answer in time")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


class Client:
    """A logged-in browser stand-in: cookies, the CSRF token, timed GETs."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        form = self.opener.open(base + "/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            base + "/login/", data, headers={"Referer": base + "/login/"}
        )
        landed = self.opener.open(request).geturl()
        if landed.endswith("/login/"):
            raise RuntimeError(f"{username} could not log in")

    def get(self, path: str) -> tuple[float, int, str]:
        start = time.perf_counter()
        with self.opener.open(self.base + path) as response:
            body = response.read().decode()
            status = response.status
        return (time.perf_counter() - start) * 1000, status, body


def load(clients: list[Client], paths: list[str], requests: int) -> tuple[list[float], int]:
    """``requests`` GETs spread over the clients (one thread each), cycling through paths."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    counter = iter(range(requests))

    def work(client: Client) -> None:
        for number in counter:
            try:
                ms, status, _ = client.get(paths[number % len(paths)])
            except OSError:
                ms, status = 0.0, 0
            with lock:
                if status == 200:
                    latencies.append(ms)
                else:
                    failures[0] += 1

    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0]


def report(name: str, latencies: list[float], failures: int, warm: bool) -> bool:
    p95 = percentile(latencies, 0.95)
    met = failures == 0 and (not warm or p95 <= TARGET_P95_MS)
    verdict = ("达标" if met else "未达标") if warm else ("无失败" if met else "有失败")
    log(f"  {name:<16} n={len(latencies):<4} p50 {percentile(latencies, 0.5):7.1f} ms  "
        f"p95 {p95:7.1f} ms  max {max(latencies):7.1f} ms  失败 {failures}  {verdict}")  # fmt: skip
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="每类页面的请求数（默认 200）")
    parser.add_argument("--clients", type=int, default=4, help="并发客户端数（默认 4）")
    options = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="jixiao-bench-monitoring-"))
    env = dict(os.environ, JIXIAO_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)
    env.pop("JIXIAO_DEBUG", None)
    try:
        started = time.perf_counter()
        subprocess.run([str(BIN / "jixiao-manage"), "demo", "--no-run"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        log(f"监控页面基准：洛浦街道 2023 年 1-7月（准备 {time.perf_counter() - started:.1f} s）")
        passwords = dict(
            line.split("\t", 1)
            for line in (data_dir / "demo-accounts.txt").read_text().splitlines()
            if "\t" in line
        )
        with gunicorn(env, data_dir / "gunicorn.log") as base:
            return run(base, passwords, options, data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(base: str, passwords: dict[str, str], options, data_dir: Path) -> int:
    group = [Client(base, GROUP, passwords[GROUP]) for _ in range(options.clients)]
    section = [Client(base, SECTION, passwords[SECTION]) for _ in range(options.clients)]
    rounds = re.findall(r'href="/monitoring/(\d+)/"', group[0].get("/years/1/monitoring/")[2])
    dashboard = f"/monitoring/{rounds[0]}/"
    entries = sorted(
        set(re.findall(r'href="(/monitoring/projects/\d+/)"', section[0].get(dashboard)[2]))
    )
    log(f"  {options.clients} 个并发客户端；业务科室 {SECTION} 有 {len(entries)} 个项目")
    cold: list[float] = []
    for _ in range(max(10, options.requests // 10)):
        shutil.rmtree(data_dir / "cache", ignore_errors=True)
        ms, status, _ = group[0].get(dashboard)
        if status == 200:
            cold.append(ms)
    results = [report("dashboard cold", cold, 0, warm=False)]
    results.append(report("dashboard", *load(group, [dashboard], options.requests), warm=True))
    results.append(report("entry", *load(section, entries, options.requests), warm=True))
    log(f"  目标：p95 ≤ {TARGET_P95_MS:.0f} ms（负载均值 {os.getloadavg()[0]:.1f}）")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
