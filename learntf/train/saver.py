"""`tf.train.Saver`: save variables to checkpoints and restore them (lessons 07-09).

A Saver is a few ops in the graph, built when the Saver is created (under the name scope
`save`, then `save_1`, ...), which a session runs, as TensorFlow builds them:

    save/filename              the default path ("model"), a PlaceholderWithDefault
    save/Const                 the checkpoint path: saver.save() feeds it
    save/SaveV2                writes the variables' values to the files (a TF1 reference
                               variable's `w:0`, a resource variable's read)
    save/control_dependency    the path again, after SaveV2 ran: what save() fetches
    save/RestoreV2             reads the saved values back from the files
    save/Assign, _1, ...       one per variable: stores the value read into the variable
                               (`save/AssignVariableOp` for a resource variable)
    save/restore_all           groups them: what restore() runs

Values live in a session, so saving and restoring both need one; restoring is simply another
way to initialize variables.  A checkpoint maps keys to values: by default each variable's op
name (`theta`, `theta/Momentum`), or the keys you choose with `Saver({"weights": theta})`.

`save()` then writes the meta graph (`PREFIX.meta`, learntf/serialization/meta_graph.py), updates
the `checkpoint` file (learntf/train/checkpoint_management.py) and deletes the oldest
checkpoints beyond `max_to_keep`.  The files and their format: learntf/train/checkpoint_format.py.
"""

import numbers
import os
import time

import numpy as np

from learntf import dtypes, errors
from learntf.client.session import BaseSession
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant
from learntf.framework.context import GRAPH_MODE_HINT, executing_eagerly
from learntf.framework.graph import GraphKeys, get_default_graph, name_scope
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import ref_variable
from learntf.ops.control_flow_ops import group
from learntf.ops.math_ops import identity
from learntf.ops.variables import Variable
from learntf.serialization import meta_graph
from learntf.train import checkpoint_format, checkpoint_management


# -- the two ops ----------------------------------------------------------------------------------
def _text(value):
    value = value.item() if isinstance(value, np.ndarray) else value
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _save_kernel(prefix, tensor_names, shape_and_slices, *tensors, dtypes):
    names = [_text(n) for n in np.asarray(tensor_names).reshape(-1)]
    checkpoint_format.write_checkpoint(_text(prefix), list(zip(names, tensors)))


def _restore_kernel(prefix, tensor_names, shape_and_slices, dtypes):
    reader = checkpoint_format.CheckpointReader(_text(prefix))
    names = [_text(n) for n in np.asarray(tensor_names).reshape(-1)]
    return reader.read(names, dtypes)


