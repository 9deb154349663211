"""How strictly the emulator plays AWS: whether the realism behaviours are on, and their delays.

moto answers at once and forgives much that AWS refuses. The realism behaviours (eventual
consistency, console output timing, quotas with only default values, opt-in regions, one-time
spot, capacity per zone, ...) make the emulator answer as AWS documents. They are on by default
in the demo and in the integration and end-to-end tests.

Every delay is written as AWS's behaviour scaled down to seconds that keep the test suite fast;
``EC2NB_REALISM_SCALE`` multiplies all of them (``0`` removes the waiting but keeps the
behaviours that need no time), and ``EC2NB_REALISM=0`` turns the layer off.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

ENV_ENABLED = "EC2NB_REALISM"
ENV_SCALE = "EC2NB_REALISM_SCALE"


@dataclass(frozen=True)
class RealismConfig:
    """Whether the realism behaviours run, and the factor applied to every delay."""

    enabled: bool = True
    scale: float = 1.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RealismConfig:
        env = os.environ if environ is None else environ
        enabled = env.get(ENV_ENABLED, "1").strip().lower() not in {"0", "off", "false", "no"}
        try:
            scale = max(0.0, float(env.get(ENV_SCALE, "1")))
        except ValueError:
            scale = 1.0
        return cls(enabled=enabled, scale=scale)

    def seconds(self, base: float) -> float:
        """``base`` seconds of delay as this configuration plays it (0 when off)."""
        return base * self.scale if self.enabled else 0.0
