"""course/tf_parity.py (`make test-tf`): its pure parts, here in learntf's venv without TensorFlow,
and the tags of the real lessons and masters (static: nothing runs on TensorFlow here).

The run on TensorFlow itself is `make test-tf` (.venv-tf); CI runs it after `make test`.
"""

import asyncio
import concurrent.futures

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course import notebooks, tf_parity
from course.syllabus import COURSE_ROOT
from course.tf_parity import (
    NotebookResult,
    compare_notebook,
    first_difference,
    normalise,
    rewrite_imports,
    same_text,
)

LEARNTF_ONLY_BUDGET = 0.10  # at most this share of the course's code cells may be learntf-only


# --- import rewriting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "learntf, tensorflow",
    [
        ("import learntf.compat.v1 as tf", "import tensorflow.compat.v1 as tf"),
        ("import learntf as tf", "import tensorflow as tf"),
        ("from learntf import keras", "from tensorflow import keras"),
        ("from learntf.compat import v1 as tf", "from tensorflow.compat import v1 as tf"),
        ("import learntf.keras as keras", "import tensorflow.keras as keras"),
        (
            "from learntf.keras import layers, optimizers",
            "from tensorflow.keras import layers, optimizers",
        ),
        ("from learntf.data import Dataset", "from tensorflow.data import Dataset"),
        ("from learntf import keras, viz", "from tensorflow import keras; from learntf import viz"),
        ("    import learntf as tf  # TF2", "    import tensorflow as tf  # TF2"),
    ],
)
def test_learntf_imports_become_tensorflow_imports(learntf, tensorflow):
    assert rewrite_imports(learntf) == tensorflow


@pytest.mark.parametrize(
    "line",
    [
        "import learntf.viz as viz",
        "from learntf import viz",
        "from learntf.viz import GraphWidget",
        "from course import require_learntf",
        'require_learntf("0.1.0")',
        "import learntf",  # binds the name learntf, which the cell then uses
        "import learntf.keras",
        "import learntf.framework.graph as graphs",  # learntf's internals are not TensorFlow's
        "from learntf.version import __version__",
        'print("learntf and tensorflow")',
        'scratch = tempfile.mkdtemp(prefix="learntf-lesson06-")',
        "import numpy as np",
    ],
)
def test_everything_else_stays_as_it_is(line):
    assert rewrite_imports(line) == line


def test_rewriting_goes_line_by_line_and_keeps_the_rest_of_the_cell():
    source = (
        'from course import require_learntf\nrequire_learntf("0.1.0")\n\n'
        "import learntf.compat.v1 as tf\nimport learntf.viz as viz\nx = tf.constant(1)\n"
    )
    assert rewrite_imports(source) == source.replace(
        "import learntf.compat.v1", "import tensorflow.compat.v1"
    )


def test_the_tensorflow_copy_rewrites_code_cells_and_clears_their_outputs():
    nb = new_notebook(
        cells=[
            new_markdown_cell("import learntf as tf"),
            new_code_cell(
                "import learntf as tf\nprint(1)",
                execution_count=1,
                outputs=[new_output("stream", name="stdout", text="1\n")],
            ),
        ]
    )
    copied = tf_parity.tf_copy(nb)
    assert copied.cells[0].source == "import learntf as tf"
    assert copied.cells[1].source == "import tensorflow as tf\nprint(1)"
    assert copied.cells[1].outputs == [] and copied.cells[1].execution_count is None
    assert nb.cells[1].outputs, "the stored notebook is left alone"


# --- what is compared ---------------------------------------------------------------------------


def test_a_cells_text_is_stdout_then_plain_results_in_order_without_stderr():
    outputs = [
        new_output("stream", name="stdout", text="first "),
        new_output("stream", name="stderr", text="W0000 some TensorFlow log\n"),
        new_output("stream", name="stdout", text="line\n"),
        new_output(
            "display_data", data={"text/plain": "Graph: 3 nodes", "image/svg+xml": "<svg/>"}
        ),
        new_output("execute_result", data={"text/plain": "42"}, execution_count=1),
    ]
    assert tf_parity.cell_text(outputs) == "first line\nGraph: 3 nodes\n42\n"


