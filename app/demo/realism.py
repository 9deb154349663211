"""How strictly the emulator plays AWS: whether the realism behaviours are on, and their delays.

moto answers at once and forgives much that AWS refuses. The realism behaviours (eventual
consistency, console output timing, quotas with only default values, opt-in regions, one-time
spot, capacity per zone, ...) make the emulator answer as AWS documents. They are on by default
in the demo and in the integration and end-to-end tests.

Every delay is written as AWS's behaviour scaled down to seconds that keep the test suite fast;
``EC2NB_REALISM_SCALE`` multiplies all of them (``0`` removes the waiting but keeps the
behaviours that need no time), and ``EC2NB_REALISM=0`` turns the layer off.

How a behaviour plugs in: a module ``app/demo/realism_<name>.py`` with
``install(aws, config) -> object`` (see :data:`BEHAVIOUR_PREFIX`). It registers on
``aws.gateway`` (:mod:`app.demo.gateway`): ``before[action]`` (or ``before["*"]``) hooks run
before the emulated API and moto and may answer with AWS's error (:func:`refusal`), wait
(``time.sleep(config.seconds(base))``) or return None; ``rewrite[action]`` changes a successful
answer; ``after[action]`` hooks see it. ``emulated[action]`` stays the single slot for an API
moto lacks: wrap the handler already there instead of replacing it. The object returned is what
tests steer, through ``aws.behaviour(ItsType)``.

The behaviours (each module's docstring gives the AWS source and what it does not reproduce):

- ``realism_consistency``: the app's new instance, security group and key pair are invisible
  for 0.3 s (NotFound with AWS's code and message; missing from Describes). Source: "Eventual
  consistency in the Amazon EC2 API" (EC2 Developer Guide).
- ``realism_client_token``: ``RunInstances`` with a known ClientToken returns the first
  instance (moto starts another). Source: "Ensuring idempotency in Amazon EC2 API requests".
- ``realism_capacity``: shortages a test declares per zone, subnet, type and market
  (InsufficientInstanceCapacity, InsufficientFreeAddressesInSubnet, Unsupported,
  VcpuLimitExceeded, MaxSpotInstanceCountExceeded, InstanceLimitExceeded). Source: "Error codes
  for the Amazon EC2 API".
- ``realism_opt_in``: opt-in regions disabled as in a new account (STS InvalidClientTokenId,
  EC2 AuthFailure, DescribeRegions not-opted-in). Source: AWS Account Management, "Specify
  which AWS Regions your account can use"; EC2 API Reference, DescribeRegions.
- ``realism_launch_time``: StartInstances of a stopped instance resets its LaunchTime (moto
  keeps the first). Source: EC2 API Reference, ``Instance.LaunchTime`` ("last launched").
- ``realism_snapshots``: snapshots and copies pend with a rising Progress, new volumes are
  ``creating`` and new images ``pending`` for a moment; a second CreateSnapshot of a volume too
  soon is refused (SnapshotCreationPerVolumeRateExceeded), as are a sixth pending one and a
  volume or copy from a pending snapshot (IncorrectState); new ids are NotFound for a moment.
  Sources: botocore's EC2 model, AWS re:Post "ConcurrentSnapshotLimitExceeded", EBS User Guide.

- ``realism_spot_interrupt``: AWS takes a spot instance back when a test or the demo says:
  the notice in a fake metadata server, then terminated (or stopped) with StateReason
  ``Server.SpotInstanceTermination`` (``Server.SpotInstanceShutdown``). Source: EC2 User Guide,
  "Spot Instance interruption notices"; EC2 API Reference, ``StateReason``.

Not reproduced anywhere: the variance of AWS's timing (a window that closes and reopens),
throttling by request rate, and anything a behaviour's docstring lists.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.demo.emulator import AwsEmulator
    from app.demo.gateway import ApiRequest, ApiResponse

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


# -- the behaviours ------------------------------------------------------------------------------

#: Modules of this package named ``realism_*`` are behaviours; each has
#: ``install(aws: AwsEmulator, config: RealismConfig) -> object`` that registers its handlers
#: on ``aws.gateway`` (``before``, ``rewrite``, ``after``, or by wrapping an ``emulated`` one)
#: and returns the object tests use to steer it (``aws.behaviour(ThatType)``). Found by name,
#: so adding a behaviour edits no list.
BEHAVIOUR_PREFIX = "realism_"
#: What the product's boto3 clients put in their User-Agent (``user_agent_appid``).
PRODUCT_AGENT = "app/ec2nb-"


def behaviour_modules() -> list[ModuleType]:
    """The behaviour modules (see :data:`BEHAVIOUR_PREFIX`), in name order."""
    import app.demo as package

    names = sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if info.name.startswith(BEHAVIOUR_PREFIX)
    )
    return [importlib.import_module(f"{package.__name__}.{name}") for name in names]


def install_behaviours(aws: AwsEmulator, config: RealismConfig) -> dict[type, object]:
    """Install every behaviour on ``aws``; ``{type: the object it returned}``."""
    installed: dict[type, object] = {}
    for module in behaviour_modules():
        made = module.install(aws, config)
        if made is not None:
            installed[type(made)] = made
    return installed


def from_product(request: ApiRequest) -> bool:
    """Whether the request comes from the app (wizard, CLI), not from a test's own client.

    Resources a test seeds through its own boto3 client stand for a world that existed before,
    so the eventual-consistency window does not apply to them, and a test's own look-ups (the
    oracle) see the truth.
    """
    return PRODUCT_AGENT in request.user_agent


def refusal(request: ApiRequest, code: str, message: str, status: int = 400) -> ApiResponse:
    """AWS's error answer ``code`` / ``message`` in ``request``'s wire format."""
    from app.demo.gateway import Fault, error_response

    return error_response(Fault(request.action, code, message, status, 0), request)
