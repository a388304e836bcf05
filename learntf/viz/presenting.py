"""Presenter mode: drawings and widgets readable from the back of a classroom.

A teacher's live copy of a lesson (`python -m course demo N`) turns it on in its first cell, and
in the environment of the JupyterLab it starts, so every kernel there starts with it on:

    import learntf.viz as viz
    viz.presenter(True)   # drawings and widgets made from now on: larger text, thicker lines,
                          # no shape/dtype labels on arrows, fewer ticks on training curves

`draw(presenter=...)`, `GraphWidget(presenter=...)` and `TrainingCurves(presenter=...)` still
decide for themselves when given True or False; left out (None), they follow this setting, and
without it the environment variable LEARNTF_PRESENTER (1/true/yes/on).
"""

import os

ENVIRONMENT_VARIABLE = "LEARNTF_PRESENTER"
_OFF_WORDS = {"", "0", "false", "no", "off"}

_chosen = None  # what presenter() was last told; None: follow the environment variable


def presenter(on=True):
    """Turn presenter mode on (or off) for every drawing and widget made afterwards.
    `presenter(None)` forgets the choice: the environment variable decides again."""
    global _chosen
    _chosen = None if on is None else bool(on)


def presenter_mode(explicit=None):
    """Whether a drawing or widget is in presenter mode: `explicit` when it is True or False,
    else what presenter() chose, else the environment variable LEARNTF_PRESENTER."""
    if explicit is not None:
        return bool(explicit)
    if _chosen is not None:
        return _chosen
    return os.environ.get(ENVIRONMENT_VARIABLE, "").strip().lower() not in _OFF_WORDS
