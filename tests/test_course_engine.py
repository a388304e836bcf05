"""`python -m course open N --engine tensorflow` (course/cli.py): a lesson's copy that runs on real
TensorFlow, with the imports `make test-tf` rewrites (course/tf_parity.py), opened from .venv-tf.

No test needs TensorFlow: the set-up script and JupyterLab are replaced by recorders, and every
test works on a scratch copy of the course.
"""

import re
import sys

import nbformat
import pytest

from course import cli, notebooks, tf_parity
from course.syllabus import COURSE_ROOT, load_syllabus
from course.tf_parity import rewrite_imports

READY = [unit for unit in load_syllabus() if unit.ready and (COURSE_ROOT / unit.lesson).exists()]
# An import of learntf's TensorFlow API (learntf.viz and the bare package are learntf's own).
LEARNTF_API_IMPORT = re.compile(
    r"^\s*(import learntf(?!\.viz)[\w.]*\s+as|from learntf(?!\.viz)\S*"
    r" import (?!viz\s*$))",
    re.M,
)


@pytest.fixture
def scratch(course_copy):
    return course_copy


@pytest.fixture
def setups(monkeypatch):
    """Records each run of the set-up script; a run makes .venv-tf's python and stamp, as the
    real script does (status 0), or fails with `setups.status`."""
    calls = _Calls()

    def run_setup(command, cwd):
        calls.append((command, cwd))
        if calls.status == 0:
            (cwd / cli.TF_VENV / "bin").mkdir(parents=True, exist_ok=True)
            (cwd / cli.TF_VENV / "bin" / "python").write_text("")
            (cwd / cli.TF_VENV / ".installed").write_text("stamp")
        return calls.status

    monkeypatch.setattr(cli, "run_setup", run_setup)
    return calls


class _Calls(list):
    status = 0  # what the recorded set-up script exits with


def snapshot(root):
    return {
        path.relative_to(root): path.read_bytes()
        for folder in ("lessons", "exercises")
        for path in sorted((root / folder).iterdir())
    }


def run(root, *args):
    return cli.main(["--root", str(root), *args])


def tf_copy(root, unit):
    return notebooks.read(root / cli.TF_COPY_DIR / (root / unit.lesson).name)


# --- open --engine tensorflow -----------------------------------------------------------------


def test_open_on_tensorflow_sets_up_venv_tf_and_opens_the_copy_there(
    scratch, launches, setups, capsys
):
    before = snapshot(scratch)
    assert run(scratch, "open", "1", "--engine", "tensorflow", "--no-browser") == 0
    assert setups == [(["bash", str(scratch / cli.TF_SETUP_SCRIPT)], scratch)]
    assert launches == [
        (
            [
                str(scratch / ".venv-tf" / "bin" / "python"),
                "-m",
                "jupyterlab",
                f"--ServerApp.root_dir={scratch}",
                "on-tensorflow/01_graphs_and_sessions.ipynb",
                "--no-browser",
            ],
            scratch,
        )
    ]
    assert cli.os.environ[cli.ENGINE_VARIABLE] == "tensorflow"  # the kernels inherit it
    assert snapshot(scratch) == before  # lessons, exercises untouched
    out = capsys.readouterr().out
    assert "downloads TensorFlow" in out and "on-tensorflow/01_graphs_and_sessions.ipynb" in out
    assert "unchanged" in out


def test_the_download_is_announced_only_while_venv_tf_is_not_set_up(
    scratch, launches, setups, capsys
):
    run(scratch, "open", "0", "--engine", "tensorflow")
    assert "downloads TensorFlow" in capsys.readouterr().out
    run(scratch, "open", "0", "--engine", "tensorflow")
    assert "downloads TensorFlow" not in capsys.readouterr().out
    assert len(setups) == 2  # the script runs every time: it returns at once when up to date


