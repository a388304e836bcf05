"""`tf.TensorArray`: a list of tensors that a loop can grow, as TensorFlow 2 makes it.

    ta = tf.TensorArray(tf.float32, size=3)
    ta = ta.write(0, 10.0)          # always keep the TensorArray that write returns
    ta.read(0), ta.stack()          # 10.0, [10. 0. 0.]

A TensorArray is two different things, as in TF:

* **Eagerly** (`_EagerTensorArray`) it is a Python list of eager tensors: `write` stores the
  tensor, `read` hands it back (and, with `clear_after_read`, the default, forgets it), `stack`
  packs them.  Gradients flow through those tensors like through any other.
* **In a graph or a tf.function** (`_GraphTensorArrayV2`) it is a TensorList
  (ops/list_ops.py): a value in one `variant` tensor, its `flow`.  Every write makes a new list
  (TensorListSetItem) and a new TensorArray around it, which is why `ta = ta.write(...)` must
  keep the result.  Reads and stacks are TensorListGetItem and TensorListStack, whose gradients
  are list ops again.  A while loop carries a TensorArray as its flow tensor and rebuilds it
  with `build_ta_with_new_flow`.

TensorFlow 1's TensorArrayV3 resource ops (built when control flow v2 is off) are not in
learntf: its graphs always use the TensorList version.
"""

import weakref

import numpy as np

from learntf import dtypes, errors, nest
from learntf.framework import context
from learntf.framework.constant_op import constant, convert_to_tensor
from learntf.framework.graph import name_scope
from learntf.framework.tensor_shape import TensorShape, as_shape
from learntf.framework.tensor_util import constant_value
from learntf.ops import array_ops, list_ops, math_ops
from learntf.ops.control_flow_ops import no_op
from learntf.tf_logging import get_logger


def _check_dtypes(value, dtype):
    """TF only logs a wrong dtype here (and says it will be an error one day)."""
    if value.dtype is not dtype:
        get_logger().error(
            "Error: Input value %s has dtype %s, but expected dtype %s.  This leads to "
            "undefined behavior and will be an error in future versions of TensorFlow."
            % (value, value.dtype, dtype)
        )


