"""`tf.lookup`: hash tables that map keys (words, ids) to values, as TF's lookup ops.

A table is a resource, like a variable: `HashTableV2` makes its handle, each session (or,
eagerly, the program) keeps the table's contents; `LookupTableImportV2` (from tensors) or
`InitializeTableFromTextFileV2` (from a vocabulary file) fills it; `LookupTableFindV2`
looks keys up, giving `default_value` for a missing key; `LookupTableSizeV2` counts entries.

In TF 1 the filling op is put in the `table_initializer` collection: the program runs
`tf.tables_initializer()` (as it runs `global_variables_initializer()`) before looking up,
else TF's FailedPreconditionError "Table not initialized.".  Eagerly (TF 2) the table is
filled when it is made.
"""

import itertools

import numpy as np

from learntf import dtypes, errors
from learntf.framework.apply import apply_op
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.context import executing_eagerly
from learntf.framework.graph import name_scope
from learntf.framework.graph_extras import add_to_collection, get_collection
from learntf.framework.op_registry import not_differentiable, register_op
from learntf.framework.tensor_shape import TensorShape
from learntf.ops import control_flow_ops

TABLE_INITIALIZERS = "table_initializer"  # TF's GraphKeys.TABLE_INITIALIZERS
_table_ids = itertools.count()
_initializer_ids = itertools.count(1)


class _Table:
    """One table's contents (per session, as a variable's value)."""

    shape = ()  # (an eager handle holding it is a scalar, as TF's resource handles are)

    def __init__(self, name, key_dtype, value_dtype):
        self.name = name
        self.key_dtype, self.value_dtype = key_dtype, value_dtype
        self.entries = None  # {key: value} once initialized

    def __repr__(self):
        return "<HashTable %s>" % self.name


def _key(value):
    return value.item() if hasattr(value, "item") else value


def _table_state(op, session):
    attrs = op.attrs
    make = lambda: _Table(attrs["shared_name"], attrs["key_dtype"], attrs["value_dtype"])  # noqa: E731
    return make() if session is None else session._resource(op, make)


def _entries(table):
    if table.entries is None:
        raise errors.FailedPreconditionError(None, None, "Table not initialized.")
    return table.entries


def _import(table, keys, values, Tin=None, Tout=None):
    table.entries = {_key(k): v for k, v in zip(np.ravel(keys), np.ravel(values))}


def _find(table, keys, default_value, Tin=None, Tout=None):
    entries = _entries(table)
    flat = [entries.get(_key(k), default_value) for k in np.ravel(keys)]
    return np.array(flat, dtype=np.asarray(default_value).dtype).reshape(np.shape(keys))


def _size(table):
    return np.int64(len(_entries(table)))


