"""The master -> blank generator (course/notebooks.py, course/generate.py)."""

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from course import generate, notebooks
from course.notebooks import MasterError, blank_source, make_blank, replace_solution, wrong_answers


def test_a_solution_block_becomes_raise_not_implemented_at_the_same_indentation():
    master = (
        "with tf.Session() as sess:\n"
        "    ### BEGIN SOLUTION\n"
        "    y_val, z_val = sess.run([y, z])\n"
        "    ### END SOLUTION\n"
        "print(y_val)"
    )
    assert blank_source(master) == (
        "with tf.Session() as sess:\n"
        "    # YOUR CODE HERE\n"
        "    raise NotImplementedError()\n"
        "print(y_val)"
    )


def test_a_one_line_solution_becomes_dots_one_per_name():
    assert blank_source("runs = 2  ### SOLUTION") == "runs = ..."
    assert (
        blank_source("first, second = 1, 2  ### SOLUTION\nx = 1")
        == "first, second = ..., ...\nx = 1"
    )


def test_code_without_markers_is_kept():
    assert blank_source("a = 1\nb = 2") == "a = 1\nb = 2"


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION\na = 1",
        "a = 1\n### END SOLUTION",
        "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION",
        "print(1)  ### SOLUTION",
    ],
)
def test_badly_marked_solutions_are_reported(source):
    with pytest.raises(MasterError):
        blank_source(source)


def test_a_wrong_answer_replaces_the_whole_solution_region():
    master = "x = 1\n### BEGIN SOLUTION\nanswer = x + 1\n### END SOLUTION\nanswer"
    assert replace_solution(master, "answer = x") == "x = 1\nanswer = x\nanswer"


def small_master():
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python", "version": "3.11.7"},
        "widgets": {},
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# MASTER note", metadata={"tags": ["master-only"]}),
        nbformat.v4.new_code_cell("from course.checks import unit00 as check"),
        nbformat.v4.new_code_cell(
            "answer = 'b'  ### SOLUTION",
            execution_count=3,
            outputs=[nbformat.v4.new_output("stream", text="hi\n")],
        ),
        nbformat.v4.new_code_cell("check.q3(answer)"),
        nbformat.v4.new_raw_cell(
            "# wrong answer for question 3: picks a\n# expect hint: never deletes\nanswer = 'a'"
        ),
    ]
    return nb


def test_the_blank_drops_solutions_outputs_wrong_answers_and_master_only_cells():
    blank = make_blank(small_master())
    assert [cell.source for cell in blank.cells] == [
        "from course.checks import unit00 as check",
        "answer = ...",
        "check.q3(answer)",
    ]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in blank.cells)
    assert set(blank.metadata) == {"kernelspec", "language_info"}
    assert "version" not in blank.metadata["language_info"]
    nbformat.validate(blank)


def test_wrong_answers_are_read_with_their_question_hint_and_answer_cell():
    (wrong,) = wrong_answers(small_master())
    assert (wrong.question, wrong.why, wrong.hint, wrong.code, wrong.answer_cell) == (
        3,
        "picks a",
        "never deletes",
        "answer = 'a'",
        2,
    )


def test_a_wrong_answer_without_an_expected_hint_is_reported():
    master = small_master()
    master.cells[-1].source = "# wrong answer for question 3: picks a\nanswer = 'a'"
    with pytest.raises(MasterError, match="expect hint"):
        wrong_answers(master)


def test_the_variant_with_a_wrong_answer_has_it_in_place_of_the_solution():
    master = small_master()
    variant = notebooks.with_wrong_answers(master, wrong_answers(master))
    assert [cell.source for cell in variant.cells if cell.cell_type == "code"] == [
        "from course.checks import unit00 as check",
        "answer = 'a'",
        "check.q3(answer)",
    ]


