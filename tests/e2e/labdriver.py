"""A JupyterLab server and a headless Chromium page on it, for the end-to-end tests.

`JupyterLab` starts a server (or `make course`, for the fresh-clone test) on a free loopback port
with a token, in a scratch folder, with its own config, settings and workspaces so nothing of the
machine's Jupyter set-up leaks in; `stop()` shuts its kernels down, ends the server's process
group, and kills any process it started that is still alive (by pid, checked against its start
time).  `Notebook` drives one notebook in the page the way a learner does: open, clear, run all,
run one cell, type into a cell, save; and reads what the learner sees from the page's DOM.

Everything asserted is DOM (texts, elements, attributes, the SVG document a drawing shows), never
pixels: fonts differ between machines.  Screenshots are only for people to look at.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

# Debian's chromium package (LEARNTF_CHROMIUM overrides it); Playwright's own browser download is
# never used: `playwright install` is not part of the set-up.
CHROMIUM = os.environ.get("LEARNTF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What a learner must never see in a notebook (ipywidgets' and JupyterLab's failure texts).
WIDGET_FAILURES = ("Error displaying widget", "Loading widget...", "Javascript Error")

# JupyterLab user settings for a quiet, predictable page: no news or update toasts, and every
# cell in the DOM (no virtual scrolling), so reading the page reads the whole notebook.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def isolated_jupyter(home: Path, port: int, token: str) -> dict:
    """Environment variables giving Jupyter its own config (server on 127.0.0.1:port with this
    token, no browser), data (notebook signatures), settings, workspaces and runtime folders
    under `home`."""
    config, settings = home / "config", home / "settings"
    config.mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "ServerApp": {
                    "ip": "127.0.0.1",
                    "port": port,
                    "port_retries": 0,
                    "open_browser": False,
                },
                "IdentityProvider": {"token": token},
            }
        )
    )
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def process_start_time(pid: int):
    """The start time of process `pid` (from /proc), or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def descendants(pid: int) -> dict[int, str]:
    """{pid: start time} of every living descendant of `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = {}, [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            start = process_start_time(child)
            if start is not None:
                found[child] = start
                todo.append(child)
    return found


class JupyterLab:
    """A JupyterLab server for the tests: `command` run in `root` with an isolated Jupyter set-up
    (by default this environment's JupyterLab serving `root`)."""

    def __init__(
        self,
        root: Path,
        home: Path,
        command: list[str] | None = None,
        extra_env: dict | None = None,
    ):
        self.root, self.home = Path(root), Path(home)
        self.port, self.token = free_port(), "e2e-" + os.urandom(8).hex()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / "server.log"
        self.command = command or [
            sys.executable,
            "-m",
            "jupyterlab",
            f"--ServerApp.root_dir={root}",
            *(["--allow-root"] if running_as_root() else []),
        ]
        self.env = {
            **os.environ,
            **isolated_jupyter(self.home, self.port, self.token),
            **(extra_env or {}),
        }
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> "JupyterLab":
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            # A session of its own: stop() can end the server and whatever it spawned as a group.
            self.process = subprocess.Popen(
                self.command,
                cwd=self.root,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "/api/status")
                return self
            except (OSError, urllib.error.URLError):
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"JupyterLab exited with code {self.process.returncode}:\n"
                        + self.log_tail()
                    ) from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"JupyterLab did not answer within {timeout:.0f} s:\n" + self.log_tail()
                    ) from None
                time.sleep(0.3)

    def url(self, path: str) -> str:
        separator = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{separator}token={self.token}"

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            self.base + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Shut the kernels down, end the server, and kill anything it started that is left."""
        if self.process is None:
            return
        started = descendants(self.process.pid)  # kernels run in sessions of their own
        if self.process.poll() is None:
            try:
                for kernel in self.api("GET", "/api/kernels"):
                    self.api("DELETE", f"/api/kernels/{kernel['id']}")
            except (OSError, urllib.error.URLError, ValueError):
                pass  # the server is not answering: the signals below still end it
            started.update(descendants(self.process.pid))
            self._signal_group(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.process.wait(timeout=15)
        for pid, start in started.items():
            if process_start_time(pid) == start:  # still the same process, not a reused pid
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.process = None

    def _signal_group(self, signum) -> None:
        try:
            os.killpg(self.process.pid, signum)  # the group this Popen created, and only it
        except ProcessLookupError:
            pass


class Notebook:
    """One notebook open in a Playwright page, driven as a learner would."""

    def __init__(self, page, lab: JupyterLab, path: str, workspace: str | None = None):
        self.page, self.lab, self.path = page, lab, path
        # A workspace of its own: the page shows this notebook only, not earlier tests' tabs.
        page.goto(
            lab.url(f"lab/workspaces/{workspace}/tree/{path}" if workspace else f"lab/tree/{path}")
        )
        self.panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
        self.panel.wait_for(timeout=60_000)
        # Loaded: every cell of the file is in the page, and its kernel has started and is idle.
        cells = len(lab.api("GET", f"/api/contents/{path}?type=notebook")["content"]["cells"])
        page.wait_for_function(
            "([panel, cells]) => panel.querySelectorAll('.jp-Notebook .jp-Cell').length === cells",
            arg=[self.panel.element_handle(), cells],
            timeout=60_000,
        )
        deadline = time.monotonic() + 90
        while not any(
            session["path"] == path and session["kernel"]["execution_state"] == "idle"
            for session in lab.api("GET", "/api/sessions")
        ):
            assert time.monotonic() < deadline, f"no idle kernel for {path}: {lab.log_tail()}"
            time.sleep(0.3)
        self.wait_idle(timeout=60_000)

    # -- doing ---------------------------------------------------------------------------
    def menu(self, menu: str, command: str) -> None:
        self.page.get_by_role("menuitem", name=menu, exact=True).click()
        self.page.locator(f"li.lm-Menu-item[data-command='{command}']").click()

    def clear_outputs(self) -> None:
        self.menu("Edit", "editmenu:clear-all")
        self.page.wait_for_function(
            "panel => panel.querySelectorAll('.jp-OutputArea-output').length === 0",
            arg=self.panel.element_handle(),
            timeout=10_000,
        )

    def run_all(self, timeout: float = 180) -> None:
        """Clear every output, then Run > Run All Cells, and wait until the kernel is done."""
        self.clear_outputs()
        self.menu("Run", "runmenu:run-all")
        # Done: every cell has its number, or a cell failed and Run All stopped there.
        self.page.wait_for_function(
            """panel => {
                const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                    .map(p => p.textContent);
                const status = panel.querySelector('.jp-Notebook-ExecutionIndicator');
                const failed = panel.querySelector(
                    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
                return !prompts.some(p => p.includes('*')) && status.dataset.status === 'idle'
                       && (prompts.every(p => /\\d/.test(p)) || failed !== null);
            }""",
            arg=self.panel.element_handle(),
            timeout=timeout * 1000,
            polling=250,
        )

    def cell(self, index: int):
        return self.panel.locator(".jp-Notebook .jp-Cell").nth(index)

    def run_cell(self, index: int, timeout: float = 60) -> None:
        """Select cell `index` and press Shift-Enter, as a learner does; wait for its result."""
        cell = self.cell(index)
        prompt = cell.locator(".jp-InputPrompt").first
        before = prompt.text_content()
        prompt.click()  # command mode, this cell selected
        self.page.keyboard.press("Shift+Enter")
        # Done: a new execution count (each run gets one), and the kernel idle again.
        self.page.wait_for_function(
            """([prompt, before]) => /\\d/.test(prompt.textContent) &&
                                    !prompt.textContent.includes('*') &&
                                    prompt.textContent !== before""",
            arg=[prompt.element_handle(), before],
            timeout=timeout * 1000,
            polling=100,
        )
        self.wait_idle()

    def type_into(self, index: int, text: str) -> None:
        """Replace the source of cell `index` with `text`, typed into its editor."""
        editor = self.cell(index).locator(".cm-content").first
        editor.click()
        self.page.keyboard.press("Control+A")
        # insert_text, not key presses: no auto-closed brackets or completion pop-ups.
        self.page.keyboard.insert_text(text)
        self.page.keyboard.press("Escape")

    def save(self) -> None:
        self.page.keyboard.press("Control+S")
        self.page.wait_for_function(
            "panel => !panel.querySelector('.jp-mod-dirty') && "
            "!document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')",
            arg=self.panel.element_handle(),
            timeout=20_000,
        )

    def wait_idle(self, timeout: float = 60_000) -> None:
        self.panel.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
            timeout=timeout
        )

    # -- reading -------------------------------------------------------------------------
    def prompts(self) -> list[str]:
        return self.panel.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()

    def output_text(self, index: int) -> str:
        """The text of cell `index`'s outputs, without their [n]: prompts."""
        return "\n".join(self.cell(index).locator(".jp-OutputArea-output").all_inner_texts())

    def error_outputs(self) -> list[str]:
        """Texts of tracebacks and stderr the notebook shows (JupyterLab renders both with the
        stderr MIME type)."""
        return self.panel.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).all_text_contents()

    def widget_failures(self, settle: float = 15) -> list[str]:
        """The failure texts of WIDGET_FAILURES the page shows, after giving widget views that
        are still rendering `settle` seconds to finish ("Loading widget..." is only a failure
        when it stays)."""
        try:
            self.page.wait_for_function(
                "failures => !failures.some(f => document.body.textContent.includes(f))",
                arg=list(WIDGET_FAILURES),
                timeout=settle * 1000,
                polling=250,
            )
        except Exception:  # Playwright's TimeoutError: report what stayed
            pass
        text = self.page.evaluate("() => document.body.textContent")
        return [failure for failure in WIDGET_FAILURES if failure in text]

    def drawings(self) -> list[dict]:
        """Each SVG drawing output: its node titles (op names), text sizes, and whether the
        browser decoded the picture.  JupyterLab shows an SVG output as an <img> of the SVG
        document; the document is parsed here with the browser's own DOMParser."""
        return self.panel.locator(".jp-RenderedSVG img").evaluate_all(
            """images => images.map(img => {
                const svg = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
                const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
                return {
                    nodes: [...doc.querySelectorAll('g.node > title')].map(t => t.textContent),
                    font_sizes: [...doc.querySelectorAll('g.node text')].map(
                        t => parseFloat(t.getAttribute('font-size'))),
                    edge_labels: doc.querySelectorAll('g.edge text').length,
                    parsed: doc.documentElement.nodeName === 'svg',
                    decoded: img.complete && img.naturalWidth > 0,
                };
            })"""
        )

    def screenshot(self, folder: Path, name: str, element=None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        (element or self.page).screenshot(path=str(path))
        return path