class _GraphTensorArrayV2:
    """A TensorArray in a graph: a TensorList in its `flow` tensor (TF's _GraphTensorArrayV2)."""

    def __init__(
        self,
        dtype,
        size=None,
        dynamic_size=None,
        clear_after_read=None,
        tensor_array_name=None,
        handle=None,
        flow=None,
        infer_shape=True,
        element_shape=None,
        colocate_with_first_write_call=True,
        name=None,
    ):
        self._dynamic_size = dynamic_size
        self._size = size
        if flow is not None and (not hasattr(flow, "dtype") or flow.dtype is not dtypes.variant):
            raise TypeError(
                "Expected `flow` to be a variant tensor, but received `%s` instead."
                % getattr(flow, "dtype", type(flow).__name__)
            )
        if flow is None and size is None:
            raise ValueError("Argument `size` must be provided if argument `flow` is not provided.")
        if flow is not None and size is not None:
            raise ValueError("Cannot provide both `flow` and `size` arguments at the same time.")
        if flow is not None and element_shape is not None:
            raise ValueError(
                "Cannot provide both `flow` and `element_shape` argumentsat the same time."
            )
        self._dtype = dtypes.as_dtype(dtype).base_dtype
        # The static element shape: given, or learnt from the first write.  A one-item list,
        # shared by every TensorArray built from this one (they are one array over time).
        self._element_shape = [as_shape(element_shape)]
        self._infer_shape = infer_shape
        with name_scope(name, "TensorArrayV2", [size, flow]) as scope:
            if flow is None:
                self._flow = list_ops.tensor_list_reserve(
                    element_shape=element_shape,
                    num_elements=size,
                    element_dtype=self._dtype,
                    name=scope,
                )
            else:
                self._flow = flow
        self._colocate_with_first_write_call = None
        self._colocate_with = None

    @property
    def flow(self):
        return self._flow

    @property
    def dtype(self):
        return self._dtype

    @property
    def element_shape(self):
        return self._element_shape[0]

    @property
    def handle(self):
        return None  # (a TensorList has no handle; TF returns None too)

    def _check_element_shape(self, shape):
        if not shape.is_compatible_with(self.element_shape):
            raise ValueError(
                "Inconsistent shapes: saw %s but expected %s " % (shape, self.element_shape)
            )
        if self._infer_shape:
            self._element_shape[0] = self.element_shape.merge_with(shape)

    def identity(self):
        return build_ta_with_new_flow(self, math_ops.identity(self._flow))

    def grad(self, source, flow=None, name=None):
        raise NotImplementedError()

    def read(self, index, name=None):
        with name_scope(name, "TensorArrayV2Read", [self._flow, index]):
            return list_ops.tensor_list_get_item(
                input_handle=self._flow,
                index=index,
                element_dtype=self._dtype,
                element_shape=self.element_shape,
                name=name,
            )

    def write(self, index, value, name=None):
        with name_scope(name, "TensorArrayV2Write", [self._flow, index, value]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            _check_dtypes(value, self._dtype)
            self._check_element_shape(value.shape)
            flow_out = list_ops.tensor_list_set_item(
                input_handle=self._flow,
                index=index,
                item=value,
                resize_if_index_out_of_bounds=self._dynamic_size,
                name=name,
            )
            return build_ta_with_new_flow(self, flow_out)

    def stack(self, name=None):
        with name_scope(name, "TensorArrayV2Stack", [self._flow]):
            if not self._dynamic_size and self._size is not None:
                ta_size = constant_value(self._size)
                ta_size = -1 if ta_size is None else int(ta_size)
            else:
                ta_size = -1
            return list_ops.tensor_list_stack(
                input_handle=self._flow,
                element_dtype=self._dtype,
                num_elements=ta_size,
                element_shape=self.element_shape,
            )

    def gather(self, indices, name=None):
        return list_ops.tensor_list_gather(
            input_handle=self._flow,
            indices=indices,
            element_dtype=self._dtype,
            element_shape=self.element_shape,
            name=name,
        )

    def concat(self, name=None):
        if self.element_shape.rank is not None:
            element_shape = [None] + self.element_shape.as_list()[1:]
        else:
            element_shape = None
        return list_ops.tensor_list_concat(
            input_handle=self._flow,
            element_dtype=self._dtype,
            element_shape=element_shape,
            name=name,
        )

    def unstack(self, value, name=None):
        with name_scope(name, "TensorArrayUnstack", [self._flow, value]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            _check_dtypes(value, self._dtype)
            self._check_element_shape(value.shape[1:])
            flow_out = list_ops.tensor_list_from_tensor(tensor=value, element_shape=value.shape[1:])
            return build_ta_with_new_flow(self, flow_out)

    def scatter(self, indices, value, name=None):
        with name_scope(name, "TensorArrayScatter", [self._flow, value, indices]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            _check_dtypes(value, self._dtype)
            self._check_element_shape(value.shape[1:])
            flow_out = list_ops.tensor_list_scatter(
                tensor=value,
                indices=indices,
                element_shape=self.element_shape,
                input_handle=self._flow,
            )
            return build_ta_with_new_flow(self, flow_out)

    def split(self, value, lengths, name=None):
        with name_scope(name, "TensorArraySplit", [self._flow, value, lengths]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            _check_dtypes(value, self._dtype)
            lengths_64 = math_ops.cast(lengths, dtypes.int64)
            if not context.executing_eagerly():
                clengths = constant_value(lengths_64)
                if value.shape.rank is not None and clengths is not None:
                    if clengths.shape and clengths.max() == clengths.min():
                        self._check_element_shape(
                            TensorShape([int(clengths[0])]).concatenate(value.shape[1:])
                        )
            flow_out = list_ops.tensor_list_split(
                tensor=value, lengths=lengths_64, element_shape=self.element_shape, name=name
            )
            return build_ta_with_new_flow(self, flow_out)

    def size(self, name=None):
        if not self._dynamic_size and self._size is not None:
            return convert_to_tensor(self._size, dtype=dtypes.int32)
        return list_ops.tensor_list_length(input_handle=self._flow, name=name)

    def close(self, name=None):
        return no_op(name=name)


class _EagerTensorArray:
    """A TensorArray run eagerly: a Python list of eager tensors (TF's _EagerTensorArray)."""

    def __init__(
        self,
        dtype,
        size=None,
        dynamic_size=None,
        clear_after_read=None,
        tensor_array_name=None,
        handle=None,
        flow=None,
        infer_shape=True,
        element_shape=None,
        colocate_with_first_write_call=True,
        name=None,
    ):
        if handle is not None:
            raise ValueError(
                "TensorArray handles are not supported when eager execution is enabled."
            )
        if size is None:
            raise ValueError(
                "Size must be declared for TensorArrays when eager execution is enabled."
            )
        self._handle = None
        self._flow = constant(0, dtype=dtypes.int32)  # (a stand-in: eager needs no flow)
        self._infer_shape = infer_shape
        self._element_shape = as_shape(element_shape)
        self._colocate_with_first_write_call = colocate_with_first_write_call
        self._dtype = dtypes.as_dtype(dtype).base_dtype
        self._dynamic_size = dynamic_size or False
        self._clear_after_read = True if clear_after_read is None else clear_after_read
        self._previously_read_indices = []
        self._tensor_array = [None] * int(size)

    @property
    def flow(self):
        return self._flow

    @property
    def dtype(self):
        return self._dtype

    @property
    def handle(self):
        return self._handle

    @property
    def element_shape(self):
        return self._element_shape

    def identity(self):
        return self.parent()

    def grad(self, source, flow=None, name=None):
        raise NotImplementedError(
            "TensorArray.grad is not supported when executing eagerly; eager's gradient "
            "implementation does not use/need this function to compute gradients of "
            "operations that use TensorArrays."
        )

    def read(self, index, name=None):
        index = int(index)
        if index < 0:
            raise errors.OutOfRangeError(
                None,
                None,
                "Reading from negative indices (index %d) is not allowed.\n(learntf: indices "
                "count from 0)" % index,
            )
        if index >= len(self._tensor_array):
            raise errors.OutOfRangeError(
                None,
                None,
                "Tried to read from index %d but array size is: %d \n(learntf: read indices "
                "below size(); write first, or make the array bigger)"
                % (index, len(self._tensor_array)),
            )
        tensor = self._tensor_array[index]
        if tensor is None:
            if index in self._previously_read_indices:
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    "Could not read index %d twice because it was cleared after a previous "
                    "read (perhaps try setting clear_after_read = false?)\n(learntf: "
                    "eagerly, a TensorArray forgets an element once read, unless made with "
                    "clear_after_read=False)" % index,
                )
            tensor = self._maybe_zero(index)
        if self._clear_after_read:
            self._tensor_array[index] = None
            self._previously_read_indices.append(index)
        return tensor

    def _write(self, index, value):
        index = int(index)
        if index < 0:
            raise errors.OutOfRangeError(
                None,
                None,
                "Writing to negative indices (index %d) is not allowed.\n(learntf: indices "
                "count from 0)" % index,
            )
        size = len(self._tensor_array)
        if index >= size:
            if not self._dynamic_size:
                raise errors.OutOfRangeError(
                    None,
                    None,
                    "Tried to write to index %d but array is not resizeable and size is: %d "
                    "\n(learntf: make the array with dynamic_size=True to let it grow)"
                    % (index, size),
                )
            self._tensor_array.extend([None] * (index - size + 1))
        if not hasattr(value, "numpy"):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
        if self._dtype is not value.dtype:
            raise errors.InvalidArgumentError(
                None,
                None,
                "TensorArray dtype is %s but Op is trying to write dtype %s \n(learntf: "
                "convert the value with tf.cast first)" % (self._dtype.name, value.dtype.name),
            )
        if not self._element_shape.is_compatible_with(value.shape):
            raise ValueError(
                "Incompatible shape for value (%s), expected (%s)\n(learntf: every element "
                "of a TensorArray has one shape)" % (value.shape, self._element_shape)
            )
        if self._infer_shape:
            self._element_shape = self._element_shape.merge_with(value.shape)
        self._tensor_array[index] = value

    def write(self, index, value, name=None):
        self._write(index, value)
        return self.parent()

    def _maybe_zero(self, ix):
        val = self._tensor_array[ix]
        if val is None:
            val = self._tensor_array[ix] = array_ops.zeros(
                shape=self._element_shape, dtype=self._dtype
            )
        return val

    def stack(self, name=None):
        if self._tensor_array:
            for ix in range(len(self._tensor_array)):
                self._maybe_zero(ix)
        if not self._tensor_array and self._element_shape.is_fully_defined():
            return constant(
                np.zeros([0] + self._element_shape.as_list(), self._dtype.np), dtype=self._dtype
            )
        if not self._tensor_array:
            return constant([], dtype=self._dtype)
        return array_ops.stack(self._tensor_array)

    def gather(self, indices, name=None):
        indices = np.asarray(indices.numpy() if hasattr(indices, "numpy") else indices)
        return array_ops.stack([self._maybe_zero(int(i)) for i in indices])

    def concat(self, name=None):
        items = [self._maybe_zero(ix) for ix in range(len(self._tensor_array))]
        for idx, item in enumerate(items):
            if item.shape.rank == 0:
                raise errors.InvalidArgumentError(
                    None,
                    None,
                    "Concat saw a scalar shape at index %d but requires at least vectors."
                    "\n(learntf: concat joins elements along their first axis; stack "
                    "scalars instead)" % idx,
                )
        return array_ops.concat(items, 0, name=name or "concat")

    def unstack(self, value, name=None):
        tensors = array_ops.unstack(value, name=name or "unstack")
        if len(tensors) > len(self._tensor_array) and not self._dynamic_size:
            raise ValueError(
                "Cannot unstack %d tensors into a TensorArray of static size %d \n(learntf: "
                "make the array at least as big, or dynamic_size=True)"
                % (len(tensors), len(self._tensor_array))
            )
        self._tensor_array = tensors
        return self.parent()

    def scatter(self, indices, value, name=None):
        indices = np.asarray(indices.numpy() if hasattr(indices, "numpy") else indices)
        for index, val in zip(indices, array_ops.unstack(value)):
            self._write(int(index), val)
        return self.parent()

    def split(self, value, lengths, name=None):
        value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
        _check_dtypes(value, self._dtype)
        lengths = [int(n) for n in np.reshape(np.asarray(lengths), -1)]
        if sum(lengths) != value.shape.as_list()[0]:
            raise errors.InvalidArgumentError(
                None,
                None,
                "Expected sum of lengths to be equal to values.shape[0], but sum of lengths "
                "is %d and value's shape is: %s " % (sum(lengths), value.shape.as_list()),
            )
        if not self._dynamic_size and len(lengths) != len(self._tensor_array):
            raise errors.InvalidArgumentError(
                None,
                None,
                "TensorArray's size is not equal to the size of lengths (%d vs. %d), and the "
                "TensorArray is not marked as dynamically resizeable."
                % (len(self._tensor_array), len(lengths)),
            )
        self._tensor_array = array_ops.split(value, lengths, name=name or "split")
        return self.parent()

    def size(self, name=None):
        return constant(len(self._tensor_array))

    def close(self, name=None):
        del self._tensor_array[:]


class TensorArray:
    """TensorFlow's `tf.TensorArray`: eagerly a list of tensors, in a graph a TensorList."""

    def __init__(
        self,
        dtype,
        size=None,
        dynamic_size=None,
        clear_after_read=None,
        tensor_array_name=None,
        handle=None,
        flow=None,
        infer_shape=True,
        element_shape=None,
        colocate_with_first_write_call=True,
        name=None,
    ):
        is_list = flow is not None and getattr(flow, "dtype", None) is dtypes.variant
        if context.executing_eagerly() and not is_list:
            implementation = _EagerTensorArray
        else:
            implementation = _GraphTensorArrayV2
        self._implementation = implementation(
            dtype,
            size=size,
            dynamic_size=dynamic_size,
            clear_after_read=clear_after_read,
            tensor_array_name=tensor_array_name,
            handle=handle,
            flow=flow,
            infer_shape=infer_shape,
            element_shape=element_shape,
            colocate_with_first_write_call=colocate_with_first_write_call,
            name=name,
        )
        self._implementation.parent = weakref.ref(self)

    @property
    def flow(self):
        """The flow tensor: in a graph, the TensorList holding the elements."""
        return self._implementation._flow

    @property
    def dtype(self):
        return self._implementation._dtype

    @property
    def handle(self):
        return self._implementation.handle

    @property
    def element_shape(self):
        """The static shape of the elements (learnt from writes, unless infer_shape=False)."""
        return self._implementation.element_shape

    @property
    def dynamic_size(self):
        return self._implementation._dynamic_size

    @property
    def _infer_shape(self):
        return self._implementation._infer_shape

    def identity(self):
        return self._implementation.identity()

    def grad(self, source, flow=None, name=None):
        return self._implementation.grad(source, flow=flow, name=name)

    def read(self, index, name=None):
        """The element at `index`."""
        return self._implementation.read(index, name=name)

    def write(self, index, value, name=None):
        """A TensorArray with `value` at `index`: use it from now on."""
        return self._implementation.write(index, value, name=name)

    def stack(self, name=None):
        """All elements stacked into one tensor (unwritten ones as zeros)."""
        return self._implementation.stack(name=name)

    def gather(self, indices, name=None):
        """The elements at `indices`, stacked."""
        return self._implementation.gather(indices, name=name)

    def concat(self, name=None):
        """All elements joined along their first axis."""
        return self._implementation.concat(name=name)

    def unstack(self, value, name=None):
        """A TensorArray holding the rows of `value`."""
        return self._implementation.unstack(value, name=name)

    def scatter(self, indices, value, name=None):
        """A TensorArray with row i of `value` at `indices[i]`."""
        return self._implementation.scatter(indices, value, name=name)

    def split(self, value, lengths, name=None):
        """A TensorArray holding the pieces of `value` of the given lengths."""
        return self._implementation.split(value, lengths, name=name)

    def size(self, name=None):
        """How many elements (an int32 tensor)."""
        return self._implementation.size(name=name)

    def close(self, name=None):
        return self._implementation.close(name=name)


def build_ta_with_new_flow(old_ta, flow):
    """A TensorArray like `old_ta` whose elements are the list in `flow`: what each write
    returns, and how a while loop rebuilds a TensorArray from the flow it carried."""
    impl = old_ta._implementation if isinstance(old_ta, TensorArray) else old_ta
    if not context.executing_eagerly() and not isinstance(impl, _GraphTensorArrayV2):
        raise NotImplementedError(
            "Attempting to build a graph-mode TF2-style TensorArray from either an eager-mode "
            "TensorArray or a TF1-style TensorArray.  This is not currently supported.  You "
            "may be attempting to capture a TensorArray inside a tf.function or tf.data map "
            "function. Instead, construct a new TensorArray inside the function."
        )
    new_ta = TensorArray(
        dtype=impl.dtype,
        handle=impl.handle,
        flow=flow,
        infer_shape=impl._infer_shape,
        colocate_with_first_write_call=impl._colocate_with_first_write_call,
    )
    new_impl = new_ta._implementation
    new_impl._dynamic_size = impl._dynamic_size
    new_impl._size = impl._size
    new_impl._colocate_with = getattr(impl, "_colocate_with", None)
    new_impl._element_shape = impl._element_shape  # shared: one array over time
    return new_ta


# -- TensorArrays in control flow: TF's func_graph.flatten and pack_sequence_as --------------
def flatten(structure):
    """`nest.flatten(structure)` with each TensorArray replaced by its flow tensor: what a
    function graph, a cond or a while loop carries for it."""
    return [
        item.flow if isinstance(item, TensorArray) else item for item in nest.flatten(structure)
    ]


def pack_sequence_as(structure, flat_sequence):
    """`nest.pack_sequence_as(structure, flat_sequence)`, where a TensorArray of `structure`
    gets its flow back from `flat_sequence` as a TensorArray (`build_ta_with_new_flow`)."""
    flat = [
        build_ta_with_new_flow(old, new) if isinstance(old, TensorArray) else new
        for old, new in zip(nest.flatten(structure), flat_sequence)
    ]
    return nest.pack_sequence_as(structure, flat)


__all__ = ["TensorArray", "build_ta_with_new_flow"]
