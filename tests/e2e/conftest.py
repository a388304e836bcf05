"""End-to-end tests: the course in JupyterLab, driven by headless Chromium (issue 12).

They need Playwright's Python package (`pip install -e '.[e2e]'`) and Debian's chromium
(/usr/bin/chromium; Playwright's own browser download is never used). Without them every test here
is skipped with the reason, unless LEARNTF_E2E=required (as .ci/run sets it): then they fail.
`pytest -m "not e2e"` leaves them out.

One JupyterLab serves a scratch copy of the course for the whole session: the real lessons and
exercises are never opened in a browser, so nothing here can save over them. Screenshots go to
screenshots/e2e/ (git-ignored), one per thing looked at.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import uuid
from pathlib import Path

import pytest
from labdriver import CHROMIUM, CHROMIUM_ARGS, JupyterLab, Notebook

from course.syllabus import COURSE_ROOT

SCREENSHOTS = COURSE_ROOT / "screenshots" / "e2e"
REQUIRED = os.environ.get("LEARNTF_E2E", "").lower() == "required"


def missing_tools() -> str:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright's Python package is not installed (pip install -e '.[e2e]')"
    if not os.access(CHROMIUM, os.X_OK):
        return (
            f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium chromium-driver)"
        )
    if importlib.util.find_spec("jupyterlab") is None:
        return "JupyterLab is not installed (pip install -e '.[course]')"
    if shutil.which("dot") is None:
        return "Graphviz's dot is not installed (the lessons draw graphs)"
    return ""


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def e2e_tools():
    problem = missing_tools()
    if problem and REQUIRED:
        pytest.fail(f"LEARNTF_E2E=required but {problem}")
    if problem:
        pytest.skip(f"end-to-end tests skipped: {problem}")


@pytest.fixture(scope="session")
def course_copy(tmp_path_factory, e2e_tools) -> Path:
    """A scratch copy of the course as a learner has it: syllabus, masters, lessons, exercises."""
    root = tmp_path_factory.mktemp("e2e") / "course"
    (root / "course").mkdir(parents=True)
    shutil.copy(COURSE_ROOT / "course" / "syllabus.toml", root / "course")
    shutil.copytree(COURSE_ROOT / "course" / "masters", root / "course" / "masters")
    for folder in ("lessons", "exercises"):
        shutil.copytree(COURSE_ROOT / folder, root / folder)
    return root


@pytest.fixture(scope="session")
def lab(course_copy, tmp_path_factory):
    """JupyterLab serving the course copy; always stopped, with its kernels, at the end."""
    server = JupyterLab(course_copy, tmp_path_factory.mktemp("jupyter"))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def playwright_driver(e2e_tools):
    """Playwright's one driver for the whole run: its sync API allows one per thread, so every
    browser the tests start comes from it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver, tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1400, "height": 1000},
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.set_default_timeout(30_000)
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    try:
        yield page
    finally:
        page.close()


@pytest.fixture
def open_notebook(page, lab):
    """open_notebook("lessons/01_graphs_and_sessions.ipynb") -> a Notebook in a fresh workspace."""
    return lambda path: Notebook(page, lab, path, workspace="e2e-" + uuid.uuid4().hex[:8])


@pytest.fixture
def screenshots():
    return SCREENSHOTS