def test_an_error_counts_as_its_class_and_the_first_line_of_its_message():
    error = new_output(
        "error",
        ename="InvalidArgumentError",
        evalue="You must feed a value\n  [[node x]]",
        traceback=["..."],
    )
    assert tf_parity.cell_text([new_output("stream", name="stdout", text="before"), error]) == (
        "before\nInvalidArgumentError: You must feed a value\n"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<Graph at 0x7f3a2c1b9d90>", "<Graph at 0x?>"),
        (
            "1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 1,000,000 loops each)",
            "<time> ± <time> per loop (mean ± std. dev. of 7 runs, <n> loops each)",
        ),
        (
            "      1000 numbers: learntf     12.5 µs, NumPy      1.3 µs",
            "      1000 numbers: learntf <time>, NumPy <time>",
        ),  # leading spaces are kept
        (
            "took 0.52 s, then 3 ms; 2 seconds, 4.5us, 80ns",
            "took <time>, then <time>; <time>, <time>, <time>",
        ),
        ("The slowest run took 5.12 times longer than the fastest.\n42", "42"),
        ("<Figure size 640x480 with 1 Axes>", "<Figure>"),
        ("an image of 640x480 pixels", "an image of 640x480 pixels"),  # not an address
        ("loss 0.5   \n\n\n", "loss 0.5"),
        ("[[1.  2.5]\n [3.  4. ]]", "[[1. 2.5]\n [3. 4. ]]"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("10%\r50%\r100%", "100%"),
        ("3 steps, 2 sessions, float32", "3 steps, 2 sessions, float32"),  # not timings
    ],
)
def test_normalisation_masks_what_changes_from_run_to_run(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "learntf, tensorflow, same",
    [
        ("loss 1.0", "loss 1.001", False),  # off by 1e-3: a real difference
        ("loss 1.0", "loss 1.00000001", True),  # off by 1e-8: float32 arithmetic in another order
        ("[0.30000001 0.5]", "[0.3 0.5]", True),
        ("w = 1234.5678", "w = 1234.5679", True),  # relative 1e-5
        ("w = 0.0", "w = 1e-7", True),  # absolute 1e-6
        ("w = 0.0", "w = 1e-5", False),
        ("add_1:0", "add_2:0", False),  # integers are exact
        ("7", "7", True),
        ("1", "1.0", False),  # an integer is never a float: a dtype difference
        ("Tensor add", "Tensor sub", False),  # words must match exactly
        ("shape=(2, 3)", "shape=[2, 3]", False),
        ("a\nb", "a\nb\nc", False),
        ("<Graph at 0x1234>", "<Graph at 0xabcd>", True),
        ("[1.  2.5]", "[1.   2.5]", True),  # NumPy's padding
        ("[[ 0.2087699 ]", "[[ 0.20877063]", True),
        ("x = 1", "x =1", True),  # spaces next to a number do not count
        ("a b 1", "a  b 1", True),  # a run of spaces counts as one
        ("a b 1", "ab 1", False),
    ],
)
def test_numbers_match_within_the_tolerance_and_text_exactly(learntf, tensorflow, same):
    assert same_text(learntf, tensorflow) is same


def test_the_tolerance_is_the_documented_one():
    assert (tf_parity.RTOL, tf_parity.ATOL) == (1e-5, 1e-6)
    assert "RTOL = 1e-5 and ATOL = 1e-6" in tf_parity.__doc__


def test_the_first_difference_names_the_differing_lines():
    assert first_difference("a\nb 1.0\nc", "a\nb 2.0\nc") == ("b 1.0", "b 2.0")
    assert first_difference("a", "a\nextra") == ("(no more lines)", "extra")
    assert first_difference("42\n", "") == ("42", "(no output)")
    assert first_difference("x 0x12\n", "x 0x34") is None


