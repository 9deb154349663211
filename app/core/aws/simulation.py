"""IAM's policy simulator (``iam:SimulatePrincipalPolicy``): whether an identity may make calls
that cannot be tried with ``DryRun`` (CloudWatch has none; GetConsoleOutput and
TerminateInstances need an instance that does not exist yet).

The simulator evaluates the identity's own policies (identity-based, boundaries); it does not
see service control policies or conditions it is not given, so "allowed" is its best guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.core.aws.errors import error_code
from app.core.aws.session import client
from app.core.sentence import NOTHING, QT_TRANSLATE_NOOP, Sentence

#: The codes AWS refuses a call with when a permission is missing.
REFUSALS = frozenset({"UnauthorizedOperation", "AccessDenied", "AccessDeniedException"})


@dataclass(frozen=True)
class Simulation:
    """The simulator's verdicts, or why there are none."""

    allowed: dict[str, bool] = field(default_factory=dict)  # IAM action -> allowed
    reason: Sentence = NOTHING  # when nothing was simulated


def principal_arn(caller_arn: str) -> str | None:
    """The IAM ARN that ``iam:SimulatePrincipalPolicy`` takes for a caller, or None.

    An assumed role's session (``arn:aws:sts::1:assumed-role/Name/session``) becomes the role
    (``arn:aws:iam::1:role/Name``; a role with a path is not found that way).
    """
    parts = caller_arn.split(":", 5)
    if len(parts) != 6:
        return None
    _arn, partition, _service, _region, account, resource = parts
    kind, _, rest = resource.partition("/")
    if kind == "assumed-role":
        return f"arn:{partition}:iam::{account}:role/{rest.split('/')[0]}"
    if kind in {"user", "role"}:
        return f"arn:{partition}:iam::{account}:{resource}"
    return None


def simulate(
    session: boto3.Session, region: str, caller_arn: str, actions: Sequence[str]
) -> Simulation:
    """Whether the caller (``GetCallerIdentity``'s ARN) may make each of ``actions``."""
    source = principal_arn(caller_arn)
    if source is None:
        return Simulation(
            reason=QT_TRANSLATE_NOOP("core", "Not checked: this identity cannot be simulated.")
        )
    iam = client(session, "iam", region)
    try:
        answer = iam.simulate_principal_policy(PolicySourceArn=source, ActionNames=list(actions))
    except ClientError as exc:
        code = error_code(exc)
        if code in REFUSALS:
            return Simulation(
                reason=QT_TRANSLATE_NOOP(
                    "core", "Not checked: checking it needs iam:SimulatePrincipalPolicy."
                )
            )
        return Simulation(
            reason=QT_TRANSLATE_NOOP("core", "Not checked: {code}.").format(code=code)
        )
    except BotoCoreError as exc:
        return Simulation(
            reason=QT_TRANSLATE_NOOP("core", "Not checked: {reason}").format(reason=exc)
        )
    decisions = {r["EvalActionName"]: r["EvalDecision"] for r in answer["EvaluationResults"]}
    return Simulation({action: decisions.get(action) == "allowed" for action in actions})
