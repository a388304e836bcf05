"""tf.sequence_mask, tf.boolean_mask and tf.repeat: TensorFlow builds them from ordinary ops.

None of the three is a kernel of its own in TensorFlow; each is a small recipe of other ops, and
learntf follows the same recipe so that a graph holds the nodes TensorFlow's holds (unit 16's
ragged tensors use all three to find which row each value is in):

    sequence_mask([3, 1], 4)       Range(0, 4) < [[3], [1]]       ->  [[T T T F] [T F F F]]
    boolean_mask(x, mask)          Gather(x, Squeeze(Where(mask)))  the rows where mask is True
    repeat([7, 8], [3, 1], 0)      Tile each value max(repeats) times, then keep a
                                   sequence_mask(repeats) of them  ->  [7 7 7 8]
"""

from learntf import dtypes
from learntf.framework import context
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.ops import array_ops, math_ops


def _all_dimensions(x):
    """[0, 1, ..., rank - 1]: the axes to reduce over for a reduction of every element."""
    if x.shape.rank is not None:
        return constant(list(range(x.shape.rank)), dtype=dtypes.int32)
    return apply_op("Range", [0, array_ops.rank(x), 1], {}, "Range")


def max_of_all(x):
    """The largest element (a bare `Max` op over every axis, as TF's gen_math_ops._max)."""
    return apply_op("Max", [x, _all_dimensions(x)], {"keep_dims": False}, "Max")


def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool_, name=None):
    """mask[i, j] is True for the first lengths[i] positions j of each row (maxlen columns)."""
    with name_scope(name, "SequenceMask", [lengths, maxlen]):
        lengths = convert_to_tensor(lengths)
        if maxlen is None:
            maxlen = max_of_all(lengths)
            maxlen = math_ops.maximum(constant(0, dtype=maxlen.dtype), maxlen)
        else:
            maxlen = convert_to_tensor(maxlen)
        if maxlen.shape.rank not in (None, 0):
            raise ValueError(
                "Argument `maxlen` must be scalar for sequence_mask, received "
                "`maxlen` = %s with shape '%s' instead" % (maxlen, maxlen.shape)
            )
        row_vector = apply_op(
            "Range",
            [constant(0, dtype=maxlen.dtype), maxlen, constant(1, dtype=maxlen.dtype)],
            {},
            "Range",
        )
        matrix = _cast_always(array_ops.expand_dims(lengths, -1), maxlen.dtype)
        result = row_vector < matrix
        dtype = dtypes.as_dtype(dtype)
        return result if dtype is dtypes.bool_ else _cast_always(result, dtype)


def _cast_always(x, dtype):
    """One `Cast` op even when x already has `dtype` (TF's gen_math_ops.cast, not math_ops.cast,
    which would skip it)."""
    return apply_op("Cast", [x], {"DstT": dtypes.as_dtype(dtype), "Truncate": False}, "Cast")


def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """The entries of `tensor` where `mask` is True (NumPy's tensor[mask]), flattening the
    masked axes into one: reshape so they are one axis, then gather where the mask is True."""
    with name_scope(name, "boolean_mask", [tensor, mask]):
        tensor = convert_to_tensor(tensor, name="tensor")
        mask = convert_to_tensor(mask, name="mask")
        mask_rank = mask.shape.rank
        if mask_rank == 0:
            raise ValueError("mask cannot be scalar.")
        if mask_rank is None:
            raise ValueError(
                "Number of mask dimensions must be specified, even if some "
                "dimensions are None.  E.g. shape=[None] is ok, but shape=None "
                "is not."
            )
        axis = 0 if axis is None else int(axis)
        static = tensor.shape
        if static.rank is not None:
            static[axis : axis + mask_rank].assert_is_compatible_with(mask.shape)
        leading_size = apply_op(
            "Prod",
            [array_ops.shape(tensor)[axis : axis + mask_rank], [0]],
            {"keep_dims": False},
            "Prod",
        )
        tensor = array_ops.reshape(
            tensor,
            array_ops.concat(
                [
                    array_ops.shape(tensor)[:axis],
                    [leading_size],
                    array_ops.shape(tensor)[axis + mask_rank :],
                ],
                0,
            ),
        )
        if static.rank is not None:  # what TF's Python knows, even when Reshape's inference not
            _set_shape(
                tensor,
                static[:axis]
                .concatenate([static[axis : axis + mask_rank].num_elements()])
                .concatenate(static[axis + mask_rank :]),
            )
        mask = array_ops.reshape(mask, [-1])
        indices = array_ops.squeeze(array_ops.where_v2(mask), axis=[1])
        return array_ops.gather(tensor, indices, axis=axis)


