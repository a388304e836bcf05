"""Undefined variables in converted code (TF's autograph/operators/variables.py).

A variable that has no value yet (set only inside an `if`, or only in a loop) holds an
`Undefined` object, so that the generated `get_state()` can still read it; reading it through
`ag__.ld(x)` raises Python's own UnboundLocalError, as the unconverted code would.
"""


# -- variables: undefined symbols and their loads ---------------------------------------------
class Undefined:
    """The value of a variable that has no value yet (e.g. set only inside an `if`)."""

    __slots__ = ("symbol_name",)

    def __init__(self, symbol_name):
        self.symbol_name = symbol_name

    def read(self):
        raise UnboundLocalError("'{}' is used before assignment".format(self.symbol_name))

    def __repr__(self):
        return self.symbol_name


class UndefinedReturnValue:
    """The return value of a function that has not executed a `return` (yet)."""


def ld(value):
    """Load a variable: an Undefined one raises Python's UnboundLocalError."""
    if isinstance(value, Undefined):
        return value.read()
    return value


def ldu(load_fn, name):
    """Load a variable that may not exist: Undefined(name) instead of an error."""
    try:
        return load_fn()
    except (NameError, UnboundLocalError):
        return Undefined(name)
