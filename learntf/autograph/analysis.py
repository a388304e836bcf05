"""What the control-flow converter must know about each `if`, `while` and `for`.

For a statement S the converter asks (TF's autograph/pyct/static_analysis, simplified to work
on the syntax tree directly rather than on a control-flow graph):

- `modified`: the names S assigns (not counting assignments inside functions defined in S);
- `live_in` / `live_out`: the names whose current value may still be read when S starts / ends
  (backward "liveness": a name is live if some path reads it before assigning it again);
- `defined_in`: the names that may have a value when S starts (forward: assigned earlier, or
  by an earlier iteration of an enclosing loop, or a parameter).

A state variable of S is a modified name that is live in or out: it must travel through
`get_state`/`set_state`.  A modified name not defined on entry starts as `ag__.Undefined`.

`annotate(function_node)` stores these on every If/While/For node as `node.ag_info`.
"""

import ast


class Info:
    def __init__(self):
        self.modified = set()
        self.live_in = set()
        self.live_out = set()
        self.defined_in = set()


_COMPOUND = (ast.If, ast.While, ast.For)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def annotate(function_node):
    params = {a.arg for a in _all_args(function_node.args)}
    _defined(function_node.body, set(params))
    _live(function_node.body, set())
    for node in _walk_own(function_node.body):
        if isinstance(node, _COMPOUND):
            _info(node).modified = assigned_names(_own_parts(node))


def _info(node):
    if not hasattr(node, "ag_info"):
        node.ag_info = Info()
    return node.ag_info


def _all_args(args):
    found = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    return found + [a for a in (args.vararg, args.kwarg) if a is not None]


def _own_parts(node):
    parts = list(node.body) + list(node.orelse)
    if isinstance(node, ast.For):
        parts.append(node.target)
    return parts


def _walk_own(nodes):
    """Every node in `nodes`, not descending into functions, lambdas or classes."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES):
            if not isinstance(node, ast.Lambda):
                stack.extend(node.decorator_list)
            continue
        stack.extend(ast.iter_child_nodes(node))


def assigned_names(nodes):
    """Names assigned in `nodes` (and names of functions or classes defined there)."""
    names = set()
    for node in _walk_own(nodes):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def read_names(node):
    """Names read by `node` (including those a nested function or lambda reads)."""
    names = set()
    for sub in ast.walk(node) if isinstance(node, ast.AST) else _walk_list(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
            names.add(sub.id)
        elif isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name):
            names.add(sub.target.id)
    return names


def _walk_list(nodes):
    for node in nodes:
        yield from ast.walk(node)


def _killed(statement):
    """Names a simple statement surely assigns (a read before then is not affected)."""
    if isinstance(statement, ast.Assign):
        return {t.id for t in statement.targets if isinstance(t, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and statement.value is not None:
        return {statement.target.id} if isinstance(statement.target, ast.Name) else set()
    if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
        return {statement.name}
    return set()


# -- liveness (backward) ------------------------------------------------------------------
def _live(statements, live_after):
    """The names live before `statements`, given those live after; annotates compound ones."""
    live = set(live_after)
    for statement in reversed(statements):
        live = _live_statement(statement, live)
    return live


def _live_statement(node, after):
    if isinstance(node, ast.If):
        live_in = read_names(node.test) | _live(node.body, after) | _live(node.orelse, after)
    elif isinstance(node, ast.While):
        head = set(after)
        while True:  # the loop's head: after it, the test; after the body, the head again
            new = read_names(node.test) | after | _live(node.body, head)
            new |= read_names(getattr(node, "ag_extra_test", None) or [])
            if new == head:
                break
            head = new
        live_in = head
    elif isinstance(node, ast.For):
        target = assigned_names([node.target])
        head = set(after)
        while True:
            new = after | (_live(node.body, head) - target)
            new |= read_names(getattr(node, "ag_extra_test", None) or [])
            if new == head:
                break
            head = new
        live_in = head | read_names(node.iter)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        return read_names(node.items) | _live(node.body, after)
    elif isinstance(node, ast.Try):
        handlers = set().union(*[_live(h.body, after) for h in node.handlers])
        return _live(node.body, after | handlers) | handlers | _live(node.finalbody, after)
    elif isinstance(node, ast.Return):
        return read_names(node)
    else:
        return (after - _killed(node)) | read_names(node)
    info = _info(node)
    info.live_in, info.live_out = live_in, set(after)
    return live_in


# -- may-be-defined (forward) ----------------------------------------------------------------
def _defined(statements, defined):
    for node in statements:
        if isinstance(node, _COMPOUND):
            _info(node).defined_in = set(defined)
            if isinstance(node, ast.If):
                _defined(node.body, set(defined))
                _defined(node.orelse, set(defined))
            else:  # a loop's body also sees what its earlier iterations assigned
                inside = defined | assigned_names(_own_parts(node))
                _defined(node.body, inside)
                _defined(node.orelse, inside)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            _defined(node.body, defined | assigned_names([node]))
        elif isinstance(node, ast.Try):
            for block in (node.body, *[h.body for h in node.handlers], node.finalbody):
                _defined(block, set(defined))
        defined |= assigned_names([node])
