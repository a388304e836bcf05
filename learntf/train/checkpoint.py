"""`tf.train.Checkpoint`: save and restore a graph of objects (TF 2's way to checkpoint).

    ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer)
    path = ckpt.save("ckpts/ckpt")          # ckpts/ckpt-1.index, .data-00000-of-00001
    ...
    ckpt.restore(tf.train.latest_checkpoint("ckpts")).assert_consumed()

What is saved: every variable reachable from the Checkpoint through tracked attributes (see
learntf/trackable/), under a key made of the path to it, plus the object graph itself (see
trackable_object_graph.py).  `save` numbers checkpoints with `save_counter` and records them in
the directory's `checkpoint` file; `write` only writes the files.

How a restore matches: the saved graph's root is the Checkpoint; each child named in the graph
is looked up by that name on the Python object, and so on down.  The variables found this way
are assigned their saved values once all of them are found and checked, so a restore that
fails changes nothing (TensorFlow assigns as it goes, and leaves the variables it reached
before the failure restored; learntf does not).  A child the Python object does not have yet is
remembered, and restored the moment it is added (a Keras layer's kernel, created on the layer's
first call).  Names of variables play no part.  The returned status object says how the match went.

A checkpoint written by TF 1's Saver has no object graph; it is restored by variable names
(name_based_restore.py).

learntf leaves out: graph-mode (TF 1) use of Checkpoint (use tf.compat.v1.train.Saver),
async and sharded saving
(CheckpointOptions is accepted and ignored), and Python state and functions in checkpoints.
"""

import os

import numpy as np

from learntf import dtypes, errors, tf_logging
from learntf.framework import context
from learntf.ops.variables import Variable
from learntf.trackable.autotrackable import AutoTrackable
from learntf.trackable.base import NoDependency, Trackable, children_of, is_trackable
from learntf.train import checkpoint_format, checkpoint_management, name_based_restore
from learntf.train import trackable_object_graph as object_graph


class CheckpointOptions:
    """Options for save/restore (accepted for TF compatibility; learntf writes one shard
    from one device, so none of them changes anything)."""

    def __init__(
        self,
        experimental_io_device=None,
        experimental_enable_async_checkpoint=False,
        experimental_write_callbacks=None,
        enable_async=False,
        experimental_skip_slot_variables=False,
        experimental_sharding_callback=None,
    ):
        self.experimental_io_device = experimental_io_device
        self.experimental_write_callbacks = experimental_write_callbacks
        self.experimental_skip_slot_variables = experimental_skip_slot_variables


