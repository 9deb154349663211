"""IAM as the emulator plays it: every action is allowed unless a test denies it.

moto checks no permissions, and real IAM evaluation (policies, conditions, resource ARNs,
permission boundaries, SCPs) is out of reach here. Instead a test names the IAM actions to
refuse (``aws.deny("ec2:RunInstances")``) and the gateway answers those calls as AWS answers a
principal whose policies do not allow them:

- EC2: ``UnauthorizedOperation``, HTTP 403, "You are not authorized to perform this operation.
  User: <arn> is not authorized to perform: ec2:RunInstances on resource: <arn> because no
  identity-based policy allows the ec2:RunInstances action. Encoded authorization failure
  message: <blob>", for a ``DryRun=true`` request too (AWS: a dry run answers
  ``DryRunOperation`` (412) when allowed, ``UnauthorizedOperation`` otherwise; moto already
  answers the allowed dry runs with 412). A request that tags on create
  (``TagSpecification.N``) also needs ``ec2:CreateTags``, as on AWS.
- JSON services (SSM, Service Quotas): ``AccessDeniedException``, HTTP 400.
- Query services (STS, IAM): ``AccessDenied``, HTTP 403.

Dry runs check the request as AWS does (:mod:`app.demo.dry_runs`). It also answers the two
calls a permission check uses that moto lacks:
``sts:DecodeAuthorizationMessage`` (the blob is plain base64 JSON here; AWS encrypts it) and
``iam:SimulatePrincipalPolicy`` (its verdicts come from the same deny list). CloudWatch speaks
CBOR, which the gateway does not read: a denied ``cloudwatch:PutMetricAlarm`` shows in the
simulation only, the call itself still succeeds.
"""

from __future__ import annotations

import base64
import html
import json
import uuid
from typing import TYPE_CHECKING, Any

from app.demo.dry_runs import install_dry_run_checks
from app.demo.gateway import ApiRequest, ApiResponse, EmulatedApi, Fault, error_response

if TYPE_CHECKING:
    from app.demo.emulator import AwsEmulator

ACCOUNT_ID = "123456789012"
#: The principal moto's credentials stand for, as AWS names it in its refusals.
PRINCIPAL_ARN = f"arn:aws:iam::{ACCOUNT_ID}:user/moto"
_RESOURCES = {
    "RunInstances": "arn:aws:ec2:{region}:{account}:instance/*",
    "CreateSecurityGroup": "arn:aws:ec2:{region}:{account}:security-group/*",
    "AuthorizeSecurityGroupIngress": "arn:aws:ec2:{region}:{account}:security-group/*",
    "ImportKeyPair": "arn:aws:ec2:{region}:{account}:key-pair/*",
    "CreateKeyPair": "arn:aws:ec2:{region}:{account}:key-pair/*",
    "CreateTags": "arn:aws:ec2:{region}:{account}:*/*",
}