# Writes tensors to a checkpoint (PREFIX.index, PREFIX.data-*).
register_op(
    "SaveV2",
    ["prefix", "tensor_names", "shape_and_slices", "tensors*"],
    lambda prefix, names, slices, *tensors, dtypes: [],
    _save_kernel,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
# Reads tensors back from a checkpoint.
register_op(
    "RestoreV2",
    ["prefix", "tensor_names", "shape_and_slices"],
    lambda prefix, names, slices, dtypes: [(d, TensorShape(None)) for d in dtypes],
    _restore_kernel,
    num_outputs="dtypes",
    stateful=True,
    type_attr=None,
)
no_gradient_in_tensorflow("SaveV2")
no_gradient_in_tensorflow("RestoreV2")


# -- the Saver ------------------------------------------------------------------------------------
class Saver:
    """Saves variables to checkpoints and restores them, by running its ops in a session."""

    def __init__(
        self,
        var_list=None,
        reshape=False,
        sharded=False,
        max_to_keep=5,
        keep_checkpoint_every_n_hours=10000.0,
        name=None,
        restore_sequentially=False,
        saver_def=None,
        builder=None,
        defer_build=False,
        allow_empty=False,
        write_version=2,
        pad_step_number=False,
        save_relative_paths=False,
        filename=None,
    ):
        if executing_eagerly():
            raise RuntimeError(
                "When eager execution is enabled, `var_list` must specify a list or dict of "
                "variables to save\n" + GRAPH_MODE_HINT
            )
        self._max_to_keep = max_to_keep
        self._keep_every_n_hours = keep_checkpoint_every_n_hours
        self._pad_step_number = pad_step_number
        self._last_checkpoints = []  # [(path, time saved)], oldest first
        self._next_keep_time = time.time() + keep_checkpoint_every_n_hours * 3600
        self._is_empty = False
        self._graph = get_default_graph()
        if saver_def is not None:  # rebuilt from a meta graph: its ops exist already
            self.saver_def = _with_scope(saver_def, name)
            self._max_to_keep = saver_def.max_to_keep
            self._keep_every_n_hours = saver_def.keep_checkpoint_every_n_hours
            return
        names_to_variables = _names_to_variables(var_list)
        if not names_to_variables:
            if allow_empty:
                self._is_empty, self.saver_def = True, None
                return
            raise ValueError(
                "No variables to save\n(learntf: a Saver saves variables, and this "
                "graph has none yet; create the tf.Variables first, then the Saver.)"
            )
        self.saver_def = self._build(names_to_variables, name, filename or "model")

    def _build(self, names_to_variables, name, filename):
        keys = sorted(names_to_variables)
        variables = [names_to_variables[key] for key in keys]
        attrs = {"dtypes": tuple(v.dtype.base_dtype for v in variables)}
        with name_scope(name, "save"):
            filename_tensor = _filename_placeholder(filename, "filename")
            filename_tensor = _filename_placeholder(filename_tensor, "Const")
            with name_scope("SaveV2") as save_scope:
                names = constant(keys, name="tensor_names")
                slices = constant([""] * len(keys), name="shape_and_slices")
                save_op = apply_op(
                    "SaveV2",
                    [filename_tensor, names, slices, [_saved_tensor(v) for v in variables]],
                    attrs,
                    save_scope,
                )
            with self._graph.control_dependencies([save_op]):
                saved_path = identity(filename_tensor, name="control_dependency")
            with name_scope("RestoreV2") as restore_scope:
                names = constant(keys, name="tensor_names")
                slices = constant([""] * len(keys), name="shape_and_slices")
                restored = apply_op(
                    "RestoreV2", [filename_tensor, names, slices], attrs, restore_scope
                )
            assigns = [_restore_one(v, value) for v, value in zip(variables, restored)]

            restore_op = group(*assigns, name="restore_all")
        return meta_graph.SaverDef(
            filename_tensor_name=filename_tensor.name,
            save_tensor_name=saved_path.name,
            restore_op_name=restore_op.name,
            max_to_keep=self._max_to_keep or 0,
            keep_checkpoint_every_n_hours=self._keep_every_n_hours,
            version="V2",
        )

    # -- saving ---------------------------------------------------------------------------------
    def save(
        self,
        sess,
        save_path,
        global_step=None,
        latest_filename=None,
        meta_graph_suffix="meta",
        write_meta_graph=True,
        write_state=True,
        strip_default_attrs=False,
        save_debug_info=False,
    ):
        """Save the variables' values in `sess` to checkpoint `save_path` (or `save_path-STEP`);
        return the checkpoint's path prefix."""
        latest_filename = latest_filename or "checkpoint"
        if os.path.split(latest_filename)[0]:
            raise ValueError("'latest_filename' must be a base name: %s" % latest_filename)
        if global_step is not None:
            if not isinstance(global_step, numbers.Number):
                global_step = int(sess.run(global_step))
            checkpoint_file = ("%s-%08d" if self._pad_step_number else "%s-%d") % (
                save_path,
                global_step,
            )
        else:
            checkpoint_file = save_path
            if os.path.basename(save_path) == latest_filename:
                raise ValueError(
                    "'latest_filename' collides with 'save_path': '%s' and '%s'"
                    % (latest_filename, save_path)
                )
        if not isinstance(sess, BaseSession):
            raise TypeError("'sess' must be a Session; %s" % sess)
        if self._is_empty:
            return None
        save_dir = os.path.dirname(save_path)
        try:
            path = _text(
                sess.run(
                    self.saver_def.save_tensor_name,
                    {self.saver_def.filename_tensor_name: checkpoint_file},
                )
            )
        except (errors.FailedPreconditionError, errors.NotFoundError):
            if not os.path.isdir(save_dir or "."):
                raise ValueError(
                    "Parent directory of {} doesn't exist, can't save.\n(learntf: "
                    "create it first, e.g. os.makedirs({!r}, exist_ok=True).)".format(
                        save_path, save_dir
                    )
                ) from None
            raise
        if write_meta_graph:  # written before the `checkpoint` file names this checkpoint
            self.export_meta_graph("%s.%s" % (checkpoint_file, meta_graph_suffix), graph=sess.graph)
        if write_state:
            self._record(path)
            checkpoint_management.update_checkpoint_state(
                save_dir, path, [p for p, _ in self._last_checkpoints], latest_filename
            )
            self._delete_old_checkpoints(meta_graph_suffix)
        return path

    def _record(self, path):
        if not self._max_to_keep:
            return
        self._last_checkpoints = [(p, t) for p, t in self._last_checkpoints if p != path]
        self._last_checkpoints.append((path, time.time()))
        self._to_delete = self._last_checkpoints[: -self._max_to_keep]
        self._last_checkpoints = self._last_checkpoints[-self._max_to_keep :]

    def _delete_old_checkpoints(self, meta_graph_suffix):
        for path, saved_at in getattr(self, "_to_delete", ()):
            if saved_at > self._next_keep_time:  # keep_checkpoint_every_n_hours keeps this one
                self._next_keep_time += self._keep_every_n_hours * 3600
                continue
            checkpoint_management.remove_checkpoint(path, meta_graph_suffix)
        self._to_delete = []

    @property
    def last_checkpoints(self):
        """The checkpoints this Saver keeps (and has not deleted), oldest first."""
        return [path for path, _ in self._last_checkpoints]

    def recover_last_checkpoints(self, checkpoint_paths):
        """Adopt `checkpoint_paths` (e.g. from get_checkpoint_state) as this Saver's list."""
        now = time.time()
        self._last_checkpoints = [
            (p, now) for p in checkpoint_paths if checkpoint_format.checkpoint_exists(p)
        ]

    def as_saver_def(self):
        return self.saver_def

    def export_meta_graph(
        self,
        filename=None,
        collection_list=None,
        as_text=False,
        export_scope=None,
        clear_devices=False,
        clear_extraneous_savers=False,
        strip_default_attrs=False,
        save_debug_info=False,
        graph=None,
    ):
        """Write the graph, this Saver and the collections as a MetaGraphDef (the .meta file)."""
        return meta_graph.export_meta_graph(
            filename=filename,
            saver_def=self.saver_def,
            collection_list=collection_list,
            as_text=as_text,
            graph=graph or get_default_graph(),
            export_scope=export_scope,
        )

    # -- restoring ------------------------------------------------------------------------------
    def restore(self, sess, save_path):
        """Give the variables in `sess` the values saved in checkpoint `save_path`."""
        if self._is_empty:
            return
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        prefix = str(save_path)
        if not checkpoint_format.checkpoint_exists(prefix):
            raise ValueError(
                "The passed save_path is not a valid checkpoint: "
                + prefix
                + _not_a_checkpoint_hint(prefix)
            )
        try:
            sess.run(self.saver_def.restore_op_name, {self.saver_def.filename_tensor_name: prefix})
        except errors.NotFoundError as err:
            raise _restore_error(
                err, "a Variable name or other graph key that is missing", prefix
            ) from None
        except errors.InvalidArgumentError as err:
            raise _restore_error(
                err, "a mismatch between the current graph and the graph", prefix
            ) from None


def _filename_placeholder(default, name):
    """`save/filename` ("model" unless fed) and `save/Const` (that, unless fed), as TF."""
    return apply_op(
        "PlaceholderWithDefault",
        [default],
        {"dtype": dtypes.string, "shape": TensorShape([])},
        name,
    )


def _saved_tensor(variable):
    """What SaveV2 writes: a reference variable itself (`w:0`), a resource variable's read."""
    return variable._ref() if variable.dtype._is_ref_dtype else variable._as_graph_element()


def _restore_one(variable, value):
    """The op restoring `variable`: `save/Assign` for a reference variable (shape checked when
    known, as TF), `save/AssignVariableOp` for a resource variable."""
    if variable.dtype._is_ref_dtype:
        return ref_variable.assign(
            variable, value, validate_shape=variable.shape.is_fully_defined()
        )
    return variable.assign(value, read_value=False, name="AssignVariableOp")


def _names_to_variables(var_list):
    """{checkpoint key: Variable} from None (all global variables), a list, or a dict."""
    if var_list is None:
        var_list = get_default_graph().get_collection(GraphKeys.GLOBAL_VARIABLES)
    if isinstance(var_list, dict):
        pairs = list(var_list.items())
    else:
        pairs = [(getattr(v, "op", None) and v.op.name, v) for v in var_list]
    result = {}
    for key, variable in pairs:
        if not isinstance(variable, Variable):
            raise TypeError(
                "Variable to save is not a Variable: %s\n(learntf: a Saver saves "
                "tf.Variables; a tensor is recomputed, not stored.)" % (variable,)
            )
        if key in result:
            raise ValueError("At least two variables have the same name: %s" % key)
        result[key] = variable
    return result


def _with_scope(saver_def, scope):
    if not scope:
        return saver_def
    prefix = scope if scope.endswith("/") else scope + "/"
    return meta_graph.SaverDef(
        filename_tensor_name=prefix + saver_def.filename_tensor_name,
        save_tensor_name=prefix + saver_def.save_tensor_name,
        restore_op_name=prefix + saver_def.restore_op_name,
        max_to_keep=saver_def.max_to_keep,
        keep_checkpoint_every_n_hours=saver_def.keep_checkpoint_every_n_hours,
        version=saver_def.version,
    )


def _not_a_checkpoint_hint(prefix):
    directory = os.path.dirname(prefix) or "."
    if os.path.isfile(prefix):
        for suffix in (".index", ".meta", ".data-00000-of-00001"):
            if prefix.endswith(suffix):
                return (
                    "\n(learntf: that is one of a checkpoint's files; pass the checkpoint's "
                    "prefix, the path saver.save() returned: %r.)" % prefix[: -len(suffix)]
                )
    found = (
        sorted(name[: -len(".index")] for name in os.listdir(directory) if name.endswith(".index"))
        if os.path.isdir(directory)
        else []
    )
    listing = (
        "Checkpoints in %s: %s." % (directory, ", ".join(found))
        if found
        else "There is no checkpoint in %s." % directory
    )
    return (
        "\n(learntf: a checkpoint is named by the prefix saver.save() returned, and "
        "%s.index does not exist. %s tf.train.latest_checkpoint(dir) gives the newest.)"
        % (prefix, listing)
    )


def _restore_error(err, cause, prefix):
    message = (
        "Restoring from checkpoint failed. This is most likely due to %s from the "
        "checkpoint. Please ensure that you have not altered the graph expected based on "
        "the checkpoint. Original error:\n\n%s" % (cause, err.message)
    )
    try:
        reader = checkpoint_format.CheckpointReader(prefix)
        shapes, types = reader.get_variable_to_shape_map(), reader.get_variable_to_dtype_map()
        held = ", ".join("%s (%s %s)" % (k, types[k].name, shapes[k]) for k in sorted(shapes))
        message += "\nlearntf: checkpoint %s holds %s." % (prefix, held)
        if isinstance(err, errors.NotFoundError):
            message += (
                " Keys are the variables' names when they were saved; to load a key "
                "into a variable named differently, map it: tf.train.Saver({'%s': "
                "variable})." % (sorted(shapes) or ["key"])[0]
            )
        else:
            message += " Build each variable with the shape and dtype it had when it was saved."
    except errors.OpError:
        pass
    error = type(err)(err.node_def, err.op, message)
    return error


# -- meta graphs ----------------------------------------------------------------------------------
def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    """`tf.train.import_meta_graph`: add a saved graph (ops, collections, variables) to the
    default graph; return a Saver for its variables (None if it has none)."""
    if executing_eagerly():
        raise RuntimeError(
            "Exporting/importing meta graphs is not supported when eager "
            "execution is enabled. No graph exists when eager execution is "
            "enabled."
        )
    meta = meta_graph_or_file
    if not isinstance(meta, meta_graph.MetaGraphDef):
        meta = meta_graph.read_meta_graph_file(meta_graph_or_file)
    variables = meta_graph.import_scoped_meta_graph(
        meta,
        clear_devices=clear_devices,
        import_scope=import_scope,
        input_map=kwargs.get("input_map"),
    )
    if meta.saver_def is not None and meta.saver_def.restore_op_name:
        return Saver(saver_def=meta.saver_def, name=import_scope)
    if variables:
        return Saver(list(variables.values()))
    return None


# `tf.train.export_meta_graph` is the serializer itself (learntf/serialization/meta_graph.py).
export_meta_graph = meta_graph.export_meta_graph
