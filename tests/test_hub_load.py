"""The class hub under load: 30 learners grading at once, through the real hub and service.

`ClassHub` (also used by tests/e2e/test_hub_class.py) starts `python -m course hub --dummy-auth`
on loopback ports in a scratch folder, with one extra service holding an admin token for the
test, and stops it (its proxy, service and learners' servers) afterwards. The load test needs
no browser and no learner servers: it creates 30 learners and one teacher through the hub's REST
API, gives each a token with exactly the scope a learner's server token has for the service,
and has all 30 send graded attempts at the same moment (threads behind a barrier), 5 rounds.
Every request must succeed (201) within the time bound, and the teacher's CSV must then hold
every attempt, each under the right learner. Latency p50/p95 is printed (pytest -s shows it).

Needs JupyterHub (`pip install -e '.[hub]'`) and the proxy (scripts/ensure-hub-proxy.sh);
skipped without them unless LEARNTF_E2E=required (as in CI), then it fails.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course.hub import SERVICE_NAME
from course.hub.config import PROXY, free_port

LEARNERS, ROUNDS = 30, 5
TIME_BOUND = 60  # seconds for all 150 attempts; a request alone may take at most 20 s
REQUIRED = os.environ.get("LEARNTF_E2E", "").lower() == "required"


def missing_hub() -> str:
    if importlib.util.find_spec("jupyterhub") is None:
        return "JupyterHub is not installed (pip install -e '.[hub]')"
    if not PROXY.exists():
        return "configurable-http-proxy is not installed (bash scripts/ensure-hub-proxy.sh)"
    return ""


def require_hub():
    problem = missing_hub()
    if problem and REQUIRED:
        pytest.fail(f"LEARNTF_E2E=required but {problem}")
    if problem:
        pytest.skip(problem)


class ClassHub:
    """`python -m course hub --dummy-auth` in `folder`, on a free loopback port, plus a test
    service `test-admin` whose token may create users, groups and tokens."""

    def __init__(self, folder: Path, teachers: str = "tina", learners: str | None = None):
        self.folder, self.port = Path(folder), free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.admin_token = os.urandom(16).hex()
        self.log_path = self.folder / "hub.log"
        self.options = ["--teachers", teachers] + (["--learners", learners] if learners else [])
        self.process: subprocess.Popen | None = None

    def command(self, *options) -> list[str]:
        return [sys.executable, "-m", "course", "hub", "--dir", str(self.folder / "hub"),
                "--ip", "127.0.0.1", "--port", str(self.port), "--dummy-auth",
                *self.options, *options]  # fmt: skip

    def start(self, timeout: float = 60) -> "ClassHub":
        self.folder.mkdir(parents=True, exist_ok=True)
        written = subprocess.run(
            self.command("--write-only"), capture_output=True, text=True, check=True
        )
        self.announcement = written.stdout
        config = self.folder / "hub" / "jupyterhub_config.py"
        with open(config, "a", encoding="utf-8") as extra:  # the test's own admin service
            extra.write(
                "\nc.JupyterHub.services.append("
                f"{{'name': 'test-admin', 'api_token': {self.admin_token!r}}})\n"
                "c.JupyterHub.load_roles.append({'name': 'test-admin', 'services': "
                "['test-admin'], 'scopes': ['admin:users', 'admin:groups', 'tokens', "
                "'admin:servers', 'access:servers']})\n"
            )
        jupyterhub = str(Path(sys.executable).parent / "jupyterhub")
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [jupyterhub, "-f", str(config)],
                cwd=self.folder / "hub",
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # stop() ends the hub's process group, and only it
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "/")
                self.request("GET", f"/services/{SERVICE_NAME}/api/attempts", expect=(405, 403))
                return self
            except (OSError, AssertionError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the hub did not start:\n" + self.log_tail()) from None
                time.sleep(0.3)

    def request(self, method, path, body=None, token=None, expect=(200,), headers=None):
        """(status, body bytes) of an HTTP request to the hub's public address."""
        request = urllib.request.Request(
            self.base + path,
            data=None if body is None else json.dumps(body).encode(),
            method=method,
            headers={**({"Authorization": f"token {token}"} if token else {}), **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                status, data = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        assert status in expect, f"{method} {path}: {status} {data[:300]!r}"
        return status, data

    def api(self, method, path, body=None, expect=(200, 201)):
        _, data = self.request(method, "/hub/api" + path, body, self.admin_token, expect)
        return json.loads(data) if data else None

    def add_users(self, names: list[str], group: str | None = None) -> None:
        self.api("POST", "/users", {"usernames": names})
        if group:
            self.api("POST", f"/groups/{group}/users", {"users": names})

    def token(self, name: str, scopes: list[str]) -> str:
        return self.api("POST", f"/users/{name}/tokens", {"scopes": scopes})["token"]

    def log_tail(self, chars: int = 6000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM to the hub (it stops the learners' servers, its service and its proxy), then
        SIGKILL to its process group if anything is left."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def hub(tmp_path):
    require_hub()
    running = ClassHub(tmp_path).start()
    try:
        yield running
    finally:
        running.stop()


def attempt(unit: int, n: int) -> dict:
    return {
        "unit": unit,
        "questions": [
            {"question": 1, "status": "passed", "hint": ""},
            {"question": 2, "status": "failed", "hint": f"look at round {n}"},
        ],
        "graded_at": time.time(),
        "seconds": 1.5,
    }


@pytest.mark.slow
def test_thirty_learners_grading_at_once_lose_nothing(hub, capsys):
    names = [f"learner{i:02d}" for i in range(LEARNERS)]
    hub.add_users(names)
    scope = [f"access:services!service={SERVICE_NAME}"]  # what a learner's server token holds
    tokens = {name: hub.token(name, scope) for name in names}
    url = f"/services/{SERVICE_NAME}/api/attempts"
    latencies, errors, lock = [], [], threading.Lock()
    barrier = threading.Barrier(LEARNERS)

    def learner(name):
        for n in range(ROUNDS):
            barrier.wait(timeout=TIME_BOUND)  # every round, all 30 send at the same moment
            started = time.perf_counter()
            try:
                _, data = hub.request("POST", url, attempt(n + 1, n), tokens[name], (201,))
                assert json.loads(data)["learner"] == name
            except Exception as error:  # collected and reported below
                with lock:
                    errors.append(f"{name}: {error}")
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=learner, args=(name,)) for name in names]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIME_BOUND)
    elapsed = time.monotonic() - started
    assert not any(thread.is_alive() for thread in threads), "graders still waiting"
    assert errors == []
    assert elapsed < TIME_BOUND

    teacher = hub.token("tina", scope)
    _, data = hub.request("GET", f"/services/{SERVICE_NAME}/class.csv", token=teacher)
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    stored = {(row["learner"], row["unit"]) for row in rows}
    assert stored == {(name, str(unit)) for name in names for unit in range(1, ROUNDS + 1)}
    assert len({row["attempt"] for row in rows}) == LEARNERS * ROUNDS  # one row per attempt
    # a learner's token does not open the class's results
    hub.request("GET", f"/services/{SERVICE_NAME}/class.csv", token=tokens[names[0]], expect=(403,))

    p50, p95 = statistics.median(latencies), statistics.quantiles(latencies, n=20)[18]
    with capsys.disabled():
        print(
            f"\nhub load: {LEARNERS} learners x {ROUNDS} rounds at once = {len(latencies)} "
            f"attempts, all stored, 0 errors, {elapsed:.1f} s; "
            f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
        )
