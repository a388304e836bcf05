"""Fixtures shared by the engine tests.

The process runs in one mode at a time: importing `learntf.compat.v1` (as most test modules
do) turns graph mode on, as TensorFlow 1 had it.  TF2 tests ask for `eager_mode`; TF1 tests
ask for `fresh_graph` so each starts from an empty default graph.
"""
import pytest


@pytest.fixture
def eager_mode():
    """Run the test with eager execution on, then restore the mode it found."""
    from learntf.framework import context
    saved = context.context.eager_enabled
    context.context.eager_enabled = True
    yield
    context.context.eager_enabled = saved


@pytest.fixture
def fresh_graph():
    """Run the test on a new, empty default graph (and leave a new one behind)."""
    from learntf.framework.graph import reset_default_graph
    reset_default_graph()
    yield
    reset_default_graph()
