"""`with ag__.FunctionScope(...) as fscope:` around the body of a converted function
(TF's autograph/core/function_wrappers.py)."""

from learntf.autograph import ag_ctx
from learntf.autograph.operators.variables import UndefinedReturnValue


# -- the function wrapper -------------------------------------------------------------------
class ConversionOptions:
    """How a function was converted (shown in the generated code, as TensorFlow shows it)."""

    def __init__(
        self, recursive=True, user_requested=True, optional_features=(), **internal_options
    ):
        self.recursive = recursive
        self.user_requested = user_requested
        self.optional_features = optional_features


class FunctionScope:
    """`with ag__.FunctionScope(...) as fscope:` around a converted function's body: marks
    AutoGraph as on while it runs, and turns the return value into Python's."""

    def __init__(self, function_name, scope_name, options):
        self.name = function_name
        self.options = options

    def __enter__(self):
        self._status = ag_ctx.ControlStatusCtx(ag_ctx.Status.ENABLED)
        self._status.__enter__()
        return self

    def __exit__(self, *exc_info):
        self._status.__exit__(*exc_info)
        return False

    def ret(self, value, did_return):
        """`return` at the end: None if no `return` ran (Python's implicit return)."""
        del did_return
        if isinstance(value, UndefinedReturnValue):
            return None
        return value
