"""`ag__.if_stmt`, `ag__.while_stmt`, `ag__.for_stmt`: choose, at run time, between Python's
own control flow and TensorFlow's (how the state travels: this package's __init__.py).

- a Python value (a bool, a `range`, a list): plain Python, so a Python loop is unrolled
  while tf.function traces, as in TensorFlow;
- a graph tensor: `tf.cond` or `tf.while_loop`.  Before building it, the operator checks
  TensorFlow's rules and raises TensorFlow's errors, in TensorFlow's words, pointing at the
  user's statement (a variable set in one branch only, a loop variable changing dtype, ...).

This follows tensorflow/python/autograph/operators/control_flow.py; names and argument orders
are TensorFlow's.
"""

import numpy as np

from learntf import nest
from learntf.autograph.operators.variables import Undefined, UndefinedReturnValue
from learntf.framework import context
from learntf.framework.constant_op import convert_to_tensor
from learntf.framework.tensor_type import Tensor
from learntf.framework.user_code import user_code_location


# -- errors: TensorFlow's, pointing at the user's statement ---------------------------------
def _is_tensor(value):
    return isinstance(value, Tensor)


def _is_graph_tensor(value):
    """A tensor of a graph being built: one that decides graph control flow.  (An eager
    tensor has its value, so Python's own `if` and `while` can test it.)"""
    return isinstance(value, Tensor) and not context.executing_eagerly()


def _user_error(error_class, message, fix):
    """TensorFlow's error as tf.function shows it: 'in user code:', the converted statement's
    line (converted code keeps the original file and line numbers), then the error's words."""
    where = user_code_location(skip=2).replace("in tf__", "in ", 1)
    first, _, rest = where.partition("\n")
    where = first + "  *\n" + rest if first else ""
    return error_class(
        "in user code:\n\n%s\n    %s: %s\n\n(learntf: %s)"
        % (where, error_class.__name__, message, fix)
    )


def _verify_tf_condition(cond, tag):
    """A condition must be one boolean (TF: a tf.bool scalar, or a shape with one element)."""
    hint = "to check for None, use `is not None`"
    cond = convert_to_tensor(cond)
    if cond.dtype.name != "bool":
        raise _user_error(
            ValueError,
            "condition of {} expected to be `tf.bool` scalar, got {}; to use as boolean "
            "Tensor, use `tf.cast`; {}".format(tag, cond, hint),
            "compare the tensor, e.g. `if x > 0:`, or tf.cast it to tf.bool.",
        )
    if cond.shape.rank != 0:
        if cond.shape.rank is not None and np.prod([d or 1 for d in cond.shape.as_list()]) > 1:
            raise _user_error(
                ValueError,
                "condition of {} expected to be `tf.bool` scalar, got {}; {}".format(
                    tag, cond, hint
                ),
                "reduce the condition to one value, e.g. tf.reduce_all(c) or tf.reduce_any(c).",
            )
        from learntf.ops import array_ops

        cond = array_ops.reshape(cond, ())
    return cond


# -- if ----------------------------------------------------------------------------------------
def if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts):
    """`if cond: body() else: orelse()`: tf.cond when `cond` is a tensor."""
    if _is_graph_tensor(cond):
        _tf_if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts)
    else:
        _py_if_stmt(cond, body, orelse)


def _py_if_stmt(cond, body, orelse):
    return body() if cond else orelse()


def _tf_if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts):
    """Both branches become functions of the state; tf.cond runs one.  The first `nouts`
    state variables are the statement's outputs (the others are read, not changed after)."""
    cond = _verify_tf_condition(cond, "if statement")
    if not nouts:  # (as TF: a cond with one dummy output rather than none)
        get_state, set_state = _with_dummy(get_state, set_state)
        symbol_names, nouts = symbol_names + ("<unused dummy>",), 1
    init_vars = get_state()
    branch_outputs = {}

    def branch(run, name):
        def branch_fn():
            set_state(init_vars)
            run()
            outputs = get_state()[:nouts]
            branch_outputs[name] = outputs
            _verify_branch_vars(outputs, symbol_names, name)
            if len(branch_outputs) == 2:
                _verify_cond_vars(branch_outputs["main"], branch_outputs["else"], symbol_names)
            return outputs

        return branch_fn

    results = _cond(cond, branch(body, "main"), branch(orelse, "else"))
    set_state(tuple(results) + tuple(init_vars[nouts:]))


