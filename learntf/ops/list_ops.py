"""TensorLists: a list of tensors held in one `variant` tensor, as TF's list ops make them.

TensorFlow 2 builds `tf.TensorArray` in a graph (ops/tensor_array_ops.py) and the
accumulators of a while loop's gradient on these ops.  A list is a value, like a number: every
op that "changes" a list returns a new list and leaves its input alone, so a graph can keep the
list after each write (that is what a TensorArray's `flow` tensor is)::

    empty = EmptyTensorList(element_shape=[2], max_num_elements=-1, element_dtype=float)
    one   = TensorListPushBack(empty, [1., 2.])            # empty still has 0 elements
    rest, last = TensorListPopBack(one, element_shape=-1)  # [1., 2.] and an empty list again

Inside a kernel a list is a `TensorList` (below): a tuple of NumPy arrays, `None` for an
element never written (TF's "uninitialized" element, read as zeros when its shape is known),
with the element dtype and the element shape every element must fit.  `element_shape` inputs
are int32/int64 tensors: -1 for "any shape", else one entry per dimension, -1 for any size.

Gradients run the other way through the same ops (PushBack's gradient pops, GetItem's sets an
item of a list of zeros); lists of gradients are added element by element (AddN) and
zeros_like of a list keeps its length (ZerosLike): TF's variant rules for TensorLists.

In a graph, TF remembers on each list tensor the element shape and dtype it carries ("handle
data"), so reading an element gets a static shape; `element_shape_of`/`copy_handle_data`
below keep that record for learntf's graphs (a while loop copies it onto its loop variables).
"""

import weakref

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import ShapeError, apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.op_registry import (
    no_gradient_in_tensorflow,
    not_differentiable,
    register_gradient,
    register_op,
)
from learntf.framework.tensor_shape import TensorShape
from learntf.framework.tensor_util import constant_value_as_shape, inferred_value
from learntf.ops import array_ops

_SCALAR = TensorShape([])


class TensorList:
    """One list value, never changed after it is made: `items` (a tuple of NumPy arrays, None
    for an element not written yet), `element_dtype`, `element_shape` (a TensorShape that may
    be partial) and `max_num_elements` (-1: no limit)."""

    __slots__ = ("items", "element_dtype", "element_shape", "max_num_elements")

    # A list is itself a scalar variant value, so it can be an element of another list (a
    # while loop's gradient accumulates the accumulators of an inner loop).
    dtype = dtypes.variant
    shape = ()

    def __init__(self, items, element_dtype, element_shape, max_num_elements=-1):
        self.items = tuple(items)
        self.element_dtype = element_dtype
        self.element_shape = element_shape
        self.max_num_elements = max_num_elements

    def replace(self, items):
        """The same kind of list holding `items`."""
        return TensorList(items, self.element_dtype, self.element_shape, self.max_num_elements)

    def __repr__(self):
        return "<TensorList>"  # (how TF shows a list tensor's value)

    # AddN of two lists of gradients (TF's TensorListBinaryAdd): element by element, an
    # element not written counting as zeros.
    def __add__(self, other):
        if self.element_dtype is not other.element_dtype:
            raise _invalid(
                "Trying to add two lists of tensors of different dtypes. One is %s and "
                "the other is %s" % (self.element_dtype.name, other.element_dtype.name)
            )
        if len(self.items) != len(other.items):
            raise _invalid(
                "Trying to add two lists of tensors with different lengths. One is %d and "
                "the other is %d" % (len(self.items), len(other.items))
            )
        items = [
            b if a is None else a if b is None else a + b for a, b in zip(self.items, other.items)
        ]
        return self.replace(items)

    def zeros_like(self):
        """ZerosLike of a list: as long, each written element zeros of its shape."""
        return self.replace(
            None if a is None else a.zeros_like() if isinstance(a, TensorList) else np.zeros_like(a)
            for a in self.items
        )


# -- handle data: the element shape a list tensor carries in a graph ----------------------------
_HANDLE_DATA = {}  # id(graph tensor) -> (weak reference to it, element dtype, element shape)


def element_shape_of(tensor):
    """The element shape list tensor `tensor` is known to carry (unknown if not known)."""
    value = getattr(tensor, "_value", None)
    if isinstance(value, TensorList):  # an eager list: its value says
        return value.element_shape
    entry = _handle_data(tensor)
    return TensorShape(None) if entry is None else entry[2]


def _handle_data(tensor):
    """(reference, element dtype, element shape) known for a graph list tensor, or None.  An
    Identity passes its input's on, and so does a placeholder that captured an outer tensor
    (in a tf.function, a tf.cond branch or a loop body), as TF copies handle data onto it."""
    entry = _HANDLE_DATA.get(id(tensor))
    if entry is not None and entry[0]() is tensor:
        return entry
    op = getattr(tensor, "op", None)
    if op is None:
        return None
    if op.type == "Identity":
        return _handle_data(op.inputs[0])
    if op.type == "Placeholder":
        for outer, placeholder in getattr(op.graph, "captures", ()):
            if placeholder is tensor:
                value = getattr(outer, "_value", None)
                if isinstance(value, TensorList):
                    return (None, value.element_dtype, value.element_shape)
                return _handle_data(outer)
    return None