class Permissions:
    """The denied IAM actions of one emulator, and the gateway handlers that enforce them."""

    def __init__(self, aws: AwsEmulator) -> None:
        self._aws = aws
        self.denied: set[str] = set()  # "ec2:RunInstances", lower-cased for comparison
        self._wrapped: set[str] = set()
        # Within the permission check: AWS refuses a denied dry run before looking at it.
        install_dry_run_checks(aws)
        with aws.gateway.lock:
            aws.gateway.emulated["SimulatePrincipalPolicy"] = self.simulate
            aws.gateway.emulated["DecodeAuthorizationMessage"] = self.decode

    def deny(self, *actions: str) -> None:
        for action in actions:
            name = action.partition(":")[2]
            if not name:
                raise ValueError(f"{action!r} is not an IAM action like ec2:RunInstances")
            self.denied.add(action.lower())
            self._wrap(name)
            if action.lower() == "ec2:createtags":
                # Tags on create are checked on every action that creates a resource.
                for creator in ("RunInstances", "CreateSecurityGroup", "ImportKeyPair"):
                    self._wrap(creator)
                self._wrap("CreateKeyPair")

    def allowed(self, action: str) -> bool:
        return action.lower() not in self.denied

    def _wrap(self, name: str) -> None:
        """Put the permission check in front of ``name``'s handler (moto when there is none)."""
        with self._aws.gateway.lock:
            if name in self._wrapped:
                return
            self._wrapped.add(name)
            previous: EmulatedApi | None = self._aws.gateway.emulated.get(name)

            def check(request: ApiRequest) -> ApiResponse | None:
                refusal = self._refusal(request)
                if refusal is not None:
                    return refusal
                return previous(request) if previous is not None else None

            self._aws.gateway.emulated[name] = check

    def _refusal(self, request: ApiRequest) -> ApiResponse | None:
        action = request.action
        if request.protocol == "ec2":
            needed = [f"ec2:{action}"]
            if any(key.startswith("TagSpecification.") for key in request.params):
                needed.append("ec2:CreateTags")
            missing = next((a for a in needed if not self.allowed(a)), None)
            if missing is None:
                return None
            return error_response(
                Fault(action, "UnauthorizedOperation", self._message(missing, request), 403, 0),
                request,
            )
        denied = next((a for a in self.denied if a.endswith(":" + action.lower())), None)
        if denied is None:
            return None
        permission = _spelled(denied, action)
        message = (
            f"User: {PRINCIPAL_ARN} is not authorized to perform: {permission} because no "
            f"identity-based policy allows the {permission} action"
        )
        if request.protocol == "json":
            return error_response(Fault(action, "AccessDeniedException", message, 400, 0), request)
        return error_response(Fault(action, "AccessDenied", message, 403, 0), request)

    def _message(self, permission: str, request: ApiRequest) -> str:
        permission = _spelled(permission, request.action)
        resource = _RESOURCES.get(request.action, "*").format(
            region=request.region, account=ACCOUNT_ID
        )
        decoded = {
            "allowed": False,
            "explicitDeny": False,
            "matchedStatements": {"items": []},
            "failures": {"items": []},
            "context": {
                "principal": {"id": "AIDAEXAMPLEMOTO", "arn": PRINCIPAL_ARN},
                "action": permission,
                "resource": resource,
                "conditions": {"items": []},
            },
        }
        blob = base64.urlsafe_b64encode(json.dumps(decoded).encode()).decode().rstrip("=")
        return (
            f"You are not authorized to perform this operation. User: {PRINCIPAL_ARN} is not "
            f"authorized to perform: {permission} on resource: {resource} because no "
            f"identity-based policy allows the {permission} action. Encoded authorization "
            f"failure message: {blob}"
        )

    # -- the calls moto lacks -----------------------------------------------------------------

    def simulate(self, request: ApiRequest) -> ApiResponse:
        if not self.allowed("iam:SimulatePrincipalPolicy"):
            refusal = self._refusal(request)
            assert refusal is not None
            return refusal
        actions = [
            value
            for key, value in sorted(request.params.items(), key=lambda kv: _member_index(kv[0]))
            if key.startswith("ActionNames.member.")
        ]
        members = "".join(
            "<member>"
            f"<EvalActionName>{html.escape(action)}</EvalActionName>"
            "<EvalResourceName>*</EvalResourceName>"
            f"<EvalDecision>{'allowed' if self.allowed(action) else 'implicitDeny'}"
            "</EvalDecision><MatchedStatements/><MissingContextValues/>"
            "</member>"
            for action in actions
        )
        return _query_response(
            "SimulatePrincipalPolicy",
            "https://iam.amazonaws.com/doc/2010-05-08/",
            f"<IsTruncated>false</IsTruncated><EvaluationResults>{members}</EvaluationResults>",
        )

    def decode(self, request: ApiRequest) -> ApiResponse:
        if not self.allowed("sts:DecodeAuthorizationMessage"):
            refusal = self._refusal(request)
            assert refusal is not None
            return refusal
        blob = request.params.get("EncodedMessage", "")
        try:
            text = base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4)).decode()
            json.loads(text)
        except ValueError:
            message = "The encoded message is not valid."
            fault = Fault(request.action, "InvalidAuthorizationMessageException", message, 400, 0)
            return error_response(fault, request)
        return _query_response(
            "DecodeAuthorizationMessage",
            "https://sts.amazonaws.com/doc/2011-06-15/",
            f"<DecodedMessage>{html.escape(text)}</DecodedMessage>",
        )


def _spelled(lowered: str, action: str) -> str:
    """``ec2:runinstances`` spelled as IAM writes it: ``ec2:RunInstances``."""
    service = lowered.partition(":")[0]
    return f"{service}:{action}" if lowered.endswith(":" + action.lower()) else lowered


def _member_index(key: str) -> int:
    tail = key.rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _query_response(action: str, namespace: str, inner: str) -> ApiResponse:
    body = (
        f'<{action}Response xmlns="{namespace}"><{action}Result>{inner}</{action}Result>'
        f"<ResponseMetadata><RequestId>{uuid.uuid4()}</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    ).encode()
    return ApiResponse(200, body, "text/xml")


def permissions_of(aws: AwsEmulator) -> Permissions:
    """The emulator's permissions (made on first use; ``aws.reset()`` forgets them)."""
    with aws.gateway.lock:
        handler: Any = aws.gateway.emulated.get("SimulatePrincipalPolicy")
    owner = getattr(handler, "__self__", None)
    if isinstance(owner, Permissions):
        return owner
    return Permissions(aws)


def deny(aws: AwsEmulator, *actions: str) -> Permissions:
    """Refuse the IAM ``actions`` (``"ec2:RunInstances"``, ``"ssm:GetParameter"``...)."""
    permissions = permissions_of(aws)
    permissions.deny(*actions)
    return permissions
