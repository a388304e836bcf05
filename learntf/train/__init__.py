"""`tf.train`: optimizers and the global step (lesson 05), checkpoints (lessons 07-09), TF 2's
object-based checkpoints (`Checkpoint`, `CheckpointManager`)."""

from learntf.serialization.graph_io import write_graph
from learntf.summary.writer import summary_iterator  # reads event files
from learntf.train.checkpoint import Checkpoint, CheckpointOptions
from learntf.train.checkpoint_management import (
    NewCheckpointReader,
    checkpoint_exists,
    get_checkpoint_state,
    latest_checkpoint,
    list_variables,
    load_checkpoint,
    load_variable,
    update_checkpoint_state,
)
from learntf.train.checkpoint_manager import CheckpointManager
from learntf.train.coordinator import Coordinator
from learntf.train.global_step import (
    create_global_step,
    get_global_step,
    get_or_create_global_step,
    global_step,
)
from learntf.train.learning_rate_decay import (
    cosine_decay,
    exponential_decay,
    inverse_time_decay,
    natural_exp_decay,
    piecewise_constant,
    polynomial_decay,
)
from learntf.train.optimizers import (
    AdadeltaOptimizer,
    AdagradOptimizer,
    AdamOptimizer,
    GradientDescentOptimizer,
    MomentumOptimizer,
    Optimizer,
    RMSPropOptimizer,
)
from learntf.train.proximal_optimizers import (
    FtrlOptimizer,
    ProximalAdagradOptimizer,
    ProximalGradientDescentOptimizer,
)
from learntf.train.saver import Saver, export_meta_graph, import_meta_graph


def __getattr__(name):
    if name == "CheckpointState":  # TF's message class: protobuf loads on first use
        from learntf.train import checkpoint_management

        return checkpoint_management.CheckpointState
    raise AttributeError("module %r has no attribute %r" % (__name__, name))