def _set_handle_data(tensor, element_dtype, element_shape):
    if hasattr(tensor, "op"):  # (a graph tensor; an eager list carries its own)
        key = id(tensor)
        reference = weakref.ref(tensor, lambda dead: _forget(key, dead))
        _HANDLE_DATA[key] = (reference, element_dtype, element_shape)


def _forget(key, dead_reference):
    """A list tensor is gone: drop its entry (unless its id already names a new tensor)."""
    entry = _HANDLE_DATA.get(key)
    if entry is not None and entry[0] is dead_reference:
        del _HANDLE_DATA[key]


def copy_handle_data(source, target):
    """Give `target` (e.g. a while loop's output) the handle data of list tensor `source`."""
    entry = _handle_data(source)
    if entry is not None:
        _set_handle_data(target, entry[1], entry[2])


def _invalid(message):
    """The InvalidArgumentError a list kernel raises (TF's words, then learntf's hint)."""
    return errors.InvalidArgumentError(None, None, message)


# -- element_shape inputs ----------------------------------------------------------------------
def _shape_from_value(value):
    """A kernel's element_shape input (-1, or a vector with -1 for unknown dims) as a shape."""
    value = np.asarray(value)
    if value.ndim == 0:
        if value != -1:
            raise _invalid(
                "The only valid scalar shape tensor is the fully unknown shape specified as -1."
            )
        return TensorShape(None)
    return TensorShape([None if d < 0 else int(d) for d in value.reshape(-1)])


def _static_shape(tensor):
    """The element shape an element_shape input describes, as far as known while building."""
    if tensor.shape.rank == 0:
        return TensorShape(None)  # -1, or a scalar not known yet
    shape = constant_value_as_shape(tensor)
    value = inferred_value(tensor)
    return shape if value is None else shape.merge_with(_shape_from_value(value))


def _merged(list_tensor, element_shape_input):
    """What an element read from a list has as static shape: the element_shape input merged
    with the list's handle data."""
    shape = _static_shape(element_shape_input)
    known = element_shape_of(list_tensor)
    if not shape.is_compatible_with(known):
        if not hasattr(list_tensor, "op"):  # eager: the kernel says it, in TF's words
            return shape
        raise ShapeError(
            "Incompatible shapes during merge: %s vs. %s" % (shape.proto_str(), known.proto_str())
        )
    return shape.merge_with(known)


def _check_shape_tensor(tensor):
    if tensor.dtype not in (dtypes.int32, dtypes.int64):
        raise TypeError(
            "element_shape must be an int32 or int64 tensor, got %s. (learntf: pass a list "
            "of ints, -1 for an unknown size, or -1 alone for any shape)" % tensor.dtype.name
        )
    if tensor.shape.rank is not None and tensor.shape.rank > 1:
        raise ShapeError(
            "Shape must be at most rank 1 but is rank %d" % tensor.shape.rank,
            "element_shape is -1 or a vector of sizes",
        )


def _check_dtype(op_dtype, list_dtype):
    if op_dtype is not list_dtype:
        raise _invalid(
            "Invalid data types; op elements %s but list elements %s\n(learntf: the "
            "element_dtype of the op and of the list differ)"
            % (op_dtype.proto_name, list_dtype.proto_name)
        )


def _element(lst, index, shape_hint, reading="read"):
    """Element `index` of a list; an element never written reads as zeros of the element
    shape (the list's, merged with `shape_hint`), which must then be fully known."""
    item = lst.items[index]
    if item is not None:
        return item
    shape = lst.element_shape.merge_with(shape_hint)
    if not shape.is_fully_defined():  # maybe another element tells the shape
        written = [a for a in lst.items if a is not None]
        if written:
            shape = shape.merge_with(TensorShape.from_numpy(written[0].shape))
    if not shape.is_fully_defined():
        if reading == "pop":
            message = (
                "Trying to read an uninitialized tensor but element_shape is not fully defined.%s"
                % shape.proto_str()
            )
        else:
            message = (
                "Trying to read an uninitialized tensor but element_shape is not fully defined: "
                "%s and no list element is set." % shape.proto_str()
            )
        raise _invalid(
            message + "\n(learntf: the element was never written and its shape is not known; "
            "give the list a full element_shape, or write the element first)"
        )
    return np.zeros(shape.as_list(), lst.element_dtype.np)


def _check_fits(value, lst, message):
    shape = TensorShape.from_numpy(value.shape)
    if not lst.element_shape.is_compatible_with(shape):
        raise _invalid(
            message % (shape.proto_str(), lst.element_shape.proto_str())
            + "\n(learntf: every element of a list must fit the list's element_shape)"
        )


def _variant():
    return [(dtypes.variant, _SCALAR)]


# -- EmptyTensorList(element_shape, max_num_elements) -----------------------------------------
def _empty_infer(element_shape, max_num_elements, element_dtype, shape_type=None):
    _check_shape_tensor(element_shape)
    return _variant()


def _empty_kernel(element_shape, max_num_elements, element_dtype, shape_type=None):
    return TensorList((), element_dtype, _shape_from_value(element_shape), int(max_num_elements))