class Checkpoint(AutoTrackable):
    """Groups trackable objects (`Checkpoint(model=m, optimizer=o)`) to save and restore them."""

    def __init__(self, root=None, **kwargs):
        self._save_counter = NoDependency(None)
        self._root = NoDependency(root)
        self._attached = NoDependency({})  # with root=: arguments that are not root's children
        if root is not None:
            _assert_trackable(root, "root")
            kwargs["root"] = root  # TF saves the root as its own child "root" too
        for name, value in sorted(kwargs.items()):
            _assert_trackable(value, name)
            if root is None:
                setattr(self, name, value)
                continue
            object.__setattr__(self, name, value)
            child = root._lookup_dependency(name) if isinstance(root, Trackable) else None
            if child is None:
                self._attached[name] = value
            elif child is not value:
                raise ValueError(
                    "Cannot create a Checkpoint with keyword argument %s if root.%s already "
                    "exists." % (name, name)
                )

    # -- the graph ----------------------------------------------------------------------------
    def _graph_root(self):
        return self if self._root is None else self._root

    def _root_children(self):
        if self._root is None:
            return children_of(self)
        children = dict(children_of(self._root))
        children.update(self._attached)
        return children

    @property
    def save_counter(self):
        """An int64 variable counting `save` calls: it numbers the checkpoints."""
        self._maybe_create_save_counter()
        return self._save_counter

    def _maybe_create_save_counter(self):
        if self._save_counter is not None:
            return
        counter = Variable(np.int64(0), name="save_counter", trainable=False, dtype=dtypes.int64)
        self._save_counter = NoDependency(counter)
        if self._root is None:
            self._track_trackable(counter, "save_counter")  # a waiting restore runs here
        else:
            self._attached["save_counter"] = counter
            for position in self._self_deferred_restores.pop("save_counter", ()):
                position.bind(counter)
            for restore in self._self_name_based_restores:
                restore.apply(counter)

    # -- saving -------------------------------------------------------------------------------
    def write(self, file_prefix, options=None):
        """Write the checkpoint files for `file_prefix` (no numbering, no `checkpoint` file);
        returns the prefix."""
        file_prefix = os.fspath(file_prefix)
        _require_eager("write")
        graph, values = object_graph.serialize(self._graph_root(), self._root_children())
        named = [(key, np.asarray(variable.numpy())) for key, variable in values]
        named.append(
            (
                object_graph.OBJECT_GRAPH_KEY,
                np.array(graph.SerializeToString(), dtype=object),
            )
        )
        os.makedirs(os.path.dirname(file_prefix) or ".", exist_ok=True)  # as TF's saver does
        checkpoint_format.write_checkpoint(file_prefix, named)
        return file_prefix

    def save(self, file_prefix, options=None):
        """Add 1 to `save_counter`, write `file_prefix-<save_counter>`, and make it the
        directory's latest checkpoint; returns that path."""
        file_prefix = os.fspath(file_prefix)
        number = int(self.save_counter.assign_add(np.int64(1)).numpy())
        path = self.write("%s-%d" % (file_prefix, number), options)
        record_latest(path, [path])
        return path

    # -- restoring ----------------------------------------------------------------------------
    def read(self, save_path, options=None, skip_mismatch=False):
        """Restore from the checkpoint written at `save_path` (no save_counter handling).
        (`skip_mismatch`, learntf's, for Keras load_weights: leave a variable whose saved
        shape differs as it is.)"""
        if save_path is None:
            return InitializationOnlyStatus()
        save_path = os.fspath(save_path)
        _require_eager("read")
        reader = checkpoint_format.CheckpointReader(save_path)
        if not reader.has_tensor(object_graph.OBJECT_GRAPH_KEY):  # a TF 1 Saver's checkpoint
            restore = name_based_restore.NameBasedRestore(reader)
            restore.apply(self._graph_root(), self._root_children())
            if self._root is not None:  # (the Checkpoint's own children: save_counter)
                self._maybe_initialize_trackable()
                self._self_name_based_restores.append(restore)
            return name_based_restore.NameBasedSaverStatus(restore)
        graph = object_graph.read(reader)
        restore = _Restore(reader, graph, skip_mismatch)
        restore.bind_all_or_nothing(self._graph_root(), self)
        return CheckpointLoadStatus(restore, self)

    def restore(self, save_path, options=None):
        """`read`, and create `save_counter` so that it is restored too; returns a status."""
        try:
            status = self.read(save_path, options)
        except errors.NotFoundError as e:
            raise errors.NotFoundError(
                None,
                None,
                "Error when restoring from checkpoint or SavedModel at %s: %s\nPlease "
                "double-check that the path is correct. You may be missing the checkpoint "
                "suffix (e.g. the '-1' in 'path/to/ckpt-1')." % (save_path, e.message),
            ) from None
        self._maybe_create_save_counter()
        if isinstance(status, name_based_restore.NameBasedSaverStatus):
            status.add_to_optionally_restored(self._save_counter)
        return status


def record_latest(path, all_paths, timestamps=None, last_preserved_timestamp=None):
    """Name `path` as the newest checkpoint in its directory's `checkpoint` file (paths are
    stored relative to the directory, as TF 2 does; a CheckpointManager adds their times)."""
    directory = os.path.abspath(os.path.dirname(path) or ".")
    relative = [os.path.relpath(os.path.abspath(p), directory) for p in all_paths]
    checkpoint_management.update_checkpoint_state(
        directory,
        os.path.relpath(os.path.abspath(path), directory),
        relative,
        all_model_checkpoint_timestamps=timestamps,
        last_preserved_timestamp=last_preserved_timestamp,
    )


