"""The soak's load: clients doing what people do, mixed, for minutes, on loopback only.

Run as a separate process (standard library only, nothing shared with the server): reads
a plan (JSON) on standard input, writes the measurements (JSON) on standard output. Each
client is one finance user of its own department, with its own keep-alive connection
and random stream; until the plan's duration or request budget runs out it picks, by
the plan's weights, one of

- ``read``: its dashboard, its project list, one of its projects, or the bureau's
  side-by-side page (as the district's reviewer);
- ``edit``: opens one of its projects and saves a new actual value of one of the
  project's indicators inline, as htmx does (the row's version from the page);
- ``import``: uploads one of its two prepared workbooks (they differ in some actual
  values, so each import changes data) and commits the previewed import.

Every request is timed from sending to reading the whole body. A failure is an answer
other than the expected one (200; 302 to the dashboard for a commit), an edit the server
refused, a timeout or a broken connection. The host is always 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse
import uuid

HOST = "127.0.0.1"
PROJECT_LINK = re.compile(r'href="/projects/(\d+)/"')
INDICATOR_ROW = re.compile(r'<tr id="indicator-(\d+)"(.*?)</tr>', re.DOTALL)
VERSION = re.compile(r'name="version" value="(\d+)"')
COMMIT = re.compile(r"/upload/([A-Za-z0-9_-]+)/commit/")
DASHBOARD = re.compile(r"^/years/\d+/$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Budget:
    """The run's bounds, shared by every client: a deadline and a request count."""

    def __init__(self, seconds: float, requests: int):
        self.deadline = time.monotonic() + seconds
        self._left = requests
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0 or time.monotonic() >= self.deadline:
                return False
            self._left -= 1
            return True


class Recorder:
    """Latencies and failures by kind, and a timeline of (seconds into the run, kind, ms)."""

    def __init__(self, started: float):
        self.started = started
        self.latencies: dict[str, list[float]] = {}
        self.failures: dict[str, list] = {}
        self.timeline: list[tuple[float, str, float]] = []

    def add(self, kind: str, ms: float, failure: str | None) -> None:
        if failure is None:
            self.latencies.setdefault(kind, []).append(ms)
            self.timeline.append((round(time.monotonic() - self.started, 2), kind, round(ms, 1)))
        else:
            self.failures.setdefault(kind, []).append([failure, round(ms, 1)])


