"""`GradientTape.batch_jacobian`: the jacobian of each example of a batch (lesson 18's tape).

For a target [b, y...] whose example i depends only on example i of a source [b, x...], the
full jacobian [b, y..., b, x...] is zero off its diagonal blocks.  `batch_jacobian` computes
only those blocks, [b, y..., x...], with one gradient per element of an example: the seed is
one at that element of every example at once (TF loops over the same rows, vectorized).
The machinery is the tape's own (`gradient` with output_gradients); this module, imported by
the package, attaches the method to GradientTape.
"""

import numpy as np

from learntf.eager.tape import GradientTape
from learntf.framework.execute import EagerTensor
from learntf.framework.op_registry import library


def batch_jacobian(
    self,
    target,
    source,
    unconnected_gradients="none",
    parallel_iterations=None,
    experimental_use_pfor=True,
):
    """d(target[b, i...])/d(source[b, j...]) for each example b: shape [b, y..., x...]."""
    if self._used and not self._persistent:
        raise RuntimeError(
            "A non-persistent GradientTape can only be used to"
            "compute one set of gradients (or jacobians)"
        )
    target_shape, source_shape = target.shape, source.shape
    if target_shape.rank == 0:  # (TF reads the target's first dimension before checking)
        raise IndexError(
            "list index out of range\n(learntf: batch_jacobian needs a target of rank 2 or "
            "more, [batch, ...]; for a scalar target use tape.gradient.)"
        )
    for shape in (target_shape, source_shape):
        if shape.rank is not None and shape.rank < 2:  # (TF's with_rank_at_least)
            raise ValueError("Shape %s must have rank at least 2" % shape)
    if not target_shape[:1].is_compatible_with(source_shape[:1]):
        raise ValueError(
            "Need first dimension of target shape (%s) and source shape (%s) to match."
            % (target_shape, source_shape)
        )
    if not experimental_use_pfor and not self._persistent:
        raise RuntimeError(
            "GradientTape must be created with persistent=True to compute the batch_jacobian "
            "with eager execution enabled and  with experimental_use_pfor set to False."
        )
    # the shapes: an eager tensor's, or (inside tf.function) the static ones, fully known
    target_dims, source_dims = _dims(target), _dims(source)
    batch = target_dims[0]
    rows = int(np.prod(target_dims)) // batch if batch else 0
    persistent, self._persistent = self._persistent, True
    try:
        grads = []
        for i in range(rows):
            seed = np.zeros((batch, rows), dtype=target.dtype.np)
            seed[:, i] = 1
            seed = seed.reshape(target_dims)  # (made a tensor like the target by the tape)
            grads.append(self.gradient(target, source, seed, unconnected_gradients))
            self._used = False
    finally:
        self._persistent = persistent
        self._used = True
    shape = list(target_dims) + list(source_dims)[1:]
    if not grads or grads[0] is None:  # as TF: zeros, whatever unconnected_gradients says
        return library.zeros(shape, target.dtype)
    return library.reshape(library.stack(grads, axis=1), shape)  # [b, rows, x...] -> shape


def _dims(tensor):
    if type(tensor) is EagerTensor:
        return list(np.shape(tensor._value))
    if not tensor.shape.is_fully_defined():
        raise NotImplementedError(
            "learntf computes batch_jacobian inside tf.function only for shapes known when "
            "tracing; %s has shape %s.\n(learntf: give the tf.function an input_signature "
            "with full shapes, or compute the jacobian eagerly.)" % (tensor.name, tensor.shape)
        )
    return tensor.shape.as_list()


GradientTape.batch_jacobian = batch_jacobian