# --- tags and notes -----------------------------------------------------------------------------


def printing(text, tags=(), stored=None):
    """A code cell printing `text`, with learntf's stored output `stored` (default: the same)."""
    cell = new_code_cell(
        f"print({text!r})",
        execution_count=1,
        outputs=[
            new_output("stream", name="stdout", text=(text if stored is None else stored) + "\n")
        ],
    )
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def note(cause, why="TensorFlow's random generator is another algorithm."):
    return new_markdown_cell(f"The weights are random.\n\n> **On TensorFlow ({cause}):** {why}")


def test_a_note_directly_above_or_below_gives_the_cause():
    above = new_notebook(cells=[note("random"), printing("x", ["differs-on-tf"])])
    below = new_notebook(cells=[printing("x", ["differs-on-tf"]), note("op-names")])
    assert tf_parity.read_note(above.cells, 1) == ("random", None)
    assert tf_parity.read_note(below.cells, 0) == ("op-names", None)
    assert tf_parity.tag_problems(above) == [] and tf_parity.tag_problems(below) == []


def test_a_note_may_go_on_over_several_quoted_lines():
    cell = new_markdown_cell("> **On TensorFlow (other):**\n> Keras 3 prints its own summary.")
    assert tf_parity.note_in(cell) == ("other", "Keras 3 prints its own summary.")


def test_a_differs_on_tf_cell_without_a_note_is_a_problem():
    far = new_notebook(
        cells=[note("random"), new_markdown_cell("Next:"), printing("x", ["differs-on-tf"])]
    )
    unquoted = new_notebook(
        cells=[
            new_markdown_cell("On TensorFlow (random): seeds."),
            printing("x", ["differs-on-tf"]),
        ]
    )
    for nb in (far, unquoted):
        [(index, problem)] = tf_parity.tag_problems(nb)
        assert index == 2 if nb is far else index == 1
        assert "without a note" in problem


def test_a_note_needs_a_known_cause_and_an_explanation():
    unknown = new_notebook(cells=[note("seeds"), printing("x", ["differs-on-tf"])])
    assert "'seeds'" in tf_parity.tag_problems(unknown)[0][1]
    assert (
        "no explanation"
        in tf_parity.tag_problems(
            new_notebook(cells=[note("random", why=""), printing("x", ["differs-on-tf"])])
        )[0][1]
    )


def test_learntf_only_cells_need_no_note_but_not_both_tags():
    assert tf_parity.tag_problems(new_notebook(cells=[printing("x", ["learntf-only"])])) == []
    [(_, problem)] = tf_parity.tag_problems(
        new_notebook(cells=[printing("x", ["learntf-only", "differs-on-tf"])])
    )
    assert "both" in problem


# --- comparing a notebook and reporting it ------------------------------------------------------


def compared(stored_cells, tf_texts):
    """Compare an in-memory notebook with a 'TensorFlow run' printing tf_texts, one per
    code cell."""
    stored = new_notebook(cells=stored_cells)
    executed = tf_parity.tf_copy(stored)
    texts = iter(tf_texts)
    for cell in executed.cells:
        if cell.cell_type == "code":
            text = next(texts)
            cell.outputs = (
                [new_output("error", ename=text[1], evalue=text[2], traceback=[])]
                if isinstance(text, tuple)
                else [new_output("stream", name="stdout", text=text + "\n")]
            )
    name = "lessons/01_graphs_and_sessions.ipynb"
    return NotebookResult(name, compare_notebook(name, stored, executed))


def statuses(result):
    return [cell.status for cell in result.cells]


