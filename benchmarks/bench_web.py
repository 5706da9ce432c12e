"""Web load benchmark: a synthetic district behind gunicorn, 20 concurrent clients on loopback.

Run ``.venv/bin/python benchmarks/bench_web.py [--quick]``. For each database (SQLite in a
temporary JIXIAO_DATA_DIR; PostgreSQL from ``scripts/test-services.sh`` in a fresh
database ``jixiao_bench``): migrate, load the district with ``load_district`` (300
departments × 200 projects × 10 indicators; ``--quick``: 30), ``collectstatic``, start
gunicorn with DEBUG off, log the users in, then let a second process
(``benchmarks/web/loadgen.py``) work through each page kind with 20 clients: first every
target once (``… first``: each department's page opened for the first time, with the
page cache emptied before the server starts), then random targets for a fixed time.
Prints p50/p95/max latency, throughput and failures (any response but 200) per pass and
database, then whether each target is met: no failure anywhere, and p95 ≤ 200 ms under
the timed load.

Logging in: the bureau reviewer and one finance user log in through the real login form
(GET for the CSRF token, then POST, like a browser); the other finance users' sessions are
written straight into the session store by ``benchmarks/web/sessions.py``, since 300
PBKDF2 logins would only measure password hashing.

Everything listens on 127.0.0.1. At the end gunicorn is stopped and ``jixiao_bench``
dropped (``--keep`` keeps it; ``--reuse`` skips the import when the district is already
there, e.g. in a ``--data-dir`` kept from an earlier run).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOADGEN = ROOT / "benchmarks" / "web" / "loadgen.py"
SESSIONS = ROOT / "benchmarks" / "web" / "sessions.py"
DISTRICT = "示例区"
PASSWORD = "jixiao-bench-password"
BENCH_DATABASE = "jixiao_bench"
TARGET_P95_MS = 200.0
# Bureau sort orders a reviewer clicks through (see views/bureau.py COLUMNS).
BUREAU_SORTS = ("department", "-computed", "-gap", "execution", "-errors", "-project_computed")
PAGES = ("dashboard", "projects", "projects_sorted", "bureau")
# Each page kind is first opened once per target (every department's page, nothing cached
# yet), reported on its own line; then the timed load runs on the warmed pages.
FIRST_VISIT = " first"


@dataclass(frozen=True)
class Options:
    departments: int
    duration: float
    clients: int
    workers: int
    threads: int
    think_ms: int
    databases: tuple[str, ...]
    keep: bool
    reuse: bool
    data_dir: Path | None
    jobs: int | None
    # Helpers benchmarking at once on one PostgreSQL server each use their own database.
    pg_database: str = BENCH_DATABASE


@dataclass
class PageResult:
    database: str
    page: str
    latencies: list[float]
    failures: list
    seconds: float

    @property
    def count(self) -> int:
        return len(self.latencies)

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies (ms)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]

    @property
    def first_visit(self) -> bool:
        return self.page.endswith(FIRST_VISIT)

    @property
    def met(self) -> bool:
        """No failure, and (for the timed load) p95 within the target."""
        if not self.latencies or self.failures:
            return False
        return self.first_visit or self.percentile(0.95) <= TARGET_P95_MS


@dataclass
class Run:
    """One database's benchmark: its setup timings and page results."""

    database: str
    setup: dict[str, float] = field(default_factory=dict)
    pages: list[PageResult] = field(default_factory=list)


def log(message: str) -> None:
    print(message, flush=True)


# --- databases ----------------------------------------------------------------------------


class Sqlite:
    name = "sqlite"

    def __init__(self, options: Options):
        self.temporary = options.data_dir is None
        self.data_dir = options.data_dir or Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
        self.keep = options.keep or not self.temporary

    def env(self) -> dict[str, str]:
        env = dict(os.environ, JIXIAO_DATA_DIR=str(self.data_dir))
        env.pop("DATABASE_URL", None)
        return env

    def create(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)

    def drop(self) -> None:
        if not self.keep:
            shutil.rmtree(self.data_dir, ignore_errors=True)


