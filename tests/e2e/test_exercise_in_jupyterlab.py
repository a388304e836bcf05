"""An exercise in JupyterLab: checked blank (fails with a hint), then answered by typing (passes).

Exercise 00 as a learner does it, in a scratch copy of the course: run the setup, answer and check
cells one by one with Shift-Enter; read the hints the checks print; type answers into the answer
cells (a wrong one first, to see its hint); save; and grade the saved notebook with
`python -m course grade 0`, the command the exercise ends with.
"""

import subprocess
import sys

SETUP, Q1_ANSWER, Q1_CHECK = 1, 3, 4
Q2_VALUES, Q2_ANSWER, Q2_CHECK = 6, 7, 8
Q3_ANSWER, Q3_CHECK = 10, 11


def grade(course_copy):
    return subprocess.run(
        [sys.executable, "-m", "course", "--root", str(course_copy), "grade", "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_exercise_00_blank_fails_with_hints_and_typed_answers_pass(
    open_notebook, course_copy, screenshots
):
    blank = grade(course_copy)
    assert blank.returncode == 1 and "0/3" in blank.stdout
    assert "this answer is still `...`" in blank.stdout  # the blank's hint, per question

    notebook = open_notebook("exercises/00_welcome.ipynb")
    notebook.clear_outputs()
    for index in (SETUP, Q1_ANSWER, Q1_CHECK):
        notebook.run_cell(index)
    failed = notebook.output_text(Q1_CHECK)
    assert "Question 1 failed:" in failed and "Replace the ... in the answer cell above" in failed
    assert "Traceback" not in failed  # a hint, not our code's traceback
    notebook.cell(Q1_CHECK).scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "exercise00-blank-check-fails-with-hint")

    notebook.type_into(Q1_ANSWER, 'command = "python -m course grade 2"')
    notebook.run_cell(Q1_ANSWER)
    notebook.run_cell(Q1_CHECK)
    assert notebook.output_text(Q1_CHECK).strip() == "Question 1 passed"

    notebook.run_cell(Q2_VALUES)
    notebook.type_into(
        Q2_ANSWER, "mean_square = np.mean(values) ** 2  # the square of the mean\nmean_square"
    )
    notebook.run_cell(Q2_ANSWER)
    assert "0.0" in notebook.output_text(Q2_ANSWER)  # the errors cancel in the mean
    notebook.run_cell(Q2_CHECK)
    assert "that is the square of the mean" in notebook.output_text(Q2_CHECK)
    notebook.type_into(Q2_ANSWER, "mean_square = np.mean(values ** 2)\nmean_square")
    notebook.run_cell(Q2_ANSWER)
    notebook.run_cell(Q2_CHECK)
    assert notebook.output_text(Q2_CHECK).strip() == "Question 2 passed"

    notebook.type_into(Q3_ANSWER, 'answer = "b"')
    notebook.run_cell(Q3_ANSWER)
    notebook.run_cell(Q3_CHECK)
    assert notebook.output_text(Q3_CHECK).strip() == "Question 3 passed"
    assert notebook.widget_failures() == []
    notebook.cell(Q3_CHECK).scroll_into_view_if_needed()
    notebook.screenshot(screenshots, "exercise00-answers-pass")

    notebook.save()
    graded = grade(course_copy)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "3/3" in graded.stdout and "All passed." in graded.stdout