register_op(
    "EmptyTensorList",
    ["element_shape", "max_num_elements"],
    _empty_infer,
    _empty_kernel,
    type_attr=None,
)


# -- TensorListReserve(element_shape, num_elements): num_elements unwritten elements ------------
def _reserve_kernel(element_shape, num_elements, element_dtype, shape_type=None):
    if num_elements < 0:
        raise _invalid(
            "The num_elements to reserve must be a non negative number, but got %d" % num_elements
        )
    shape = _shape_from_value(element_shape)
    return TensorList([None] * int(num_elements), element_dtype, shape)


register_op(
    "TensorListReserve",
    ["element_shape", "num_elements"],
    _empty_infer,
    _reserve_kernel,
    type_attr=None,
)


# -- TensorListFromTensor(tensor, element_shape): the rows of a tensor --------------------------
def _from_tensor_infer(tensor, element_shape, element_dtype=None, shape_type=None):
    _check_shape_tensor(element_shape)
    if tensor.shape.rank == 0 and hasattr(tensor, "op"):  # (eager: the kernel's words)
        raise ShapeError("Shape must be at least rank 1 but is rank 0")
    return _variant()


def _from_tensor_kernel(tensor, element_shape, element_dtype=None, shape_type=None):
    if np.ndim(tensor) == 0:
        raise _invalid("Tensor must be at least a vector, but saw shape: []")
    shape = _shape_from_value(element_shape)
    rows = TensorShape.from_numpy(np.shape(tensor)[1:])
    if not shape.is_compatible_with(rows):
        raise _invalid(
            "Specified a list with shape %s from a tensor with shape %s"
            % (shape.proto_str(), rows.proto_str())
        )
    dtype = dtypes.as_dtype(tensor.dtype)
    return TensorList(list(tensor), dtype, shape)


register_op(
    "TensorListFromTensor",
    ["tensor", "element_shape"],
    _from_tensor_infer,
    _from_tensor_kernel,
    type_attr=None,
)


# -- TensorListPushBack(input_handle, tensor) ---------------------------------------------------
def _push_back_infer(input_handle, tensor, element_dtype):
    return _variant()  # (TF checks the shape when the op runs)


def _push_back_kernel(input_handle, tensor, element_dtype):
    lst = input_handle
    _check_dtype(dtypes.as_dtype(tensor.dtype), lst.element_dtype)
    _check_fits(
        tensor,
        lst,
        "Tried to append a tensor with incompatible shape to a list. Op element shape: %s "
        "list shape: %s",
    )
    if 0 <= lst.max_num_elements <= len(lst.items):
        raise _invalid(
            "Tried to push item into a full list list size: %d max_num_elements: %d"
            % (len(lst.items), lst.max_num_elements)
        )
    return lst.replace(lst.items + (tensor,))


register_op(
    "TensorListPushBack",
    ["input_handle", "tensor"],
    _push_back_infer,
    _push_back_kernel,
    type_attr=None,
)


# -- TensorListPopBack(input_handle, element_shape) -> (output_handle, tensor) ------------------
def _pop_back_infer(input_handle, element_shape, element_dtype):
    return [(dtypes.variant, _SCALAR), (element_dtype, _merged(input_handle, element_shape))]


def _pop_back_kernel(input_handle, element_shape, element_dtype):
    lst = input_handle
    _check_dtype(element_dtype, lst.element_dtype)
    if not lst.items:
        raise _invalid(
            "Trying to pop from an empty list.\n(learntf: pop only as many elements as were pushed)"
        )
    item = _element(lst, -1, _shape_from_value(element_shape), reading="pop")
    return lst.replace(lst.items[:-1]), item


register_op(
    "TensorListPopBack",
    ["input_handle", "element_shape"],
    _pop_back_infer,
    _pop_back_kernel,
    num_outputs=2,
    type_attr=None,
)


# -- TensorListLength(input_handle) -> int32; TensorListElementShape(input_handle) ---------------
register_op(
    "TensorListLength",
    ["input_handle"],
    lambda input_handle: [(dtypes.int32, _SCALAR)],
    lambda input_handle: np.int32(len(input_handle.items)),
    type_attr=None,
)


def _element_shape_infer(input_handle, shape_type):
    known = element_shape_of(input_handle)
    return [
        (shape_type, TensorShape([known.rank]) if known.rank is not None else TensorShape(None))
    ]


def _element_shape_kernel(input_handle, shape_type):
    shape = input_handle.element_shape
    if shape.rank is None:
        return np.array(-1, shape_type.np)
    return np.array([-1 if d is None else d for d in shape.as_list()], shape_type.np)


register_op(
    "TensorListElementShape",
    ["input_handle"],
    _element_shape_infer,
    _element_shape_kernel,
    type_attr=None,
)


# -- TensorListGetItem(input_handle, index, element_shape) --------------------------------------
def _get_item_infer(input_handle, index, element_shape, element_dtype, Tshape=None):  # TF's names
    return [(element_dtype, _merged(input_handle, element_shape))]