def _require_eager(what):
    if not context.executing_eagerly():
        raise NotImplementedError(
            "learntf's tf.train.Checkpoint can %s only in eager mode (TensorFlow 2's default)."
            "\n(learntf: in TF 1 graph mode save and restore with tf.compat.v1.train.Saver.)" % what
        )


def _assert_trackable(obj, name):
    if not is_trackable(obj):
        raise ValueError(
            "`Checkpoint` was expecting %s to be a trackable object (an object derived from "
            "`Trackable`), got %r. If you believe this object should be trackable (i.e. it is "
            "part of the TensorFlow Python API and manages state), please open an issue.\n"
            "(learntf: pass tf.Variables, tf.Modules, Keras layers, models and optimizers, "
            "or other tf.train.Checkpoints.)" % (name, obj)
        )


# -- matching the saved graph to the Python objects --------------------------------------------
class _Restore:
    """One restore: the saved graph, the reader, and which node went to which object."""

    def __init__(self, reader, graph, skip_mismatch=False):
        self.skip_mismatch = skip_mismatch
        self.reader = reader
        self.graph = graph
        self.object_by_node = {}
        self.expect_partial = False
        self.slot_restorations = {}  # variable node id -> [(optimizer, slot name, slot node id)]
        # While `read` matches the objects there now: the values to assign once all matched.
        self.pending = None
        self.failed = False  # a failed read restores nothing later either

    def assign(self, variable, value):
        if self.pending is None:  # a variable created after the read: restored at once
            variable.assign(value, read_value=False)
        else:
            self.pending.append((variable, value))

    def bind_all_or_nothing(self, root, checkpoint):
        """Match the saved graph to the objects there now, checking every value, then
        assign them all: a shape that differs, or a damaged value, changes no variable."""
        self.pending = []
        try:
            _Position(self, 0, root_children=checkpoint).bind(root)
        except BaseException:
            self.failed = self.expect_partial = True
            raise
        finally:
            pending, self.pending = self.pending, None
        for variable, value in pending:
            variable.assign(value, read_value=False)

    def __del__(self):
        if self.expect_partial or tf_logging is None:  # (None: the interpreter is exiting)
            return
        warn = tf_logging.get_logger().warning
        names = object_graph.node_names(self.graph)
        unused = [
            names.get(i, str(i))
            for i, node in enumerate(self.graph.nodes)
            if node.attributes and i not in self.object_by_node
        ]
        if unused:
            warn(
                "Detecting that an object or model or tf.train.Checkpoint is being deleted "
                "with unrestored values. See the following logs for the specific values in "
                "question. To silence these warnings, use `status.expect_partial()`. See "
                "https://www.tensorflow.org/api_docs/python/tf/train/Checkpoint#restorefor "
                "details about the status object returned by the restore function."
            )
            for name in unused:
                warn("Value in checkpoint could not be found in the restored object: %s", name)


class _Position:
    """A node of the saved graph, waiting for (or being given) its Python object."""

    def __init__(self, restore, node_id, root_children=None):
        self.restore = restore
        self.node_id = node_id
        self.checkpoint = root_children  # the Checkpoint, when this is the root

    def bind(self, obj):
        restore, node = self.restore, self.restore.graph.nodes[self.node_id]
        if restore.failed or self.node_id in restore.object_by_node:
            return
        restore.object_by_node[self.node_id] = obj
        if isinstance(obj, Variable):
            _assign_saved_value(obj, node, restore)
            for optimizer, slot_name, slot_id in restore.slot_restorations.pop(self.node_id, ()):
                slot = optimizer._create_or_restore_slot_variable(obj, slot_name)
                _Position(restore, slot_id).bind(slot)
        for slot in node.slot_variables:  # a TF 1 optimizer: its slots wait for their variables
            pending = (obj, slot.slot_name, slot.slot_variable_node_id)
            variable = restore.object_by_node.get(slot.original_variable_node_id)
            if variable is None:
                restore.slot_restorations.setdefault(slot.original_variable_node_id, []).append(
                    pending
                )
            else:
                new = obj._create_or_restore_slot_variable(variable, slot.slot_name)
                _Position(restore, slot.slot_variable_node_id).bind(new)
        checkpoint = self.checkpoint
        children = children_of(obj) if checkpoint is None else checkpoint._root_children()
        for ref in node.children:
            child = children.get(ref.local_name)
            position = _Position(restore, ref.node_id)
            if child is not None:
                position.bind(child)
                continue
            waits_on = obj  # the object that will get this child; the Checkpoint creates
            if checkpoint is not None and ref.local_name == "save_counter":  # save_counter
                waits_on = checkpoint
            if isinstance(waits_on, Trackable):
                waits_on._defer_restore(ref.local_name, position)