class Postgres:
    name = "postgresql"
    database = BENCH_DATABASE

    def __init__(self, options: Options):
        self.keep = options.keep
        self.reuse = options.reuse
        self.database = options.pg_database
        url = subprocess.run(
            ["bash", str(ROOT / "scripts" / "test-services.sh")],
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        self.server = urllib.parse.urlsplit(url)
        self.data_dir = Path(tempfile.mkdtemp(prefix="jixiao-bench-pg-"))

    def _url(self, database: str) -> str:
        return urllib.parse.urlunsplit(self.server._replace(path=f"/{database}"))

    def psql(self, sql: str) -> str:
        psql = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
        return subprocess.run(
            [str(psql), self._url("postgres"), "-qAtc", sql],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def env(self) -> dict[str, str]:
        return dict(
            os.environ, JIXIAO_DATA_DIR=str(self.data_dir), DATABASE_URL=self._url(self.database)
        )

    def create(self) -> None:
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{self.database}'")
        if exists and self.reuse:
            return
        self.psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        self.psql(f"CREATE DATABASE {self.database}")

    def drop(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)
        if not self.keep:
            self.psql(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")


# --- setting up a database and the server ----------------------------------------------------


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(BIN / "jixiao-manage"), *args], env=env | {"PYTHONUNBUFFERED": "1"}, check=True
    )


def finance_sessions(env: dict[str, str]) -> list[dict]:
    out = subprocess.run(
        [sys.executable, str(SESSIONS), DISTRICT],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def prepare(
    database, options: Options, run: Run, projects: int = 200, indicators: int = 10
) -> list[dict]:
    """Migrate, load the district of ``projects`` × ``indicators`` per department (unless
    ``--reuse`` finds it), collect static files, empty the page cache; the sessions."""
    env = database.env()
    timed = time.perf_counter()
    database.create()
    manage(env, "migrate", "--verbosity", "0")
    run.setup["migrate"] = time.perf_counter() - timed
    sessions = finance_sessions(env) if options.reuse else []
    if len(sessions) != options.departments:
        timed = time.perf_counter()
        jobs = ["--jobs", str(options.jobs)] if options.jobs else []
        manage(env, "load_district", "--departments", str(options.departments),
               "--projects", str(projects), "--indicators", str(indicators),
               "--district", DISTRICT, "--password", PASSWORD, *jobs)  # fmt: skip
        run.setup["load_district"] = time.perf_counter() - timed
        sessions = finance_sessions(env)
    else:
        log(f"  --reuse: {len(sessions)} 个部门已在库中，跳过导入")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    # A kept data folder keeps its page cache: empty it so first visits are first.
    shutil.rmtree(Path(env["JIXIAO_DATA_DIR"]) / "cache", ignore_errors=True)
    return sessions


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], options: Options, log_path: Path, timeout: int = 60):
    """gunicorn on 127.0.0.1 with DEBUG off; yields its port once /login/ answers.
    ``timeout``: the seconds a request may take before its worker is restarted."""
    port = free_port()
    env = {key: value for key, value in env.items() if key != "JIXIAO_DEBUG"}
    # As the README's deployment says: glibc gives each of a gthread worker's threads a
    # malloc arena of its own, and that memory is kept fragmented rather than reused.
    env.setdefault("MALLOC_ARENA_MAX", "2")
    command = [
        str(BIN / "gunicorn"), "jixiao.web.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(options.workers), "--threads", str(options.threads),
        "--timeout", str(timeout), "--graceful-timeout", "5", "--log-level", "warning",
        "--error-logfile", str(log_path),
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        _wait_until_up(port, server)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            if _get(port, "/login/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


def _get(port: int, path: str, cookie: str = "") -> tuple[int, http.client.HTTPResponse, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response, response.read()
    finally:
        connection.close()


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or ():
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def login(port: int, username: str, password: str) -> tuple[str, float]:
    """Log in through the form like a browser; the session cookie and the POST's time (ms)."""
    _, response, body = _get(port, "/login/")
    csrf_cookie = _cookies(response)["csrftoken"]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    try:
        connection.request("POST", "/login/", body=form, headers={
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        })  # fmt: skip
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    cookies = _cookies(response)
    session = cookies.get("sessionid")
    if response.status != 302 or not session:
        raise RuntimeError(f"{username} 登录失败：HTTP {response.status}")
    # A browser sends back both cookies the login set (Django rotates the CSRF one).
    return f"sessionid={session}; csrftoken={cookies.get('csrftoken', csrf_cookie)}", elapsed


# --- the load ----------------------------------------------------------------------------------


def targets(sessions: list[dict], bureau_cookie: str) -> dict[str, list[tuple[str, str]]]:
    """Per page kind, the (path, cookie) pairs the clients pick from at random."""
    finance = [(row, f"sessionid={row['session']}; csrftoken={row['csrf']}") for row in sessions]
    return {
        "dashboard": [(f"/years/{row['year']}/", cookie) for row, cookie in finance],
        "projects": [(f"/years/{row['year']}/projects/", cookie) for row, cookie in finance],
        "projects_sorted": [
            (f"/years/{row['year']}/projects/?section={row['section']}&sort=-gap", cookie)
            for row, cookie in finance
        ],
        "bureau": [(f"/bureau/?sort={sort}&year=2023", bureau_cookie) for sort in BUREAU_SORTS],
    }


def run_load(port: int, pages: dict[str, list], options: Options) -> list[dict]:
    """The load generator in a second process; its JSON results."""
    plan = {
        "host": "127.0.0.1", "port": port, "clients": options.clients,
        "duration": options.duration, "max_requests": 100_000, "think_ms": options.think_ms,
        "timeout": 30, "seed": 0, "warmup_requests": 2,
        "phases": [
            phase
            for page in PAGES
            for phase in (
                {"name": f"{page}{FIRST_VISIT}", "targets": pages[page], "once": True},
                {"name": page, "targets": pages[page]},
            )
        ],
    }  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(LOADGEN)],
        input=json.dumps(plan),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def check_pages(port: int, pages: dict[str, list]) -> None:
    """One request per page kind before the load: each must answer 200."""
    for page in PAGES:
        path, cookie = pages[page][0]
        status = _get(port, path, cookie)[0]
        if status != 200:
            raise RuntimeError(f"{page} {path}: HTTP {status}")


def bench_database(database, options: Options) -> Run:
    run = Run(database.name)
    log(f"\n=== {database.name}: {options.departments} 个部门 ===")
    try:
        sessions = prepare(database, options, run)
        with gunicorn(database.env(), options, database.data_dir / "gunicorn.log") as port:
            bureau_cookie, bureau_ms = login(port, "bureau", PASSWORD)
            _, finance_ms = login(port, "finance-000", PASSWORD)
            run.setup["login bureau (ms)"] = bureau_ms
            run.setup["login finance-000 (ms)"] = finance_ms
            pages = targets(sessions, bureau_cookie)
            check_pages(port, pages)
            log(f"  负载：{options.clients} 个客户端，每种页面 {options.duration:.0f} 秒，"
                f"gunicorn {options.workers}×{options.threads}，负载均值 {_load()}")  # fmt: skip
            for result in run_load(port, pages, options):
                page = PageResult(database.name, result["name"], result["latencies"],
                                  result["failures"], result["seconds"])  # fmt: skip
                run.pages.append(page)
                log(_row(page))
            log(f"  负载结束，负载均值 {_load()}")
    finally:
        database.drop()
    for name, value in run.setup.items():
        log(f"  {name}: {value:.1f}" + ("" if "ms" in name else " s"))
    return run


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


HEADER = f"{'database':<11}{'page':<22}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target"


def _row(page: PageResult) -> str:
    if not page.latencies:
        return f"{page.database:<11}{page.page:<22}{0:>9}{len(page.failures):>6}  (no successful request)  NOT MET"
    return (
        f"{page.database:<11}{page.page:<22}{page.count:>9}{len(page.failures):>6}"
        f"{page.count / page.seconds:>8.1f}{page.percentile(0.5):>9.1f}{page.percentile(0.95):>9.1f}"
        f"{max(page.latencies):>9.1f}  {_verdict(page)}"
    )


def _verdict(page: PageResult) -> str:
    if page.first_visit:
        return "no failure" if page.met else "FAILED"
    return "met" if page.met else "NOT MET"


def report(runs: list[Run], options: Options) -> bool:
    log(f"\n=== 结果：{options.departments} 个部门 × 200 个项目 × 10 个指标，"
        f"{options.clients} 个并发客户端，目标 p95 ≤ {TARGET_P95_MS:.0f} ms 且无失败 ===")  # fmt: skip
    log(HEADER)
    pages = [page for run in runs for page in run.pages]
    for page in pages:
        log(_row(page))
    for page in pages:
        for path, status, ms in page.failures[:5]:
            log(f"  失败 {page.database} {page.page}: {path} → {status} ({ms} ms)")
    met = bool(pages) and all(page.met for page in pages)
    log(f"目标{'全部达到' if met else '未全部达到'}")
    return met


def parse_options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 个部门，每种页面 10 秒")
    parser.add_argument("--departments", type=int, help="部门数（默认 300，--quick 为 30）")
    parser.add_argument(
        "--duration", type=float, help="每种页面的负载秒数（默认 30，--quick 为 10）"
    )
    parser.add_argument("--clients", type=int, default=20)
    # Django pages are CPU-bound Python: one process per core (2 here) is the throughput
    # ceiling, and more processes only time-slice the same cores against the load generator
    # and the database. gthread's threads keep the clients' connections alive and overlap
    # database round trips. Of 1×8, 2×4, 3×4 and 4×2, 2×4 gave the lowest p95 on every page.
    parser.add_argument("--workers", type=int, default=2, help="gunicorn 进程数")
    parser.add_argument("--threads", type=int, default=4, help="每个 gunicorn 进程的线程数")
    parser.add_argument("--think-ms", type=int, default=0, help="每个客户端两次请求之间的间隔")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--keep", action="store_true", help="结束后保留数据（不删除 jixiao_bench）")
    parser.add_argument("--reuse", action="store_true", help="库中已有该地区时不再导入")
    parser.add_argument("--data-dir", type=Path, help="SQLite 数据目录（保留；默认临时目录）")
    parser.add_argument("--jobs", type=int, help="load_district 的并行进程数")
    parser.add_argument("--pg-database", default=BENCH_DATABASE,
                        help=f"PostgreSQL 上建立并删除的数据库（默认 {BENCH_DATABASE}）")  # fmt: skip
    args = parser.parse_args()
    return Options(
        departments=args.departments or (30 if args.quick else 300),
        duration=args.duration or (10 if args.quick else 30),
        clients=args.clients, workers=args.workers, threads=args.threads, think_ms=args.think_ms,
        databases=tuple(args.databases.split(",")), keep=args.keep, reuse=args.reuse,
        data_dir=args.data_dir, jobs=args.jobs, pg_database=args.pg_database,
    )  # fmt: skip


def main() -> int:
    options = parse_options()
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    kinds = {"sqlite": Sqlite, "postgresql": Postgres}
    runs = [bench_database(kinds[name](options), options) for name in options.databases]
    return 0 if report(runs, options) else 1


if __name__ == "__main__":
    sys.exit(main())
