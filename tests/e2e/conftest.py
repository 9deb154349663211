"""The e2e tests use the same stand-in instance as the launch integration tests."""

from __future__ import annotations

from tests.integration.launch.stand_in import StandIn, stand_in

__all__ = ["StandIn", "stand_in"]
