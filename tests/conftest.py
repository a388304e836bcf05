"""Fixtures shared by the tests.

The process runs in one mode at a time. The TF1 test modules call `tf.disable_v2_behavior()`
after `import learntf.compat.v1 as tf`, as TF1 programs on TensorFlow 2 do, so once pytest has
collected them the process builds graphs.  TF2 tests ask for `eager_mode`; TF1 tests ask for
`fresh_graph` so each starts from an empty default graph.
"""

import pytest


@pytest.fixture
def eager_mode():
    """Run the test with eager execution on (and TF 2's view of shapes), then restore the mode
    it found."""
    from learntf.framework import context

    saved = context.context.eager_enabled, context.context.v2_tensorshape
    context.context.eager_enabled = context.context.v2_tensorshape = True
    yield
    context.context.eager_enabled, context.context.v2_tensorshape = saved


@pytest.fixture
def v2_behavior():
    """TensorFlow 2's defaults for one test (eager, resource variables), then the mode it found.
    (A program can't switch back once it built a graph; a test process runs many programs.)"""
    from learntf.framework import context

    names = ("eager_enabled", "resource_variables", "v2_tensorshape")
    saved = [getattr(context.context, name) for name in names]
    for name in names:
        setattr(context.context, name, True)
    yield
    for name, value in zip(names, saved):
        setattr(context.context, name, value)


@pytest.fixture
def tf2_behaviour():
    """All of TensorFlow 2's defaults for one test (tests/behaviour.py), then the mode it found."""
    from behaviour import learntf_behaviour

    with learntf_behaviour("function"):
        yield


@pytest.fixture
def fresh_graph():
    """Run the test on a new, empty default graph (and leave a new one behind)."""
    from learntf.framework.graph import reset_default_graph

    reset_default_graph()
    yield
    reset_default_graph()


@pytest.fixture
def plan_a_unit():
    """`plan(root)`: a unit that is planned in the scratch course at `root` (the first planned
    unit, or, once every unit is ready, the last one, set back to planned in the scratch
    copy's syllabus), for the course tests of planned units."""
    from course.syllabus import load_syllabus

    def plan(root):
        units = load_syllabus()
        planned = [unit for unit in units if not unit.ready]
        if planned:
            return planned[0]
        unit = units[-1]
        path = root / "course" / "syllabus.toml"
        text = path.read_text(encoding="utf-8")
        start = text.index('slug = "%s"' % unit.slug)
        path.write_text(
            text[:start] + text[start:].replace('status = "ready"', 'status = "planned"', 1),
            encoding="utf-8",
        )
        return unit

    return plan


@pytest.fixture
def course_copy(tmp_path):
    """A scratch copy of the course (syllabus, masters, lessons, exercises, the TensorFlow set-up
    script) for the CLI tests that write copies of lessons: the real notebooks stay untouched."""
    import shutil

    from course.syllabus import COURSE_ROOT

    root = tmp_path / "course_copy"
    (root / "course").mkdir(parents=True)
    shutil.copy(COURSE_ROOT / "course" / "syllabus.toml", root / "course")
    shutil.copytree(COURSE_ROOT / "course" / "masters", root / "course" / "masters")
    shutil.copytree(COURSE_ROOT / "lessons", root / "lessons")
    shutil.copytree(COURSE_ROOT / "exercises", root / "exercises")
    (root / "scripts").mkdir()
    shutil.copy(COURSE_ROOT / "scripts" / "ensure-tf-venv.sh", root / "scripts")
    return root


@pytest.fixture
def launches(monkeypatch):
    """The commands the CLI would start JupyterLab with, recorded instead of run; and the
    environment variables the CLI sets for that JupyterLab, removed again after the test."""
    from course import cli

    calls = []
    monkeypatch.setattr(cli, "launch", lambda command, cwd: calls.append((command, cwd)) or 0)
    monkeypatch.setattr(cli, "running_as_root", lambda: False)
    for variable in (cli.PRESENTER_VARIABLE, cli.ENGINE_VARIABLE):
        monkeypatch.setenv(variable, "")  # setenv first, so the test's end removes it again
        monkeypatch.delenv(variable)
    return calls


# The parity corpus's programs are scripts run by tests/test_programs.py, not modules to import
# (--doctest-modules would run them on import).
collect_ignore_glob = ["programs/*"]
