"""The parity corpus on learntf: every program of tests/programs/ prints what TensorFlow 2.21
printed (tests/data/tf_programs/, recorded by scripts/record_tf_programs.py) and ends in the
same error, with only its import changed (tests/programs_corpus.py says how they compare)."""

import json

import pytest
from behaviour import learntf_behaviour
from programs_corpus import (
    RECORDINGS,
    areas,
    differences,
    known_differences,
    programs,
    run_program,
    tensorflow_is_learntf,
)


def _cases():
    for area in areas():
        path = RECORDINGS / ("%s.json" % area)
        recorded = json.loads(path.read_text(encoding="utf-8"))["cases"] if path.exists() else {}
        known = known_differences(area)
        for program in programs(area):
            yield pytest.param(
                program, recorded.get(program.name), known.get(program.name), id=program.key
            )


@pytest.mark.parametrize("program, expected, known_difference", list(_cases()))
def test_program_prints_what_tensorflow_printed(program, expected, known_difference):
    assert expected is not None, (
        "%s has no recording: run .venv-tf/bin/python scripts/record_tf_programs.py --area %s"
        % (program.key, program.area)
    )
    assert expected["source"] == program.source, (
        "%s changed since it was recorded: record it again" % program.key
    )
    with tensorflow_is_learntf(), learntf_behaviour(program.mode):
        import tensorflow as tf

        actual = run_program(program, tf)
    found = differences(expected, actual)
    if known_difference:
        assert found, (
            "%s is listed as a known difference (%s) but now matches TensorFlow: "
            "take it off KNOWN_DIFFERENCES.json" % (program.key, known_difference)
        )
    else:
        assert not found, "\n".join(found)


def test_every_area_is_recorded_and_every_recording_has_its_program():
    for area in areas():
        path = RECORDINGS / ("%s.json" % area)
        assert path.exists(), "area %s has no recording" % area
        recorded = set(json.loads(path.read_text(encoding="utf-8"))["cases"])
        assert recorded == {p.name for p in programs(area)}, area
        assert set(known_differences(area)) <= recorded, area


def test_numbers_compare_within_the_stated_tolerance_and_words_exactly():
    from programs_corpus import same_text

    assert same_text(
        "tf.Tensor([1. 2.], shape=(2,))", "tf.Tensor([1.         2.00000001], shape=(2,))"
    )
    assert not same_text("[1. 2.]", "[1. 2.1]")
    assert not same_text("shape=(2,)", "shape=(3,)")  # integers exactly
    assert not same_text("dtype=float32", "dtype=float64")
    assert same_text("nan inf", "nan  inf")
    assert not same_text("loss 0.5", "cost 0.5")
