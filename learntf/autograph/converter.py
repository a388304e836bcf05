"""AutoGraph's converter: rewrite a Python function's syntax tree so that its `if`, `while`
and `for` statements become calls of the operators in operators.py.

The passes run in TensorFlow's order (tensorflow/python/autograph/converters/), each a small
rewrite that leaves plain Python for the next:

0. directives: `tf.autograph.experimental.set_loop_options(...)` at the start of a loop body
   becomes that loop's options (its shape invariants).
1. variables (part 1): every read of a user's variable `x` becomes `ag__.ld(x)`, which raises
   if `x` is still undefined; `x += 1` first loads `x = ag__.ld(x)`.
2. break_statements: `break` becomes `break_ = True` (+ `continue`); the loop also tests
   `not break_`.  A loop's `else:` moves after it, guarded by `if not break_:`.
3. continue_statements: `continue` becomes `continue_ = True`, and the statements after it in
   the loop body are guarded by `if not continue_:`.
4. return_statements: each `return v` becomes `do_return = True; retval_ = v`; later statements
   are guarded by `if not do_return:`, loops test `not do_return`, and the function returns
   `fscope.ret(retval_, do_return)` once, at its end.
5. call_trees: each call `f(...)` becomes `ag__.converted_call(f, args, kwargs, fscope)`,
   which converts `f` too when it is your code (operators.converted_call); print is left.
6. control_flow: now `if`/`while`/`for` have no jumps left, so each becomes local functions
   (branches or the loop body, `get_state`/`set_state` of its state variables, found by
   analysis.py) and one call: `ag__.if_stmt`, `ag__.while_stmt`, `ag__.for_stmt`.
7. conditional and logical expressions: `a if c else b` becomes `ag__.if_exp(c, lambda: a,
   lambda: b, 'c')`; `a and b`, `a or b`, `not a` become `ag__.and_(lambda: a, lambda: b)`,
   `ag__.or_(...)`, `ag__.not_(a)` (for tensors they need tf.cond / tf.logical_not).
8. functions: the body runs inside `with ag__.FunctionScope(...) as fscope:`.

Functions and lambdas defined inside the converted function are left as they are.
"""

import ast

from learntf.autograph import analysis, templates


def convert_function(node, name_prefix="tf__"):
    """The converted FunctionDef of `node` (a FunctionDef, changed in place)."""
    namer = _Namer(node)
    node.decorator_list = []
    for inner in ast.walk(node):  # (functions the user defined inside: left as they are)
        if inner is not node and isinstance(inner, (ast.FunctionDef, ast.Lambda)):
            inner.ag_user = True
    _DirectivesTransformer().visit_block_of(node)
    _LoadTransformer().visit_block_of(node)
    _BreakTransformer(namer).visit_block_of(node)
    _ContinueTransformer(namer).visit_block_of(node)
    _ReturnTransformer(namer).convert(node)
    _CallTransformer().visit_block_of(node)
    analysis.annotate(node)
    _ControlFlowTransformer(namer, _global_names(node)).visit_block_of(node)
    _LogicalTransformer().visit_block_of(node)
    _wrap_in_function_scope(node)
    node.name = name_prefix + node.name
    return node


class _Namer:
    """New names that clash with none in the function: `get_state`, `get_state_1`, ..."""

    def __init__(self, node):
        self.used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        self.used |= {a.arg for a in ast.walk(node) if isinstance(a, ast.arg)}

    def new(self, root):
        name, n = root, 0
        while name in self.used:
            n += 1
            name = "%s_%d" % (root, n)
        self.used.add(name)
        return name


