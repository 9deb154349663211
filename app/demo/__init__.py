"""``ec2nb --demo``: the real app against an embedded AWS emulator and a loopback "instance".

Needs the ``demo`` extra (moto). Nothing here is imported unless the demo runs or tests use the
emulator, so the frozen build can leave moto out.
"""

from __future__ import annotations

import os

#: Set (to "1") in the environment while the demo runs, so every output can say DEMO.
DEMO_ENV = "EC2NB_DEMO"


def is_active() -> bool:
    """True while this process (or its parent) runs the demo."""
    return os.environ.get(DEMO_ENV) == "1"
