"""A class on the hub, in a browser: three learners grade exercise 01, the teacher sees them.

`python -m course hub --dummy-auth --teachers tina` on a loopback port (tests/test_hub_load.py's
ClassHub). Ann, Ben and Cara each log in through the hub's login page in Debian's chromium (a
browser context, so cookies, of their own); the hub makes each their copy of the course. Each
opens exercises/01 in JupyterLab: Ann types question 1's solution, Ben one of its stored wrong
answers, Cara nothing; each saves, then grades in a notebook cell, `!python -m course grade 1`,
which prints what it shared. Tina, in the group `teachers`, then opens /services/learntf-class/
(logging in through the hub's OAuth) and sees three rows: Ann 1 of 6 required questions passed,
Ben and Cara none, Ben's hint listed for question 1; the CSV export agrees.

Isolation, honestly: the hub runs as root here, so it uses SimpleLocalProcessSpawner and every
learner's server runs as the same OS user (root), homes side by side under the hub's folder.
Tested: over HTTP, with Ann's cookies, Ben's server refuses her (403) and so does the class page
and its CSV (403); Ann's own server serves nothing outside her copy of the course (404 for the
store), so she cannot read Ben's notebooks or the store through JupyterLab. NOT tested: file
permissions. Her terminal or a notebook cell runs as root and can read any file; real
separation needs the hub's PAM + LocalProcessSpawner (each server as the learner's own account,
which needs real accounts) or a container spawner, which the configuration selects for
`--auth pam` but which this machine cannot exercise.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from labdriver import CHROMIUM, CHROMIUM_ARGS, LAB_SETTINGS, Notebook

from course import notebooks
from course.hub import SERVICE_NAME
from course.syllabus import COURSE_ROOT

sys.path.insert(0, str(Path(__file__).parents[1]))
from test_hub_load import ClassHub, require_hub  # tests/ is not a package: path above

EXERCISE = "exercises/01_graphs_and_sessions.ipynb"
MASTER = COURSE_ROOT / "course" / "masters" / "01_graphs_and_sessions.ipynb"
WRONG_HINT = "a tf.constant is not a variable"
TOOLS = "import learntf, shutil\nprint('learntf', learntf.__version__, 'dot', shutil.which('dot'))"


class LearnerLab:
    """A learner's JupyterLab behind the hub, shaped like labdriver's JupyterLab for Notebook:
    pages under /user/NAME/, its REST API with the test's admin token."""

    def __init__(self, hub: ClassHub, name: str):
        self.hub, self.name = hub, name

    def url(self, path: str) -> str:
        return f"{self.hub.base}/user/{self.name}/{path.lstrip('/')}"

    def api(self, method: str, path: str):
        _, data = self.hub.request(method, f"/user/{self.name}{path}", token=self.hub.admin_token)
        return json.loads(data) if data else None

    def log_tail(self) -> str:
        return self.hub.log_tail()


def answers() -> dict[str, str | None]:
    """Question 1's answer cell for each learner: the solution, a stored wrong answer, blank."""
    master = notebooks.read(MASTER)
    source = master.cells[notebooks.answer_cells(master)[1]].source
    solution = "\n".join(line for line in source.splitlines() if "SOLUTION" not in line)
    wrong = next(w for w in notebooks.wrong_answers(master) if w.question == 1 and
                 w.hint == WRONG_HINT)  # fmt: skip
    return {"ann": solution, "ben": wrong.code + "\nprint(g)", "cara": None}


@pytest.fixture(scope="module")
def hub(tmp_path_factory, e2e_tools):
    require_hub()
    folder = tmp_path_factory.mktemp("hub")
    for name in ("ann", "ben", "cara", "tina"):  # JupyterLab settings in each learner's home
        settings = folder / "hub" / "users" / name / ".jupyter" / "lab" / "user-settings"
        for file, values in LAB_SETTINGS.items():
            (settings / file).parent.mkdir(parents=True, exist_ok=True)
            (settings / file).write_text(json.dumps(values))
    running = ClassHub(folder, teachers="tina").start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def chromium(playwright_driver):
    """A browser (not the other tests' persistent context): each learner gets a context of
    their own, with their own cookies."""
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


def log_in(chromium, hub: ClassHub, name: str, start: str = "/hub/login"):
    """A browser context of `name`'s own, logged in through the hub's login form, to which
    opening `start` leads."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(hub.base + start)
    page.fill("#username_input", name)
    page.fill("#password_input", "any password: --dummy-auth")
    page.click("#login_submit")
    return context, page


def start_grading(page, lab: LearnerLab, copy: Path) -> Notebook:
    """In a notebook beside the exercise, run `!python -m course grade 1` and a cell printing
    the kernel's tools (Shift-Enter twice, not waiting: the three learners grade at once)."""
    scratch = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("!python -m course grade 1"),
            nbformat.v4.new_code_cell(TOOLS),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(scratch, copy / "grade.ipynb")
    notebook = Notebook(page, lab, "grade.ipynb", workspace="grade")
    notebook.cell(0).locator(".jp-InputPrompt").first.click()
    page.keyboard.press("Shift+Enter")
    page.keyboard.press("Shift+Enter")
    return notebook


