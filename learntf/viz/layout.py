"""How a ragged or a sparse tensor is stored, drawn from the tensor itself: `viz.layout(t)`.

Lesson 16 ("strings and ragged tensors") and lesson 17 ("sparse tensors") show what is inside:

    import learntf.viz as viz
    viz.layout(tf.ragged.constant([[11, 22], [21, 22, 23], [], [41]]))
    # values (one cell per value, coloured by its row) over row_splits, and each row as
    # values[row_splits[i]:row_splits[i+1]]
    viz.layout(tf.SparseTensor(indices=[[0, 1], [1, 0], [2, 3]], values=[1., 2., 3.],
                               dense_shape=[3, 4]))
    # the indices / values / dense_shape tables beside the dense grid, each stored entry in the
    # colour of its row of the tables; every other entry is an implicit zero

In a notebook the result shows as an HTML table; its text form (`str()`, and the 'text/plain'
part of the output that nbval compares) says the same in plain text.

Real TensorFlow's `tf.RaggedTensor` and `tf.SparseTensor` are drawn the same way, for lessons
opened with `python -m course open N --engine tensorflow`: learntf never imports TensorFlow, and
both libraries' classes expose the same parts (`values`, `row_splits`, `nested_row_splits` for a
ragged tensor; `indices`, `values`, `dense_shape` for a sparse one), each an eager tensor with
`.numpy()`. Only eager tensors can be drawn: a graph's tensor has no values until a session runs.
"""

from __future__ import annotations

import html

import numpy as np

__all__ = ["layout", "Layout"]

# Row colours (light, so the numbers stay readable), repeating after eight rows.
COLOURS = (
    "#cfe2f3",
    "#fce5cd",
    "#d9ead3",
    "#f4cccc",
    "#d9d2e9",
    "#fff2cc",
    "#d0e0e3",
    "#ead1dc",
)
CELL = "border:1px solid #888;padding:2px 8px;text-align:center;font-family:monospace"
LABEL = "padding:2px 8px;text-align:right;font-family:monospace;color:#555"


class Layout:
    """A drawing of a tensor's storage: `_repr_html_()` for notebooks, `str()` as plain text."""

    def __init__(self, text, html_text):
        self.text = text
        self.html = html_text

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text

    def _repr_html_(self):
        return self.html


def layout(tensor):
    """The storage layout of an eager `RaggedTensor` or `SparseTensor` (learntf's or
    TensorFlow's), as a `Layout` that shows as an HTML table in a notebook."""
    if _is_ragged(tensor):
        return _ragged_layout(tensor)
    if _is_sparse(tensor):
        return _sparse_layout(tensor)
    raise TypeError(
        "viz.layout draws a RaggedTensor or a SparseTensor (learntf's or TensorFlow's), not "
        f"{type(tensor).__name__}. An ordinary tensor is stored as one block of values."
    )


def _is_ragged(tensor):
    return all(hasattr(tensor, name) for name in ("row_splits", "values", "flat_values"))


def _is_sparse(tensor):
    return all(hasattr(tensor, name) for name in ("indices", "values", "dense_shape"))


def _numpy(part, what):
    """An eager tensor's (or an array's) values; a clear error for a graph tensor."""
    if isinstance(part, np.ndarray):
        return part
    try:
        return np.asarray(part.numpy() if hasattr(part, "numpy") else part)
    except (AttributeError, NotImplementedError, ValueError) as error:
        raise ValueError(
            f"viz.layout needs the values of {what}, but it is a graph tensor (no values until "
            "a session runs it). Draw an eager tensor, or the session's result."
        ) from error


def _dtype_name(part):
    dtype = getattr(part, "dtype", None)
    name = getattr(dtype, "name", None)
    return name if name is not None else str(np.asarray(part).dtype)


def _show(value):
    """One stored value as text: numbers as NumPy prints them, bytes as b'...'."""
    if isinstance(value, np.ndarray):
        return "[" + " ".join(_show(v) for v in value) + "]"
    if isinstance(value, bytes):
        return repr(value)
    if isinstance(value, (np.floating, float)):
        return np.format_float_positional(value, trim="-") if value == value else "nan"
    return str(value)


