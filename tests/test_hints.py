"""Hints name the real op and the right fix: an input of a dtype the op does not accept gives
TF's error class and TF's words first, then exactly one "(learntf: ...)" line that names the op
and converts to a dtype the op accepts (TF's recording: tests/data/tf_dtype_errors.json, from
scripts/record_tf_dtype_errors.py and tests/dtype_error_cases.py).

Known difference: learntf lists the dtypes it implements, a subset of TF's list (it has no
bfloat16, uint32, uint64 or quantized types, and some ops take fewer), so the words are compared
up to the list, and the list as a subset of TF's.
"""

import inspect
import json
import pathlib
import re

import dtype_error_cases
import pytest
from test_graph_parity import learntf_behaviour

RECORDING = json.loads(
    (pathlib.Path(__file__).resolve().parent / "data" / "tf_dtype_errors.json").read_text(
        encoding="utf-8"
    )
)
CASTS = re.compile(r"tf\.(?:cast|strings\.to_number)\(\w+, tf\.(\w+)\)")

# TF's eager words name dtypes as its C++ code does
TF_CPP_NAMES = {"float16": "half", "float32": "float", "float64": "double"}


def test_the_recording_covers_every_case():
    assert sorted(RECORDING["errors"]) == sorted(dtype_error_cases.EXPRESSIONS)
    assert RECORDING["tensorflow_version"].startswith("2.21")


def split_message(message):
    """(TF's words, the hint lines) of an error message."""
    lines = message.split("\n")
    hints = [line for line in lines if line.startswith("(learntf:")]
    return "\n".join(line for line in lines if not line.startswith("(learntf:")), hints


def listed(words, marker):
    """The dtype names after `marker` up to the end of its line, as a list."""
    return words.split(marker, 1)[1].split("\n", 1)[0].split(", ")


def assert_hint_fits(hint, op_type, allowed_names):
    """One hint naming the op, whose suggested dtype is one the op takes."""
    assert hint.startswith("(learntf: %s takes " % op_type), hint
    targets = CASTS.findall(hint)
    if "tf.bool" in hint:
        targets.append("bool")
    if "tf.strings.as_string" in hint:
        targets.append("string")
    if "tf.math.real" in hint:  # complex to its real part: float32 or float64
        targets.append("float32")
    assert targets, "the hint suggests no conversion: %s" % hint
    assert set(targets) <= set(allowed_names), hint


@pytest.mark.parametrize("mode", dtype_error_cases.MODES)
@pytest.mark.parametrize("expression", dtype_error_cases.EXPRESSIONS)
def test_a_bad_dtype_gives_tf_error_then_one_hint_that_fits(expression, mode):
    import learntf

    expected = RECORDING["errors"][expression][mode]
    with learntf_behaviour("graph"):  # TF2's defaults: eager, with graphs as_default() blocks
        got = dtype_error_cases.evaluate(expression, mode, learntf)
    assert got.get("error") == expected["error"], (got, expected)
    words, hints = split_message(got["message"])
    tf_words, _ = split_message(expected["message"])
    assert len(hints) == 1 and got["message"].endswith(hints[0]), got["message"]
    op_type = re.search(r"\[Op:(\w+)\]|of '(\w+)' Op", expected["message"])
    if op_type is None:  # graph words of an attr check name the parameter only
        op_type = re.search(r"{{node (\w+)}}", RECORDING["errors"][expression]["eager"]["message"])
    op_type = next(name for name in op_type.groups() if name)
    assert op_type in got["message"]
    marker = next(
        (m for m in ("allowed values: ", "list of allowed values: ") if m in tf_words), None
    )
    if marker is None:  # an input of one fixed dtype: TF's words exactly
        assert words == tf_words
        allowed = [re.search(r"expected (?:type of |to be a )(\w+)", tf_words).group(1)]
        allowed = ["float32" if a == "float" else a for a in allowed]
    else:
        assert words.split(marker)[0] == tf_words.split(marker)[0]
        ours, theirs = listed(words, marker), listed(tf_words, marker)
        assert set(ours) <= set(theirs), "learntf accepts what TF refuses: %s" % (
            sorted(set(ours) - set(theirs))
        )
        if mode == "eager":
            assert "{{node %s}}" % op_type in words and words.endswith("[Op:%s]" % op_type)
        names = {v: k for k, v in TF_CPP_NAMES.items()}
        allowed = [names.get(name, name) for name in ours]
    assert_hint_fits(hints[0], op_type, allowed)