def graded(notebook: Notebook) -> str:
    """What the two cells printed, once both have run."""
    for index in (0, 1):  # each shows its run number once done (the new cell below: none)
        notebook.page.wait_for_function(
            "prompt => /\\d/.test(prompt.textContent) && !prompt.textContent.includes('*')",
            arg=notebook.cell(index).locator(".jp-InputPrompt").first.element_handle(),
            timeout=240_000,
            polling=250,
        )
    notebook.wait_idle()
    return notebook.output_text(0) + "\n" + notebook.output_text(1)


def test_three_learners_grade_and_the_teacher_sees_them(hub, chromium, screenshots):
    started = time.monotonic()
    logged_in = {name: log_in(chromium, hub, name) for name in answers()}  # servers start
    grading, pages = {}, {}
    for name, answer in answers().items():
        context, page = pages[name] = logged_in[name]
        page.wait_for_url(re.compile(f"/user/{name}/lab"), timeout=120_000)
        lab = LearnerLab(hub, name)
        copy = hub.folder / "hub" / "users" / name / "learntf-course"
        assert (copy / EXERCISE).exists() and (copy / "course" / "syllabus.toml").exists()
        exercise = Notebook(page, lab, EXERCISE, workspace="exercise")
        if answer is not None:
            blank = notebooks.read(copy / EXERCISE)
            exercise.type_into(notebooks.find_check_cell(blank, 1) - 1, answer)
            exercise.save()
        exercise.screenshot(screenshots, f"hub-{name}-exercise01")
        grading[name] = start_grading(page, lab, copy)
    printed = {name: graded(notebook) for name, notebook in grading.items()}
    for text in printed.values():
        assert f"Shared with your teacher (the hub's {SERVICE_NAME} service): unit 01" in text, text
    # the kernel has learntf, and Graphviz's dot is on its PATH
    assert re.search(r"learntf \S+ dot /\S+/dot", printed["ann"]), printed["ann"]
    assert "q1 ✓" in printed["ann"] and WRONG_HINT in printed["ben"]
    assert "q1 ✗" in printed["ben"] and "q1 ✗" in printed["cara"]

    # the teacher's page: the hub's login, then (OAuth) three rows, one per learner
    _, teacher = log_in(chromium, hub, "tina", start=f"/services/{SERVICE_NAME}/")
    teacher.wait_for_url(f"{hub.base}/services/{SERVICE_NAME}/")
    rows = teacher.locator("#progress tr.learner")
    assert rows.count() == 3
    cells = {
        rows.nth(i).get_attribute("data-learner"): rows.nth(i).locator("td").all_inner_texts()
        for i in range(3)
    }
    master = notebooks.read(MASTER)
    required = len(notebooks.questions(master)) - len(notebooks.optional_questions(master))
    assert cells == {
        "ann": [f"1/{required} attempted"],
        "ben": [f"0/{required} attempted"],
        "cara": [f"0/{required} not started"],
    }
    hints = teacher.locator("#hints").inner_text()
    assert WRONG_HINT in hints
    teacher.screenshot(path=str(screenshots / "hub-teacher-page.png"), full_page=True)
    exported = teacher.request.get(f"{hub.base}/services/{SERVICE_NAME}/class.csv")
    assert exported.status == 200
    q1 = {
        row["learner"]: row
        for row in csv.DictReader(io.StringIO(exported.text()))
        if row["question"] == "1"
    }
    assert q1["ann"]["status"] == "passed" and q1["ben"]["status"] == "failed"
    assert WRONG_HINT in q1["ben"]["hint"] and q1["cara"]["status"] == "not attempted"
    assert "NameError" not in hints  # blank answers are not attempted, not errors to re-teach

    # Ann's cookies open neither Ben's server, nor the class page, nor the store
    _, ann = pages["ann"]
    for path in (
        f"/user/ben/api/contents/{EXERCISE}",
        f"/user/ben/files/{EXERCISE}",
        f"/services/{SERVICE_NAME}/",
        f"/services/{SERVICE_NAME}/class.csv",
    ):
        assert ann.request.get(hub.base + path).status == 403, path
    own = ann.request.get(hub.base + f"/user/ann/api/contents/{EXERCISE}")
    assert own.status == 200  # her own notebook: the cookies work
    # ... and her own server serves nothing outside her copy: not the store, not Ben's copy
    # (slashes encoded, so that no client or proxy folds the ".." away before her server)
    ann_copy = hub.folder / "hub" / "users" / "ann" / "learntf-course"
    for path in ("../../../class.sqlite", "../../ben/learntf-course/" + EXERCISE):
        assert (ann_copy / path).resolve().is_file()  # the file is there, one folder up
        encoded = quote(path, safe="")
        for route in ("files", "api/contents"):
            status = ann.request.get(f"{hub.base}/user/ann/{route}/{encoded}").status
            assert status in (403, 404), (route, path, status)
    print(f"\nhub e2e: three learners and a teacher in {time.monotonic() - started:.0f} s")
