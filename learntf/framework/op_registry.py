"""The op registry: one definition per op, shared by every way of running it.

An `OpDef` holds everything learntf knows about one kind of op:

* `name`         TensorFlow's op type, e.g. "MatMul";
* `inputs`       the names of its inputs (a trailing `*` marks a list input, as in AddN);
* `infer`        shape and dtype inference, used when a graph is built;
* `kernel`       the NumPy function that computes its outputs;
* `gradient`     how to differentiate it, written with learntf ops (registered later, by
                 `learntf/ops/gradient_functions.py`), so gradients of gradients work too;
* `ref_inputs`   the inputs that take a TF1 reference variable itself (TF's `Ref(T)`, as
                 Assign's `ref`); any other input given a reference gets the variable's value.

Graph mode (`Session.run`), eager mode and `tf.function` all look ops up here, so an op is
written once.  Lesson 01 shows a graph's ops.
"""

import types

OP_DEFS = {}

# The op library's functions that the core's machinery calls where making an op takes the
# library's own logic (zeros_like builds a Const, a Fill or a ZerosLike, as TF does): the
# gradient machinery's zeros and ones, tf.gradients' gate (`tuple`), the jacobian's stack.
# ops/core_library.py registers them when learntf is imported, so the core never imports the
# op library (as TF's math_ops gives Tensor its operators through `_override_operator`).
library = types.SimpleNamespace()


class OpDef:
    """What one op type is: its inputs, shape inference, NumPy kernel and gradient."""

    # TF's type attr `T` (shown in TensorBoard, kept in a GraphDef) is the dtype of one input:
    # the first, unless `type_input=` says which; `type_attr=None` for ops that have no `T`.
    type_attr = "T"
    type_input = 0

    def __init__(
        self,
        name,
        inputs,
        infer,
        kernel,
        *,
        num_outputs=1,
        default_name=None,
        same_dtype=False,
        stateful=False,
        make_state=None,
        ref_inputs=(),
        elementwise=False,
    ):
        self.name = name
        self.input_names = tuple(n.rstrip("*") for n in inputs)
        self.list_input = next((i for i, n in enumerate(inputs) if n.endswith("*")), None)
        self.infer = infer
        self.kernel = kernel
        self.num_outputs = num_outputs
        self.default_name = default_name or name
        # `same_dtype`: every input shares one dtype attr `T`, as for AddV2(x: T, y: T).
        self.same_dtype = same_dtype
        # `stateful`: never folded, merged or skipped (random numbers, variable writes).
        self.stateful = stateful
        # `make_state(op, session)`: per-session state handed to the kernel as its first
        # argument (a variable's storage, a random generator).  None for pure ops.
        self.make_state = make_state
        self.ref_inputs = frozenset(ref_inputs)  # input positions, see the module docstring
        # `elementwise`: a binary element-wise op whose output has its inputs' dtype (AddV2,
        # Mul...): eager execution may run it straight away (framework/execute.py).
        self.elementwise = elementwise
        self.gradient = None

    def __repr__(self):
        return "<OpDef %s(%s)>" % (self.name, ", ".join(self.input_names))


def register_op(name, inputs, infer, kernel, **options):
    """Define an op type once; every execution mode finds it by name."""
    if name in OP_DEFS:
        raise KeyError("Op %r is already registered" % name)
    type_options = {key: options.pop(key) for key in ("type_attr", "type_input") if key in options}
    op_def = OpDef(name, inputs, infer, kernel, **options)
    for key, value in type_options.items():
        setattr(op_def, key, value)
    OP_DEFS[name] = op_def
    return op_def


# Functions that import the parts of learntf that register ops, for when a graph names an op
# not seen yet (e.g. import_meta_graph of a graph with summaries or a Saver).  The package
# registers them (learntf/_lazy.py), so the registry needs to know nothing of the op library.
_OP_LOADERS = []


def register_op_loader(load):
    _OP_LOADERS.append(load)


def get_op_def(name):
    op_def = OP_DEFS.get(name)
    if op_def is None:  # maybe defined in a part of learntf not imported yet
        for load in _OP_LOADERS:
            load()
        op_def = OP_DEFS.get(name)
    if op_def is None:
        raise KeyError("No op named %r is registered in learntf" % name)
    return op_def


# Gradients by a name of their own (TF's RegisterGradient), for an op whose `_gradient_op_type`
# attr names one (TF's gradient_override_map; tf.custom_gradient's IdentityN ops).
GRADIENTS_BY_NAME = {}


def lookup_gradient(name):
    """The gradient under `name` in TF's one registry: a name of its own, else an op type's
    (NoGradient included: TF registers None for it).  LookupError if there is none."""
    grad_fn = GRADIENTS_BY_NAME.get(name) or getattr(OP_DEFS.get(name), "gradient", None)
    if grad_fn is None or grad_fn is NoGradientInTensorFlow:
        raise LookupError("gradient registry has no entry for: %s" % name)
    return grad_fn


class NoGradient:
    """Marker: this op has no gradient (like TF's `ops.NotDifferentiable`)."""


def register_gradient(op_name):
    """Decorator registering `fn(op, *output_grads) -> [input grads]` for an op type."""

    def decorate(fn):
        get_op_def(op_name).gradient = fn
        return fn

    return decorate


def not_differentiable(op_name):
    get_op_def(op_name).gradient = NoGradient


class NoGradientInTensorFlow:
    """Marker: TensorFlow registers no gradient for this op (an optimizer's update, file I/O,
    a generator's state), so differentiating through it raises LookupError, as in TF.  (A
    NoGradient op instead stops backprop quietly.)  Every op is either differentiable, marked
    NoGradient, or marked so: tests/test_gradient_registry.py checks."""


def no_gradient_in_tensorflow(op_name):
    get_op_def(op_name).gradient = NoGradientInTensorFlow
