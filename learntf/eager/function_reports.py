"""What tf.function reports to the user, beside running the function (eager/def_function.py).

Two reports, as TensorFlow 2.21 gives them: the warning when a function traces again and
again (on TensorFlow's logger, `logging.getLogger("tensorflow")`, i.e. `tf.get_logger()`), and
a concrete function's printed signature (`print(f.get_concrete_function(x))`).  The machinery
does not need either, so this module, imported by the package, attaches itself to `Function`
and `ConcreteFunction`.
"""

import functools
import inspect
import logging
import weakref

from learntf.eager.def_function import ConcreteFunction, Function
from learntf.framework.graph import Tensor

# TensorFlow's frequent-retracing detector (polymorphic_function.py): per Python function, the
# calls of the last 10 or so; a warning when 5 of them traced, at most 2 warnings per function.
FREQUENT_TRACING_WARNING_MAX_CALL_HISTORY = 10
FREQUENT_TRACING_WARNING_THRESHOLD = 5
FREQUENT_TRACING_WARNING_MAX_WARNING_PER_DETECTOR = 2


# -- frequent retracing ----------------------------------------------------------------------------
class _FrequentTracingDetector:
    """How many of a Python function's recent calls traced (TensorFlow's class of that name)."""

    def __init__(self):
        self._calls_per_tracings = []  # one entry per traced call: 1 + the untraced calls after it
        self._total_warning_count = 0
        self._call_count = 0

    def called_with_tracing(self, function_name):
        self._call_count += 1
        self._calls_per_tracings.append(1)
        while self._calls_per_tracings:
            if (
                self._call_count - self._calls_per_tracings[0]
                > FREQUENT_TRACING_WARNING_MAX_CALL_HISTORY
            ):
                self._call_count -= self._calls_per_tracings.pop(0)
            else:
                break
        if self._total_warning_count >= FREQUENT_TRACING_WARNING_MAX_WARNING_PER_DETECTOR:
            return
        if len(self._calls_per_tracings) >= FREQUENT_TRACING_WARNING_THRESHOLD:
            self._total_warning_count += 1
            # TensorFlow 2.21's words (the double space in "for  more" is TF's), on its logger
            logging.getLogger("tensorflow").warning(
                "{} out of the last {} calls to {} triggered tf.function "
                "retracing. Tracing is expensive and the excessive number of "
                "tracings could be due to (1) creating @tf.function repeatedly in "
                "a loop, (2) passing tensors with different shapes, (3) passing "
                "Python objects instead of tensors. For (1), please define your "
                "@tf.function outside of the loop. For (2), @tf.function has "
                "reduce_retracing=True option that can avoid unnecessary "
                "retracing. For (3), please refer to "
                "https://www.tensorflow.org/guide/function#controlling_retracing"
                " and https://www.tensorflow.org/api_docs/python/tf/function for "
                " more details.".format(
                    len(self._calls_per_tracings), self._call_count, function_name
                )
            )

    def called_without_tracing(self):
        if not self._calls_per_tracings:
            self._calls_per_tracings = [0]
        self._calls_per_tracings[-1] += 1
        self._call_count += 1


_frequent_tracing_detectors = weakref.WeakKeyDictionary()


def _frequent_tracing_detector(key):
    detector = _frequent_tracing_detectors.get(key)
    if detector is None:
        detector = _frequent_tracing_detectors[key] = _FrequentTracingDetector()
    return detector


def _key_for_call_stats(python_function):
    """As TF: the code object of the underlying function, so that tf.function wrappers of one
    function made again and again (in a loop) share one detector."""
    target = python_function
    while isinstance(target, functools.partial):  # learntf's methods: partial(function, self)
        target = target.func
    while hasattr(target, "__wrapped__"):
        target = target.__wrapped__
    target = getattr(target, "__func__", target)
    return getattr(target, "__code__", python_function)


def _function_name(python_function):
    if isinstance(python_function, functools.partial) and len(python_function.args) == 1:
        try:  # a method: shown as the bound method
            return str(python_function.func.__get__(python_function.args[0]))
        except AttributeError:
            pass
    return str(python_function)


def observe_call(function, traced):
    """`Function.call_observer`: count an eager call of `function`, warn if it traces often."""
    # the detector is kept on the function too: its key (a code object the function holds)
    # lives as long as the function, so the shared detector stays the one in the table
    detector = function.__dict__.get("_call_stats")
    if detector is None:
        key = _key_for_call_stats(function.python_function)
        detector = function._call_stats = _frequent_tracing_detector(key)
    if traced:
        detector.called_with_tracing(_function_name(function.python_function))
    else:
        detector.called_without_tracing()


