"""A learntf graph as TensorFlow's `GraphDef` protocol buffer, for TensorBoard's Graphs tab.

Each Operation becomes a `NodeDef`: its name (TensorBoard folds names with '/' into name-scope
boxes), its type, its inputs (`"op"` for output 0, `"op:1"` for others, `"^op"` for a control
input) and its attributes.  Like TF's `as_graph_def(add_shapes=True)`, every node also gets
`_output_shapes`, so TensorBoard can print shapes on the edges.  Lesson 07 opens the graph of
lesson 05 in TensorBoard and finds the `loss` scope there.
"""

import numbers

import numpy as np

from learntf import dtypes
from learntf.framework.tensor_shape import TensorShape
from learntf.serialization.tf_protos import protos


def graph_to_graph_def(graph):
    """The `GraphDef` proto (tensorboard's class) describing every op of `graph`."""
    pb = protos()
    graph_def = pb.graph_pb2.GraphDef()
    for op in graph.get_operations():
        node = graph_def.node.add(name=op.name, op=op.type)
        node.input.extend(t.op.name if t.value_index == 0 else t.name for t in op.inputs)
        node.input.extend("^" + control.name for control in op.control_inputs)
        for key, value in sorted(op.attrs.items()):
            attr = attr_value(value)
            if attr is not None:  # values with no proto form (None, Python objects) are left out
                node.attr[key].CopyFrom(attr)
        if op.outputs:
            node.attr["_output_shapes"].list.shape.extend(shape_proto(t.shape) for t in op.outputs)
    return graph_def


def attr_value(value):
    """An `AttrValue` for one attribute, or None when it has no proto form."""
    pb = protos()
    attr = pb.attr_value_pb2.AttrValue()
    if isinstance(value, dtypes.DType):
        attr.type = data_type(value)
    elif isinstance(value, TensorShape):
        attr.shape.CopyFrom(shape_proto(value))
    elif isinstance(value, (bool, np.bool_)):
        attr.b = bool(value)
    elif isinstance(value, numbers.Integral):
        attr.i = int(value)
    elif isinstance(value, numbers.Real):
        attr.f = float(value)
    elif isinstance(value, (str, bytes)):
        attr.s = value.encode("utf-8") if isinstance(value, str) else value
    elif isinstance(value, np.ndarray):
        attr.tensor.CopyFrom(tensor_proto(value))
    elif isinstance(value, (list, tuple)):
        items = [attr_value(item) for item in value]
        if any(
            item is None or item.WhichOneof("value") in (None, "list", "tensor") for item in items
        ):
            return None
        attr.list.SetInParent()
        for item in items:
            field = item.WhichOneof("value")
            repeated = getattr(attr.list, field)
            if field == "shape":
                repeated.add().CopyFrom(item.shape)
            else:
                repeated.append(getattr(item, field))
    else:
        return None
    return attr


def data_type(dtype):
    """TF's DataType enum value: tf.float32 -> DT_FLOAT, tf.int32 -> DT_INT32, ..."""
    return protos().types_pb2.DataType.Value("DT_" + dtype.proto_name.upper())


def shape_proto(shape):
    """A `TensorShapeProto`: size -1 for an unknown dimension, unknown_rank for no rank."""
    proto = protos().tensor_shape_pb2.TensorShapeProto()
    if shape.rank is None:
        proto.unknown_rank = True
    else:
        for dim in shape.as_list():
            proto.dim.add(size=-1 if dim is None else dim)
    return proto


def tensor_proto(array):
    """A `TensorProto` holding a constant's value (strings in string_val, numbers as bytes)."""
    pb = protos()
    dtype = dtypes.string if array.dtype.kind in "OSU" else dtypes.as_dtype(array.dtype)
    proto = pb.tensor_pb2.TensorProto(
        dtype=data_type(dtype), tensor_shape=shape_proto(TensorShape(array.shape))
    )
    if dtype is dtypes.string:
        proto.string_val.extend(
            item if isinstance(item, bytes) else str(item).encode("utf-8") for item in array.ravel()
        )
    else:
        proto.tensor_content = np.ascontiguousarray(array).tobytes()
    return proto
