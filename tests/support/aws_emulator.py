"""The AWS emulator fixture, shared with ``ec2nb --demo``: see app/demo/emulator.py.

moto's ``ThreadedMotoServer`` runs in the test process, so tests reach its backend objects to seed
data (Deep Learning AMIs, public SSM parameters). Faults are injected by the gateway in front of
it, which also serves subprocesses (the ``ec2nb`` CLI) since they talk to the same server.
The realism layer (:mod:`app.demo.realism`) is on unless ``EC2NB_REALISM=0``: steer its
behaviours with ``aws.behaviour(Type)``.
"""

from __future__ import annotations

import pytest

from app.demo.emulator import DLAMI_PARAMETER, AwsEmulator
from app.demo.gateway import Fault, Gateway
from app.demo.realism import RealismConfig

FaultInjector = Gateway

#: For tests of a realism behaviour: skipped when the layer is off (``EC2NB_REALISM=0``).
needs_realism = pytest.mark.skipif(
    not RealismConfig.from_env().enabled, reason="EC2NB_REALISM=0: the AWS realism layer is off"
)

__all__ = [
    "DLAMI_PARAMETER",
    "AwsEmulator",
    "Fault",
    "FaultInjector",
    "RealismConfig",
    "needs_realism",
]