def _get_item_kernel(input_handle, index, element_shape, element_dtype, Tshape=None):
    lst = input_handle
    _check_dtype(element_dtype, lst.element_dtype)
    index = int(index)
    if not 0 <= index < len(lst.items):
        raise _invalid(
            "Trying to access element %d in a list with %d elements.\n(learntf: valid "
            "indices are 0 to the length - 1)" % (index, len(lst.items))
        )
    return _element(lst, index, _shape_from_value(element_shape))


register_op(
    "TensorListGetItem",
    ["input_handle", "index", "element_shape"],
    _get_item_infer,
    _get_item_kernel,
    type_attr=None,
)


# -- TensorListSetItem(input_handle, index, item) -----------------------------------------------
def _set_item_infer(input_handle, index, item, element_dtype, resize_if_index_out_of_bounds=False):
    return _variant()


def _set_item_kernel(input_handle, index, item, element_dtype, resize_if_index_out_of_bounds=False):
    lst = input_handle
    _check_dtype(dtypes.as_dtype(item.dtype), lst.element_dtype)
    index = int(index)
    items = list(lst.items)
    if resize_if_index_out_of_bounds and index >= len(items):
        items.extend([None] * (index + 1 - len(items)))
    if not 0 <= index < len(items):
        raise _invalid(
            "Trying to modify element %d in a list with %d elements.\n(learntf: valid "
            "indices are 0 to the length - 1)" % (index, len(lst.items))
        )
    _check_fits(
        item,
        lst,
        "Tried to set a tensor with incompatible shape at a list index. Item element shape: "
        "%s list shape: %s",
    )
    items[index] = item
    return lst.replace(items)


register_op(
    "TensorListSetItem",
    ["input_handle", "index", "item"],
    _set_item_infer,
    _set_item_kernel,
    type_attr=None,
)


# -- TensorListResize(input_handle, size) -------------------------------------------------------
def _resize_kernel(input_handle, size):
    size = int(size)
    if size < 0:
        raise _invalid("TensorListSlice expects size to be non-negative. Got: %d" % size)
    items = input_handle.items[:size] + (None,) * max(0, size - len(input_handle.items))
    return input_handle.replace(items)


register_op(
    "TensorListResize",
    ["input_handle", "size"],
    lambda input_handle, size: _variant(),
    _resize_kernel,
    type_attr=None,
)


# -- TensorListStack(input_handle, element_shape) and TensorListGather(..., indices, ...) -------
def _stack_infer(input_handle, element_shape, element_dtype, num_elements=-1):
    shape = _merged(input_handle, element_shape)
    if shape.rank is None:
        return [(element_dtype, TensorShape(None))]
    first = None if num_elements is None or num_elements < 0 else num_elements
    return [(element_dtype, TensorShape([first]).concatenate(shape))]


def _stacked(lst, indices, element_shape):
    """The elements at `indices`, stacked along a new first axis (unwritten ones as zeros)."""
    if not element_shape.is_compatible_with(lst.element_shape):
        raise _invalid(
            "PartialTensorShape: Incompatible shapes during merge: %s vs. %s"
            % (element_shape.proto_str(), lst.element_shape.proto_str())
        )
    shape = lst.element_shape.merge_with(element_shape)
    if not indices:
        if not shape.is_fully_defined():
            raise _invalid(
                "Tried to stack elements of an empty list with non-fully-defined "
                "element_shape: %s\n(learntf: an empty list stacks to shape [0, ...] only "
                "when its element shape is fully known)" % shape.proto_str()
            )
        return np.zeros([0] + shape.as_list(), lst.element_dtype.np)
    if all(lst.items[i] is None for i in indices) and not shape.is_fully_defined():
        if not any(a is not None for a in lst.items):
            raise _invalid(
                "Tried to stack list which only contains uninitialized tensors and has a "
                "non-fully-defined element_shape: %s\n(learntf: write an element, or give "
                "the list a full element_shape)" % shape.proto_str()
            )
    rows = [_element(lst, i, shape) for i in indices]
    for row in rows:
        if not shape.is_compatible_with(TensorShape.from_numpy(row.shape)):
            raise _invalid(
                "PartialTensorShape: Incompatible shapes during merge: %s vs. %s"
                % (shape.proto_str(), TensorShape.from_numpy(row.shape).proto_str())
            )
        if row.shape != rows[0].shape:
            raise _invalid(
                "Incompatible ranks during merge: %s vs. %s\n(learntf: to stack, every "
                "element needs the same shape)"
                % (
                    TensorShape.from_numpy(rows[0].shape).proto_str(),
                    TensorShape.from_numpy(row.shape).proto_str(),
                )
            )
    return np.stack(rows)


def _stack_kernel(input_handle, element_shape, element_dtype, num_elements=-1):
    lst = input_handle
    _check_dtype(element_dtype, lst.element_dtype)
    if num_elements is not None and num_elements >= 0 and num_elements != len(lst.items):
        raise _invalid(
            "Operation expected a list with %d elements but got a list with %d elements."
            % (num_elements, len(lst.items))
        )
    return _stacked(lst, list(range(len(lst.items))), _shape_from_value(element_shape))


register_op(
    "TensorListStack",
    ["input_handle", "element_shape"],
    _stack_infer,
    _stack_kernel,
    type_attr=None,
)