# -- a concrete function's printed signature -------------------------------------------------------
def pretty_printed_signature(concrete, verbose=True):
    """As TensorFlow's FunctionType prints it: a Python argument is a Literal of its value, a
    capture is keyed by the id of the captured tensor.  verbose=False: one line,
    `(x: TensorSpec(...), y: Literal[2], *, z: Literal[None]) -> TensorSpec(...)`."""
    if not verbose:
        return _one_line_signature(concrete)
    lines = ["Input Parameters:"]
    for name, kind, value in concrete._parameters:
        lines.append("  %s (%s): %s" % (name, kind, _shown(concrete, name, value)))
    lines.append("Output Type:")
    lines.append("  " + _output_type(concrete.structured_outputs))
    lines.append("Captures:")
    if concrete.graph.captures:
        lines += [
            "  %d: TensorSpec(shape=%s, dtype=%r, name=None)" % (id(t), t.shape, t.dtype)
            for t, _ in concrete.graph.captures
        ]
    else:
        lines.append("  None")
    return "\n".join(lines)


def _shown(concrete, name, value):
    return repr(value) if name in concrete._arg_names else _literal(value)


def _one_line_signature(concrete):
    parts, starred = [], False
    for name, kind, value in concrete._parameters:
        if kind == "KEYWORD_ONLY" and not starred:
            parts.append("*")
            starred = True
        parts.append("%s: %s" % (name, _shown(concrete, name, value)))
    return "(%s) -> %s" % (", ".join(parts), _output_type(concrete.structured_outputs))


def _concrete_function_str(concrete):
    return "ConcreteFunction " + pretty_printed_signature(concrete)


def pretty_printed_concrete_signatures(function, verbose=True):
    """Every trace's signature, in the order they were traced, a blank line between."""
    # (TF: a blank line between the verbose ones, one line each otherwise)
    return ("\n\n" if verbose else "\n").join(
        pretty_printed_signature(concrete, verbose) for concrete in function._concrete.values()
    )


class FunctionSpec:
    """What `Function.function_spec` tells of the Python function (TF's FunctionSpec): its
    `inspect.getfullargspec`, the input_signature, the default values by name."""

    def __init__(self, function):
        self.fullargspec = inspect.getfullargspec(function.python_function)
        self.input_signature = (
            None if function.input_signature is None else tuple(function.input_signature)
        )
        parameters = inspect.signature(function.python_function).parameters.values()
        self.default_values = {p.name: p.default for p in parameters if p.default is not p.empty}
        self.arg_names = list(self.fullargspec.args)
        self.is_pure = False
        self.jit_compile = None


def _output_type(structure):
    """As TF's FunctionType prints an output: Tuple[...], List[...], Dict[[key, value], ...]."""
    if isinstance(structure, Tensor):
        return "TensorSpec(shape=%s, dtype=%r, name=None)" % (structure.shape, structure.dtype)
    if isinstance(structure, (list, tuple)):
        inner = ", ".join(_output_type(s) for s in structure)
        return ("List[%s]" if isinstance(structure, list) else "Tuple[%s]") % inner
    if isinstance(structure, dict):
        items = ("[%r, %s]" % (k, _output_type(v)) for k, v in structure.items())
        return "Dict[%s]" % ", ".join(items)
    return _literal(structure)


def _literal(value):
    """How TF's FunctionType shows a Python argument."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return "Literal[%r]" % (value,)
    if isinstance(value, (list, tuple, dict)):
        return _output_type(value)  # List[Literal[1], Literal[-1]]
    return repr(value)


def structured_input_signature(concrete):
    """(args, kwargs) the trace was made for, as TF gives them: a TensorSpec (named after its
    parameter) for each tensor argument, the Python value for any other; keyword-only
    parameters in kwargs."""

    def named(name, value):
        if name in concrete._arg_names and getattr(value, "name", "") is None:
            return type(value)(value.shape, value.dtype, name=name)
        return value

    params = concrete._parameters
    args = tuple(named(n, v) for n, kind, v in params if kind != "KEYWORD_ONLY")
    kwargs = {n: named(n, v) for n, kind, v in params if kind == "KEYWORD_ONLY"}
    return args, kwargs


ConcreteFunction.structured_input_signature = property(structured_input_signature)
ConcreteFunction.pretty_printed_signature = pretty_printed_signature
ConcreteFunction.__str__ = _concrete_function_str
Function.pretty_printed_concrete_signatures = pretty_printed_concrete_signatures
Function.function_spec = property(FunctionSpec)
Function.call_observer = observe_call