class Client:
    """One person: their session, their department, their connection."""

    def __init__(self, plan: dict, number: int, budget: Budget, recorder: Recorder):
        self.plan = plan
        self.me = plan["clients"][number]
        self.rng = random.Random(plan["seed"] * 1000 + number)
        self.budget = budget
        self.recorder = recorder
        self.connection: http.client.HTTPConnection | None = None
        self.projects: list[str] = []
        self.imports = 0

    # --- one request ---------------------------------------------------------------------

    def send(self, method: str, path: str, body: bytes | None = None, headers=None, cookie=None):
        """(status or error name, response headers, body text, ms); reconnects after an error."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.plan["port"],
                                                         timeout=self.plan["timeout"])  # fmt: skip
        headers = {"Cookie": cookie or self.me["cookie"], **(headers or {})}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            status, answer = response.status, response
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = None
            status, answer, text = type(error).__name__, None, ""
        return status, answer, text, (time.perf_counter() - started) * 1000

    def get(self, kind: str, path: str, cookie: str | None = None) -> str | None:
        """GET ``path``; the page on 200, else None (the failure recorded)."""
        status, _, text, ms = self.send("GET", path, cookie=cookie)
        self.recorder.add(kind, ms, None if status == 200 else f"{path} → {status}")
        return text if status == 200 else None

    def post(self, path: str, body: bytes, content_type: str, htmx: bool = False):
        headers = {"Content-Type": content_type, "X-CSRFToken": self.me["csrf"]}
        if htmx:
            headers["HX-Request"] = "true"
        return self.send("POST", path, body=body, headers=headers)

    # --- what people do ------------------------------------------------------------------

    def read(self) -> None:
        year = self.me["year"]
        choice = self.rng.choice(("dashboard", "projects", "project", "bureau"))
        if choice == "dashboard":
            self.get("read dashboard", f"/years/{year}/")
        elif choice == "projects":
            self.project_list()
        elif choice == "project":
            self.project_page()
        else:
            path = self.rng.choice(self.plan["bureau_paths"])
            self.get("read bureau", path, cookie=self.plan["bureau_cookie"])

    def project_list(self) -> None:
        page = self.get("read projects", f"/years/{self.me['year']}/projects/")
        if page is not None:
            self.projects = sorted(set(PROJECT_LINK.findall(page)))

    def project_page(self) -> str | None:
        if not self.projects:
            self.project_list()
            if not self.projects or not self.budget.take():
                return None
        return self.get("read project", f"/projects/{self.rng.choice(self.projects)}/")

    def edit(self) -> None:
        page = self.project_page()
        rows = [
            (pk, VERSION.search(row).group(1))
            for pk, row in INDICATOR_ROW.findall(page or "")
            if 'name="actual"' in row and VERSION.search(row)
        ]
        if page is not None and not rows:
            # Every synthetic project has quantitative indicators: the page changed shape.
            self.recorder.add("edit", 0.0, "项目页上找不到可编辑的指标")
        if not rows or not self.budget.take():
            return
        pk, version = self.rng.choice(rows)
        value = str(self.rng.randint(50, 150))
        form = urllib.parse.urlencode({"version": version, "actual": value}).encode()
        path = f"/indicators/{pk}/edit/"
        status, _, text, ms = self.post(path, form, "application/x-www-form-urlencoded", True)
        if status != 200:
            failure = f"{path} → {status}"
        elif "row-error" in text:
            failure = f"{path} → 修改被拒绝"
        else:
            failure = None
        self.recorder.add("edit", ms, failure)

    def import_workbook(self) -> None:
        path = self.me["workbooks"][self.imports % len(self.me["workbooks"])]
        self.imports += 1
        with open(path, "rb") as file:
            body, content_type = _multipart("file", self.me["workbook_name"], file.read())
        status, _, text, ms = self.post("/upload/", body, content_type)
        token = COMMIT.search(text) if status == 200 else None
        self.recorder.add("import preview", ms, None if token else f"/upload/ → {status}")
        if token is None or not self.budget.take():
            return
        status, answer, _, ms = self.post(f"/upload/{token.group(1)}/commit/", b"",
                                          "application/x-www-form-urlencoded")  # fmt: skip
        target = answer.getheader("Location", "") if answer is not None else ""
        committed = status == 302 and DASHBOARD.match(urllib.parse.urlsplit(target).path)
        self.recorder.add("import commit", ms, None if committed else f"commit → {status} {target}")
        self.projects = []  # the import may have given the projects new addresses

    def run(self) -> None:
        actions = {"read": self.read, "edit": self.edit, "import": self.import_workbook}
        names = list(self.plan["mix"])
        weights = [self.plan["mix"][name] for name in names]
        while self.budget.take():
            actions[self.rng.choices(names, weights)[0]]()
            if self.plan["think_ms"]:
                time.sleep(self.rng.uniform(0.5, 1.5) * self.plan["think_ms"] / 1000)
        if self.connection is not None:
            self.connection.close()


def _multipart(field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body with one file, as a browser's upload form sends it (the
    file name in UTF-8, unescaped)."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{filename}"\r\nContent-Type: {XLSX}\r\n\r\n'
    ).encode()
    body = head + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def main() -> None:
    plan = json.load(sys.stdin)
    started = time.monotonic()
    budget = Budget(plan["duration"], plan["max_requests"])
    recorder = Recorder(started)
    clients = [Client(plan, number, budget, recorder) for number in range(len(plan["clients"]))]
    threads = [threading.Thread(target=client.run) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    json.dump({"seconds": time.monotonic() - started, "latencies": recorder.latencies,
               "failures": recorder.failures, "timeline": recorder.timeline}, sys.stdout)  # fmt: skip


if __name__ == "__main__":
    main()
