"""`a if cond else b` in converted code: `ag__.if_exp(cond, lambda: a, lambda: b, 'cond')`
(TF's autograph/operators/conditional_expressions.py)."""

from learntf.autograph.operators.control_flow import _cond, _is_graph_tensor, _verify_cond_vars


# -- a if cond else b -------------------------------------------------------------------------
def if_exp(cond, if_true, if_false, expr_repr):
    """`if_true() if cond else if_false()`: a tf.cond when `cond` is a tensor."""
    if not _is_graph_tensor(cond):
        return if_true() if cond else if_false()
    values = {}

    def branch(name, fn):
        def run():
            values[name] = fn()
            if len(values) == 2:
                _verify_cond_vars((values["main"],), (values["else"],), (expr_repr,))
            return values[name]

        return run

    return _cond(cond, branch("main", if_true), branch("else", if_false))
