"""Keeps Python's full garbage collections from freezing the window.

boto3 keeps every AWS service model it loads as hundreds of thousands of small objects. A full
(generation 2) collection walks all of them while holding the GIL: 300-400 ms in which the UI
thread cannot run a single Python slot. After each core call the wizard therefore collects the
young generations (cheap) and freezes what survived: the models, sessions and results are
long-lived anyway, and later full collections only walk what is new since.
"""

from __future__ import annotations

import gc

#: Full collections after this many young (generation 1) ones instead of Python's 10: with the
#: long-lived objects frozen, what a full collection would find is small, and rarely worth
#: pausing every thread for.
FULL_COLLECTION_EVERY = 100


def install() -> None:
    """Make full collections rare and freeze what the window was built from."""
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    settle()


def settle() -> None:
    """Collect young garbage, then move every surviving object out of future collections.

    Only cyclic garbage that is still waiting in the oldest generation at this moment is kept
    for good; it is small next to what the freeze saves, and ``gc.freeze`` itself costs O(1).
    """
    gc.collect(1)
    gc.freeze()
