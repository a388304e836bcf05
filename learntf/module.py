"""`tf.Module`: a named container of variables and other modules (TF 2's building block).

    class Dense(tf.Module):
        def __init__(self, n_in, n_out, name=None):
            super().__init__(name=name)
            self.w = tf.Variable(tf.random.normal([n_in, n_out]), name="w")
            self.b = tf.Variable(tf.zeros([n_out]), name="b")

    d = Dense(3, 2)
    d.trainable_variables      # (b, w): found by looking at the attributes, sorted by name

A module finds its variables by reflection: `_flatten` walks its attributes in name order,
flattens each value (lists, dicts and tuples included) and goes down into modules it finds,
after its own attributes.  Nothing is registered by hand.  Attribute assignment also records
the module's children for `tf.train.Checkpoint` (see learntf/trackable/).

A module opens its name scope with `with self.name_scope:` (or `@tf.Module.with_name_scope`
on a method): variables made there are named `module_name/w:0`, as in TensorFlow.
"""

import functools
import re

from learntf import nest
from learntf.framework import graph as graph_module
from learntf.ops.variables import Variable
from learntf.trackable.autotrackable import AutoTrackable

_CAMEL_TO_SNAKE = re.compile(r"((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))")
_VALID_IDENTIFIER = re.compile(r"^[a-zA-Z_]([a-zA-Z0-9_])*$")


def camel_to_snake(value):
    return _CAMEL_TO_SNAKE.sub(r"_\1", value).lower()


class Module(AutoTrackable):
    """Named container: `variables`, `trainable_variables`, `submodules`, `name_scope`."""

    # Bookkeeping that `_flatten` must not walk (the tracking lists hold every child again).
    _TF_MODULE_IGNORED_PROPERTIES = frozenset(
        ("_self_trackable_children", "_self_deferred_restores")
    )

    def __init__(self, name=None):
        if name is None:
            name = camel_to_snake(type(self).__name__)
        elif not _VALID_IDENTIFIER.match(name):
            raise ValueError(
                "%r is not a valid module name. Module names must be valid Python identifiers "
                "(e.g. a valid class name).\n(learntf: use letters, digits and underscores, "
                "not starting with a digit.)" % name
            )
        self._name = name
        with graph_module.name_scope(name) as scope_name:
            self._scope_name = scope_name

    @property
    def name(self):
        """The name given at construction (not the name scope, which includes parents)."""
        return self._name

    @property
    def name_scope(self):
        """A `tf.name_scope` for this module: `with module.name_scope: ...`."""
        return _ModuleNameScope(self._scope_name)

    @property
    def variables(self):
        """This module's variables (its attributes in name order), then its submodules'."""
        return tuple(self._flatten(predicate=_is_variable))

    @property
    def trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and v.trainable))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(predicate=lambda v: _is_variable(v) and not v.trainable))

    @property
    def submodules(self):
        """Every module reachable from this one's attributes (not this one)."""
        return tuple(self._flatten(predicate=lambda v: isinstance(v, Module)))

    def _flatten(
        self, recursive=True, predicate=None, attribute_traversal_key=None, with_path=False
    ):
        """Yield the leaves of this module's attributes that match `predicate` (paths too with
        `with_path=True`, where a leaf reached twice is yielded twice)."""
        return _flatten_module(
            self,
            recursive,
            predicate or (lambda _: True),
            attribute_traversal_key,
            with_path,
            module_path=(),
            seen={id(self)},
            stack=[],
        )

    @classmethod
    def with_name_scope(cls, method):
        """Decorate a method so that it runs inside the module's name scope."""

        @functools.wraps(method)
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)

        return method_with_name_scope


class _ModuleNameScope:
    """`module.name_scope`: enters the scope the module was created in, absolutely."""

    def __init__(self, scope_name):
        self.name = scope_name
        self._scope = None

    def __enter__(self):
        self._scope = graph_module.name_scope(self.name or None)
        return self._scope.__enter__()

    def __exit__(self, *exc_info):
        return self._scope.__exit__(*exc_info)


def _is_variable(value):
    return isinstance(value, Variable)


def _flatten_module(module, recursive, predicate, key, with_path, module_path, seen, stack):
    """Depth-first: a module's own leaves (attributes in sorted order), then its submodules'."""
    if id(module) in stack:  # a cycle: list this module's leaves, do not go down again
        recursive = False
    ignored = getattr(module, "_TF_MODULE_IGNORED_PROPERTIES", Module._TF_MODULE_IGNORED_PROPERTIES)
    submodules = []
    attributes = vars(module)
    for name in sorted(attributes, key=key):
        if name in ignored:
            continue
        for leaf_path, leaf in _leaves_with_paths(attributes[name], (name,)):
            if not with_path:
                if id(leaf) in seen:
                    continue
                seen.add(id(leaf))
            if predicate(leaf):
                yield (module_path + leaf_path, leaf) if with_path else leaf
            if recursive and isinstance(leaf, Module):
                submodules.append((module_path + leaf_path, leaf))
    stack.append(id(module))
    for path, submodule in submodules:
        yield from _flatten_module(
            submodule, recursive, predicate, key, with_path, path, seen, stack
        )
    stack.pop()


def _leaves_with_paths(value, path):
    """(path, leaf) for each leaf of a nested value, in tf.nest order (dict keys sorted)."""
    if not nest.is_nested(value):
        yield path, value
        return
    if isinstance(value, dict):
        items = [(k, value[k]) for k in nest._sorted_keys(value)]
    else:
        items = list(enumerate(value))
    for key, item in items:
        yield from _leaves_with_paths(item, path + (key,))
