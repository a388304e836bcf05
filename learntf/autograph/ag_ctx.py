"""Whether AutoGraph is on for the code running now (TF's autograph/core/ag_ctx.py).

Converted code runs inside `ag__.FunctionScope`, which sets the status ENABLED;
`tf.function(autograph=False)` traces its function with the status DISABLED.
"""

import enum
import threading


class Status(enum.Enum):
    UNSPECIFIED = 0
    ENABLED = 1
    DISABLED = 2


_state = threading.local()


def control_status_ctx():
    """The innermost ControlStatusCtx (UNSPECIFIED outside any)."""
    stack = getattr(_state, "stack", None)
    return stack[-1] if stack else _UNSPECIFIED


class ControlStatusCtx:
    """`with ControlStatusCtx(Status.ENABLED):` marks the code inside as converted (or not)."""

    def __init__(self, status):
        self.status = status

    def __enter__(self):
        if not hasattr(_state, "stack"):
            _state.stack = []
        _state.stack.append(self)
        return self

    def __exit__(self, *exc_info):
        _state.stack.pop()
        return False


_UNSPECIFIED = ControlStatusCtx(Status.UNSPECIFIED)
