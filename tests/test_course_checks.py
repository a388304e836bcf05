"""The check machinery that exercise check cells call (course/checks/__init__.py)."""

import pytest

from course.checks import CheckFailed, choice, expect, fail, question


@question(7)
def answer_is_42(value):
    expect(value == 42, "multiply six by seven")


def test_a_passing_check_says_so(capsys):
    answer_is_42(42)
    assert capsys.readouterr().out == "Question 7 passed\n"


def test_a_failing_check_names_the_question_and_gives_its_hint(capsys):
    with pytest.raises(CheckFailed) as failure:
        answer_is_42(41)
    assert str(failure.value) == "Question 7 failed: multiply six by seven"
    assert capsys.readouterr().out == ""


def test_jupyter_shows_the_hint_instead_of_a_traceback():
    with pytest.raises(CheckFailed) as failure:
        answer_is_42(41)
    (line,) = failure.value._render_traceback_()
    assert "Question 7 failed:" in line and line.endswith("multiply six by seven")


def test_checkfailed_is_an_assertion_error_so_plain_pytest_reports_it_as_a_failure():
    assert issubclass(CheckFailed, AssertionError)


@pytest.mark.parametrize("blank", [..., (..., ...), [1, ...]])
def test_an_untouched_blank_answer_gets_the_fill_in_hint(blank):
    with pytest.raises(CheckFailed, match=r"Question 7 failed: this answer is still `\.\.\.`"):
        answer_is_42(blank)


def test_an_answer_the_check_cannot_handle_fails_with_a_hint_not_a_crash():
    @question(2)
    def wants_a_sequence(values):
        expect(len(values) == 2, "give two values")

    with pytest.raises(
        CheckFailed, match=r"Question 2 failed: the check could not use your answer \(TypeError"
    ):
        wants_a_sequence(5)


def test_fail_fails_unconditionally():
    @question(3)
    def always(value):
        fail("no")

    with pytest.raises(CheckFailed, match="Question 3 failed: no"):
        always(1)


@question(4)
def pick(answer):
    choice(answer, options=("a", "b"), correct="b", hints={"a": "hint for a"})


def test_choice_accepts_the_right_letter_in_any_case(capsys):
    pick(" B ")
    assert capsys.readouterr().out == "Question 4 passed\n"


def test_choice_gives_the_hint_of_the_wrong_letter():
    with pytest.raises(CheckFailed, match="Question 4 failed: hint for a"):
        pick("a")


def test_choice_lists_the_letters_for_an_answer_that_is_not_one():
    with pytest.raises(CheckFailed, match="one of the letters 'a', 'b'"):
        pick("maybe")
