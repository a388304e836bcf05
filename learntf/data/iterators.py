"""Iterators over a Dataset: TF 2's Python iterator and TF 1's graph ops.

Eager (`iter(dataset)`): an OwnedIterator, a Python object; `next()` raises StopIteration at
the end, `get_next()` TF's OutOfRangeError "End of sequence".

Graph mode (TF 1), the ops TF builds:
    OneShotIterator                    make_one_shot_iterator(ds): starts itself on first use
    IteratorV2 + MakeIterator          make_initializable_iterator(ds) / Iterator.from_structure
                                        + make_initializer(ds): `sess.run(initializer)` (re)starts
    IteratorGetNext                    get_next(): one element per sess.run, OutOfRangeError after
    IteratorToStringHandle             string_handle(): a name for this session's iterator, to
                                        feed an Iterator.from_string_handle
                                        (IteratorFromStringHandleV2): TF 1's feedable iterator

The iterator's position is per Session: the iterator op's state is a session resource (as a
variable's value is), so two Sessions iterate independently.  TF's MakeIterator and
OneShotIterator read the dataset from a graph of dataset ops; learntf builds none
(learntf/data/dataset.py): these ops hold the Dataset object itself (`_DATASETS`), and
MakeIterator's inputs are the graph tensors the pipeline reads (a fed placeholder).
"""

import weakref

import numpy as np

from learntf import dtypes, errors
from learntf.data import structure
from learntf.framework.apply import apply_op
from learntf.framework.context import executing_eagerly
from learntf.framework.op_registry import no_gradient_in_tensorflow, register_op
from learntf.framework.tensor_shape import TensorShape

_DATASETS = weakref.WeakKeyDictionary()  # MakeIterator / OneShotIterator op -> its Dataset


def end_of_sequence():
    return errors.OutOfRangeError(None, None, "End of sequence")


# -- eager ----------------------------------------------------------------------------------------
class OwnedIterator:
    """`iter(dataset)` in eager mode."""

    def __init__(self, dataset):
        self._spec = dataset.element_spec
        self._flat = iter(dataset._make({}))

    @property
    def element_spec(self):
        return self._spec

    def __iter__(self):
        return self

    def __next__(self):
        try:
            flat = next(self._flat)
        except errors.OpError as e:  # (a kernel's error, as TF's eager IteratorGetNext says it)
            raise type(e)(None, None, self._wrapped(e.message)) from None
        return structure.to_element(self._spec, flat)

    def get_next(self):
        try:
            return next(self)
        except StopIteration:
            raise errors.OutOfRangeError(None, None, self._wrapped("End of sequence")) from None

    def _wrapped(self, message):
        return (
            "{{function_node __wrapped__IteratorGetNext_output_types_%d_device_/job:localhost/"
            "replica:0/task:0/device:CPU:0}} %s [Op:IteratorGetNext] name: "
            % (len(structure.flatten(self._spec)), message)
        )


# -- the graph ops --------------------------------------------------------------------------------
class IteratorState:
    """One session's iterator: a pass over the dataset, or None before initialization."""

    def __init__(self, dataset=None):
        self.one_shot = dataset
        self.elements = None

    def start(self, dataset, env):
        env[structure.FRESH_SEEDS] = {}  # (each initialization: the pipeline made anew)
        self.elements = iter(dataset._make(env))

    def next(self):
        if self.elements is None:
            if self.one_shot is None:
                raise errors.FailedPreconditionError(
                    None,
                    None,
                    "GetNext() failed because the iterator has not been initialized. Ensure "
                    "that you have run the initializer operation for this iterator before "
                    "getting the next element.",
                )
            self.start(self.one_shot, {})
        flat = next(self.elements, None)
        if flat is None:
            raise end_of_sequence()
        return flat


def _iterator_state(op, session):
    return session._resource(op, lambda: IteratorState(_DATASETS.get(op)))


def _resource_infer(**unused_attrs):
    return [(dtypes.resource, TensorShape([]))]


register_op(
    "AnonymousIteratorV3",  # (inside tf.function: a new iterator on every call)
    [],
    _resource_infer,
    lambda **unused: IteratorState(),
    stateful=True,
    type_attr=None,
)
for _type in ("OneShotIterator", "IteratorV2"):
    register_op(
        _type,
        [],
        _resource_infer,
        lambda state, **unused: state,
        make_state=_iterator_state,
        stateful=True,
        type_attr=None,
    )


