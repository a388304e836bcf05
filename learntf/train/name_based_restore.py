"""Restoring a TF 1 `Saver` checkpoint (no object graph) into a `tf.train.Checkpoint`.

Such a checkpoint names each value by its variable's name (`dense/kernel`), so the restore
matches by name, as TF 1 did: every variable reachable from the Checkpoint whose name is in the
file gets its value, and so does any variable added later (the restore stays registered on the
objects it reached).  TF warns that this is fragile, and so does learntf: renaming a variable
breaks it, which object-based checkpoints avoid.
"""

import numpy as np

from learntf import tf_logging
from learntf.ops.variables import Variable
from learntf.trackable.base import Trackable, children_of
from learntf.train import trackable_object_graph as object_graph


class NameBasedRestore:
    """Matches variables to checkpoint keys by their names, now and as they are added."""

    def __init__(self, reader):
        self.reader = reader
        self.unused = {}  # id(variable) -> (variable, [its name])
        tf_logging.get_logger().warning(
            "Restoring a name-based tf.train.Saver checkpoint using the object-based restore "
            "API. This mode uses global names to match variables, and so is somewhat fragile. "
            "It also adds new restore ops to the graph each time it is called when graph "
            "building. Prefer re-encoding training checkpoints in the object-based format: run "
            "save() on the object-based saver (the same one this message is coming from) and "
            "use that checkpoint in the future."
        )

    def apply(self, root, root_children=None):
        """Restore every variable under `root` by name; stay registered for later children.
        All or nothing: every value is read and checked before the first is assigned."""
        objects, _ = object_graph.walk(root, root_children or children_of(root))
        found = [self._found(obj) for obj in objects if isinstance(obj, Variable)]
        for obj in objects:
            if isinstance(obj, Trackable):
                obj._maybe_initialize_trackable()
                if self not in obj._self_name_based_restores:
                    obj._self_name_based_restores.append(self)
        for variable, value in found:
            if value is not None:
                variable.assign(value, read_value=False)

    def _restore(self, variable):
        variable, value = self._found(variable)
        if value is not None:
            variable.assign(value, read_value=False)

    def _found(self, variable):
        """(variable, its checked saved value), or (variable, None) if the file has none."""
        name = object_graph.full_name(variable)
        if not self.reader.has_tensor(name):
            self.unused[id(variable)] = (variable, [name])
            return variable, None
        self.unused.pop(id(variable), None)
        return variable, checked_value(variable, self.reader.get_tensor(name))


class NameBasedSaverStatus:
    """What restoring a name-based checkpoint returns: one check, that every variable found
    its value (the checkpoint holds no objects to compare with)."""

    def __init__(self, restore):
        self._restore = restore
        self._optionally_restored = []

    def add_to_optionally_restored(self, variable):
        """A variable the checkpoint need not hold (the Checkpoint's own save_counter)."""
        self._optionally_restored.append(variable)

    def assert_consumed(self):
        unused = [
            (v, names)
            for v, names in self._restore.unused.values()
            if all(v is not o for o in self._optionally_restored)
        ]
        if unused:
            raise AssertionError(
                "Some objects had attributes which were not restored: "
                + "".join("\n    %s: %s" % (v, names) for v, names in unused)
            )
        return self

    assert_existing_objects_matched = assert_nontrivial_match = assert_consumed

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        """Nothing to run: eager restores assign at once."""

    def initialize_or_restore(self, session=None):
        """Nothing to run: eager restores assign at once."""


def checked_value(variable, value, skip_mismatch=False):
    """`value` read from a checkpoint, as an array of `variable`'s dtype, once its shape is
    checked against the variable's (None when it differs and `skip_mismatch`, Keras's
    load_weights option). Both restores, by objects and by names, check every value with this
    before they assign any, so a failed restore leaves every variable as it was."""
    shape = variable.shape.as_list()
    if list(np.shape(value)) != shape:
        if skip_mismatch:
            return None
        raise ValueError(
            "Received incompatible tensor with shape %s when attempting to restore "
            "variable with shape %s and name %s.\n(learntf: the checkpoint was written "
            "from a model of another size.)"
            % (tuple(np.shape(value)), variable.shape, variable.name)
        )
    return np.asarray(value, variable.dtype.np)
