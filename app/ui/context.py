"""What the pages share: the flow state (with the plan) and the core objects pages produced."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core.flow import FlowState
from app.core.plan import LaunchPlan, Market
from app.ui.settings import RememberedChoices
from app.ui.worker import TaskRunner

if TYPE_CHECKING:
    import boto3

    from app.core.aws.amis import ImageInfo
    from app.core.aws.catalog import GpuType
    from app.core.aws.identity import Identity
    from app.core.aws.session import Credentials


@dataclass
class WizardContext:
    """One per window. Pages read and write it; only the worker's callbacks touch it late."""

    runner: TaskRunner
    choices: RememberedChoices
    demo: bool = False
    state: FlowState = field(default_factory=FlowState)
    credentials: Credentials | None = None
    session: boto3.Session | None = None
    identity: Identity | None = None
    image: ImageInfo | None = None
    gpu: GpuType | None = None
    key_passphrase: str | None = None  # never stored; handed to the launch job only
    launch_job: Any = None  # app.core.launch.LaunchJob while a launch runs
    launch_result: Any = None  # app.core.launch.LaunchResult once ready
    launch_started: float = 0.0  # time.time() of the instance start, for the cost meter
    #: Passed to LaunchJob(overrides=...): the demo and tests map the instance to a local sshd.
    launch_overrides: dict[str, Any] | None = None

    @property
    def plan(self) -> LaunchPlan:
        return self.state.plan

    def hourly_price(self) -> float | None:
        """The chosen GPU type's price per hour in the chosen market, if known."""
        gpu = self.gpu
        if gpu is None:
            return None
        if self.plan.market is Market.SPOT:
            spot = dict(gpu.spot_prices)
            return min(spot.values()) if spot else None
        price = gpu.on_demand_price
        return float(price) if price is not None else None

    def cost_so_far(self, now: float | None = None) -> float | None:
        """Dollars spent since the instance started, at the chosen price."""
        price = self.hourly_price()
        if price is None or not self.launch_started:
            return None
        hours = max(0.0, (now or time.time()) - self.launch_started) / 3600
        return price * hours

    def forget_identity(self) -> None:
        """The credentials or region changed: everything derived from them is stale."""
        self.session = None
        self.identity = None
        self.state.account = None
