"""course/syllabus.toml, lessons/, exercises/ and course/masters/ agree; every notebook
pins learntf."""

import re
import shutil

import nbformat
import pytest

import course
from course import notebooks
from course.syllabus import COURSE_ROOT, load_syllabus, problems

SEEDS = COURSE_ROOT.parent / "shared" / "seeds"
UNIT_NAMES = [  # issue 3 fixed the order; issue 21 split long units (none over 30 minutes)
    "welcome",
    "graphs_and_sessions",
    "managing_graphs",
    "linear_regression",
    "autodiff",
    "optimizers",
    "feeding_data",
    "saving_and_restoring",
    "resuming_training",
    "meta_graphs",
    "visualizing_training",
    "comparing_runs",
    "modularity",
    "sharing_variables",
    "eager_execution",
    "training_eagerly",
    "strings_and_ragged_tensors",
    "sparse_tensors",
    "gradient_tape",
    "tf_function",
    "tracing",
    "custom_models",
    "training_loops",
    # issue 22: optional units that build pieces of the engine
    "build_a_gradient",
    "build_the_backward_pass",
    "build_an_atomic_checkpoint",
]


def all_notebooks():
    return sorted(
        p
        for folder in ("lessons", "exercises", "course/masters")
        for p in (COURSE_ROOT / folder).glob("*.ipynb")
    )


def test_the_syllabus_lists_the_units_in_order():
    units = load_syllabus()
    assert [unit.slug for unit in units] == UNIT_NAMES
    assert [unit.number for unit in units] == list(range(len(UNIT_NAMES)))
    for unit in units:
        assert unit.title and unit.objectives, (
            f"unit {unit.label} needs a title and learning objectives"
        )
        assert unit.ready or unit.status == "planned"
        assert unit.optional == unit.slug.startswith("build_"), (
            f"unit {unit.label}: only the build-it units are optional"
        )
    assert [unit.label for unit in units if unit.ready][:3] == ["00", "01", "02"]


def test_syllabus_lessons_exercises_and_masters_agree():
    assert problems() == []


@pytest.fixture
def scratch(tmp_path):
    root = tmp_path / "course_copy"
    (root / "course" / "masters").mkdir(parents=True)
    (root / "lessons").mkdir()
    (root / "exercises").mkdir()
    shutil.copy(COURSE_ROOT / "course" / "syllabus.toml", root / "course")
    for unit in load_syllabus():
        if unit.ready:
            for relative in (unit.lesson, unit.exercise, unit.master):
                nbformat.write(nbformat.v4.new_notebook(), str(root / relative))
    return root


def test_consistency_accepts_planned_units_without_notebooks(scratch):
    assert problems(scratch) == []


def test_consistency_reports_a_notebook_the_syllabus_does_not_list(scratch):
    nbformat.write(nbformat.v4.new_notebook(), str(scratch / "lessons" / "99_extra.ipynb"))
    nbformat.write(
        nbformat.v4.new_notebook(), str(scratch / "exercises" / "03_linear_regresion.ipynb")
    )
    assert problems(scratch) == [
        "lessons/99_extra.ipynb is not listed in course/syllabus.toml",
        "exercises/03_linear_regresion.ipynb is not listed in course/syllabus.toml",
    ]


@pytest.mark.parametrize("kind", ["lesson", "exercise", "master"])
def test_consistency_reports_a_ready_unit_missing_a_notebook(scratch, kind):
    unit = load_syllabus()[1]
    (scratch / getattr(unit, kind)).unlink()
    assert problems(scratch) == [
        f"unit 01 is ready but its {kind} {getattr(unit, kind)} is missing"
    ]


def test_a_planned_units_notebook_is_accepted_once_written(scratch, plan_a_unit):
    unit = plan_a_unit(scratch)
    nbformat.write(nbformat.v4.new_notebook(), str(scratch / unit.lesson))
    assert problems(scratch) == []


@pytest.mark.parametrize(
    "edit,message",
    [
        (("number = 1\n", "number = 5\n"), "has number 5, expected 1"),
        (('\nstatus = "ready"', '\nstatus = "done"'), "not one of"),
        (
            ('lesson = "lessons/01_graphs_and_sessions.ipynb"', 'lesson = "lessons/graphs.ipynb"'),
            "expected 'lessons/01_",
        ),
    ],
)
def test_the_syllabus_loader_rejects_a_broken_syllabus(tmp_path, edit, message):
    text = (COURSE_ROOT / "course" / "syllabus.toml").read_text(encoding="utf-8")
    assert edit[0] in text
    broken = tmp_path / "syllabus.toml"
    broken.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_syllabus(broken)


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the source notes (../shared/seeds) are not next to this checkout"
)
def test_every_seed_section_the_syllabus_cites_exists():
    for unit in load_syllabus():
        for reference in unit.seeds:
            number, heading = reference.split(" ", 1)
            (seed,) = SEEDS.glob(f"{number}_*.txt")
            assert heading in seed.read_text(encoding="utf-8"), (
                f"unit {unit.label}: {reference!r} not found in {seed.name}"
            )


@pytest.mark.parametrize(
    "path", all_notebooks(), ids=lambda p: p.relative_to(COURSE_ROOT).as_posix()
)
def test_every_notebook_records_the_learntf_version_it_was_written_for(path):
    import learntf

    nb = notebooks.read(path)
    assert course.written_for(nb) == learntf.__learntf_version__, (
        f'the notebook\'s metadata learntf.written_for must be "{learntf.__learntf_version__}"; '
        "after checking the notebook against a new learntf, update its version there"
    )
    assert not any(
        "require_learntf" in cell.source for cell in nb.cells if cell.cell_type == "code"
    ), "the version lives in the metadata: every code cell stays TensorFlow code a learner can copy"


def test_require_learntf_stops_a_notebook_written_for_another_version():
    import nbformat

    import learntf

    nb = nbformat.v4.new_notebook(
        metadata={"learntf": {"written_for": learntf.__learntf_version__}}
    )
    course.require_learntf(nb)
    nb.metadata["learntf"]["written_for"] = "0.0.1"
    with pytest.raises(
        course.VersionMismatch,
        match=r"lesson 01 was written for learntf 0\.0\.1, but learntf .* is installed",
    ):
        course.require_learntf(nb, "lesson 01")
    with pytest.raises(course.VersionMismatch, match=r"does not say which learntf version"):
        course.require_learntf(nbformat.v4.new_notebook())


def test_each_ready_units_check_module_matches_its_master():
    import importlib

    for unit in load_syllabus():
        if not unit.ready:
            continue
        module = importlib.import_module(unit.checks_module)
        defined = sorted(int(name[1:]) for name in dir(module) if re.fullmatch(r"q\d+", name))
        assert defined == notebooks.questions(notebooks.read(COURSE_ROOT / unit.master)), (
            unit.checks_module
        )


@pytest.mark.parametrize("unit", [u for u in load_syllabus() if u.ready], ids=lambda u: u.label)
def test_a_learners_blank_shows_none_of_its_masters_author_notes(unit):
    """The master's author note ("MASTER of exercise NN — contains the reference solutions") is
    tagged master-only, so the learner's blank starts with the exercise's own title."""
    blank = notebooks.read(COURSE_ROOT / unit.exercise)
    texts = [cell.source for cell in blank.cells if cell.cell_type == "markdown"]
    assert not any("MASTER" in text or "reference solution" in text for text in texts)
    assert texts[0].startswith(f"# Exercise {unit.number:02d}")