def _make_iterator_kernel(dataset, iterator, *values):
    iterator.start(dataset, dict(zip(dataset._inputs, values)))


register_op(
    "MakeIterator",
    ["iterator", "inputs*"],
    lambda *a: [],
    _make_iterator_kernel,
    num_outputs=0,
    stateful=True,
    type_attr=None,
    make_state=lambda op, session: _DATASETS[op],
)


def _get_next_infer(iterator, output_types, output_shapes):
    return list(zip(output_types, output_shapes))


register_op(
    "IteratorGetNext",
    ["iterator"],
    _get_next_infer,
    lambda iterator, **unused: list(iterator.next()),
    num_outputs=None,
    stateful=True,
    type_attr=None,
)
# A string handle names one session's iterator (TF 1's feedable iterators: fetch
# `iterator.string_handle()`, feed it to `Iterator.from_string_handle`'s placeholder).
_BY_HANDLE = weakref.WeakValueDictionary()


def _to_string_handle(state):
    handle = b"learntf-iterator-%d" % id(state)
    _BY_HANDLE[handle] = state
    return np.asarray(handle, dtype=object)


def _from_string_handle(string_handle, **unused_attrs):
    state = _BY_HANDLE.get(bytes(np.asarray(string_handle).item()))
    if state is None:
        raise errors.InvalidArgumentError(None, None, "Could not parse string_handle")
    return state


register_op(
    "IteratorToStringHandle",
    ["resource_handle"],
    lambda *a: [(dtypes.string, TensorShape([]))],
    _to_string_handle,
    stateful=True,
    type_attr=None,
)
register_op(
    "IteratorFromStringHandleV2",
    ["string_handle"],
    lambda *a, **attrs: [(dtypes.resource, TensorShape([]))],
    _from_string_handle,
    stateful=True,
    type_attr=None,
)


class FunctionIterator:
    """`iter(dataset)` inside tf.function: AnonymousIteratorV3 and MakeIterator ops, so each
    call of the function starts a new pass; `next()` adds an IteratorGetNext (at the end of
    the data, running it raises OutOfRangeError)."""

    def __init__(self, dataset):
        self._element_spec = dataset.element_spec
        self._resource = _iterator_op("AnonymousIteratorV3", dataset.element_spec, "")
        _make_iterator_op(self._resource, dataset, "MakeIterator")

    def __iter__(self):
        return self

    def __next__(self):
        return self.get_next()

    def get_next(self, name=None):
        return Iterator.get_next(self, name)

    @property
    def element_spec(self):
        return self._element_spec


# -- the Python objects -----------------------------------------------------------------------
class Iterator:
    """TF 1's `tf.compat.v1.data.Iterator`: an iterator op and its element structure."""

    def __init__(self, resource, initializer, element_spec):
        self._resource = resource
        self._initializer = initializer
        self._element_spec = element_spec
        self._string_handle = apply_op("IteratorToStringHandle", [resource], {})

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None, output_classes=None):
        spec = _spec_of(output_types, output_shapes)
        return Iterator(_iterator_op("IteratorV2", spec, shared_name or ""), None, spec)

    @staticmethod
    def from_string_handle(string_handle, output_types, output_shapes=None, output_classes=None):
        """An iterator that reads from whichever iterator the fed handle names."""
        spec = _spec_of(output_types, output_shapes)
        flat = structure.flatten(spec)
        attrs = {
            "output_types": [s.dtype for s in flat],
            "output_shapes": [s.shape for s in flat],
        }
        resource = apply_op(
            "IteratorFromStringHandleV2", [string_handle], attrs, "IteratorFromStringHandleV2"
        )
        return Iterator(resource, None, spec)

    @property
    def initializer(self):
        if self._initializer is None:
            raise ValueError(
                "The iterator does not have an initializer. This means it was "
                "likely created using `tf.data.Dataset.make_one_shot_iterator()`. "
                "For an initializable iterator, use "
                "`tf.data.Dataset.make_initializable_iterator()` instead."
            )
        return self._initializer

    def make_initializer(self, dataset, name=None):
        """A MakeIterator op: running it starts this iterator on `dataset` again."""
        mine = structure.flatten(self._element_spec)
        theirs = structure.flatten(dataset.element_spec)
        if [s.dtype for s in mine] != [s.dtype for s in theirs]:
            raise TypeError(
                "Expected output types %r but got dataset with output types %r."
                % (self.output_types, dataset.output_types)
            )
        return _make_iterator_op(self._resource, dataset, name or "make_initializer")

    def get_next(self, name=None):
        specs = structure.flatten(self._element_spec)
        attrs = {
            "output_types": [s.dtype for s in specs],
            "output_shapes": [s.shape for s in specs],
        }
        outputs = apply_op("IteratorGetNext", [self._resource], attrs, name or "IteratorGetNext")
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        return structure.pack(self._element_spec, list(outputs))

    def string_handle(self, name=None):
        return self._string_handle

    @property
    def element_spec(self):
        return self._element_spec

    @property
    def output_types(self):
        return structure.pack(
            self._element_spec, [s.dtype for s in structure.flatten(self._element_spec)]
        )

    @property
    def output_shapes(self):
        return structure.pack(
            self._element_spec, [s.shape for s in structure.flatten(self._element_spec)]
        )