def _gather_infer(input_handle, indices, element_shape, element_dtype):
    shape = _merged(input_handle, element_shape)
    count = indices.shape[0] if indices.shape.rank == 1 else None
    if shape.rank is None:
        return [(element_dtype, TensorShape(None))]
    return [(element_dtype, TensorShape([count]).concatenate(shape))]


def _gather_kernel(input_handle, indices, element_shape, element_dtype):
    lst = input_handle
    _check_dtype(element_dtype, lst.element_dtype)
    indices = [int(i) for i in np.reshape(indices, -1)]
    for index in indices:
        if not 0 <= index < len(lst.items):
            raise _invalid(
                "Index %d out o range; list only has %d elements.\n(learntf: valid indices "
                "are 0 to the length - 1)" % (index, len(lst.items))
            )
    return _stacked(lst, indices, _shape_from_value(element_shape))


register_op(
    "TensorListGather",
    ["input_handle", "indices", "element_shape"],
    _gather_infer,
    _gather_kernel,
    type_attr=None,
)


# -- TensorListScatterIntoExistingList(input_handle, tensor, indices) ---------------------------
def _scatter_kernel(input_handle, tensor, indices, element_dtype=None):
    lst = input_handle
    dtype = dtypes.as_dtype(tensor.dtype)
    if dtype is not lst.element_dtype:
        raise _invalid(
            "Invalid data types; input tensor type: %s list element_type: %s"
            % (dtype.proto_name, lst.element_dtype.proto_name)
        )
    indices = [int(i) for i in np.reshape(indices, -1)]
    if np.ndim(tensor) == 0 or len(indices) != np.shape(tensor)[0]:
        raise _invalid(
            "Expected len(indices) == tensor.shape[0], but saw: %d vs. %d"
            % (len(indices), np.shape(tensor)[0] if np.ndim(tensor) else 0)
        )
    items = list(lst.items)
    if indices and max(indices) >= len(items):  # the list grows to take every index
        items.extend([None] * (max(indices) + 1 - len(items)))
    for index, row in zip(indices, tensor):
        if index < 0:
            raise _invalid("Trying to scatter an element at negative index %d" % index)
        _check_fits(
            row,
            lst,
            "Tried to scatter a tensor with incompatible shape into a list. Item element "
            "shape: %s list shape: %s",
        )
        items[index] = row
    return lst.replace(items)


register_op(
    "TensorListScatterIntoExistingList",
    ["input_handle", "tensor", "indices"],
    lambda input_handle, tensor, indices, element_dtype=None: _variant(),
    _scatter_kernel,
    type_attr=None,
)


# -- TensorListConcatV2(input_handle, element_shape, leading_dims) -> (tensor, lengths) --------
# The elements joined along their first axis; `lengths` says how many rows each gave (the
# gradient splits by it).  An element never written gives zeros: leading_dims[i] rows if given.
def _concat_infer(input_handle, element_shape, leading_dims, element_dtype, shape_type=None):
    shape = _merged(input_handle, element_shape)
    lengths = (dtypes.int64, TensorShape([None]))
    if shape.rank is None:
        return [(element_dtype, TensorShape(None)), lengths]
    if shape.rank == 0:  # (TF says so when the op runs)
        return [(element_dtype, TensorShape(None)), lengths]
    return [(element_dtype, TensorShape([None]).concatenate(shape[1:])), lengths]


def _trailing(shape):
    return TensorShape(None) if shape.rank is None else shape[1:]


def _concat_kernel(input_handle, element_shape, leading_dims, element_dtype, shape_type=None):
    lst = input_handle
    _check_dtype(element_dtype, lst.element_dtype)
    shape = lst.element_shape.merge_with(_shape_from_value(element_shape))
    rest = _trailing(shape)
    if not lst.items:
        if not rest.is_fully_defined():
            raise _invalid(
                "All except the first dimension must be fully defined when concating an empty "
                "tensor list. element_shape: %s" % shape.proto_str()
            )
        empty = np.zeros([0] + rest.as_list(), element_dtype.np)
        return empty, np.zeros([0], np.int64)
    written = [a for a in lst.items if a is not None]
    for item in written:
        if np.ndim(item) == 0:
            raise _invalid(
                "Concat requires elements to be at least vectors, found scalars instead."
                "\n(learntf: stack scalars instead of concatenating them)"
            )
        item_rest = TensorShape.from_numpy(np.shape(item)[1:])
        if not rest.is_compatible_with(item_rest):
            raise _invalid(
                "PartialTensorShape: Incompatible shapes during merge: %s vs. %s"
                % (rest.proto_str(), item_rest.proto_str())
            )
        rest = rest.merge_with(item_rest)
    leading = [int(n) for n in np.reshape(leading_dims, -1)]
    pieces = []
    for index, item in enumerate(lst.items):
        if item is None:
            if index < len(leading):
                item = np.zeros([leading[index]] + rest.as_list(), element_dtype.np)
            elif shape.is_fully_defined():
                item = np.zeros(shape.as_list(), element_dtype.np)
            elif written:
                item = np.zeros_like(written[0])
            else:
                raise _invalid(
                    "List contains uninitialized tensor at index %d but leading_dims has only "
                    "%d elements." % (index, len(leading))
                )
        pieces.append(item)
    lengths = np.array([np.shape(p)[0] for p in pieces], np.int64)
    return np.concatenate(pieces), lengths


