"""`Trackable`: an object with named children, the unit of TF 2's object-based checkpoints.

Each trackable keeps its children in the order they were added, as (name, object) pairs.  A
checkpoint is written by walking these edges from a root, and restored by walking the same
names in the saved graph, so a restore matches variables by *where they sit*, not by their
names.

Restores can wait.  When a checkpoint names a child the Python object does not have yet (a
Keras layer creates its kernel on its first call), the restore is parked under that name; the
moment the child is added, it gets its saved value ("deferred restoration").

Variables are the leaves.  learntf's `tf.Variable` does not derive from `Trackable` (it lives
in the core); `is_trackable` and `children_of` treat it as a trackable without children.
"""

from learntf.ops.variables import Variable


class Trackable:
    """Something a checkpoint can hold: named children, plus restores waiting for a child."""

    def _maybe_initialize_trackable(self):
        """Create the bookkeeping on first use: subclasses need not call an __init__."""
        if "_self_trackable_children" not in self.__dict__:
            object.__setattr__(self, "_self_trackable_children", [])  # [(name, object)]
            object.__setattr__(self, "_self_deferred_restores", {})  # name -> [position]

    def _trackable_children(self):
        """{name: child}, in the order the children were added."""
        self._maybe_initialize_trackable()
        return dict(self._self_trackable_children)

    def _lookup_dependency(self, name):
        self._maybe_initialize_trackable()
        for child_name, child in self._self_trackable_children:
            if child_name == name:
                return child
        return None

    def _track_trackable(self, trackable, name, overwrite=False):
        """Add `trackable` as the child `name`; a restore waiting for that name runs now."""
        self._maybe_initialize_trackable()
        if not is_trackable(trackable):
            raise TypeError(
                "Trackable._track_trackable() can only be used to track objects of "
                "type Trackable. Got type %s." % type(trackable)
            )
        children = self._self_trackable_children
        for index, (child_name, current) in enumerate(children):
            if child_name == name:
                if current is not trackable:
                    if not overwrite:
                        raise ValueError(
                            "Called Trackable._track_trackable() with name='%s', but a "
                            "Trackable with this name is already declared as a dependency. "
                            "Names must be unique (or overwrite=True)." % name
                        )
                    children[index] = (name, trackable)  # keeps its place, as in TF
                return trackable
        children.append((name, trackable))
        for position in self._self_deferred_restores.pop(name, ()):
            position.bind(trackable)
        return trackable

    def _untrack(self, name):
        self._maybe_initialize_trackable()
        self._self_trackable_children[:] = [
            (n, c) for n, c in self._self_trackable_children if n != name
        ]

    def _defer_restore(self, name, position):
        """Park a restore of the child `name` until that child is added."""
        self._maybe_initialize_trackable()
        self._self_deferred_restores.setdefault(name, []).append(position)


class NoDependency:
    """Wrap a value to assign it to an attribute without tracking it (TF's `NoDependency`)."""

    def __init__(self, value):
        self.value = value


def is_trackable(value):
    return isinstance(value, (Trackable, Variable))


def children_of(obj):
    """{name: child} of a trackable; a variable has none."""
    return obj._trackable_children() if isinstance(obj, Trackable) else {}
