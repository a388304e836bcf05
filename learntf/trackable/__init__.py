"""Trackable objects: what `tf.train.Checkpoint` saves, and how it finds it.

A checkpoint is not a list of variables but a graph of objects: a model holds layers, a layer
holds its kernel, an optimizer holds its slots.  Each object names its children (the
attributes it was given), so a variable's place in a checkpoint is the path of names that
leads to it from the root (`model/dense/kernel`), not its `name`.

- `base.py` — `Trackable`: the list of named children, and restores waiting for a child.
- `data_structures.py` — lists, dicts and tuples put in attributes become tracked wrappers,
  so `self.layers = [a, b]` makes children `layers/0` and `layers/1`.
- `autotrackable.py` — `AutoTrackable`: an attribute assignment adds the child.
"""
