"""README's main command on a fresh clone: `make course` reaches a working JupyterLab with
the course.

The clone is of this repository's HEAD, in a scratch folder, run from a shell without this
environment's virtual environment: `make course` creates the clone's own .venv, installs the
course into it, and starts JupyterLab on lesson 00. Jupyter's config (a free loopback port, a
token, no browser) comes from an isolated config folder, so the command itself is README's,
unchanged. The browser then goes where JupyterLab would send it, and runs lesson 00; and lesson
01, opened as stored, shows its drawings (the course signed its lessons for JupyterLab).
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from labdriver import JupyterLab, Notebook, descendants

from course import notebooks
from course.syllabus import COURSE_ROOT

SETUP_TIMEOUT = 900  # seconds: a virtual environment and every package, from a package cache or not


def fresh_shell_environment() -> dict:
    """This process's environment as a new terminal would have it: no active virtual environment
    and no enclosing make."""
    venv = str(COURSE_ROOT / ".venv")
    path = [
        entry
        for entry in os.environ.get("PATH", "").split(os.pathsep)
        if entry and not entry.startswith(venv) and entry != os.environ.get("VIRTUAL_ENV")
    ]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONPATH")
    }
    env["PATH"] = os.pathsep.join(path)
    return env


def test_make_course_on_a_fresh_clone_opens_lesson_00_in_jupyterlab(tmp_path, browser, screenshots):
    if not (COURSE_ROOT / ".git").exists():
        pytest.skip("this copy of the course is not a git checkout: nothing to clone")
    if shutil.which("make") is None or shutil.which("git") is None:
        pytest.fail("`make course` needs make and git")
    clone = tmp_path / "learntf"
    subprocess.run(
        ["git", "clone", "--quiet", str(COURSE_ROOT), str(clone)], check=True, timeout=120
    )
    lab = JupyterLab(clone, tmp_path / "jupyter", command=["make", "course"])
    lab.env = {
        **fresh_shell_environment(),
        **{key: value for key, value in lab.env.items() if key.startswith(("JUPYTER", "PIP_"))},
    }
    page = browser.new_page()
    try:
        started = time.monotonic()
        lab.start(timeout=SETUP_TIMEOUT)
        print(f"make course: JupyterLab answered after {time.monotonic() - started:.0f} s")
        assert (clone / ".venv" / ".installed").exists()  # set up by make, in the clone
        # Where JupyterLab sends the browser (it writes the page when it opens no browser itself):
        runtime = tmp_path / "jupyter" / "runtime"
        deadline = time.monotonic() + 30
        while (
            not list(runtime.glob("jpserver-file-to-run-*-open.html"))
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
        (opener,) = runtime.glob("jpserver-file-to-run-*-open.html")
        target = re.search(r"/lab/tree/([^\"'?]+)", opener.read_text()).group(1)
        assert target == "lessons/00_welcome.ipynb"

        notebook = Notebook(page, lab, target)
        assert "00 · Welcome" in notebook.panel.locator(".jp-MarkdownCell").first.inner_text()
        notebook.screenshot(screenshots, "fresh-clone-make-course-opened")
        notebook.run_all()
        assert notebook.error_outputs() == [] and notebook.widget_failures() == []
        assert all(any(ch.isdigit() for ch in prompt) for prompt in notebook.prompts())
        listing = next(
            i
            for i, cell in enumerate(notebooks.read(clone / "lessons" / "00_welcome.ipynb").cells)
            if cell.cell_type == "code" and "load_syllabus" in cell.source
        )
        assert "01 Graphs and sessions" in notebook.output_text(
            listing
        )  # the syllabus, read in the clone
        kernels = [
            Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            for pid in descendants(lab.process.pid)
            if b"ipykernel_launcher" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        assert kernels and all(
            argv[0].decode().startswith(str(clone / ".venv")) for argv in kernels
        ), kernels  # the lesson ran in the clone's own environment
        notebook.screenshot(screenshots, "fresh-clone-make-course-lesson00-run")

        stored = Notebook(page, lab, "lessons/01_graphs_and_sessions.ipynb", workspace="stored")
        drawings = stored.drawings()  # as stored in the lesson, before anything is run
        assert len(drawings) == 2 and all(drawing["decoded"] for drawing in drawings), drawings
        stored.panel.locator(".jp-RenderedSVG").first.scroll_into_view_if_needed()
        stored.screenshot(screenshots, "fresh-clone-lesson01-stored-drawing")
    finally:
        page.close()
        lab.stop()
        shutil.rmtree(clone / ".venv", ignore_errors=True)  # hundreds of MB; pytest keeps tmp dirs
