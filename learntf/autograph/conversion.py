"""From a Python function to its converted twin: source -> syntax tree -> converter -> code.

The converted function `tf__f` is compiled with the original file name and line numbers, so a
traceback (or an AutoGraph error) points at the user's own line.  It is made by a factory
function that receives `ag__` (the operators) and the values of f's closure variables, and it
shares f's module globals, so it sees what f sees.
"""

import ast
import functools
import inspect
import os
import sys
import textwrap
import types
import weakref

from learntf.autograph import converter

_cache = weakref.WeakKeyDictionary()  # function -> its converted function (or the source tree)


class ConversionError(Exception):
    """The function's source cannot be converted (no source, a lambda, ...)."""


def is_convertible(f):
    return (
        isinstance(f, types.FunctionType)
        and not getattr(f, "__ag_do_not_convert__", False)
        and f.__name__ != "<lambda>"
    )


def is_user_code(f):
    """Whether `f` is the user's code, which converted_call converts: a function (or a bound
    method) of no installed package (learntf, NumPy, the standard library ...)."""
    function = f.__func__ if isinstance(f, types.MethodType) else f
    if not is_convertible(function) or inspect.isgeneratorfunction(function):
        return False
    module = getattr(function, "__module__", None) or ""
    if module.split(".")[0] in ("learntf", "numpy", "tensorflow"):
        return False
    filename = os.path.abspath(function.__code__.co_filename)
    return not any(filename.startswith(prefix) for prefix in _INSTALLED)


_INSTALLED = {
    os.path.abspath(p) + os.sep
    for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.__file__))
}


def converted_tree(f):
    """The FunctionDef of `f`, converted (a new tree each call)."""
    try:
        source = textwrap.dedent(inspect.getsource(f))
    except (OSError, TypeError) as e:
        raise ConversionError("no source code for %s: %s" % (f.__name__, e)) from None
    module = ast.parse(source)
    node = module.body[0]
    if not isinstance(node, ast.FunctionDef) or node.name != f.__name__:
        raise ConversionError("could not find the definition of %s" % f.__name__)
    ast.increment_lineno(module, f.__code__.co_firstlineno - 1)
    # Defaults and annotations were evaluated where f was defined: the converted function
    # takes f's values (conversion.convert), not the expressions again.
    node.args.defaults, node.args.kw_defaults = [], [None] * len(node.args.kwonlyargs)
    node.returns = None
    for arg in ast.walk(node.args):
        if isinstance(arg, ast.arg):
            arg.annotation = None
    return converter.convert_function(node)


def to_source(f):
    """The converted code of `f`, as text."""
    return ast.unparse(converted_tree(f)) + "\n"


def convert(f):
    """The converted function of a plain function, bound method or functools.partial."""
    if isinstance(f, functools.partial):
        return functools.partial(convert(f.func), *f.args, **f.keywords)
    if isinstance(f, types.MethodType):
        return types.MethodType(convert(f.__func__), f.__self__)
    if not is_convertible(f):
        return f
    converted = _cache.get(f)
    if converted is None:
        converted = _instantiate(f, converted_tree(f))
        _cache[f] = converted
    return converted


def _instantiate(f, node):
    from learntf.autograph import operators

    freevars = list(f.__code__.co_freevars)
    factory = ast.FunctionDef(
        name="create_converted_entity",
        args=ast.arguments(
            posonlyargs=[],
            args=[ast.arg(arg=n) for n in ["ag__", *freevars]],
            kwonlyargs=[],
            kw_defaults=[],
            defaults=[],
        ),
        body=[node, ast.Return(value=ast.Name(id=node.name, ctx=ast.Load()))],
        decorator_list=[],
        returns=None,
        type_params=[],
    )
    ast.copy_location(factory, node)
    module = ast.fix_missing_locations(ast.Module(body=[factory], type_ignores=[]))
    namespace = {}
    exec(compile(module, f.__code__.co_filename, "exec"), namespace)
    # rebuilt with f's own globals, so the converted function sees f's module
    make = types.FunctionType(namespace["create_converted_entity"].__code__, f.__globals__)
    cells = [c.cell_contents for c in (f.__closure__ or ())]
    converted = make(operators, *cells)
    converted.__defaults__ = f.__defaults__
    converted.__kwdefaults__ = f.__kwdefaults__
    converted.ag_source_function = f
    return converted