def _from_text_file(
    table, filename, key_index, value_index, vocab_size=-1, delimiter="\t", offset=0
):
    key_dtype, value_dtype = table.key_dtype, table.value_dtype
    name = np.asarray(filename).item()
    name = name.decode() if isinstance(name, bytes) else str(name)
    try:
        with open(name, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as exc:
        raise errors.NotFoundError(None, None, "%s; No such file or directory" % name) from exc
    if vocab_size >= 0:
        lines = lines[:vocab_size]

    def field(line, number, index, dtype):
        text = (
            line
            if index == -2
            else (number + offset if index == -1 else line.split(delimiter)[index])
        )
        return text.encode() if dtype is dtypes.string else dtype.np.type(text).item()

    entries = {}
    for number, line in enumerate(lines):
        key = field(line, number, key_index, key_dtype)
        entries[_key(key)] = field(line, number, value_index, value_dtype)
    table.entries = entries


def _handle_infer(**attrs):
    return [(dtypes.resource, TensorShape([]))]


register_op(
    "HashTableV2",
    [],
    _handle_infer,
    lambda table, **attrs: table,
    make_state=_table_state,
    stateful=True,
    type_attr=None,
)
register_op(
    "LookupTableImportV2",
    ["table_handle", "keys", "values"],
    lambda handle, keys, values, Tin, Tout: [],
    _import,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
register_op(
    "LookupTableFindV2",
    ["table_handle", "keys", "default_value"],
    lambda handle, keys, default, Tin, Tout: [(Tout, keys.shape)],
    _find,
    stateful=True,
    type_attr=None,
)
register_op(
    "LookupTableSizeV2",
    ["table_handle"],
    lambda handle: [(dtypes.int64, TensorShape([]))],
    _size,
    stateful=True,
    type_attr=None,
)
register_op(
    "InitializeTableFromTextFileV2",
    ["table_handle", "filename"],
    lambda handle, filename, **attrs: [],
    _from_text_file,
    num_outputs=0,
    stateful=True,
    type_attr=None,
)
for _name in ("HashTableV2", "LookupTableImportV2", "LookupTableFindV2", "LookupTableSizeV2"):
    not_differentiable(_name)
not_differentiable("InitializeTableFromTextFileV2")


# -- initializers -------------------------------------------------------------------------------
class KeyValueTensorInitializer:
    """`tf.lookup.KeyValueTensorInitializer(keys, values)`: fill a table from two tensors."""

    def __init__(self, keys, values, key_dtype=None, value_dtype=None, name=None):
        self._keys = convert_to_tensor(keys, dtype=key_dtype, name="keys")
        self._values = convert_to_tensor(values, dtype=value_dtype, name="values")
        self._name = name if name is not None else "key_value_init"
        if executing_eagerly():
            self._name += str(next(_initializer_ids))
        self.key_dtype, self.value_dtype = self._keys.dtype, self._values.dtype

    def initialize(self, table):
        _check_table_dtypes(table, self._keys.dtype, self._values.dtype)
        with name_scope(self._name):
            attrs = {"Tin": self._keys.dtype, "Tout": self._values.dtype}
            init_op = apply_op(
                "LookupTableImportV2",
                [table.resource_handle, self._keys, self._values],
                attrs,
                "LookupTableImportV2",
            )
        if not executing_eagerly():
            add_to_collection(TABLE_INITIALIZERS, init_op)
        return init_op


class TextFileIndex:
    """Where a text file initializer takes keys or values: the whole line or its number."""

    WHOLE_LINE = -2
    LINE_NUMBER = -1


class TextFileInitializer:
    """`tf.lookup.TextFileInitializer`: fill a table from a file, one entry per line."""

    def __init__(
        self,
        filename,
        key_dtype,
        key_index,
        value_dtype,
        value_index,
        vocab_size=None,
        delimiter="\t",
        name=None,
        value_index_offset=0,
    ):
        self.key_dtype, self.value_dtype = dtypes.as_dtype(key_dtype), dtypes.as_dtype(value_dtype)
        if key_index < -2:
            raise ValueError(f"`key_index` should be >= -2, received: {key_index}.")
        if key_index == TextFileIndex.LINE_NUMBER and self.key_dtype != dtypes.int64:
            raise ValueError(
                "`key_dtype` must be int64 if `key_index` is "
                f"{TextFileIndex.LINE_NUMBER}, received: {self.key_dtype}"
            )
        if key_index == TextFileIndex.WHOLE_LINE and not (
            self.key_dtype.is_integer or self.key_dtype == dtypes.string
        ):
            raise ValueError(
                "`key_dtype` should be either integer or string for `key_index` "
                f"{TextFileIndex.WHOLE_LINE}, received: {self.key_dtype}"
            )
        if value_index < -2:
            raise ValueError(f"`value_index` should be >= -2, received: {value_index}")
        self._filename = filename
        self._key_index, self._value_index = key_index, value_index
        self._vocab_size = vocab_size
        self._delimiter = delimiter
        self._offset = value_index_offset
        self._name = name or "text_file_init"

    def initialize(self, table):
        _check_table_dtypes(table, self.key_dtype, self.value_dtype)
        with name_scope(self._name):
            filename = convert_to_tensor(self._filename, dtypes.string, name="asset_filepath")
            attrs = {
                "key_index": self._key_index,
                "value_index": self._value_index,
                "vocab_size": -1 if self._vocab_size is None else self._vocab_size,
                "delimiter": self._delimiter,
                "offset": self._offset,
            }
            init_op = apply_op(
                "InitializeTableFromTextFileV2",
                [table.resource_handle, filename],
                attrs,
                "InitializeTableFromTextFileV2",
            )
        if not executing_eagerly():
            add_to_collection(TABLE_INITIALIZERS, init_op)
        return init_op


def _check_table_dtypes(table, key_dtype, value_dtype):
    if key_dtype.base_dtype != table.key_dtype:
        raise TypeError(
            f"Invalid key dtype for table, expected {table.key_dtype} but got {key_dtype}."
        )
    if value_dtype.base_dtype != table.value_dtype:
        raise TypeError(
            f"Invalid value dtype for table, expected {table.value_dtype} but got {value_dtype}."
        )


# -- the table ----------------------------------------------------------------------------------
class StaticHashTable:
    """`tf.lookup.StaticHashTable(initializer, default_value)`: a table filled once."""

    def __init__(self, initializer, default_value, name=None, experimental_is_anonymous=False):
        self._initializer = initializer
        self.key_dtype, self.value_dtype = initializer.key_dtype, initializer.value_dtype
        self._default_value = convert_to_tensor(default_value, dtype=self.value_dtype)
        self._default_value.shape.merge_with(TensorShape([]))
        self._name = name or "hash_table"
        attrs = {
            "container": "",
            "shared_name": "%s_%d" % (self._name, next(_table_ids)),
            "use_node_name_sharing": False,
            "key_dtype": self.key_dtype,
            "value_dtype": self.value_dtype,
        }
        self._resource_handle = apply_op("HashTableV2", [], attrs, self._name)
        self._init_op = initializer.initialize(self)

    @property
    def name(self):
        return self._name

    @property
    def resource_handle(self):
        return self._resource_handle

    @property
    def initializer(self):
        return self._init_op

    @property
    def default_value(self):
        return self._default_value

    def lookup(self, keys, name=None):
        """The values of `keys` (any shape), `default_value` where a key is missing."""
        if keys.dtype.base_dtype != self.key_dtype:
            raise TypeError(
                f"Dtype of argument `keys` must be {self.key_dtype}, received: {keys.dtype}"
            )
        with name_scope(name, "%s_Lookup" % self._name):
            attrs = {"Tin": self.key_dtype, "Tout": self.value_dtype}
            values = apply_op(
                "LookupTableFindV2",
                [self._resource_handle, keys, self._default_value],
                attrs,
                "LookupTableFindV2",
            )
        return values

    def __getitem__(self, keys):
        return self.lookup(keys)

    def size(self, name=None):
        """The number of entries (int64)."""
        with name_scope(name, "%s_Size" % self._name):
            return apply_op("LookupTableSizeV2", [self._resource_handle], {}, "LookupTableSizeV2")


def tables_initializer(name="init_all_tables"):
    """`tf.compat.v1.tables_initializer()`: one op that fills every table of the graph."""
    initializers = get_collection(TABLE_INITIALIZERS)
    if initializers:
        return control_flow_ops.group(*initializers, name=name)
    return control_flow_ops.no_op(name=name)