def test_question_results_read_check_cell_outputs():
    nb = nbformat.v4.new_notebook()
    passed = nbformat.v4.new_code_cell(
        "check.q1(a)", outputs=[nbformat.v4.new_output("stream", text="Question 1 passed\n")]
    )
    failed = nbformat.v4.new_code_cell(
        "check.q2(b)",
        outputs=[
            nbformat.v4.new_output(
                "error", ename="CheckFailed", evalue="Question 2 failed: look again", traceback=[]
            )
        ],
    )
    crashed = nbformat.v4.new_code_cell(
        "check.q3(c)",
        outputs=[
            nbformat.v4.new_output(
                "error", ename="NameError", evalue="name 'c' is not defined", traceback=[]
            )
        ],
    )
    untouched = nbformat.v4.new_code_cell("check.q4(d)")
    nb.cells = [passed, failed, crashed, untouched]
    results = notebooks.question_results(nb)
    assert [(r.question, r.status, r.message) for r in results.values()] == [
        (1, "passed", ""),
        (2, "failed", "Question 2 failed: look again"),
        (3, "failed", "Question 3 failed: NameError: name 'c' is not defined"),
        (4, "not run", ""),
    ]


def test_every_blank_in_exercises_is_what_the_generator_makes_from_its_master():
    stale = generate.out_of_sync()
    assert stale == [], (
        f"{[str(p) for p in stale]} differ from their masters: run `python -m course.generate` "
        "(a learner who has worked in these notebooks sees this too; that is expected)"
    )


def test_the_in_sync_check_notices_a_hand_edited_blank(tmp_path, monkeypatch):
    exercise = generate.COURSE_ROOT / "exercises" / "00_welcome.ipynb"
    copy_root = tmp_path / "course_copy"
    (copy_root / "course" / "masters").mkdir(parents=True)
    (copy_root / "exercises").mkdir()
    (copy_root / "course" / "syllabus.toml").write_text(
        (generate.COURSE_ROOT / "course" / "syllabus.toml").read_text()
    )
    master = generate.COURSE_ROOT / "course" / "masters" / "00_welcome.ipynb"
    (copy_root / "course" / "masters" / "00_welcome.ipynb").write_text(master.read_text())
    (copy_root / "exercises" / "00_welcome.ipynb").write_text(exercise.read_text())
    assert generate.out_of_sync(copy_root) == []
    edited = exercise.read_text().replace("command = ...", "command = 'python -m course grade 2'")
    (copy_root / "exercises" / "00_welcome.ipynb").write_text(edited)
    assert generate.out_of_sync(copy_root) == [copy_root / "exercises" / "00_welcome.ipynb"]


# --- property: the blank never leaks a solution, and keeps everything else -----------------------
code_line = st.from_regex(r"[a-z_][a-z0-9_]{0,6} = [0-9]{1,3}", fullmatch=True)
indent = st.sampled_from(["", "    "])


@st.composite
def master_cells(draw):
    """A cell of plain lines and solution blocks, plus what the blank must keep and must
    not show."""
    lines, kept, hidden = [], [], []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            line = "keep_" + draw(code_line)
            lines.append(line)
            kept.append(line)
        else:
            pad = draw(indent)
            secret = ["secret_" + s for s in draw(st.lists(code_line, min_size=1, max_size=3))]
            lines += [
                pad + "### BEGIN SOLUTION",
                *(pad + s for s in secret),
                pad + "### END SOLUTION",
            ]
            hidden += secret
    return "\n".join(lines), kept, hidden


@given(master_cells())
def test_the_blank_hides_every_solution_line_and_keeps_every_other_line_in_order(cell):
    source, kept, hidden = cell
    blank = blank_source(source)
    assert not any(secret in blank for secret in hidden)
    assert [line for line in blank.split("\n") if line.startswith("keep_")] == kept
    assert blank.count("raise NotImplementedError()") == source.count("### BEGIN SOLUTION")


def test_executing_a_notebook_stops_its_kernel(monkeypatch):
    """nbclient stops only kernels whose manager it made; execute() passes its own, so it must
    stop the kernel itself (grading and the tests execute hundreds of notebooks)."""
    made = []
    original = notebooks.current_env_kernel_manager

    def recording_manager():
        made.append(original())
        return made[-1]

    monkeypatch.setattr(notebooks, "current_env_kernel_manager", recording_manager)
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os\nprint(os.getpid() > 0)")]
    )
    executed = notebooks.execute(nb, cwd=generate.COURSE_ROOT)
    assert executed.cells[0].outputs[0]["text"] == "True\n"
    assert len(made) == 1 and not made[0].has_kernel