def _cond(pred, true_fn, false_fn):
    """tf.cond of two branches returning the same structure: one If op, which runs only the
    branch the predicate picks (ops/cond_v2.py).  strict=True, as TF: a one-element tuple of
    state stays a tuple."""
    from learntf.ops import control_flow_ops

    return control_flow_ops.cond(pred, true_fn, false_fn, strict=True)


def _with_dummy(get_state, set_state):
    return (lambda: (0,) + tuple(get_state())), (lambda values: set_state(values[1:]))


def _verify_branch_vars(values, symbol_names, branch_name):
    for name, value in zip(symbol_names, values):
        if isinstance(value, Undefined):
            raise _user_error(
                ValueError,
                "'{}' must also be initialized in the {} branch".format(name, branch_name),
                "a tensor `if` runs as tf.cond, whose branches must both give '%s' a value; "
                "set it before the `if`, or in both branches." % name,
            )
        if isinstance(value, UndefinedReturnValue):
            raise _user_error(
                ValueError,
                "the {} branch must also have a return statement.".format(branch_name),
                "a tensor `if` runs as tf.cond, which has one result: return a value from "
                "both branches (or from neither).",
            )


def _verify_cond_vars(body_values, orelse_values, symbol_names):
    from learntf import nest_compare

    for name, in_body, in_orelse in zip(symbol_names, body_values, orelse_values):
        try:
            nest_compare.assert_same_structure(in_body, in_orelse)
        except (ValueError, TypeError) as e:
            raise _user_error(
                TypeError,
                "'{}' must have the same nested structure in the main and else branches:\n\n"
                "{}".format(name, e),
                "give '%s' the same kind of value (one tensor, or the same tuple/list/dict) "
                "in both branches." % name,
            ) from None
        for a, b in zip(nest.flatten(in_body), nest.flatten(in_orelse)):
            if a is None or b is None:
                where = "main" if a is None else "else"
                raise _user_error(
                    ValueError,
                    "'{}' is None at the end of the {} branch.".format(name, where),
                    "tf.cond cannot return None; give '%s' a tensor value." % name,
                )
            a, b = _as_tensor_if_python(a), _as_tensor_if_python(b)
            if _is_tensor(a) and _is_tensor(b) and a.dtype != b.dtype:
                raise _user_error(
                    TypeError,
                    "'{}' has dtype {} in the main branch, but dtype {} in the else branch".format(
                        name, a.dtype.name, b.dtype.name
                    ),
                    "tf.cond's branches must give '%s' one dtype; tf.cast one of them." % name,
                )


def _as_tensor_if_python(value):
    if isinstance(value, (bool, int, float, str, np.ndarray)):
        return convert_to_tensor(value)
    return value


# -- while -------------------------------------------------------------------------------------
def while_stmt(test, body, get_state, set_state, symbol_names, opts):
    """`while test(): body()`: tf.while_loop when the first test gives a tensor."""
    from learntf.eager.func_graph import FuncGraph
    from learntf.framework.graph import get_default_graph

    if context.executing_eagerly():  # (eager tensors have values: a Python loop)
        _py_while_stmt(test, body)
        return
    # (as TF: the first test runs in a scratch graph, only to see what kind of value it gives)
    with FuncGraph("tmp", outer_graph=get_default_graph()).as_default():
        init_test = test()
    if isinstance(init_test, Tensor):
        _tf_while_stmt(test, body, get_state, set_state, symbol_names, opts)
        return
    # A Python loop: the test ran once already, so run one iteration before the loop.
    if not init_test:
        return
    body()
    _py_while_stmt(test, body)


def _py_while_stmt(test, body):
    while _python_bool(test(), _WHILE_BECAME_TENSOR):
        body()


_WHILE_BECAME_TENSOR = (
    "The condition of while loop started as non-Tensor, then changed to Tensor. This may "
    "happen either because variables changed type, or when a break or return statement inside "
    "the loop depends on a Tensor condition. In both cases, changing to a TF loop should "
    "remove the error.\nSee https://github.com/tensorflow/tensorflow/blob/master/tensorflow/"
    "python/autograph/g3doc/reference/limitations.md#consistency-of-control-flow-types for "
    "more info."
)
_BREAK_ON_TENSOR = (
    "break and return statements which depend on a TF condition are not supported in Python "
    "for loops. Did you intend to make it a TF loop?\nSee https://github.com/tensorflow/"
    "tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/limitations.md"
    "#consistency-of-control-flow-types for more info."
)


