"""`tf.train`: optimizers and the global step (lesson 04), checkpoints (lesson 06)."""
from learntf.train.optimizers import (AdamOptimizer, GradientDescentOptimizer,  # noqa: F401
                                      MomentumOptimizer, Optimizer)
from learntf.train.global_step import (create_global_step, get_global_step,  # noqa: F401
                                       get_or_create_global_step, global_step)
from learntf.summary.writer import summary_iterator  # noqa: F401  (reads event files)
