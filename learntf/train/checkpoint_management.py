"""The `checkpoint` bookkeeping file, and finding and reading checkpoints (lessons 07 and 08).

Every save updates a small text file named `checkpoint` in the checkpoint's directory (a
`CheckpointState` protocol buffer in text form):

    model_checkpoint_path: "model.ckpt-1000"
    all_model_checkpoint_paths: "model.ckpt-433"
    all_model_checkpoint_paths: "model.ckpt-858"
    all_model_checkpoint_paths: "model.ckpt-1000"

The first line names the newest checkpoint, the others every checkpoint the Saver still keeps,
oldest first; paths are relative to the directory unless they were saved as absolute paths.
`tf.train.latest_checkpoint(dir)` reads it.  The message is TF's (declared in
learntf/serialization/tf_protos.py), written by protobuf's text_format as TF writes it.  It is
replaced atomically (written beside, then renamed), so a crash never leaves half of it.
"""

import glob
import os

from learntf.framework.file_io import atomic_write
from learntf.serialization.graph_io import message_bytes
from learntf.serialization.tf_protos import parse_text, protos
from learntf.train import checkpoint_format


def __getattr__(name):
    if name == "CheckpointState":  # TF's message (tf_protos.py declares it), on first use
        return protos().checkpoint_state_pb2.CheckpointState
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def _state_path(save_dir, latest_filename):
    return os.path.join(save_dir, latest_filename or "checkpoint")


def update_checkpoint_state(
    save_dir,
    model_checkpoint_path,
    all_model_checkpoint_paths=None,
    latest_filename=None,
    all_model_checkpoint_timestamps=None,
    last_preserved_timestamp=None,
):
    """Rewrite `save_dir/checkpoint`: the newest checkpoint, and all those kept (oldest first),
    with the times they were saved and the time of the last one kept for good when given (TF 2's
    CheckpointManager gives them, TF 1's Saver does not)."""
    paths = list(all_model_checkpoint_paths or [])
    if not paths or paths[-1] != model_checkpoint_path:
        paths.append(model_checkpoint_path)
    if not os.path.isabs(save_dir):  # store paths relative to the directory, as TF does
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        paths = [p if os.path.isabs(p) else os.path.relpath(p, save_dir) for p in paths]
    state_path = _state_path(save_dir, latest_filename)
    if state_path == model_checkpoint_path:
        raise RuntimeError(
            "Save path '%s' conflicts with path used for checkpoint state.  Please "
            "use a different save path." % model_checkpoint_path
        )
    state = protos().checkpoint_state_pb2.CheckpointState(
        model_checkpoint_path=model_checkpoint_path,
        all_model_checkpoint_paths=paths,
        all_model_checkpoint_timestamps=all_model_checkpoint_timestamps or [],
        last_preserved_timestamp=last_preserved_timestamp or 0.0,
    )
    atomic_write(state_path, message_bytes(state, as_text=True))


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The CheckpointState in `checkpoint_dir` (relative paths joined to it), or None."""
    path = _state_path(checkpoint_dir, latest_filename)
    if not os.path.isfile(path):
        return None
    from google.protobuf import text_format

    try:
        with open(path, encoding="utf-8") as handle:
            state = parse_text(handle.read(), protos().checkpoint_state_pb2.CheckpointState())
    except (text_format.ParseError, UnicodeDecodeError):
        return None  # TF logs a warning and ignores an unreadable state file
    if not state.model_checkpoint_path:
        raise ValueError("Invalid checkpoint state loaded from " + checkpoint_dir)

    def absolute(p):
        return p if os.path.isabs(p) else os.path.join(checkpoint_dir, p)

    state.model_checkpoint_path = absolute(state.model_checkpoint_path)
    paths = [absolute(p) for p in state.all_model_checkpoint_paths]
    state.ClearField("all_model_checkpoint_paths")
    state.all_model_checkpoint_paths.extend(paths)
    return state


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The prefix of the newest checkpoint in `checkpoint_dir`, or None if there is none."""
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state and checkpoint_format.checkpoint_exists(state.model_checkpoint_path):
        return state.model_checkpoint_path
    return None


def checkpoint_exists(checkpoint_prefix):
    return checkpoint_format.checkpoint_exists(checkpoint_prefix)


def remove_checkpoint(checkpoint_prefix, meta_graph_suffix="meta"):
    """Delete the files of one checkpoint: its index, data and meta graph files."""
    escaped = glob.escape(checkpoint_prefix)
    for path in [
        checkpoint_format.index_path(checkpoint_prefix),
        "%s.%s" % (checkpoint_prefix, meta_graph_suffix),
    ] + glob.glob(escaped + ".data-?????-of-?????"):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


# -- reading checkpoints --------------------------------------------------------------------------
def load_checkpoint(ckpt_dir_or_file):
    """A CheckpointReader for a checkpoint prefix, or for the newest checkpoint of a directory."""
    return checkpoint_format.CheckpointReader(_prefix_of(ckpt_dir_or_file))


NewCheckpointReader = load_checkpoint


def list_variables(ckpt_dir_or_file):
    """[(key, shape), ...] of every tensor in the checkpoint, sorted by key."""
    reader = load_checkpoint(ckpt_dir_or_file)
    shapes = reader.get_variable_to_shape_map()
    return [(key, shapes[key]) for key in sorted(shapes)]


def load_variable(ckpt_dir_or_file, name):
    """The saved value of `name` (a NumPy array) in the checkpoint."""
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)


def _prefix_of(ckpt_dir_or_file):
    if os.path.isdir(ckpt_dir_or_file):
        prefix = latest_checkpoint(ckpt_dir_or_file)
        if prefix is None:
            raise ValueError(
                "Couldn't find 'checkpoint' file or checkpoints in given "
                "directory %s" % ckpt_dir_or_file
            )
        return prefix
    return ckpt_dir_or_file