def _python_bool(value, message):
    if _is_tensor(value) and not context.executing_eagerly():
        raise _user_error(
            NotImplementedError,
            message,
            "a Python loop (over a Python value) cannot stop on a tensor; loop over a tensor "
            "(e.g. tf.range) so that it becomes a tf.while_loop.",
        )
    return bool(value)


def _tf_while_stmt(test, body, get_state, set_state, symbol_names, opts):
    """The loop as tf.while_loop: the state variables are its loop variables.

    A variable without a value before the loop (undefined, None, or the function's return
    value) gets one, as in TF: one iteration is staged in a scratch graph to see what the body
    gives it, and a zero of that kind starts the loop; the loop must then run at least once."""
    from learntf.ops import while_v2

    init_vars = tuple(get_state())
    nulls = [_is_none_or_undefined(v) for v in init_vars]
    require_one_iteration = any(nulls) and _try_handling_undefineds(
        body, get_state, set_state, init_vars, nulls, symbol_names
    )
    if require_one_iteration:
        init_vars = require_one_iteration

    invariants = dict(
        (name, shape)
        for name, value in zip(symbol_names, init_vars)
        for var, shape in opts.get("shape_invariants", ())
        if var is value
    )

    def aug_test(*loop_vars):
        if require_one_iteration:
            loop_vars = loop_vars[1:]
        set_state(loop_vars)
        return _verify_tf_condition(test(), "while loop")

    def aug_body(*loop_vars):
        if require_one_iteration:
            loop_vars = loop_vars[1:]
        set_state(loop_vars)
        body()
        new_loop_vars = tuple(get_state())
        _verify_tf_loop_vars(init_vars, loop_vars, new_loop_vars, symbol_names, invariants)
        return (True,) + new_loop_vars if require_one_iteration else new_loop_vars

    options = {k: v for k, v in opts.items() if k in _WHILE_LOOP_OPTIONS}
    loop_vars = (False,) + init_vars if require_one_iteration else init_vars
    if "shape_invariants" in options:  # ((variable, shape), ...) -> one per loop variable
        options["shape_invariants"] = tuple(_invariants_by_position(options, loop_vars))
    final = tuple(while_v2.while_loop(aug_test, aug_body, loop_vars, **options))
    # (TF also asserts, when the loop runs, that it ran at least once: "loop must iterate at
    # least once to initialize ..."; learntf has no Assert op yet, so a loop that runs zero
    # times leaves the zero values)
    set_state(final[1:] if require_one_iteration else final)


def _is_none_or_undefined(value):
    return value is None or isinstance(value, (Undefined, UndefinedReturnValue))


def _try_handling_undefineds(body, get_state, set_state, init_vars, nulls, symbol_names):
    """The loop's starting values with each missing one replaced by a zero like the value one
    iteration gives it (or False when that cannot be found: the loop variables are checked)."""
    from learntf.eager.func_graph import FuncGraph, graph_placeholder
    from learntf.framework.graph import get_default_graph

    first_iter_vars, failure, new_init = None, None, None
    try:
        with FuncGraph("tmp", outer_graph=get_default_graph()).as_default():

            def placeholder_for(value):  # (Python values would become constants in the loop)
                if isinstance(value, (bool, int, float, np.ndarray, np.generic)):
                    tensor = convert_to_tensor(value)
                    return graph_placeholder(tensor.dtype, tensor.shape, "tmp")
                return value

            set_state(tuple(nest.map_structure(placeholder_for, v) for v in init_vars))
            body()
            first_iter_vars = tuple(get_state())
        new_init = tuple(
            _placeholder_value(first, value) if null else value
            for value, null, first in zip(init_vars, nulls, first_iter_vars)
        )
    except (UnboundLocalError, TypeError, ValueError, KeyError) as e:
        message = str(e).split("\n\n(learntf:")[0]
        if message.startswith("in user code:"):
            message = message.strip().splitlines()[-1].strip()
        failure = "Note: AutoGraph tried to define it automatically, but ran into a %s: %s" % (
            type(e).__name__,
            message,
        )
    finally:
        set_state(init_vars)
    _verify_loop_init_vars(new_init or init_vars, symbol_names, failure)
    return new_init