register_op(
    "TensorListConcatV2",
    ["input_handle", "element_shape", "leading_dims"],
    _concat_infer,
    _concat_kernel,
    num_outputs=2,
    type_attr=None,
)


# -- TensorListSplit(tensor, element_shape, lengths): pieces of a tensor's first axis -----------
def _split_infer(tensor, element_shape, lengths, element_dtype=None, shape_type=None):
    if tensor.shape.rank == 0 and hasattr(tensor, "op"):  # (eager: the kernel's words)
        raise ShapeError("Shape must be at least rank 1 but is rank 0")
    return _variant()


def _split_kernel(tensor, element_shape, lengths, element_dtype=None, shape_type=None):
    if np.ndim(tensor) == 0:
        raise _invalid("Tensor must be at least a vector, but saw shape: []")
    shape = _shape_from_value(element_shape)
    if shape.rank == 0:
        raise _invalid(
            "TensorListSplit requires element_shape to be at least of rank 1, but saw: []"
        )
    lengths = [int(n) for n in np.reshape(lengths, -1)]
    items, start = [], 0
    for length in lengths:
        if length < 0 or start + length > np.shape(tensor)[0]:
            raise _invalid(
                "Invalid value in lengths: %d\n(learntf: the lengths must add up to the "
                "tensor's first dimension)" % length
            )
        items.append(tensor[start : start + length])
        start += length
    if start != np.shape(tensor)[0]:
        raise _invalid(
            "Unused values in tensor. Length of tensor: %d Values used: %d\n(learntf: the "
            "lengths must add up to the tensor's first dimension)" % (np.shape(tensor)[0], start)
        )
    return TensorList(items, dtypes.as_dtype(tensor.dtype), shape)


register_op(
    "TensorListSplit",
    ["tensor", "element_shape", "lengths"],
    _split_infer,
    _split_kernel,
    type_attr=None,
)


# -- Python functions: TF's list_ops.py ---------------------------------------------------------
# Python values (an element_shape list, an index) go to apply_op as they are, so their Const ops
# are named after the input, inside the op's name scope (`TensorListReserve/element_shape`), as
# TF's generated op functions name them.
def _build_element_shape(shape):
    """An element_shape argument as the ops take it: a tensor stays; None or an unknown rank
    is -1; a list of dims has None as -1 (an empty list is an int32 [] tensor)."""
    if _is_tensor(shape):
        return shape
    if isinstance(shape, TensorShape):
        shape = shape.as_list() if shape.rank is not None else None
    if shape is None:
        return -1
    if isinstance(shape, int):  # -1: any shape
        return shape
    if isinstance(shape, (np.ndarray, np.generic)) or not shape:
        return convert_to_tensor(shape, dtype=dtypes.int32)
    return [-1 if d is None else d for d in shape]


def _is_tensor(value):
    return (
        hasattr(value, "dtype")
        and hasattr(value, "shape")
        and not isinstance(value, (np.ndarray, np.generic))
    )


def _shape_type(shape):
    return shape.dtype if _is_tensor(shape) else dtypes.int32


def _made(result, element_dtype, rows=None):
    """A new list tensor: in a graph, remember the element shape its op's element_shape input
    describes (merged with `rows`, the shape of the rows it was made from)."""
    if hasattr(result, "op"):
        made_from_rows = result.op.type in ("TensorListFromTensor", "TensorListSplit")
        shape = _static_shape(result.op.inputs[1 if made_from_rows else 0])
        _set_handle_data(result, element_dtype, shape if rows is None else shape.merge_with(rows))
    return result


def empty_tensor_list(element_shape, element_dtype, max_num_elements=None, name=None):
    """An empty list (EmptyTensorList) for elements of `element_dtype` and `element_shape`."""
    element_dtype = dtypes.as_dtype(element_dtype)
    shape = _build_element_shape(element_shape)
    result = apply_op(
        "EmptyTensorList",
        [shape, -1 if max_num_elements is None else max_num_elements],
        {"element_dtype": element_dtype, "shape_type": _shape_type(shape)},
        name or "EmptyTensorList",
    )
    return _made(result, element_dtype)


def tensor_list_reserve(element_shape, num_elements, element_dtype, name=None):
    """A list of `num_elements` elements not written yet (TensorListReserve)."""
    element_dtype = dtypes.as_dtype(element_dtype)
    shape = _build_element_shape(element_shape)
    result = apply_op(
        "TensorListReserve",
        [shape, num_elements],
        {"element_dtype": element_dtype, "shape_type": _shape_type(shape)},
        name or "TensorListReserve",
    )
    return _made(result, element_dtype)