def _ragged_layout(tensor):
    values = _numpy(tensor.flat_values, "the ragged tensor's values")
    levels = [
        _numpy(splits, "the ragged tensor's row_splits")
        for splits in getattr(tensor, "nested_row_splits", (tensor.row_splits,))
    ]
    dtype = _dtype_name(tensor.flat_values)
    innermost = levels[-1]
    row_of_value = np.repeat(np.arange(len(innermost) - 1), np.diff(innermost))
    shown = [_show(v) for v in values]
    width = max([len(s) for s in shown] + [len(str(len(values) - 1)), 2])

    def cells(items):
        return " ".join(str(item).rjust(width) for item in items)

    rows = len(levels[0]) - 1
    header = f"RaggedTensor: {rows} rows, {len(values)} values ({dtype})"
    if len(levels) > 1:
        header += f", {len(levels)} levels of row_splits"
    row_label = "row" if len(levels) == 1 else f"row (level {len(levels)})"
    label_width = max(len("values index"), len(row_label))
    lines = [
        header,
        "values index".rjust(label_width) + ": " + cells(range(len(values))),
        "value".rjust(label_width) + ": " + cells(shown),
        row_label.rjust(label_width) + ": " + cells(row_of_value),
    ]
    for level, splits in enumerate(levels, start=1):
        name = "row_splits" if len(levels) == 1 else f"row_splits (level {level})"
        lines.append(f"{name}: {splits.tolist()}")
    for i in range(len(innermost) - 1):
        start, stop = int(innermost[i]), int(innermost[i + 1])
        piece = "[" + ", ".join(shown[start:stop]) + "]"
        row_name = f"row {i}" if len(levels) == 1 else f"level-{len(levels)} row {i}"
        lines.append(f"{row_name} = values[{start}:{stop}] = {piece}")
    return Layout("\n".join(lines), _ragged_html(values, shown, levels, row_of_value, header))


def _colour(row):
    return COLOURS[int(row) % len(COLOURS)]


def _td(text, style=CELL, colour=None, title=None):
    background = f";background:{colour}" if colour else ""
    title_attr = f' title="{html.escape(title)}"' if title else ""
    return f'<td style="{style}{background}"{title_attr}>{html.escape(str(text))}</td>'


def _ragged_html(values, shown, levels, row_of_value, header):
    innermost = levels[-1]
    parts = [f"<div><b>{html.escape(header)}</b>", '<table style="border-collapse:collapse">']
    parts.append(
        "<tr>" + _td("index", LABEL) + "".join(_td(i, LABEL) for i in range(len(values))) + "</tr>"
    )
    parts.append(
        "<tr>"
        + _td("values", LABEL)
        + "".join(
            _td(text, colour=_colour(row), title=f"row {row}")
            for text, row in zip(shown, row_of_value)
        )
        + "</tr>"
    )
    parts.append(
        "<tr>" + _td("row", LABEL) + "".join(_td(row, LABEL) for row in row_of_value) + "</tr>"
    )
    parts.append("</table>")
    for level, splits in enumerate(levels, start=1):
        name = "row_splits" if len(levels) == 1 else f"row_splits (level {level})"
        parts.append('<table style="border-collapse:collapse;margin-top:6px"><tr>')
        parts.append(_td(name, LABEL))
        for i, split in enumerate(splits):
            last = i == len(splits) - 1
            colour = _colour(i) if splits is innermost and not last else None
            title = "the end of the last row" if last else f"row {i} starts here"
            parts.append(_td(split, colour=colour, title=title))
        parts.append("</tr></table>")
    parts.append('<table style="border-collapse:collapse;margin-top:6px">')
    for i in range(len(innermost) - 1):
        start, stop = int(innermost[i]), int(innermost[i + 1])
        cells = "".join(_td(text, colour=_colour(i)) for text in shown[start:stop])
        empty = _td("(empty)", LABEL) if start == stop else ""
        parts.append(
            "<tr>" + _td(f"row {i} = values[{start}:{stop}]", LABEL) + cells + empty + "</tr>"
        )
    parts.append("</table></div>")
    return "".join(parts)