def _placeholder_value(like, original):
    """A zero value like `like` (what the first iteration gave), to start the loop with."""
    from learntf.ops import array_ops

    if like is None or isinstance(like, (Undefined, UndefinedReturnValue)):
        return original
    if isinstance(like, (bool, int, float)):
        return type(like)(0)
    if _is_tensor(like):
        shape = [0 if d is None else d for d in (like.shape.as_list() or [])]
        return array_ops.zeros(shape if like.shape.rank is not None else [], like.dtype)
    if isinstance(like, (list, tuple, dict)):
        return nest.map_structure(lambda v: _placeholder_value(v, original), like)
    raise TypeError(
        "Found an unsupported type '{}' while creating placeholder for {}. Supported types "
        "include Tensor, int, float, bool, list, tuple or dict.".format(type(like).__name__, like)
    )


def _invariants_by_position(options, loop_vars):
    """set_loop_options names each invariant by the variable's value; tf.while_loop wants one
    per loop variable (the variable's own shape where none was given)."""
    from learntf.framework.tensor_shape import TensorShape

    pairs = options["shape_invariants"]
    result = []
    for value in loop_vars:
        given = [shape for var, shape in pairs if var is value]
        if given:
            shape = given[0]
            result.append(shape if isinstance(shape, TensorShape) else TensorShape(shape))
        else:
            result.append(nest.map_structure(lambda v: convert_to_tensor(v).shape, value))
    return result


_WHILE_LOOP_OPTIONS = ("shape_invariants", "maximum_iterations", "parallel_iterations")


def _verify_loop_init_vars(init_vars, symbol_names, extra_message=None):
    for name, value in zip(symbol_names, init_vars):
        if isinstance(value, UndefinedReturnValue):
            raise _user_error(
                NotImplementedError,
                "a return statement cannot be placed inside this TensorFlow loop; this may "
                "happen if a return statement depends on a static Python condition such as a "
                "hyperparameter",
                "in a tensor loop, set a result variable and `break`; return it after the loop.",
            )
        if value is None:
            raise _user_error(
                ValueError,
                "'{}' is not allowed to be None before the loop".format(name),
                "a tf.while_loop variable must be a tensor; give '%s' a tensor value before "
                "the loop." % name,
            )
        if isinstance(value, Undefined):
            raise _user_error(
                ValueError,
                "'{}' must be defined before the loop".format(name)
                + ("\n" + extra_message if extra_message else ""),
                "a tensor loop runs as tf.while_loop, whose variables need a value before "
                "the first iteration: set '%s' before the loop." % name,
            )


def _verify_tf_loop_vars(init_vars, entry_vars, exit_vars, symbol_names, invariants=None):
    """A loop variable keeps its structure and dtype, and its shape (or a less specific one):
    the shape it had before the loop, or the shape invariant set_loop_options gave it."""
    from learntf import nest_compare

    for name, entry, exit_ in zip(symbol_names, entry_vars, exit_vars):
        try:
            nest_compare.assert_same_structure(entry, exit_)
        except (ValueError, TypeError) as e:
            raise _user_error(
                TypeError,
                "'{}' does not have the same nested structure after one iteration.\n\n{}".format(
                    name, e
                ),
                "a tf.while_loop variable keeps its structure; give '%s' the same kind of "
                "value in every iteration." % name,
            ) from None
        invariant = (invariants or {}).get(name)
        for entry_t, exit_t in zip(nest.flatten(entry), nest.flatten(exit_)):
            _verify_single_loop_var(name, entry_t, exit_t, invariant)


def _verify_single_loop_var(name, entry, exit_, invariant=None):
    if exit_ is None:
        raise _user_error(
            ValueError,
            "'{}' is None at the end of the iteration.".format(name),
            "a tf.while_loop variable must stay a tensor.",
        )
    entry, exit_ = _as_tensor_if_python(entry), _as_tensor_if_python(exit_)
    if not (_is_tensor(entry) and _is_tensor(exit_)):
        return
    if entry.dtype != exit_.dtype:
        raise _user_error(
            TypeError,
            "'{}' has dtype {} before the loop, but dtype {} after one iteration".format(
                name, entry.dtype.name, exit_.dtype.name
            ),
            "a tf.while_loop variable keeps its dtype: start '%s' with a value of dtype %s "
            "(e.g. 0.0 rather than 0), or tf.cast it in the loop." % (name, exit_.dtype.name),
        )
    if invariant is not None:
        from learntf.framework.tensor_shape import TensorShape

        invariant = invariant if isinstance(invariant, TensorShape) else TensorShape(invariant)
        if not _is_subshape(exit_.shape, invariant):
            raise _user_error(
                ValueError,
                "'{}' has shape {} after one iteration, which does not conform with the shape "
                "invariant {}.".format(name, exit_.shape, invariant),
                "the shape invariant must allow every shape '%s' takes: None for each "
                "dimension that changes." % name,
            )
    elif not _is_subshape(exit_.shape, entry.shape):
        raise _user_error(
            ValueError,
            "'{}' has shape {} before the loop, but shape {} after one iteration. Use "
            "tf.autograph.experimental.set_loop_options to set shape invariants.".format(
                name, entry.shape, exit_.shape
            ),
            "a tf.while_loop variable keeps its shape unless a shape invariant (with None "
            "for the dimension that changes) says otherwise.",
        )