def tensor_list_from_tensor(tensor, element_shape, name=None):
    """The rows of `tensor` as a list (TensorListFromTensor)."""
    tensor = convert_to_tensor(tensor)
    shape = _build_element_shape(element_shape)
    result = apply_op(
        "TensorListFromTensor",
        [tensor, shape],
        {"element_dtype": tensor.dtype, "shape_type": _shape_type(shape)},
        name or "TensorListFromTensor",
    )
    rows = tensor.shape[1:] if tensor.shape.rank else TensorShape(None)
    return _made(result, tensor.dtype, rows)


def tensor_list_push_back(input_handle, tensor, name=None):
    """The list with `tensor` appended (TensorListPushBack)."""
    tensor = convert_to_tensor(tensor)
    result = apply_op(
        "TensorListPushBack",
        [input_handle, tensor],
        {"element_dtype": tensor.dtype},
        name or "TensorListPushBack",
    )
    known = element_shape_of(input_handle)
    if known.is_compatible_with(tensor.shape):  # (else the op fails when it runs)
        _set_handle_data(result, tensor.dtype, known.merge_with(tensor.shape))
    return result


def tensor_list_pop_back(input_handle, element_dtype, element_shape=-1, name=None):
    """(the list without its last element, that element) (TensorListPopBack)."""
    rest, item = apply_op(
        "TensorListPopBack",
        [input_handle, _build_element_shape(element_shape)],
        {"element_dtype": dtypes.as_dtype(element_dtype)},
        name or "TensorListPopBack",
    )
    copy_handle_data(input_handle, rest)
    return rest, item


def tensor_list_get_item(input_handle, index, element_dtype, element_shape=None, name=None):
    """Element `index` of the list (TensorListGetItem)."""
    shape = _build_element_shape(element_shape)
    return apply_op(
        "TensorListGetItem",
        [input_handle, index, shape],
        {"element_dtype": dtypes.as_dtype(element_dtype), "Tshape": _shape_type(shape)},
        name or "TensorListGetItem",
    )


def tensor_list_set_item(input_handle, index, item, resize_if_index_out_of_bounds=False, name=None):
    """The list with element `index` replaced by `item` (TensorListSetItem)."""
    item = convert_to_tensor(item)
    result = apply_op(
        "TensorListSetItem",
        [input_handle, index, item],
        {
            "element_dtype": item.dtype,
            "resize_if_index_out_of_bounds": bool(resize_if_index_out_of_bounds),
        },
        name or "TensorListSetItem",
    )
    copy_handle_data(input_handle, result)
    return result


def tensor_list_resize(input_handle, size, name=None):
    """The list cut to, or grown with unwritten elements to, `size` (TensorListResize)."""
    result = apply_op("TensorListResize", [input_handle, size], {}, name or "TensorListResize")
    copy_handle_data(input_handle, result)
    return result


def tensor_list_concat(input_handle, element_dtype, element_shape=None, name=None):
    """The elements joined along their first axis (TensorListConcatV2's tensor)."""
    shape = _build_element_shape(element_shape)
    leading_dims = convert_to_tensor([], dtype=dtypes.int64)  # (TF makes it first, outside)
    return apply_op(
        "TensorListConcatV2",
        [input_handle, shape, leading_dims],
        {"element_dtype": dtypes.as_dtype(element_dtype), "shape_type": _shape_type(shape)},
        name or "TensorListConcatV2",
    )[0]


def tensor_list_split(tensor, element_shape, lengths, name=None):
    """A list of the pieces of `tensor` of `lengths` rows each (TensorListSplit)."""
    tensor = convert_to_tensor(tensor)
    shape = _build_element_shape(element_shape)
    result = apply_op(
        "TensorListSplit",
        [tensor, shape, lengths],
        {"element_dtype": tensor.dtype, "shape_type": _shape_type(shape)},
        name or "TensorListSplit",
    )
    return _made(result, tensor.dtype)


def tensor_list_length(input_handle, name=None):
    """How many elements the list has (TensorListLength), an int32 scalar."""
    return apply_op("TensorListLength", [input_handle], {}, name or "TensorListLength")


def tensor_list_element_shape(input_handle, shape_type, name=None):
    """The list's element shape as a tensor: -1 if unknown, else sizes with -1 for unknown."""
    return apply_op(
        "TensorListElementShape",
        [input_handle],
        {"shape_type": dtypes.as_dtype(shape_type)},
        name or "TensorListElementShape",
    )


def tensor_list_stack(input_handle, element_dtype, num_elements=-1, element_shape=None, name=None):
    """All elements stacked into one tensor (TensorListStack)."""
    return apply_op(
        "TensorListStack",
        [input_handle, _build_element_shape(element_shape)],
        {
            "element_dtype": dtypes.as_dtype(element_dtype),
            "num_elements": -1 if num_elements is None else int(num_elements),
        },
        name or "TensorListStack",
    )


def tensor_list_gather(input_handle, indices, element_dtype, element_shape=None, name=None):
    """The elements at `indices`, stacked (TensorListGather)."""
    return apply_op(
        "TensorListGather",
        [input_handle, indices, _build_element_shape(element_shape)],
        {"element_dtype": dtypes.as_dtype(element_dtype)},
        name or "TensorListGather",
    )


