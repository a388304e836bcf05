"""Build Python syntax trees from code templates (TF's autograph/pyct/templates.py, in short).

    replace('''
        def body_name():
            body
        ag__.if_stmt(test, body_name, ...)
    ''', body_name='if_body', body=[...statements...], test=<expression node>)

A name in the template is replaced by a string (a new name: also in `def`, `nonlocal` and
arguments), an expression node, or a list of statements (when the name stands alone as a
statement).  The template's own nodes take the location (line number) of `origin`, the user's
statement they replace, so a traceback through converted code points at the user's line.
"""

import ast
import copy
import textwrap


def replace(template, origin=None, **replacements):
    """The statements of `template`, with `replacements` put in."""
    tree = ast.parse(textwrap.dedent(template))
    if origin is not None:
        for node in ast.walk(tree):
            if "lineno" in node._attributes:
                ast.copy_location(node, origin)
                node.end_lineno, node.end_col_offset = origin.lineno, origin.col_offset
    return _Replacer(replacements).visit_block(tree.body)


def replace_as_expression(template, origin=None, **replacements):
    (statement,) = replace(template, origin, **replacements)
    return statement.value


class _Replacer(ast.NodeTransformer):
    def __init__(self, replacements):
        self.replacements = replacements

    def visit_block(self, statements):
        result = []
        for statement in statements:
            if (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Name)
                and statement.value.id in self.replacements
                and isinstance(self.replacements[statement.value.id], list)
            ):
                result.extend(self.replacements[statement.value.id])
                continue
            new = self.visit(statement)
            result.extend(new if isinstance(new, list) else [new])
        return result

    def generic_visit(self, node):
        # (each template node once; what was put in is not visited again)
        for field, value in ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                setattr(node, field, self.visit_block(value))
            elif isinstance(value, list):
                setattr(
                    node, field, [self.visit(v) if isinstance(v, ast.AST) else v for v in value]
                )
            elif isinstance(value, ast.AST):
                setattr(node, field, self.visit(value))
        return node

    def _new_name(self, name):
        value = self.replacements.get(name, name)
        return value if isinstance(value, str) else name

    def visit_Name(self, node):
        value = self.replacements.get(node.id)
        if value is None:
            return node
        if isinstance(value, str):
            return ast.copy_location(ast.Name(id=value, ctx=node.ctx), node)
        if isinstance(value, ast.AST):
            value = copy.copy(value)
            if hasattr(value, "ctx"):
                value.ctx = node.ctx
            return value
        if isinstance(value, tuple):  # a tuple of expressions (e.g. the state variables)
            return ast.copy_location(ast.Tuple(elts=list(value), ctx=node.ctx), node)
        raise ValueError("cannot put %r in place of %s" % (value, node.id))

    def visit_FunctionDef(self, node):
        node.name = self._new_name(node.name)
        return self.generic_visit(node)

    def visit_arg(self, node):
        node.arg = self._new_name(node.arg)
        return node

    def visit_Nonlocal(self, node):
        node.names = [self._new_name(n) for n in node.names]
        return node
