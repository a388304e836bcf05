"""The core of the engine: graphs and tensors, the op registry, `apply_op`, eager execution
and the execution context (which mode runs, which graph is the default)."""
