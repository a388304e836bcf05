"""What converted code calls (`ag__.if_stmt`, `ag__.while_stmt`, ...): choose, at run time,
between Python's own control flow and TensorFlow's.

The converter (converter.py) turns

    if x > 0:                     def if_body(): nonlocal y; y = x
        y = x           ->        def else_body(): nonlocal y; y = -x
    else:                         ag__.if_stmt(x > 0, if_body, else_body,
        y = -x                                 get_state, set_state, ('y',), 1)

and the same for `while` and `for`.  The statement's variables ("state") travel through
`get_state()` / `set_state(values)`, so an operator can run a branch or a loop body as a
function of the state: exactly what `tf.cond` and `tf.while_loop` need.  Each operator looks at
what it got:

- a Python value (a bool, a `range`, a list): plain Python, so a Python loop is unrolled
  while tf.function traces, as in TensorFlow;
- a tensor: graph control flow, `tf.cond` or `tf.while_loop`.  Before building it, the operator
  checks TensorFlow's rules and raises TensorFlow's errors (a variable set in one branch only,
  a loop variable changing dtype, ...).

These follow tensorflow/python/autograph/operators/, module for module (control_flow.py,
logical.py, conditional_expressions.py, py_builtins.py, variables.py); names and argument
orders are TensorFlow's.  Converted code sees this package as `ag__`.
"""

from learntf.autograph.operators.conditional_expressions import if_exp
from learntf.autograph.operators.control_flow import for_stmt, if_stmt, while_stmt
from learntf.autograph.operators.function_wrappers import ConversionOptions, FunctionScope
from learntf.autograph.operators.logical import and_, not_, or_
from learntf.autograph.operators.py_builtins import converted_call, len_, range_
from learntf.autograph.operators.variables import Undefined, UndefinedReturnValue, ld, ldu

__all__ = [
    "ConversionOptions",
    "FunctionScope",
    "Undefined",
    "UndefinedReturnValue",
    "and_",
    "converted_call",
    "for_stmt",
    "if_exp",
    "if_stmt",
    "ld",
    "ldu",
    "len_",
    "not_",
    "or_",
    "range_",
    "while_stmt",
]
