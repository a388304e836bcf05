"""`Dataset.shuffle`: TF's buffered shuffle, with TF's random numbers, so a seed gives TF's order.

TF's ShuffleDataset keeps a ring buffer of `buffer_size` elements.  To produce an element it
first refills the buffer from the input, then draws a 32-bit number r from Philox (one word
at a time, as TF's SingleSampleAdapter hands them out), picks the element at
`(start + r % count) % buffer_size`, moves the oldest element into its place and advances
`start`.  So with `buffer_size` >= the dataset's size the shuffle is uniform; with a small
buffer an element moves only a few places.

Seeds: `tf.random.get_seed(seed)` gives (seed, seed2).  With `reshuffle_each_iteration=True`
(the default) a seed generator, Philox keyed by (seed, seed2), hands each pass over the
dataset (each `iter()`, each repeat) two fresh words as the pass's own seeds; otherwise every
pass uses (seed, seed2) itself.  (0, 0) means "unseeded": TF then seeds from the OS.
"""

import os

from learntf.ops import philox


class Words:
    """Philox's 32-bit words one at a time (TF's SingleSampleAdapter<PhiloxRandom>)."""

    def __init__(self, seed, seed2):
        if seed == 0 and seed2 == 0:
            seed, seed2 = (int.from_bytes(os.urandom(8), "little") for _ in range(2))
        self._generator = philox.Philox.from_seeds(seed, seed2)
        self._block = []

    def __call__(self):
        if not self._block:
            self._block = [int(w) for w in self._generator.next_blocks(1)[0]][::-1]
        return self._block.pop()


class SeedGenerator:
    """The seeds of each pass over one shuffled dataset."""

    def __init__(self, seed, seed2, reshuffle_each_iteration):
        self._seeds = (seed, seed2)
        self._words = Words(seed, seed2) if reshuffle_each_iteration else None

    def next_seeds(self):
        if self._words is None:
            return self._seeds
        return self._words(), self._words()


def shuffled(elements, buffer_size, seeds):
    """TF's shuffle of an iterator of elements through a ring buffer of `buffer_size`."""
    random = Words(*seeds)
    buffer = [None] * buffer_size
    start = end = 0
    exhausted = False
    while True:
        while not exhausted and end - start < buffer_size:
            element = next(elements, None)
            if element is None:
                exhausted = True
            else:
                buffer[end % buffer_size] = element
                end += 1
        if start == end:
            return
        index = (start + random() % (end - start)) % buffer_size
        yield buffer[index]
        buffer[index] = buffer[start % buffer_size]
        start += 1