def _set_shape(tensor, shape):
    """Tell a graph tensor its static shape (an eager tensor knows its own)."""
    if not context.executing_eagerly():
        tensor.set_shape(shape)


def _tile_one_dimension(data, axis, multiple):
    """`data` tiled `multiple` times along `axis` only."""
    multiples = [1] * data.shape.rank
    multiples[axis] = multiple
    return array_ops.tile(data, multiples)


def repeat_with_axis(data, repeats, axis, name=None):
    """Each slice of `data` along `axis` repeated repeats[i] times (TF's recipe: tile every
    slice max(repeats) times, then keep the first repeats[i] copies of slice i)."""
    if not isinstance(axis, int):
        raise TypeError(
            "Argument `axis` must be an int. Received `axis` = %s of type %s"
            % (axis, type(axis).__name__)
        )
    with name_scope(name, "Repeat", [data, repeats]):
        data = convert_to_tensor(data, name="data")
        repeats = convert_to_int_tensor(repeats, "repeats")
        if data.shape.rank == 0:
            data = array_ops.stack([data])
        data_shape = array_ops.shape(data, out_type=repeats.dtype)
        axis = axis + data.shape.rank if axis < 0 else axis
        if repeats.shape.num_elements() == 1:
            repeats = array_ops.reshape(repeats, [])
            tiled = _tile_one_dimension(array_ops.expand_dims(data, axis + 1), axis + 1, repeats)
            return array_ops.reshape(
                tiled,
                array_ops.concat(
                    [data_shape[:axis], [repeats * data_shape[axis]], data_shape[axis + 1 :]], 0
                ),
            )
        repeats_original = repeats
        repeats = array_ops.broadcast_to(repeats, [data_shape[axis]])
        if repeats.shape.rank != axis + 1:  # one count per slice of the axes up to `axis`
            broadcast_shape = array_ops.concat(
                [data_shape[: axis + 1 - array_ops.rank(repeats)], array_ops.shape(repeats)], 0
            )
            repeats = array_ops.broadcast_to(repeats, broadcast_shape)
            _set_shape(repeats, [None] * (axis + 1))
        max_repeat = max_of_all(repeats)
        max_repeat = math_ops.maximum(
            convert_to_tensor(0, name="zero", dtype=max_repeat.dtype), max_repeat
        )
        mask = sequence_mask(repeats, max_repeat)
        tiled = _tile_one_dimension(array_ops.expand_dims(data, axis + 1), axis + 1, max_repeat)
        result = boolean_mask(tiled, mask)  # also flattens the axes up to `axis`
        if axis > 0:  # put the outer axes back
            every_axis = apply_op("Range", [0, array_ops.rank(repeats_original), 1], {}, "Range")
            repeated_size = apply_op(
                "Sum", [repeats_original, every_axis], {"keep_dims": False}, "Sum"
            )
            result = array_ops.reshape(
                result,
                array_ops.concat([data_shape[:axis], [repeated_size], data_shape[axis + 1 :]], 0),
            )
        if data.shape.rank is not None:
            new_axis_size = 0 if repeats.shape[0] == 0 else None
            _set_shape(
                result,
                data.shape[:axis].concatenate([new_axis_size]).concatenate(data.shape[axis + 1 :]),
            )
        return result


def convert_to_int_tensor(value, name, dtype=dtypes.int32):
    """An integer tensor cast to int32 (or `dtype`): always one Cast, as TF's
    convert_to_int_tensor, even when it has that dtype already."""
    value = convert_to_tensor(value, name=name, preferred_dtype=dtype)
    if not value.dtype.is_integer:
        raise TypeError(
            "Argument `tensor` (name: %s) must be of type integer. Received "
            "`tensor` = %s of dtype: %s" % (name, value, value.dtype.name)
        )
    return _cast_always(value, dtype)


def repeat(input, repeats, axis=None, name=None):  # TF's name
    """`tf.repeat`: each element (axis None: of the flattened input) repeated repeats times."""
    if axis is None:
        input = array_ops.reshape(input, [-1])
        axis = 0
    return repeat_with_axis(input, repeats, axis, name)