def restricted_inputs():
    """Every (op type, input) of learntf's registry whose shape inference refuses some dtype,
    found by building each op on placeholders of float32 (then of the dtype an error asks for)
    and of string, bool, complex64 or float32 at each input in turn: {(op, arg): DTypeError}."""
    import learntf.compat.v1 as tf1
    from learntf import dtypes
    from learntf._lazy import load_all_ops
    from learntf.framework.graph import Graph
    from learntf.framework.op_registry import OP_DEFS

    def refusal(op_def, attrs, choice):
        with Graph().as_default():
            tensors = []
            for index, dtype in enumerate(choice):
                tensor = tf1.placeholder(dtype, None)
                tensors.extend([tensor, tensor] if index == op_def.list_input else [tensor])
            try:
                op_def.infer(*tensors, **attrs)
            except TypeError as error:
                return error if hasattr(error, "graph_message") else None
            except Exception:  # another check failed: no dtype refusal
                return None
        return None

    load_all_ops()
    found = {}
    for op_type, op_def in sorted(OP_DEFS.items()):
        count = len(op_def.input_names)
        parameters = list(inspect.signature(op_def.infer).parameters.values())
        attrs = {
            p.name: None
            for p in parameters[count:]
            if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
        }
        if op_def.list_input is not None:
            attrs = {
                p.name: None
                for p in parameters
                if p.kind is p.KEYWORD_ONLY and p.default is p.empty
            }
            attrs.update(N=2) if "N" in attrs else None

        chosen = [dtypes.float32] * count
        for _ in range(count):
            error = refusal(op_def, attrs, chosen)
            if error is None:
                break
            found[op_type, error.arg_name] = error
            chosen[op_def.input_names.index(error.arg_name)] = error.allowed[0]
        for index in range(count):
            for bad in (dtypes.string, dtypes.bool_, dtypes.complex64, dtypes.float32):
                error = refusal(op_def, attrs, chosen[:index] + [bad] + chosen[index + 1 :])
                if error is not None:
                    found[op_type, error.arg_name] = error
    return found


RESTRICTED = restricted_inputs()


def test_the_registry_search_finds_the_restricted_inputs():
    assert len(RESTRICTED) > 100  # 108 (op, input) pairs when this test was written
    found_ops = {op_type for op_type, _ in RESTRICTED}
    assert {"Sqrt", "LogicalAnd", "MatMul", "Reshape", "StringLength", "OneHot"} <= found_ops


@pytest.mark.parametrize("op_input", sorted(RESTRICTED), ids="/".join)
def test_every_refusal_in_the_registry_is_tf_and_hints_a_dtype_both_accept(op_input):
    op_type, arg_name = op_input
    error = RESTRICTED[op_input]
    tf_input = (RECORDING["op_inputs"][op_type] or {}).get(arg_name)
    assert tf_input is not None, "TF's %s has no input %r" % (op_type, arg_name)
    assert error.attr == tf_input["attr"]
    ours = [d.name for d in error.allowed]
    assert tf_input["allowed"] is None or set(ours) <= set(tf_input["allowed"]), (
        "learntf's %s accepts for %r what TF refuses: %s"
        % (op_type, arg_name, sorted(set(ours) - set(tf_input["allowed"])))
    )
    for message in (error.graph_message(op_type), error.eager_message(op_type)):
        words, hints = split_message(message)
        assert len(hints) == 1 and message.endswith(hints[0]) and words
        assert_hint_fits(hints[0], op_type, ours)
    assert (
        "of '%s' Op" % op_type
        if error.attr is None
        else "NodeDef: {{node %s}} [Op:%s]" % (op_type, op_type)
    ) in (error.graph_message(op_type) + error.eager_message(op_type))
