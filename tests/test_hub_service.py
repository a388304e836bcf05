"""The class service (course/hub/service.py), the grade's share step (course/hub/share.py) and
the hub's configuration (course/hub/config.py), without a hub: the service runs on a loopback
port with a stand-in for the hub's token check (the app's `identify` setting). The real hub's
check is exercised by tests/test_hub_load.py and tests/e2e/test_hub_class.py."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import shutil
import threading
import urllib.error
import urllib.request
from argparse import Namespace
from pathlib import Path

import pytest

# Skipped without JupyterHub, except in CI (LEARNTF_E2E=required), where the import below fails.
if importlib.util.find_spec("jupyterhub") is None and os.environ.get("LEARNTF_E2E") != "required":
    pytest.skip("JupyterHub is not installed (pip install -e '.[hub]')", allow_module_level=True)

from course import notebooks
from course.cli import Course, learner_copy, main
from course.hub import config, share
from course.hub.config import free_port
from course.hub.service import application
from course.hub.store import Store
from course.notebooks import QuestionResult

USERS = {  # token -> the hub's user model for it
    "ann-token": {"kind": "user", "name": "ann", "groups": []},
    "ben-token": {"kind": "user", "name": "ben", "groups": []},
    "tina-token": {"kind": "user", "name": "tina", "groups": ["teachers"]},
    "service-token": {"kind": "service", "name": "other", "groups": []},
}


def identify(handler):
    """The user of the request's token, or of its login cookie (as the hub's OAuth sets one)."""
    header = handler.request.headers.get("Authorization", "")
    if header:
        return USERS.get(header.removeprefix("token "))
    return USERS.get(handler.get_cookie("login", ""))


@pytest.fixture
def service(tmp_path):
    """The service on a loopback port, in a thread with its own event loop; (base URL, store)."""
    store, port, ready = Store(tmp_path / "class.sqlite"), free_port(), threading.Event()
    prefix = "/services/learntf-class/"
    state = {}

    def serve():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        server = application(store, prefix, identify=identify).listen(port, "127.0.0.1")
        state.update(loop=loop, server=server)
        ready.set()
        loop.run_forever()
        server.stop()
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    yield f"http://127.0.0.1:{port}{prefix}", store  # the service's pages, under its prefix
    state["loop"].call_soon_threadsafe(state["loop"].stop)
    thread.join(10)


def call(url, body=None, token=None, method=None, cookie=None):
    headers = {"Authorization": f"token {token}"} if token else {}
    if cookie:
        headers["Cookie"] = f"login={cookie}"
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        method=method or ("POST" if body is not None else "GET"),
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


ONE = {"unit": 1, "questions": [{"question": 1, "status": "failed", "hint": "<b>look</b>"}]}


def test_a_learner_posts_an_attempt_stored_under_the_name_the_token_gives(service):
    base, store = service
    status, body = call(base + "api/attempts", {**ONE, "learner": "ben"}, "ann-token")
    assert status == 201 and json.loads(body)["learner"] == "ann"
    assert [a["learner"] for a in store.attempts()] == ["ann"]  # not "ben", as the body claimed


@pytest.mark.parametrize("token", [None, "forged", "service-token"])
def test_posting_without_a_learners_token_is_refused(service, token):
    base, store = service
    assert call(base + "api/attempts", ONE, token)[0] == 403
    assert store.attempts() == []


def test_a_login_cookie_alone_cannot_post_an_attempt(service):
    base, store = service
    assert call(base + "api/attempts", ONE, cookie="ann-token")[0] == 403  # no CSRF
    assert store.attempts() == []
    assert call(base, cookie="tina-token")[0] == 200  # the teacher's browser reads with it


def test_a_malformed_attempt_gets_400_saying_what_is_wrong(service):
    base, store = service
    status, body = call(base + "api/attempts", {"unit": "one"}, "ann-token")
    assert status == 400 and "unit number" in body
    assert call(base + "api/attempts", None, "ann-token", method="POST")[0] == 400
    assert store.attempts() == []


def test_only_teachers_see_the_class_page_and_the_csv(service):
    base, store = service
    call(base + "api/attempts", ONE, "ann-token")
    for path in ("", "class.csv"):
        assert call(base + path, token="ann-token")[0] == 403
        assert call(base + path)[0] == 403
    status, page = call(base, token="tina-token")
    assert status == 200 and 'data-learner="ann"' in page and "0/1 attempted" in page
    assert "&lt;b&gt;look&lt;/b&gt;" in page and "<b>look</b>" not in page  # escaped
    status, text = call(base + "class.csv", token="tina-token")
    assert status == 200 and text.splitlines()[1].split(",")[1] == "ann"


# --- share: what `course grade` sends ---------------------------------------------------------


def test_grade_shares_only_on_a_hub(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    assert not share.on_hub()
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "x")
    monkeypatch.setenv(share.URL_VARIABLE, "http://127.0.0.1:1/")
    assert share.on_hub()


def test_an_untouched_answer_cell_is_not_attempted_an_edited_one_failed(course_copy):
    course = Course(course_copy)
    unit = course.unit("1")
    exercise = notebooks.read(course.path(unit.exercise))
    q2_answer = notebooks.find_check_cell(exercise, 2) - 1
    exercise.cells[q2_answer].source = "result = 41"
    course.path(unit.exercise).write_text(notebooks.serialize(exercise), encoding="utf-8")
    results = {
        1: QuestionResult(1, "failed", "NameError: name 'g' is not defined"),
        2: QuestionResult(2, "failed", "Question 2 failed: look at where values live"),
        3: QuestionResult(3, "passed", ""),
    }
    sent = share.attempt(course, unit, [1, 2, 3, 4], results, "", 3.21)
    assert sent["unit"] == 1 and sent["seconds"] == 3.21
    assert sent["questions"] == [
        {"question": 1, "status": "not attempted", "hint": ""},
        {"question": 2, "status": "failed", "hint": "Question 2 failed: look at where values live"},
        {"question": 3, "status": "passed", "hint": ""},
        {"question": 4, "status": "not attempted", "hint": ""},
    ]


def test_send_says_what_was_shared_and_where(service, monkeypatch):
    base, store = service
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "ann-token")
    monkeypatch.setenv(share.URL_VARIABLE, base.split("/services/")[0])  # the bare address
    monkeypatch.delenv("JUPYTERHUB_BASE_URL", raising=False)
    line = share.send([ONE])
    assert "Shared with your teacher (the hub's learntf-class service): unit 01" in line
    assert "Not your code" in line and "--no-share" in line
    assert len(store.attempts()) == 1


def test_a_service_that_is_down_costs_the_learner_nothing_but_a_line(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "ann-token")
    monkeypatch.setenv(share.URL_VARIABLE, f"http://127.0.0.1:{free_port()}/")
    line = share.send([ONE])
    assert "Not shared" in line and "Your grade above stands" in line


# --- the learner's copy and the configuration -------------------------------------------------


def test_the_learners_copy_is_made_once_and_then_left_alone(course_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))  # signatures go here
    target = tmp_path / "home" / "learntf-course"
    copy = learner_copy(Course(course_copy), target)
    assert copy.root == target.resolve()
    for relative in ("course/syllabus.toml", "course/masters", "lessons", "exercises"):
        assert (target / relative).exists()
    exercise = target / "exercises" / "01_graphs_and_sessions.ipynb"
    assert exercise.read_bytes() == (course_copy / "exercises" / exercise.name).read_bytes()
    exercise.write_text("my work", encoding="utf-8")
    learner_copy(Course(course_copy), target)  # the next login
    assert exercise.read_text(encoding="utf-8") == "my work"
    assert not target.with_name("learntf-course.partial").exists()


def options(tmp_path, **given):
    values = dict(dir=str(tmp_path / "hub"), ip="127.0.0.1", port=8000, auth="pam",
                  learners=None, teachers="tina", dummy_auth=False, write_only=True)  # fmt: skip
    return Namespace(**{**values, **given})


@pytest.mark.parametrize(
    "given, expected",
    [
        ({}, ["authenticator_class = 'pam'", "spawner_class = 'localprocess'", "allow_all"]),
        (
            {"auth": "shared-password", "learners": "ann,ben"},
            ["'shared-password'", "spawner_class = 'simple'", "allowed_users = {"],
        ),
        ({"dummy_auth": True}, ["authenticator_class = 'dummy'", "DUMMY"]),
    ],
)
def test_the_configuration_states_the_logins_and_spawner(tmp_path, given, expected):
    text = config.write_config(options(tmp_path, **given)).read_text(encoding="utf-8")
    compile(text, "jupyterhub_config.py", "exec")
    for words in expected:
        assert words in text
    assert "load_groups = {'teachers': {'users': ['tina']}}" in text
    assert "access:services!service=learntf-class" in text
    assert "'-m', 'course.hub.start'" in text and "'-m', 'course.hub.service'" in text
    if given.get("learners"):  # the class list admits the teachers too
        assert "allowed_users = {'ann', 'ben', 'tina'}" in text


def test_dummy_auth_warns_loudly(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "PROXY", Path(shutil.which("true")))
    status = main(["hub", "--dir", str(tmp_path / "hub"), "--dummy-auth", "--write-only"])
    out = capsys.readouterr().out
    assert status == 0 and "ANYONE who can reach this hub logs in as ANY name" in out


def test_a_shared_password_must_come_from_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "PROXY", Path(shutil.which("true")))
    monkeypatch.delenv(config.PASSWORD_VARIABLE, raising=False)
    status = main(["hub", "--dir", str(tmp_path / "hub"), "--auth", "shared-password"])
    assert status == 2 and "LEARNTF_HUB_PASSWORD" in capsys.readouterr().err


def test_grade_on_a_hub_sends_its_result_unless_told_not_to(
    service, course_copy, monkeypatch, capsys
):
    """`course grade 1` with the hub's environment: the score table, then the line saying what
    was shared; `--no-share` sends nothing. (Grading itself is stood in for: the notebook runs
    in tests/test_course_grading.py and on the real hub in tests/e2e/test_hub_class.py.)"""
    from course import cli

    base, store = service
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "ann-token")
    monkeypatch.setenv(share.URL_VARIABLE, base.split("/services/")[0])  # the bare address
    monkeypatch.delenv("JUPYTERHUB_BASE_URL", raising=False)
    exercise = course_copy / "exercises" / "01_graphs_and_sessions.ipynb"
    answered = notebooks.read(exercise)
    for q in (1, 2):  # both answered (a blank answer cell would be sent as not attempted)
        answered.cells[notebooks.find_check_cell(answered, q) - 1].source = "answer = 1"
    exercise.write_text(notebooks.serialize(answered), encoding="utf-8")
    canned = {1: QuestionResult(1, "passed", ""), 2: QuestionResult(2, "failed", "look here")}
    monkeypatch.setattr(cli, "grade_unit", lambda course, unit: ([1, 2], canned, ""))
    assert main(["--root", str(course_copy), "grade", "1"]) == 1
    out = capsys.readouterr().out
    assert "1/2" in out and "Shared with your teacher" in out
    (row,) = store.attempts()
    assert row["learner"] == "ann" and row["unit"] == 1
    assert [q["status"] for q in row["questions"]] == ["passed", "failed"]
    assert row["questions"][1]["hint"] == "look here" and row["seconds"] is not None

    assert main(["--root", str(course_copy), "grade", "1", "--no-share"]) == 1
    assert "Not shared (--no-share)." in capsys.readouterr().out
    assert len(store.attempts()) == 1