def _is_subshape(left, right):
    """Whether shape `left` is at least as specific as `right`."""
    if right.rank is None:
        return True
    if left.rank != right.rank:
        return False
    return all(r is None or a == r for a, r in zip(left.as_list(), right.as_list()))


# -- for ---------------------------------------------------------------------------------------
def for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """`for target in iter_: body(target)`, stopping early when `extra_test()` is false
    (how `break` and `return` inside the loop arrive here).

    A tensor loops over its first dimension, as a tf.while_loop; `tf.range(...)` loops over its
    numbers without building the range; a tf.data.Dataset is iterated when the function runs;
    anything else is a Python loop (unrolled while tracing)."""
    if _is_graph_tensor(iter_):
        if getattr(iter_, "op", None) is not None and iter_.op.type == "Range":
            loop = _tf_range_for_stmt
        else:
            loop = _known_len_tf_for_stmt
    elif _is_dataset(iter_) and not context.executing_eagerly():
        from learntf.autograph import dataset_loop

        loop = dataset_loop.dataset_for_stmt
    else:
        loop = _py_for_stmt
    loop(iter_, extra_test, body, get_state, set_state, symbol_names, opts)


def _is_dataset(value):
    from learntf.data.dataset import Dataset

    return isinstance(value, Dataset)


def _py_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    if extra_test is None:
        for target in iter_:
            body(target)
        return
    if _python_bool(extra_test(), _BREAK_ON_TENSOR):
        for target in iter_:
            body(target)
            if not _python_bool(extra_test(), _BREAK_ON_TENSOR):
                break


def _known_len_tf_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """Over a tensor's first dimension: a while loop on an index, reading one row per step
    from a TensorArray that holds the rows (TF's way: its gradient is cheaper than slicing)."""
    from learntf.autograph.operators.py_builtins import len_
    from learntf.ops.tensor_array_ops import TensorArray

    n = len_(iter_)
    iter_ = TensorArray(iter_.dtype, size=n).unstack(iter_)
    index = 0

    def aug_get_state():
        return (index,) + tuple(get_state())

    def aug_set_state(values):
        nonlocal index
        index, *loop_vars = values
        set_state(tuple(loop_vars))

    def aug_body():
        nonlocal index
        body(iter_.read(index))
        index += 1

    def aug_test():
        return _and_extra_test(index < n, extra_test)

    _tf_while_stmt(
        aug_test,
        aug_body,
        aug_get_state,
        aug_set_state,
        ("<internal iterate>",) + symbol_names,
        opts,
    )


def _tf_range_for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    """Over tf.range(start, limit, delta): the loop counts from start, without the Range op's
    values (TF elides the range the same way)."""
    from learntf.framework import tensor_util
    from learntf.ops import math_ops

    start, limit, delta = iter_.op.inputs
    iterate = start

    def aug_get_state():
        return (iterate,) + tuple(get_state())

    def aug_set_state(values):
        nonlocal iterate
        iterate, *loop_vars = values
        set_state(tuple(loop_vars))

    def aug_body():
        nonlocal iterate
        body(iterate)
        iterate = iterate + delta

    def aug_test():
        known_delta = tensor_util.constant_value(delta)
        if known_delta is not None:
            main_test = iterate < limit if known_delta >= 0 else iterate > limit
        else:
            main_test = math_ops.logical_or(
                math_ops.logical_and(delta >= 0, iterate < limit),
                math_ops.logical_and(delta < 0, iterate > limit),
            )
        return _and_extra_test(main_test, extra_test)

    _tf_while_stmt(
        aug_test,
        aug_body,
        aug_get_state,
        aug_set_state,
        ("<internal iterate>",) + symbol_names,
        opts,
    )


def _and_extra_test(main_test, extra_test):
    if extra_test is None:
        return main_test
    return _cond(main_test, extra_test, lambda: False)
