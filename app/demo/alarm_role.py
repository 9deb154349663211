"""CloudWatch's service-linked role for EC2 alarm actions, as AWS handles it.

An alarm with an EC2 action (``arn:aws:automate:<region>:ec2:stop``) needs the role
``AWSServiceRoleForCloudWatchEvents`` (service ``events.amazonaws.com``). CloudWatch creates it
on the first such ``PutMetricAlarm``, with the caller's ``iam:CreateServiceLinkedRole``
permission; a caller without it gets ``AccessDenied`` (HTTP 403) naming that permission, and so
does every later attempt until someone with the permission made the role (AWS CloudWatch user
guide, "Using service-linked roles for CloudWatch"; seen in terraform and CloudFormation
reports). Alarms without EC2 actions are unaffected.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from app.demo.emulator import ACCOUNT_ID, AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse, EmulatedApi, Fault, error_response

ROLE_NAME = "AWSServiceRoleForCloudWatchEvents"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT_ID}:role/aws-service-role/events.amazonaws.com/{ROLE_NAME}"


def denial(caller: str = f"arn:aws:iam::{ACCOUNT_ID}:user/demo") -> str:
    """AWS's message when the role cannot be made for ``caller``."""
    return (
        f"User: {caller} is not authorized to perform: iam:CreateServiceLinkedRole on resource: "
        f"{ROLE_ARN} because no identity-based policy allows the iam:CreateServiceLinkedRole "
        "action"
    )


@dataclass
class AlarmRole:
    """Whether the role exists, and whether the caller may create it (set per test)."""

    exists: bool = False
    may_create: bool = True
    refused: int = 0  # PutMetricAlarm calls refused for want of the role
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def install(self, aws: AwsEmulator) -> AlarmRole:
        gateway = aws.gateway
        with gateway.lock:
            previous = gateway.emulated.get("PutMetricAlarm")
            gateway.emulated["PutMetricAlarm"] = self._handler(previous)
        return self

    def _handler(self, previous: EmulatedApi | None) -> EmulatedApi:
        def put_metric_alarm(request: ApiRequest) -> ApiResponse | None:
            if _has_ec2_action(request):
                with self._lock:
                    if not self.exists and not self.may_create:
                        self.refused += 1
                        fault = Fault("PutMetricAlarm", "AccessDenied", denial(), 403, 0)
                        return error_response(fault, request)
                    self.exists = True
            return previous(request) if previous is not None else None

        return put_metric_alarm


def _has_ec2_action(request: ApiRequest) -> bool:
    body = request.json_body()
    actions = [str(a) for key in ("AlarmActions", "OKActions", "InsufficientDataActions")
               for a in body.get(key, []) or []]  # fmt: skip
    actions += [v for k, v in request.params.items() if "Actions.member." in k]  # query protocol
    return any(":automate:" in action and ":ec2:" in action for action in actions)


def install_alarm_role(
    aws: AwsEmulator, *, exists: bool = False, may_create: bool = True
) -> AlarmRole:
    """Make ``aws`` check the service-linked role on PutMetricAlarm (see the module docstring)."""
    return AlarmRole(exists=exists, may_create=may_create).install(aws)