def _assign_saved_value(variable, node, restore):
    for attribute in node.attributes:
        if attribute.name == object_graph.VARIABLE_VALUE:
            key, dtype = attribute.checkpoint_key, variable.dtype.base_dtype
            value = restore.reader.read([key], [dtype])[0]
            value = name_based_restore.checked_value(variable, value, restore.skip_mismatch)
            if value is not None:
                restore.assign(variable, value)


# -- the status objects ------------------------------------------------------------------------
class CheckpointLoadStatus:
    """What `restore` returns: assertions on how the checkpoint matched the objects."""

    def __init__(self, restore, checkpoint):
        self._restore = restore
        self._checkpoint = checkpoint

    def _python_objects_with_values(self):
        root = self._checkpoint._graph_root()
        objects, _ = object_graph.walk(root, self._checkpoint._root_children())
        return [obj for obj in objects if isinstance(obj, Variable)]

    def assert_consumed(self):
        """Every value in the checkpoint found its object, and every object its value."""
        self.assert_existing_objects_matched()
        names = object_graph.node_names(self._restore.graph)
        for node_id, node in enumerate(self._restore.graph.nodes):
            if node.attributes and node_id not in self._restore.object_by_node:
                raise AssertionError(
                    "Unresolved object in checkpoint %s: %s" % (names[node_id], node)
                )
        if self._restore.slot_restorations:
            raise AssertionError(
                "Unresolved slot restorations: %s" % self._restore.slot_restorations
            )
        return self

    def assert_existing_objects_matched(self):
        """Every variable that exists now got a value (checkpoint values without an object
        yet are allowed: they may still be created)."""
        matched = {id(obj) for obj in self._restore.object_by_node.values()}
        unused = [obj for obj in self._python_objects_with_values() if id(obj) not in matched]
        if unused:
            shown = unused[:10]
            raise AssertionError(
                "Found %d Python objects that were not bound to checkpointed values, likely due "
                "to changes in the Python program. Showing %d of %d unmatched objects: %s"
                % (len(unused), len(shown), len(unused), shown)
            )
        return self

    def assert_nontrivial_match(self):
        """Something besides the root matched."""
        if len(self._restore.object_by_node) <= 1:
            matched = {id(obj) for obj in self._restore.object_by_node.values()}
            unused = [o for o in self._python_objects_with_values() if id(o) not in matched]
            if unused:
                raise AssertionError(
                    "Nothing except the root object matched a checkpointed value. Typically "
                    "this means that the checkpoint does not match the Python program. The "
                    "following objects have no matching checkpointed value: %s" % unused
                )
            raise AssertionError(
                "Nothing to load. No dependencies have been added to %s yet."
                % self._checkpoint._graph_root()
            )
        return self

    def expect_partial(self):
        """Silence the warning about checkpoint values left unused."""
        self._restore.expect_partial = True
        return self

    def run_restore_ops(self, session=None):
        """Nothing to run: eager restores assign at once."""

    def initialize_or_restore(self, session=None):
        """Nothing to run: eager restores assign at once."""


class InitializationOnlyStatus:
    """What `restore(None)` returns: nothing restored, so every assertion fails."""

    def _fail(self):
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being restored.")

    def assert_consumed(self):
        self._fail()

    assert_existing_objects_matched = assert_nontrivial_match = assert_consumed

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        pass

    def initialize_or_restore(self, session=None):
        pass
