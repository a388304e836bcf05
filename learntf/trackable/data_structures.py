"""Lists, dicts and tuples held in attributes, tracked like any other child.

    self.layers = [Dense(3), Dense(4)]     # becomes ListWrapper([...]): children "0" and "1"
    self.table = {"w": tf.Variable(1.0)}   # becomes DictWrapper({...}): child "w"

An assignment to a tracked object replaces a plain list, dict or tuple by a wrapper (a
subclass of list, dict or tuple, so code reading it sees no difference).  The wrapper is a
trackable itself: its elements are its children, named by index or key.  A list may only grow:
checkpoints restore by position, so replacing, deleting or reordering a tracked element makes
the list unsaveable (TF raises when the checkpoint is written, as learntf does).  A dict whose
key is not a string cannot be saved either: a checkpoint names children by strings.
"""

from learntf.trackable.base import NoDependency, Trackable, is_trackable


def wrap_or_unwrap(value):
    """A plain list/dict (or a tuple holding trackables or containers) as its wrapper;
    a NoDependency as the value it wraps; anything else unchanged."""
    if isinstance(value, NoDependency):
        return value.value
    if isinstance(value, Trackable):
        return value
    if type(value) is list:
        return ListWrapper(value)
    if type(value) is dict:
        return DictWrapper(value)
    if type(value) is tuple and any(
        is_trackable(v) or isinstance(v, (list, dict, tuple)) for v in value
    ):
        return TupleWrapper(value)
    return value


def track_attribute(owner, name, value):
    """Wrap `value` and make it `owner`'s child `name` if it is trackable (TF's
    `sticky_attribute_assignment`); returns what to store in the attribute."""
    if isinstance(value, NoDependency):
        return value.value
    value = wrap_or_unwrap(value)
    if is_trackable(value):
        owner._track_trackable(value, name=name, overwrite=True)
    return value


class ListWrapper(list, Trackable):
    """A list whose trackable elements are children "0", "1", ...; append-only for saving."""

    def __init__(self, values=()):
        super().__init__()
        self._non_append_mutation = False
        self.extend(values)

    def _track(self, value, index):
        return track_attribute(self, str(index), value)

    def _holds_trackables(self):
        return self._non_append_mutation or any(isinstance(v, Trackable) for v in self)

    def _trackable_children(self):
        if self._non_append_mutation:
            raise ValueError(
                "Unable to save the object %r (a list wrapper constructed to track trackable "
                "TensorFlow objects). A list element was replaced (__setitem__, __setslice__), "
                "deleted (__delitem__, __delslice__), or moved (sort). In order to support "
                "restoration on object creation, tracking is exclusively for append-only data "
                "structures.\n\nIf you don't need this list checkpointed, wrap it in a "
                "non-trackable object; it will be subsequently ignored.\n(learntf: build a new "
                "list and assign it to the attribute, or only append.)" % self
            )
        return super()._trackable_children()

    def append(self, value):
        super().append(self._track(value, len(self)))

    def extend(self, values):
        for value in list(values):
            self.append(value)

    def __iadd__(self, values):
        self.extend(values)
        return self

    def __setitem__(self, key, value):
        if isinstance(key, slice) or is_trackable(self[key]):
            self._non_append_mutation = True
        if isinstance(key, slice):
            super().__setitem__(key, value)
            return
        super().__setitem__(key, self._track(value, key % len(self)))

    def _mutated(self, method, *args):
        if self._holds_trackables():
            self._non_append_mutation = True
        return method(self, *args)

    def __delitem__(self, key):
        self._mutated(list.__delitem__, key)

    def insert(self, index, value):
        if is_trackable(value):
            self._non_append_mutation = True
        self._mutated(list.insert, index, value)

    def sort(self, **kwargs):
        self._mutated(lambda s: list.sort(s, **kwargs))

    def pop(self, index=-1):
        return self._mutated(list.pop, index)

    def remove(self, value):
        self._mutated(list.remove, value)

    def reverse(self):
        self._mutated(list.reverse)

    def __hash__(self):
        raise TypeError("unhashable type: 'ListWrapper'")

    def __repr__(self):
        return "ListWrapper(%s)" % list.__repr__(self)


class DictWrapper(dict, Trackable):
    """A dict whose trackable values are children named by their (string) keys."""

    def __init__(self, *args, **kwargs):
        super().__init__()
        self._non_string_key = False
        self.update(*args, **kwargs)

    def __setitem__(self, key, value):
        if isinstance(key, str):
            value = track_attribute(self, key, value)
        else:
            no_dependency = isinstance(value, NoDependency)
            value = wrap_or_unwrap(value)
            if is_trackable(value) and not no_dependency:
                self._non_string_key = True
        super().__setitem__(key, value)

    def __delitem__(self, key):
        super().__delitem__(key)
        self._untrack(key)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def _trackable_children(self):
        if self._non_string_key:
            raise ValueError(
                "Unable to save the object %r (a dictionary wrapper constructed automatically "
                "on attribute assignment). The wrapped dictionary contains a non-string key "
                "which maps to a trackable object or mutable data structure.\n\nIf you don't "
                "need this dictionary checkpointed, wrap it in a non-trackable object; it will "
                "be subsequently ignored.\n(learntf: use string keys.)" % self
            )
        return super()._trackable_children()

    def __hash__(self):
        raise TypeError("unhashable type: 'DictWrapper'")

    def __repr__(self):
        return "DictWrapper(%s)" % dict.__repr__(self)


class TupleWrapper(tuple, Trackable):
    """A tuple whose trackable elements are children "0", "1", ... (tuples never change)."""

    def __new__(cls, values=()):
        return super().__new__(cls, [wrap_or_unwrap(v) for v in values])

    def __init__(self, values=()):
        for index, value in enumerate(self):
            if is_trackable(value):
                self._track_trackable(value, str(index))

    def __repr__(self):
        return "_TupleWrapper(%s)" % tuple.__repr__(self)
