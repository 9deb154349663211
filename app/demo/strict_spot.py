"""One-time spot instances as AWS treats them: they cannot be stopped, only terminated.

moto stops any instance. AWS refuses ``StopInstances`` on a spot instance of a one-time request
with ``UnsupportedOperation`` ("You can't stop the Spot Instance '...' because it is associated
with a one-time Spot Instance request. You can only stop Spot Instances associated with
persistent Spot Instance requests."), and a CloudWatch alarm's ``ec2:stop`` action on it does
nothing: the instance keeps running (and billing).

moto never runs alarm actions; here ``SetAlarmState`` to ``ALARM`` (how a test makes an alarm
fire) runs an ``arn:aws:automate:<region>:ec2:stop`` action on the alarm's instance, except on
a one-time spot instance.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse, EmulatedApi, Fault, error_response

_INSTANCE_ID = re.compile(r"<instanceId>(i-[0-9a-f]+)</instanceId>")
_STOP_ACTION = re.compile(r"^arn:aws[a-z-]*:automate:[a-z0-9-]+:ec2:stop$")


def stop_refusal(instance_id: str) -> str:
    """AWS's message for StopInstances on a one-time spot instance."""
    return (
        f"You can't stop the Spot Instance '{instance_id}' because it is associated with a "
        "one-time Spot Instance request. You can only stop Spot Instances associated with "
        "persistent Spot Instance requests."
    )


class StrictSpot:
    """Remembers the one-time spot instances the emulator started and refuses to stop them."""

    def __init__(self, aws: AwsEmulator) -> None:
        self._aws = aws
        self._lock = threading.Lock()
        self.one_time: set[str] = set()
        #: Alarm stop actions that did nothing, as (alarm name, instance id).
        self.ignored_stop_actions: list[tuple[str, str]] = []

    def install(self) -> StrictSpot:
        gateway = self._aws.gateway
        with gateway.lock:
            gateway.after.setdefault("RunInstances", []).append(self._remember)
            for action, handler in (
                ("StopInstances", self._stop_instances),
                ("SetAlarmState", self._set_alarm_state),
            ):
                gateway.emulated[action] = _wrap(handler, gateway.emulated.get(action))
        return self

    def _remember(self, request: ApiRequest, body: bytes) -> None:
        params = request.params
        if params.get("InstanceMarketOptions.MarketType") != "spot":
            return
        kind = params.get("InstanceMarketOptions.SpotOptions.SpotInstanceType", "one-time")
        if kind != "persistent":  # RunInstances' spot requests are one-time by default
            with self._lock:
                self.one_time.update(_INSTANCE_ID.findall(body.decode("utf-8", "replace")))

    def _is_one_time(self, instance_id: str) -> bool:
        with self._lock:
            return instance_id in self.one_time

    def _stop_instances(self, request: ApiRequest) -> ApiResponse | None:
        wanted = [v for k, v in sorted(request.params.items()) if k.startswith("InstanceId.")]
        for instance_id in wanted:
            if self._is_one_time(instance_id):
                fault = Fault("StopInstances", "UnsupportedOperation", "", 400, 0)
                fault.message = stop_refusal(instance_id)
                return error_response(fault, request)
        return None

    def _set_alarm_state(self, request: ApiRequest) -> ApiResponse | None:
        body = request.json_body() or {k: v for k, v in request.params.items()}
        if body.get("StateValue") != "ALARM":
            return None
        name = str(body.get("AlarmName", ""))
        for alarm in self._alarms(request.region, name):
            if not any(_STOP_ACTION.match(a) for a in alarm.alarm_actions or []):
                continue
            for dimension in alarm.dimensions or []:
                if getattr(dimension, "name", "") != "InstanceId":
                    continue
                instance_id = dimension.value
                if self._is_one_time(instance_id):
                    with self._lock:  # AWS runs the action, and it does nothing
                        self.ignored_stop_actions.append((name, instance_id))
                    continue
                self._aws.ec2_backend(request.region).stop_instances([instance_id])
        return None  # moto records the new state

    @staticmethod
    def _alarms(region: str, name: str) -> list[Any]:
        from moto.cloudwatch.models import cloudwatch_backends

        from app.demo.emulator import ACCOUNT_ID

        backend = cloudwatch_backends[ACCOUNT_ID][region]
        alarm = backend.alarms.get(name)
        return [alarm] if alarm is not None else []


def _wrap(handler: EmulatedApi, previous: EmulatedApi | None) -> EmulatedApi:
    """``handler``, falling back to the action's earlier handler when it does not apply."""

    def wrapped(request: ApiRequest) -> ApiResponse | None:
        answer = handler(request)
        if answer is None and previous is not None:
            return previous(request)
        return answer

    return wrapped


def install_strict_spot(aws: AwsEmulator) -> StrictSpot:
    """Make ``aws`` refuse to stop one-time spot instances (see the module docstring)."""
    return StrictSpot(aws).install()