def test_a_failed_set_up_is_explained_and_starts_nothing(scratch, launches, setups, capsys):
    setups.status = 1
    assert run(scratch, "open", "1", "--engine", "tensorflow") == 2
    err = capsys.readouterr().err
    assert "Setting up .venv-tf failed" in err and "python -m course open N" in err
    assert launches == [] and cli.ENGINE_VARIABLE not in cli.os.environ


def test_the_default_engine_is_learntf(scratch, launches, setups):
    assert run(scratch, "open", "1") == 0
    assert setups == []
    ((command, _),) = launches
    assert command[0] == sys.executable and command[-1] == "lessons/01_graphs_and_sessions.ipynb"
    assert cli.ENGINE_VARIABLE not in cli.os.environ
    assert not (scratch / cli.TF_COPY_DIR).exists()


def test_copy_only_writes_the_copy_without_setting_up_or_starting_anything(
    scratch, launches, setups, capsys
):
    assert run(scratch, "open", "1", "--engine", "tensorflow", "--copy-only") == 0
    assert launches == [] and setups == []
    assert (scratch / "on-tensorflow" / "01_graphs_and_sessions.ipynb").exists()
    assert (scratch / "on-tensorflow" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert run(scratch, "open", "1", "--copy-only") == 2
    assert "--copy-only goes with --engine tensorflow" in capsys.readouterr().err


def test_the_copy_has_tensorflows_imports_no_outputs_and_the_note(scratch, launches):
    run(scratch, "open", "21", "--engine", "tensorflow", "--copy-only")
    unit = next(unit for unit in READY if unit.number == 21)
    lesson, copy = notebooks.read(scratch / unit.lesson), tf_copy(scratch, unit)
    note, cells = copy.cells[0], copy.cells[1:]
    assert note.cell_type == "markdown"
    for words in ("real TensorFlow 2.21", "`learntf-only`", "`differs-on-tf`", unit.lesson):
        assert words in note.source
    assert len(cells) == len(lesson.cells)
    code = "\n".join(cell.source for cell in cells if cell.cell_type == "code")
    assert "import tensorflow as tf" in code and "from tensorflow import keras" in code
    assert "from learntf import viz" in code  # learntf's drawings stay learntf's
    assert not LEARNTF_API_IMPORT.search(code)
    assert all(
        cell.outputs == [] and cell.execution_count is None
        for cell in cells
        if cell.cell_type == "code"
    )
    assert [cell.source for cell in cells if cell.cell_type == "markdown"] == [
        cell.source for cell in lesson.cells if cell.cell_type == "markdown"
    ]
    assert "widgets" not in copy.metadata
    nbformat.validate(copy)


def test_a_second_call_replaces_the_copy(scratch, launches):
    run(scratch, "open", "0", "--engine", "tensorflow", "--copy-only")
    path = scratch / "on-tensorflow" / "00_welcome.ipynb"
    fresh = path.read_text()
    path.write_text(fresh.replace("tensorflow", "learntf"))
    run(scratch, "open", "0", "--engine", "tensorflow", "--copy-only")
    assert path.read_text() == fresh


@pytest.mark.parametrize("unit", READY, ids=[unit.label for unit in READY])
def test_every_lessons_copy_imports_tensorflow_instead_of_learntf(scratch, launches, unit):
    assert run(scratch, "open", str(unit.number), "--engine", "tensorflow", "--copy-only") == 0
    lesson, copy = notebooks.read(scratch / unit.lesson), tf_copy(scratch, unit)
    for original, rewritten in zip(lesson.cells, copy.cells[1:]):
        assert rewritten.source == (
            rewrite_imports(original.source) if original.cell_type == "code" else original.source
        )
        if tf_parity.LEARNTF_ONLY not in tf_parity.tags(original):  # (an under-the-hood cell
            assert not LEARNTF_API_IMPORT.search(rewritten.source)  # reads learntf's own code)
        assert not rewritten.get("outputs")


def test_open_explains_the_engine_option_in_its_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["open", "--help"])
    help_text = capsys.readouterr().out
    assert "--engine" in help_text and "tensorflow" in help_text and "--copy-only" in help_text