class _Transformer(ast.NodeTransformer):
    """A NodeTransformer whose statement lists can be rebuilt statement by statement:
    `after_visit(statement)` may return a block where the following statements go instead
    (how `if not continue_:` guards the rest of a loop body)."""

    def visit_block_of(self, node):
        node.body = self.visit_block(node.body)

    def visit_block(self, statements, after_visit=None):
        result = destination = []
        for statement in statements:
            new = self.visit(statement)
            new = new if isinstance(new, list) else [new]
            for item in new:
                block = None
                if after_visit is not None:
                    item, block = after_visit(item)
                destination.append(item)
                if block is not None:
                    destination = block
        return result

    def generic_visit(self, node):
        for field in ("body", "orelse", "finalbody"):
            value = getattr(node, field, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                setattr(node, field, self.visit_block(value))
        for field, value in ast.iter_fields(node):
            if field in ("body", "orelse", "finalbody") and isinstance(value, list):
                continue
            if isinstance(value, list):
                setattr(
                    node, field, [self.visit(v) if isinstance(v, ast.AST) else v for v in value]
                )
            elif isinstance(value, ast.AST):
                setattr(node, field, self.visit(value))
        return node

    def visit_FunctionDef(self, node):
        return node  # (a function defined inside is left as it is)

    visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = visit_FunctionDef


def _negated(name, origin):
    return templates.replace_as_expression("not var_", origin, var_=name)


# -- 0. directives: tf.autograph.experimental.set_loop_options ----------------------------------
class _DirectivesTransformer(_Transformer):
    """`tf.autograph.experimental.set_loop_options(shape_invariants=...)` as the first
    statements of a loop body is not a call: its arguments become the loop's options."""

    def _loop(self, node):
        node = self.generic_visit(node)
        options, body = [], []
        for statement in node.body:
            if _is_directive(statement, "set_loop_options"):
                options.extend(statement.value.keywords)
            else:
                body.append(statement)
        node.body = body or [ast.copy_location(ast.Pass(), node)]
        node.ag_loop_options = options
        return node

    visit_While = visit_For = _loop


def _is_directive(statement, name):
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    func = statement.value.func
    return (isinstance(func, ast.Attribute) and func.attr == name) or (
        isinstance(func, ast.Name) and func.id == name
    )


# -- 1. variables: ag__.ld -----------------------------------------------------------------------
class _LoadTransformer(_Transformer):
    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            return templates.replace_as_expression("ag__.ld(var_)", node, var_=node)
        return node

    def visit_IfExp(self, node):
        node.ag_repr = ast.unparse(node.test)  # (pass 7 names the condition by its source)
        return self.generic_visit(node)

    def visit_AugAssign(self, node):
        # (as TF: the right-hand side is left as it is, the target loaded first)
        if isinstance(node.target, ast.Name):
            load = templates.replace("var_ = ag__.ld(var_)", node, var_=node.target.id)
            return load + [node]
        node.target = self.visit(node.target)
        return node


# -- 2. break ------------------------------------------------------------------------------------
class _BreakTransformer(_Transformer):
    def __init__(self, namer):
        self.namer = namer
        self.break_var = None
        self.used = False

    def visit_Break(self, node):
        self.used = True
        return templates.replace("var_ = True\ncontinue", node, var_=self.break_var)

    def _loop(self, node):
        outer = self.break_var, self.used
        self.break_var, self.used = self.namer.new("break_"), False
        node.body = self.visit_block(node.body)
        break_var, used = self.break_var, self.used
        self.break_var, self.used = outer
        orelse = self.visit_block(node.orelse)  # (a break there is the enclosing loop's)
        node.orelse = []
        if not used:
            return [node] + orelse
        if orelse:
            orelse = templates.replace("if not var_:\n    body", node, var_=break_var, body=orelse)
        if isinstance(node, ast.While):
            node.test = templates.replace_as_expression(
                "not var_ and test", node, var_=break_var, test=node.test
            )
        else:
            node.ag_extra_test = _negated(break_var, node)
        return templates.replace("var_ = False", node, var_=break_var) + [node] + orelse

    def visit_While(self, node):
        node.test = self.visit(node.test)
        return self._loop(node)

    def visit_For(self, node):
        node.iter = self.visit(node.iter)
        return self._loop(node)


# -- 3. continue ---------------------------------------------------------------------------------
class _Block:
    def __init__(self, is_loop):
        self.is_loop = is_loop
        self.guard_current = self.guard_next = False


class _ContinueTransformer(_Transformer):
    def __init__(self, namer):
        self.namer = namer
        self.blocks = []
        self.continue_var = None
        self.used = False

    def visit_Continue(self, node):
        self.used = True
        for block in reversed(self.blocks):  # guard the rest of every block up to the loop's
            block.guard_next = True
            if block.is_loop:
                break
        return templates.replace("var_ = True", node, var_=self.continue_var)

    def _guard(self, statement):
        if not self.used:
            return statement, None
        block = self.blocks[-1]
        guard_now, block.guard_current, block.guard_next = (
            block.guard_current,
            block.guard_next,
            False,
        )
        if not guard_now:
            return statement, None
        (guard,) = templates.replace(
            "if not var_:\n    body", statement, var_=self.continue_var, body=[statement]
        )
        return guard, guard.body

    def _block(self, statements, is_loop=False):
        self.blocks.append(_Block(is_loop))
        statements = self.visit_block(statements, after_visit=self._guard)
        self.blocks.pop()
        return statements

    def _loop(self, node):
        outer = self.continue_var, self.used
        self.continue_var, self.used = self.namer.new("continue_"), False
        body = self._block(node.body, is_loop=True)
        if self.used:
            body = templates.replace("var_ = False", node, var_=self.continue_var) + body
        node.body = body
        self.continue_var, self.used = outer
        node.orelse = self._block(node.orelse)
        return node

    def visit_While(self, node):
        node.test = self.visit(node.test)
        return self._loop(node)

    def visit_For(self, node):
        node.iter = self.visit(node.iter)
        return self._loop(node)

    def visit_If(self, node):
        node.test = self.visit(node.test)
        node.body, node.orelse = self._block(node.body), self._block(node.orelse)
        return node

    def visit_With(self, node):
        node.body = self._block(node.body)
        return node


# -- 4. return -----------------------------------------------------------------------------------
def _definitely_returns(statements):
    """Whether every path through `statements` reaches a `return`."""
    for statement in statements:
        if isinstance(statement, ast.Return):
            return True
        if isinstance(statement, ast.If) and (
            _definitely_returns(statement.body) and _definitely_returns(statement.orelse)
        ):
            return True
        if isinstance(statement, ast.With) and _definitely_returns(statement.body):
            return True
    return False


class _ConditionalReturnRewriter(_Transformer):
    """`if c: ...; return a` followed by more statements: the statements move into the
    `else:`, so both branches of the `if` end the same way (TF does this first, to avoid
    None return values in tf.cond)."""

    def _collapse(self, statement):
        if isinstance(statement, ast.If):
            if _definitely_returns(statement.body):
                return statement, statement.orelse
            if _definitely_returns(statement.orelse):
                return statement, statement.body
        return statement, None

    def visit_block(self, statements, after_visit=None):
        return super().visit_block(statements, after_visit=self._collapse)


class _ReturnTransformer(_Transformer):
    def __init__(self, namer):
        self.namer = namer
        self.blocks = []

    def convert(self, node):
        node.body = _ConditionalReturnRewriter().visit_block(node.body)
        self.do_return, self.retval = self.namer.new("do_return"), self.namer.new("retval_")
        self.function_block = _Block(is_loop=False)
        self.function_block.used = False
        self.blocks.append(self.function_block)
        body = self.visit_block(node.body, after_visit=self._guard)
        if self.function_block.used:
            body = (
                templates.replace(
                    "do_return = False\nretval_ = ag__.UndefinedReturnValue()",
                    node,
                    do_return=self.do_return,
                    retval_=self.retval,
                )
                + body
                + templates.replace(
                    "return fscope.ret(retval_, do_return)",
                    node,
                    do_return=self.do_return,
                    retval_=self.retval,
                )
            )
        node.body = body

    def visit_Return(self, node):
        for block in reversed(self.blocks):
            block.used = True
            block.guard_next = True
            if block is self.function_block:
                break
        value = node.value if node.value is not None else ast.Constant(None)
        return templates.replace(
            """
            try:
                do_return = True
                retval_ = value
            except:
                do_return = False
                raise
            """,
            node,
            do_return=self.do_return,
            retval_=self.retval,
            value=value,
        )

    def _guard(self, statement):
        block = self.blocks[-1]
        if not getattr(block, "used", False):
            return statement, None
        guard_now, block.guard_current, block.guard_next = (
            block.guard_current,
            block.guard_next,
            False,
        )
        if not guard_now:
            return statement, None
        (guard,) = templates.replace(
            "if not var_:\n    body", statement, var_=self.do_return, body=[statement]
        )
        return guard, guard.body

    def _block(self, statements):
        block = _Block(is_loop=False)
        block.used = False
        self.blocks.append(block)
        statements = self.visit_block(statements, after_visit=self._guard)
        self.blocks.pop()
        return statements, block.used

    def visit_If(self, node):
        node.test = self.visit(node.test)
        node.body, _ = self._block(node.body)
        node.orelse, _ = self._block(node.orelse)
        return node

    def visit_With(self, node):
        node.body, _ = self._block(node.body)
        return node

    def visit_While(self, node):
        node.test = self.visit(node.test)
        node.body, used = self._block(node.body)
        if used:
            node.test = templates.replace_as_expression(
                "not var_ and test", node, var_=self.do_return, test=node.test
            )
        node.orelse, _ = self._block(node.orelse)
        return node

    def visit_For(self, node):
        node.iter = self.visit(node.iter)
        node.body, used = self._block(node.body)
        if used:
            extra = getattr(node, "ag_extra_test", None)
            node.ag_extra_test = (
                _negated(self.do_return, node)
                if extra is None
                else templates.replace_as_expression(
                    "not var_ and extra", node, var_=self.do_return, extra=extra
                )
            )
        node.orelse, _ = self._block(node.orelse)
        return node


# -- 5. call trees: ag__.converted_call ---------------------------------------------------------
class _CallTransformer(_Transformer):
    """`f(a, *b, k=1, **d)` becomes `ag__.converted_call(f, (a,) + tuple(b), dict(k=1, **d),
    fscope)`, so that the functions yours calls are converted too (print is left alone)."""

    def visit_Call(self, node):
        node = self.generic_visit(node)
        func = node.func
        if _is_generated_call(func) or _loads_name(func, "print"):
            return node
        parts, loose = [], []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                if loose:
                    parts.append(ast.Tuple(elts=loose, ctx=ast.Load()))
                    loose = []
                parts.append(templates.replace_as_expression("tuple(a_)", node, a_=arg.value))
            else:
                loose.append(arg)
        if loose or not parts:
            parts.append(ast.Tuple(elts=loose, ctx=ast.Load()))
        args = parts[0]
        for part in parts[1:]:
            args = ast.BinOp(left=args, op=ast.Add(), right=part)
        kwargs = (
            ast.Call(func=ast.Name(id="dict", ctx=ast.Load()), args=[], keywords=node.keywords)
            if node.keywords
            else ast.Constant(None)
        )
        return templates.replace_as_expression(
            "ag__.converted_call(func_, args_, kwargs_, fscope)",
            node,
            func_=func,
            args_=args,
            kwargs_=kwargs,
        )


def _is_generated_call(func):
    """A call the converter wrote (ag__.ld(x), fscope.ret(...)): not the user's."""
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in ("ag__", "fscope")


def _loads_name(func, name):
    """Whether `func` is `ag__.ld(name)` (how pass 1 wrote a read of `name`)."""
    return (
        isinstance(func, ast.Call)
        and _is_generated_call(func.func)
        and len(func.args) == 1
        and isinstance(func.args[0], ast.Name)
        and func.args[0].id == name
    )


# -- 6. control flow -----------------------------------------------------------------------------
class _ControlFlowTransformer(_Transformer):
    def __init__(self, namer, global_names):
        self.namer = namer
        self.global_names = global_names  # (declared `global`: never undefined, not nonlocal)

    def _block_vars(self, node):
        """The state variables (outputs first, each group sorted), the undefined ones, and
        how many are outputs."""
        info = node.ag_info
        state = {n for n in info.modified if n in info.live_in or n in info.live_out}
        undefined = sorted(info.modified - info.defined_in - self.global_names)
        input_only = {n for n in state if n in info.live_in and n not in info.live_out}
        ordered = sorted(state, key=lambda n: (n in input_only, n))
        return ordered, undefined, len(ordered) - len(input_only)

    def _declare(self, names, origin):
        return _declarations(names, self.global_names, origin)

    def _state_functions(self, names, origin):
        get_state, set_state = self.namer.new("get_state"), self.namer.new("set_state")
        if not names:
            code = "def get_state():\n    return ()\ndef set_state(block_vars):\n    pass"
            functions = templates.replace(code, origin, get_state=get_state, set_state=set_state)
        else:
            functions = templates.replace(
                """
                def get_state():
                    return state_
                def set_state(vars_):
                    nonlocal_
                    state_target = vars_
                """,
                origin,
                get_state=get_state,
                set_state=set_state,
                state_=_names_tuple(names),
                nonlocal_=self._declare(names, origin),
                state_target=_names_tuple(names, ast.Store()),
            )
        return functions, get_state, set_state

    def _undefined_assigns(self, names, origin):
        return [
            s
            for name in names
            for s in templates.replace(
                "var_ = ag__.Undefined(name_)", origin, var_=name, name_=ast.Constant(name)
            )
        ]

    def visit_If(self, node):
        node = self.generic_visit(node)
        names, undefined, nouts = self._block_vars(node)
        functions, get_state, set_state = self._state_functions(names, node)
        return functions + templates.replace(
            """
            def if_body():
                nonlocal_
                body
            def else_body():
                nonlocal_
                orelse
            undefined_
            ag__.if_stmt(test, if_body, else_body, get_state, set_state, symbols_, nouts_)
            """,
            node,
            if_body=self.namer.new("if_body"),
            else_body=self.namer.new("else_body"),
            nonlocal_=self._declare(names, node),
            body=node.body,
            orelse=node.orelse or [ast.copy_location(ast.Pass(), node)],
            undefined_=self._undefined_assigns(undefined, node),
            test=node.test,
            get_state=get_state,
            set_state=set_state,
            symbols_=_symbol_names(names),
            nouts_=ast.Constant(nouts),
        )

    def visit_While(self, node):
        node = self.generic_visit(node)
        names, undefined, _ = self._block_vars(node)
        functions, get_state, set_state = self._state_functions(names, node)
        return functions + templates.replace(
            """
            def loop_body():
                nonlocal_
                body
            def loop_test():
                return test
            undefined_
            ag__.while_stmt(loop_test, loop_body, get_state, set_state, symbols_, opts_)
            """,
            node,
            loop_body=self.namer.new("loop_body"),
            loop_test=self.namer.new("loop_test"),
            nonlocal_=self._declare(names, node),
            body=node.body,
            test=node.test,
            undefined_=self._undefined_assigns(undefined, node),
            get_state=get_state,
            set_state=set_state,
            symbols_=_symbol_names(names),
            opts_=_loop_options(node),
        )

    def visit_For(self, node):
        node = self.generic_visit(node)
        names, undefined, _ = self._block_vars(node)
        functions, get_state, set_state = self._state_functions(names, node)
        extra = getattr(node, "ag_extra_test", None)
        extra_name = self.namer.new("extra_test") if extra is not None else None
        extra_function = (
            templates.replace(
                "def extra_test():\n    nonlocal_\n    return test",
                node,
                extra_test=extra_name,
                nonlocal_=self._declare(names, node),
                test=extra,
            )
            if extra is not None
            else []
        )
        itr = self.namer.new("itr")
        return functions + templates.replace(
            """
            def loop_body(itr):
                nonlocal_
                target = itr
                body
            extra_function
            undefined_
            ag__.for_stmt(iterated, extra_test, loop_body, get_state, set_state, symbols_, opts_)
            """,
            node,
            loop_body=self.namer.new("loop_body"),
            itr=itr,
            nonlocal_=self._declare(names, node),
            target=node.target,
            body=node.body,
            extra_function=extra_function,
            undefined_=self._undefined_assigns(undefined, node),
            iterated=node.iter,
            extra_test=extra_name or ast.Constant(None),
            get_state=get_state,
            set_state=set_state,
            symbols_=_symbol_names(names),
            opts_=_loop_options(node, iterate_names=ast.Constant(ast.unparse(node.target))),
        )


def _loop_options(node, **extra):
    """The loop's options dict: set_loop_options's arguments (pass 0), then `extra`."""
    keywords = getattr(node, "ag_loop_options", [])
    keys = [k.arg for k in keywords] + list(extra)
    values = [k.value for k in keywords] + list(extra.values())
    return ast.Dict(keys=[ast.Constant(k) for k in keys], values=values)


def _global_names(function_node):
    return {
        name
        for node in ast.walk(function_node)
        if isinstance(node, ast.Global)
        for name in node.names
    }


def _names_tuple(names, ctx=None):
    return ast.Tuple(
        elts=[ast.Name(id=n, ctx=ctx or ast.Load()) for n in names], ctx=ctx or ast.Load()
    )


def _symbol_names(names):
    return ast.Tuple(elts=[ast.Constant(n) for n in names], ctx=ast.Load())


def _declarations(names, global_names, origin):
    """`global g` and `nonlocal x, y` for the state variables a generated function assigns."""
    globals_ = [n for n in names if n in global_names]
    nonlocals = [n for n in names if n not in global_names]
    declared = [ast.Global(names=globals_)] if globals_ else []
    declared += [ast.Nonlocal(names=nonlocals)] if nonlocals else []
    return [ast.copy_location(d, origin) for d in declared]


# -- 7. a if c else b; and, or, not ----------------------------------------------------------
class _LogicalTransformer(_Transformer):
    def visit_FunctionDef(self, node):  # (the converter's own functions are visited)
        return node if getattr(node, "ag_user", False) else self.generic_visit(node)

    def visit_IfExp(self, node):
        """`a if test else b`: `ag__.if_exp(test, lambda: a, lambda: b, 'test')`."""
        node = self.generic_visit(node)
        return templates.replace_as_expression(
            "ag__.if_exp(test_, lambda: a_, lambda: b_, repr_)",
            node,
            test_=node.test,
            a_=node.body,
            b_=node.orelse,
            repr_=ast.Constant(getattr(node, "ag_repr", ast.unparse(node.test))),
        )

    def visit_BoolOp(self, node):
        values = [self.visit(v) for v in node.values]
        function = "ag__.and_" if isinstance(node.op, ast.And) else "ag__.or_"
        result = values[-1]
        for value in reversed(values[:-1]):
            result = templates.replace_as_expression(
                function + "(lambda: a_, lambda: b_)", node, a_=value, b_=result
            )
        return result

    def visit_UnaryOp(self, node):
        node.operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return templates.replace_as_expression("ag__.not_(a_)", node, a_=node.operand)
        return node


# -- 8. the function scope -----------------------------------------------------------------------
def _wrap_in_function_scope(node):
    docstring = []
    if (
        node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    ):
        docstring = [node.body.pop(0)]
    node.body = docstring + templates.replace(
        """
        with ag__.FunctionScope(name_, 'fscope', ag__.ConversionOptions(
                recursive=True, user_requested=True, optional_features=(),
                internal_convert_user_code=True)) as fscope:
            body
        """,
        node,
        name_=ast.Constant(node.name),
        body=node.body or [ast.copy_location(ast.Pass(), node)],
    )