def test_each_cell_gets_its_status():
    result = compared(
        [
            printing("42"),  # same on TF
            printing("Tensor add_1:0"),  # untagged, differs
            printing("drawn", ["learntf-only"]),  # never compared
            note("random"),
            printing("0.51", ["differs-on-tf"]),  # differs, as its note says
            note("op-names"),
            printing("same", ["differs-on-tf"]),
        ],  # identical: stale tag
        [
            "42",
            "Tensor add_2:0",
            ("error", "NameError", "name 'viz' is not defined"),
            "0.73",
            "same",
        ],
    )
    assert statuses(result) == [
        "identical",
        "differs",
        "learntf-only",
        "differs-on-tf",
        "stale-tag",
    ]
    assert [cell.cause for cell in result.cells] == [None, None, None, "random", "op-names"]
    assert result.failing
    assert (
        "NameError: name 'viz' is not defined" in result.cells[2].problem
        and not result.cells[2].failing
    )


def test_the_report_line_and_details():
    result = compared(
        [
            printing("a"),
            printing("b"),
            printing("Tensor add_1:0"),
            printing("drawn", ["learntf-only"]),
            note("random"),
            printing("0.51", ["differs-on-tf"]),
        ],
        ["a", "b", "Tensor add_2:0", "drawn differently", "0.73"],
    )
    assert tf_parity.notebook_line(result) == (
        "lessons/01_graphs_and_sessions.ipynb  2/5 identical, 1 learntf-only, 1 differs-on-tf "
        "(random 1)"
    )
    assert tf_parity.detail_lines(result) == [
        "    cell 2: print('Tensor add_1:0')",
        "      learntf:    Tensor add_1:0",
        "      tensorflow: Tensor add_2:0",
    ]


def test_a_notebook_that_did_not_run_says_why():
    result = NotebookResult(
        "lessons/13_x.ipynb", error="CellTimeoutError: A cell timed out while it was being executed"
    )
    assert tf_parity.notebook_line(result) == (
        "lessons/13_x.ipynb  did not run: CellTimeoutError: A cell timed out while it was being "
        "executed"
    )
    assert result.failing


def test_the_summary_counts_every_cell_once():
    one = compared(
        [
            printing("a"),
            printing("b", ["learntf-only"]),
            note("random"),
            printing("c", ["differs-on-tf"]),
        ],
        ["a", "x", "y"],
    )
    two = compared(
        [
            printing("a"),
            printing("b"),
            new_markdown_cell("> **On TensorFlow (op-names):** Keras names."),
            printing("c", ["differs-on-tf"]),
        ],
        ["a", "B", "d"],
    )
    lines = tf_parity.summary_lines([one, two])
    assert lines[-1] == "tf-parity: 2/6 cells identical, 1 learntf-only, 2 differs-on-tf"
    assert lines[-3] == "differs-on-tf causes: random 1, op-names 1, other 0"
    assert lines[-2] == "learntf-only share: 1/6 code cells (16.7%)"


def test_json_records_hold_each_cells_result():
    result = compared([printing("a"), note("random"), printing("c", ["differs-on-tf"])], ["a", "d"])
    records = tf_parity.json_records(
        [result, NotebookResult("lessons/02_x.ipynb", error="DeadKernelError: died")]
    )
    assert records[1] == {
        "notebook": "lessons/01_graphs_and_sessions.ipynb",
        "index": 2,
        "tags": ["differs-on-tf"],
        "cause": "random",
        "status": "differs-on-tf",
        "learntf": "c\n",
        "tensorflow": "d\n",
        "problem": "",
    }
    assert records[2]["status"] == "notebook-error"


# --- running (plumbing only: a notebook without learntf, in learntf's own kernel) ---------------


def test_the_kernel_environment(monkeypatch):
    monkeypatch.setenv("LEARNTF_PRESENTER", "1")
    env = tf_parity.kernel_env()
    assert "LEARNTF_PRESENTER" not in env
    assert env["LEARNTF_COURSE_ENGINE"] == "tensorflow" and env["PYTHONHASHSEED"] == "0"
    assert (
        env["TF_CPP_MIN_LOG_LEVEL"] == "3"
        and env["CUDA_VISIBLE_DEVICES"] == ""
        and env["COLUMNS"] == "80"
    )