def _sparse_layout(tensor):
    indices = _numpy(tensor.indices, "the sparse tensor's indices").astype(np.int64)
    values = _numpy(tensor.values, "the sparse tensor's values")
    dense_shape = _numpy(tensor.dense_shape, "the sparse tensor's dense_shape").astype(np.int64)
    dtype = _dtype_name(tensor.values)
    entries = int(np.prod(dense_shape)) if len(dense_shape) else 1
    shown = [_show(v) for v in values]
    keys = [tuple(int(i) for i in index) for index in indices]
    in_order = all(a < b for a, b in zip(keys, keys[1:]))
    header = (
        f"SparseTensor: dense_shape {dense_shape.tolist()}, {len(values)} stored values "
        f"of {entries} entries ({dtype})"
    )
    index_texts = [str(list(key)) for key in keys]
    width = max([len(t) for t in index_texts] + [len("indices")])
    lines = [header, " #  " + "indices".ljust(width) + "  values"]
    for n, (index_text, value_text) in enumerate(zip(index_texts, shown)):
        lines.append(f"{n:2d}  {index_text.ljust(width)}  {value_text}")
    order = "yes" if in_order else "no (tf.sparse.reorder sorts them)"
    lines.append(f"indices in row-major order: {order}")
    grid = _dense_grid(keys, shown, dense_shape)
    if grid is not None:
        lines.append("dense form (. = not stored, an implicit zero):")
        cell_width = max(len(text) for row in grid for text, _ in row)
        for row in grid:
            lines.append("  " + " ".join(text.rjust(cell_width) for text, _ in row))
    return Layout("\n".join(lines), _sparse_html(header, index_texts, shown, dense_shape, grid))


def _dense_grid(keys, shown, dense_shape):
    """Rows of (text, entry number or None) for a 1-D or 2-D dense shape, else None."""
    if len(dense_shape) not in (1, 2) or np.prod(dense_shape) > 400:
        return None
    n_rows, n_cols = (1, int(dense_shape[0])) if len(dense_shape) == 1 else map(int, dense_shape)
    grid = [[(".", None) for _ in range(n_cols)] for _ in range(n_rows)]
    for n, (key, text) in enumerate(zip(keys, shown)):
        row, col = (0, key[0]) if len(key) == 1 else key
        if 0 <= row < n_rows and 0 <= col < n_cols:
            old_text, old_n = grid[row][col]
            grid[row][col] = (text if old_n is None else old_text + "+" + text, n)
    return grid


def _sparse_html(header, index_texts, shown, dense_shape, grid):
    parts = [f"<div><b>{html.escape(header)}</b>"]
    parts.append('<div style="display:flex;gap:24px;align-items:flex-start">')
    parts.append('<table style="border-collapse:collapse">')
    parts.append("<tr>" + _td("#", LABEL) + _td("indices", LABEL) + _td("values", LABEL) + "</tr>")
    for n, (index_text, value_text) in enumerate(zip(index_texts, shown)):
        colour = _colour(n)
        parts.append(
            "<tr>"
            + _td(n, LABEL)
            + _td(index_text, colour=colour)
            + _td(value_text, colour=colour)
            + "</tr>"
        )
    parts.append(
        "<tr>" + _td("dense_shape", LABEL) + _td(str(dense_shape.tolist())) + _td("") + "</tr>"
    )
    parts.append("</table>")
    if grid is not None:
        parts.append('<table style="border-collapse:collapse">')
        for row in grid:
            parts.append("<tr>")
            for text, n in row:
                if n is None:
                    parts.append(_td("0", CELL + ";color:#bbb"))
                else:
                    parts.append(_td(text, colour=_colour(n), title=f"stored value #{n}"))
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</div></div>")
    return "".join(parts)
