"""Record the arguments of every op learntf defines, from TensorFlow's op registry.

A function in a SavedModel (a `FunctionDef`) names a tensor by its op's *output argument*:
`MatMul:product:0` is MatMul's output "product", `Split:output:1` the second tensor of Split's
list output "output".  Its nodes must also carry every attr TensorFlow's op needs, including the
type attrs (MatMul's `T`) that learntf derives from the tensors' dtypes.  learntf's ops know only
how many inputs and outputs they have, so learntf/saved_model/op_args.json keeps TensorFlow's
argument list of each op:

    {"MatMul": {"in": [["a", "T", ""], ["b", "T", ""]], "out": [["product", "T", ""]],
                "attr": {"transpose_a": "bool", "transpose_b": "bool", "T": "type", ...}}, ...}

Each argument is [name, type attr (or "" for a fixed type), length attr]; the length attr, when
not "", makes it a list whose length is the node's number attr (AddN's `N`) or the length of its
type-list attr.  "attr" gives each attr's type as TF's OpDef names it ("bool", "int",
"list(int)", "type", "shape", "tensor", "func"...): import_graph_def checks a node's attrs against
it (learntf/serialization/graph_io.py).  Run with TensorFlow's venv:

    PYTHONPATH=. .venv-tf/bin/python scripts/record_tf_op_args.py [--check]
"""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from recording import ROOT, main

OUTPUT = ROOT / "learntf" / "saved_model" / "op_args.json"


def learntf_op_types():
    sys.path.insert(0, str(ROOT))
    from learntf._lazy import load_all_ops
    from learntf.framework.op_registry import OP_DEFS

    load_all_ops()
    return sorted(OP_DEFS)


def record_all():
    from tensorflow.python.framework import op_def_registry

    def args(arg_defs):
        return [[a.name, a.type_attr, a.number_attr or a.type_list_attr] for a in arg_defs]

    recording = {}
    for op_type in learntf_op_types():
        op_def = op_def_registry.get(op_type)
        if op_def is not None:  # (None: an op TensorFlow does not have)
            recording[op_type] = {
                "in": args(op_def.input_arg),
                "out": args(op_def.output_arg),
                "attr": {a.name: a.type for a in op_def.attr},
            }
    return recording


def to_json_text(recording):
    lines = ["  %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in sorted(recording.items())]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def summarize(recording):
    return "the arguments of %d op types" % len(recording)


if __name__ == "__main__":
    sys.exit(main(__doc__, OUTPUT, record_all, to_json_text, summarize))