def tensor_list_scatter(tensor, indices, element_shape=None, input_handle=None, name=None):
    """The list `input_handle` with row i of `tensor` at `indices[i]`
    (TensorListScatterIntoExistingList)."""
    if input_handle is None:
        raise NotImplementedError(
            "learntf's tensor_list_scatter scatters into an existing list (input_handle=); "
            "make one with tensor_list_reserve first."
        )
    tensor = convert_to_tensor(tensor)
    result = apply_op(
        "TensorListScatterIntoExistingList",
        [input_handle, tensor, indices],
        {"element_dtype": tensor.dtype},
        name or "TensorListScatterIntoExistingList",
    )
    copy_handle_data(input_handle, result)
    return result


# -- gradients: TF's list_ops.py -----------------------------------------------------------------
not_differentiable("TensorListLength")
not_differentiable("TensorListElementShape")
no_gradient_in_tensorflow("EmptyTensorList")  # (its inputs are ints: never reached)
no_gradient_in_tensorflow("TensorListReserve")


def _rows_shape(tensor):
    """Shape(tensor)[1:], as TF's gradients slice it."""
    return array_ops.slice(array_ops.shape(tensor), [1], [-1])


@register_gradient("TensorListPushBack")
def _push_back_grad(op, dresult):
    dlist, delement = tensor_list_pop_back(
        dresult, op.get_attr("element_dtype"), element_shape=array_ops.shape(op.inputs[1])
    )
    return [dlist, delement]


@register_gradient("TensorListPopBack")
def _pop_back_grad(op, dlist, delement):
    if dlist is None:
        dlist = empty_tensor_list(
            tensor_list_element_shape(op.outputs[0], dtypes.int32), delement.dtype
        )
    if delement is None:
        delement = array_ops.zeros_like(op.outputs[1])
    return [tensor_list_push_back(dlist, delement), None]


@register_gradient("TensorListStack")
def _stack_grad(op, dtensor):
    return [tensor_list_from_tensor(dtensor, element_shape=dtensor.shape[1:]), None]


@register_gradient("TensorListFromTensor")
def _from_tensor_grad(op, dlist):
    t = op.inputs[0]
    num_elements = t.shape[0] if t.shape.rank else None
    if dlist is None:
        dlist = empty_tensor_list(tensor_list_element_shape(op.outputs[0], dtypes.int32), t.dtype)
    tensor_grad = tensor_list_stack(
        dlist,
        t.dtype,
        num_elements=-1 if num_elements is None else num_elements,
        element_shape=_rows_shape(t),
    )
    return [tensor_grad, None]


@register_gradient("TensorListGetItem")
def _get_item_grad(op, ditem):
    input_list = op.inputs[0]
    list_size = tensor_list_length(input_list)  # (first, as TF builds them)
    zeros = tensor_list_reserve(
        tensor_list_element_shape(input_list, dtypes.int32), list_size, ditem.dtype
    )
    return [tensor_list_set_item(zeros, op.inputs[1], ditem), None, None]


@register_gradient("TensorListSetItem")
def _set_item_grad(op, dlist):
    input_list, index, item = op.inputs
    list_grad = tensor_list_set_item(dlist, index, array_ops.zeros_like(item))
    element_grad = tensor_list_get_item(
        dlist, index, item.dtype, element_shape=array_ops.shape(item)
    )
    if op.get_attr("resize_if_index_out_of_bounds"):
        list_grad = tensor_list_resize(list_grad, tensor_list_length(input_list))
    return [list_grad, None, element_grad]


@register_gradient("TensorListResize")
def _resize_grad(op, dlist):
    return [tensor_list_resize(dlist, tensor_list_length(op.inputs[0])), None]


@register_gradient("TensorListGather")
def _gather_grad(op, dtensor):
    input_list, indices, _ = op.inputs
    dlist = tensor_list_reserve(
        tensor_list_element_shape(input_list, dtypes.int32),
        tensor_list_length(input_list),
        dtensor.dtype,
    )
    return [tensor_list_scatter(dtensor, indices, input_handle=dlist), None, None]


@register_gradient("TensorListScatterIntoExistingList")
def _scatter_grad(op, dlist):
    _, tensor, indices = op.inputs
    dtensor = tensor_list_gather(dlist, indices, tensor.dtype, element_shape=_rows_shape(tensor))
    zeros = array_ops.zeros_like(tensor)
    return [tensor_list_scatter(zeros, indices, input_handle=dlist), dtensor, None]


@register_gradient("TensorListConcatV2")
def _concat_grad(op, dtensor, unused_dlengths):
    dlist = tensor_list_split(
        dtensor,
        element_shape=tensor_list_element_shape(op.inputs[0], dtypes.int32),
        lengths=op.outputs[1],
    )
    return [dlist, None, None]


@register_gradient("TensorListSplit")
def _split_grad(op, dlist):
    tensor, _, lengths = op.inputs
    element_shape = array_ops.slice(array_ops.shape(tensor), [1], [-1])
    element_shape = array_ops.concat([[-1], element_shape], axis=0)
    concatenated = apply_op(
        "TensorListConcatV2",
        [dlist, element_shape, lengths],
        {"element_dtype": op.inputs[0].dtype, "shape_type": dtypes.int32},
        "TensorListConcatV2",
    )[0]
    return [concatenated, None, None]