# TensorFlow registers no gradient for its iterator ops: differentiating through one is its
# LookupError.
for _op_type in (
    "AnonymousIteratorV3",
    "OneShotIterator",
    "IteratorV2",
    "MakeIterator",
    "IteratorGetNext",
    "IteratorToStringHandle",
    "IteratorFromStringHandleV2",
):
    no_gradient_in_tensorflow(_op_type)


def _spec_of(output_types, output_shapes):
    """TensorSpecs from TF 1's output_types and output_shapes (same nest; shapes may be None)."""
    shapes = structure.flatten_up_to(output_types, output_shapes)
    specs = [
        structure.TensorSpec(TensorShape(s), dtypes.as_dtype(t))
        for t, s in zip(structure.flatten(output_types), shapes)
    ]
    return structure.pack(output_types, specs)


def _iterator_op(op_type, spec, shared_name, dataset=None):
    specs = structure.flatten(spec)
    attrs = {"output_types": [s.dtype for s in specs], "output_shapes": [s.shape for s in specs]}
    if op_type == "IteratorV2":
        attrs = {"shared_name": shared_name, "container": "", **attrs}
    elif op_type == "OneShotIterator":
        attrs = {"container": "", "shared_name": shared_name, **attrs}
    handle = apply_op(op_type, [], attrs, op_type)
    if dataset is not None:
        _DATASETS[handle.op] = dataset
    return handle


def make_one_shot_iterator(dataset):
    if executing_eagerly():
        raise RuntimeError(
            "`make_one_shot_iterator()` is not supported in eager mode. "
            "Use Python-style iteration instead."
        )
    for tensor in dataset._inputs:  # (nothing feeds a one-shot iterator's pipeline)
        kind = "placeholder" if tensor.op.type == "Placeholder" else "tensor"
        raise ValueError(
            "Cannot capture a %s (name:%s, type:%s) by value."
            % (kind, tensor.op.name, tensor.op.type)
        )
    return Iterator(
        _iterator_op("OneShotIterator", dataset.element_spec, "", dataset),
        None,
        dataset.element_spec,
    )


def make_initializable_iterator(dataset, shared_name=None):
    if executing_eagerly():
        raise RuntimeError(
            "`make_initializable_iterator()` is not supported in eager mode. "
            "Use Python-style iteration instead."
        )
    resource = _iterator_op("IteratorV2", dataset.element_spec, shared_name or "")
    initializer = _make_iterator_op(resource, dataset, "MakeIterator")
    return Iterator(resource, initializer, dataset.element_spec)


def _make_iterator_op(resource, dataset, name):
    op = apply_op("MakeIterator", [resource, list(dataset._inputs)], {}, name)
    _DATASETS[op] = dataset
    return op


def get_output_types(dataset_or_iterator):
    return dataset_or_iterator.output_types


def get_output_shapes(dataset_or_iterator):
    return dataset_or_iterator.output_shapes


def get_output_classes(dataset_or_iterator):
    return dataset_or_iterator.output_classes
