"""The environment to start another program with, free of our bundle's library path.

Its own module because the browser and the local tools both start programs with it."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# PyInstaller points the loader at the bundle's own libraries; a program we start must get the
# user's original search path back, or the browser may load our Qt instead of its own.
_LOADER_VARIABLES = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "LIBPATH")


def external_program_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment to start another program with (PuTTY, VS Code, the browser).

    In a PyInstaller bundle on Linux and macOS the loader's library path points into the
    bundle; the program we start gets the user's own path back (PyInstaller keeps it in
    ``NAME_ORIG``)."""
    result = dict(os.environ if env is None else env)
    for name in _LOADER_VARIABLES:
        original = result.pop(name + "_ORIG", None)
        if original is not None:
            result[name] = original
        elif getattr(sys, "frozen", False):
            result.pop(name, None)
    return result