@pytest.mark.slow
def test_a_notebook_runs_in_a_scratch_copy_and_keeps_going_after_an_error(tmp_path):
    root = tmp_path / "course_root"
    (root / "lessons").mkdir(parents=True)
    cells = [
        new_code_cell(
            "import os\nprint(os.environ['LEARNTF_COURSE_ENGINE'], os.path.basename(os.getcwd()))"
        ),
        new_code_cell("open('written.txt', 'w').write('x')\n1 / 0"),
        new_code_cell("print(open('written.txt').read())"),
    ]
    stored = new_notebook(cells=cells)
    for cell, text in zip(stored.cells, ["tensorflow lessons\n", None, "x\n"]):
        cell.outputs = (
            [new_output("stream", name="stdout", text=text)]
            if text
            else [
                new_output(
                    "error", ename="ZeroDivisionError", evalue="division by zero", traceback=[]
                )
            ]
        )
    nbformat.write(stored, str(root / "lessons" / "01_x.ipynb"))
    # asyncio.run in a thread of its own: under the e2e tests, Playwright's event loop is running
    # in this one (its sync API keeps it there for the session).
    running = tf_parity.run_notebook(
        "lessons/01_x.ipynb", root, asyncio.Semaphore(1), tmp_path / "kept", timeout=60
    )
    result = concurrent.futures.ThreadPoolExecutor(1).submit(asyncio.run, running).result()
    assert result.error is None, result.error
    assert statuses(result) == ["identical", "identical", "identical"]
    assert not (root / "lessons" / "written.txt").exists(), (
        "the notebook wrote into the course tree"
    )
    assert (tmp_path / "kept" / "lessons" / "01_x.ipynb").exists()


def test_without_tensorflow_it_says_which_python_to_use(capsys):
    pytest.importorskip("nbclient")
    if tf_parity.importlib.util.find_spec("tensorflow") is not None:
        pytest.skip("TensorFlow is installed here")
    assert tf_parity.main([]) == 2
    assert ".venv-tf/bin/python" in capsys.readouterr().err


# --- the real course (static) -------------------------------------------------------------------

COURSE = [COURSE_ROOT / relative for relative in tf_parity.course_notebooks()]


def test_the_course_notebooks_are_each_ready_units_lesson_and_master():
    names = tf_parity.course_notebooks()
    assert (
        "lessons/01_graphs_and_sessions.ipynb" in names
        and "course/masters/01_graphs_and_sessions.ipynb" in names
    )
    assert names.index("lessons/01_graphs_and_sessions.ipynb") < names.index(
        "course/masters/01_graphs_and_sessions.ipynb"
    )


@pytest.mark.parametrize("path", COURSE, ids=[f"{path.parent.name}/{path.stem}" for path in COURSE])
def test_every_differs_on_tf_cell_explains_why_in_a_note(path):
    assert tf_parity.tag_problems(notebooks.read(path)) == []


def test_BUDGET_learntf_only_cells_are_at_most_10_percent_of_the_courses_code_cells():
    """The course teaches TensorFlow: at most 10% of its code cells (lessons and masters together)
    may be tagged learntf-only, i.e. not run the same on real TensorFlow."""
    code = [
        cell for path in COURSE for cell in notebooks.read(path).cells if cell.cell_type == "code"
    ]
    learntf_only = [cell for cell in code if tf_parity.LEARNTF_ONLY in tf_parity.tags(cell)]
    share = len(learntf_only) / len(code)
    assert share <= LEARNTF_ONLY_BUDGET, (
        f"learntf-only budget exceeded: {len(learntf_only)} of {len(code)} code cells "
        f"({share:.1%}) are tagged learntf-only; at most {LEARNTF_ONLY_BUDGET:.0%} may be"
    )
