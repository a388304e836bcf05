"""`AutoTrackable`: assigning an attribute adds a child (the base of `tf.Module`).

    self.w = tf.Variable(1.0)       # child "w"
    self.blocks = [Dense(3)]        # child "blocks" (a ListWrapper), its child "0"

Keras 3 layers track differently: only trackable values (layers, variables) become children;
a plain list of layers is not wrapped and not saved by a `tf.train.Checkpoint` (Keras keeps
its own list).  `wrap_containers = False` selects that behaviour.
"""

from learntf.trackable.base import NoDependency, Trackable, is_trackable
from learntf.trackable.data_structures import track_attribute


class AutoTrackable(Trackable):
    """Tracks every trackable attribute (and lists, dicts, tuples of them) as a child."""

    wrap_containers = True

    def __setattr__(self, name, value):
        if self.wrap_containers:
            value = track_attribute(self, name, value)
        elif isinstance(value, NoDependency):
            value = value.value
        elif is_trackable(value):
            self._track_trackable(value, name=name, overwrite=True)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        self._untrack(name)
        super().__delattr__(name)
