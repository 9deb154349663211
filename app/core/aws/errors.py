"""One table from AWS errors to messages a person can act on.

Every AWS failure the core lets through goes via :func:`translate`, so the wizard and the CLI
say the same thing for the same problem, and ``WizardError.code`` is stable for callers and
tests. The raw AWS code, message and request id go to ``detail`` (the log), never to the
message itself.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from botocore import exceptions as boto_errors

from app.core.aws.quota_codes import quota_for
from app.core.errors import WizardError
from app.core.sentence import NOTHING, QT_TRANSLATE_NOOP, Sentence, fields


@dataclass(frozen=True)
class _Entry:
    code: str
    message: Sentence
    hint: Sentence = NOTHING


_QUOTA_HINT = QT_TRANSLATE_NOOP(
    "core",
    "Request a higher vCPU quota ('Request increase' on the GPU page, or the Service Quotas "
    "console: Amazon EC2 > '{quota}'); AWS answers in minutes to a few days. Then launch again.",
)

# AWS error code -> what to tell the person. Placeholders are filled from ``params``.
#: EC2, IAM/STS and the JSON services each spell "not allowed" their own way; one answer.
_NOT_ALLOWED = _Entry(
    "unauthorized",
    QT_TRANSLATE_NOOP(
        "core", "Your AWS identity is not allowed to {action} (missing permission {permission})."
    ),
    QT_TRANSLATE_NOOP(
        "core", "Ask your AWS administrator to allow {permission}, or use a profile that has it."
    ),
)

_BY_CODE: dict[str, _Entry] = {
    # Credentials.
    "InvalidClientTokenId": _Entry(
        "bad-credentials",
        QT_TRANSLATE_NOOP("core", "AWS does not recognise this access key."),
        QT_TRANSLATE_NOOP("core", "Check the access key ID, or pick another profile."),
    ),
    "UnrecognizedClientException": _Entry(
        "bad-credentials",
        QT_TRANSLATE_NOOP("core", "AWS does not recognise this access key."),
        QT_TRANSLATE_NOOP("core", "Check the access key ID, or pick another profile."),
    ),
    "InvalidAccessKeyId": _Entry(
        "bad-credentials",
        QT_TRANSLATE_NOOP("core", "AWS does not recognise this access key."),
        QT_TRANSLATE_NOOP("core", "Check the access key ID, or pick another profile."),
    ),
    "SignatureDoesNotMatch": _Entry(
        "bad-credentials",
        QT_TRANSLATE_NOOP("core", "The secret access key does not match the access key ID."),
        QT_TRANSLATE_NOOP(
            "core", "Paste the secret key again (it is shown only once, when the key is created)."
        ),
    ),
    "AuthFailure": _Entry(
        "bad-credentials",
        QT_TRANSLATE_NOOP("core", "AWS did not accept these credentials."),
        QT_TRANSLATE_NOOP("core", "Check the access key and secret, or pick another profile."),
    ),
    "ExpiredToken": _Entry(
        "expired-credentials",
        QT_TRANSLATE_NOOP("core", "These temporary AWS credentials have expired."),
        QT_TRANSLATE_NOOP("core", "Get fresh credentials (a new session token) and try again."),
    ),
    "ExpiredTokenException": _Entry(
        "expired-credentials",
        QT_TRANSLATE_NOOP("core", "These temporary AWS credentials have expired."),
        QT_TRANSLATE_NOOP("core", "Get fresh credentials (a new session token) and try again."),
    ),
    "RequestExpired": _Entry(
        "expired-credentials",
        QT_TRANSLATE_NOOP(
            "core", "The request or its temporary credentials expired before AWS received it."
        ),
        QT_TRANSLATE_NOOP(
            "core", "Get fresh credentials and check that this computer's clock is right."
        ),
    ),
    # Permissions and account state.
    "UnauthorizedOperation": _NOT_ALLOWED,
    "AccessDenied": _NOT_ALLOWED,
    "AccessDeniedException": _NOT_ALLOWED,
    "OptInRequired": _Entry(
        "opt-in-required",
        QT_TRANSLATE_NOOP(
            "core",
            "Your account is not subscribed to this: the region {region} is not "
            "enabled, or the machine image needs a Marketplace subscription.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Enable the region in the AWS console (Account > AWS Regions) or "
            "choose another region.",
        ),
    ),
    "PendingVerification": _Entry(
        "account-not-ready",
        QT_TRANSLATE_NOOP(
            "core",
            "AWS is still verifying your account, so it cannot start instances in {region} yet.",
        ),
        QT_TRANSLATE_NOOP(
            "core", "This usually takes minutes, at most a few hours; try again later."
        ),
    ),
    "Blocked": _Entry(
        "account-not-ready",
        QT_TRANSLATE_NOOP("core", "AWS has blocked this account from starting instances."),
        QT_TRANSLATE_NOOP("core", "Contact AWS Support from the console."),
    ),
    # Quotas and capacity.
    "VcpuLimitExceeded": _Entry(
        "vcpu-quota",
        QT_TRANSLATE_NOOP(
            "core",
            "Your account's vCPU quota for {family} instances in {region} is too "
            "low to start this machine. New accounts start with 0 vCPUs for GPU "
            "instances.",
        ),
        _QUOTA_HINT,
    ),
    "MaxSpotInstanceCountExceeded": _Entry(
        "spot-quota",
        QT_TRANSLATE_NOOP(
            "core", "Your account's spot vCPU quota for {family} instances in {region} is too low."
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Request a higher vCPU quota ('Request increase' on the GPU page, or the Service "
            "Quotas console: Amazon EC2 > '{quota}'); AWS answers in minutes to a few days. Then "
            "launch again. Or launch on-demand instead.",
        ),
    ),
    "InsufficientInstanceCapacity": _Entry(
        "no-capacity",
        QT_TRANSLATE_NOOP(
            "core",
            "AWS has no free {instance_type} machines in {region} right now (every "
            "zone was tried).",
        ),
        QT_TRANSLATE_NOOP(
            "core", "Try again in a while, choose another GPU type, or another region."
        ),
    ),
    "InsufficientCapacity": _Entry(
        "no-capacity",
        QT_TRANSLATE_NOOP(
            "core",
            "AWS has no free {instance_type} machines in {region} right now (every "
            "zone was tried).",
        ),
        QT_TRANSLATE_NOOP(
            "core", "Try again in a while, choose another GPU type, or another region."
        ),
    ),
    "InsufficientFreeAddressesInSubnet": _Entry(
        "no-capacity",
        QT_TRANSLATE_NOOP(
            "core",
            "The default subnets of {region} have no free IP address left for a new machine "
            "(every zone was tried).",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Terminate instances or delete network interfaces you no longer need in the default "
            "VPC, or choose another region.",
        ),
    ),
    "InstanceLimitExceeded": _Entry(
        "instance-limit",
        QT_TRANSLATE_NOOP(
            "core",
            "Your account may not run more instances in {region} now: its instance limit is "
            "reached.",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Terminate instances you no longer need (terminated ones still count for a while), "
            "or ask AWS Support to raise the limit.",
        ),
    ),
    "Unsupported": _Entry(
        "no-capacity",
        QT_TRANSLATE_NOOP(
            "core", "{instance_type} cannot be launched in any zone of {region} that was tried."
        ),
        QT_TRANSLATE_NOOP("core", "Choose another GPU type or another region."),
    ),
    "SpotMaxPriceTooLow": _Entry(
        "no-spot-capacity",
        QT_TRANSLATE_NOOP(
            "core", "The spot price for {instance_type} in {region} is above the price you allowed."
        ),
        QT_TRANSLATE_NOOP("core", "Launch on-demand instead, or try again later."),
    ),
    # Things the user chose.
    "InvalidAMIID": _Entry(
        "bad-ami",
        QT_TRANSLATE_NOOP(
            "core",
            "The machine image {image_id} cannot be used in {region}: it does not "
            "exist there, is malformed, or is no longer available.",
        ),
        QT_TRANSLATE_NOOP(
            "core", "Pick one of the listed Deep Learning images, or an AMI id from this region."
        ),
    ),
    "InvalidKeyPair": _Entry(
        "bad-key-pair",
        QT_TRANSLATE_NOOP(
            "core",
            "The EC2 key pair {key_name} cannot be used in {region} (missing, "
            "duplicate or malformed).",
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Let the wizard create a new key, or pick a key pair that exists in this region.",
        ),
    ),
    "InvalidGroup": _Entry(
        "bad-group",
        QT_TRANSLATE_NOOP(
            "core",
            "The security group {group_id} cannot be used in {region} (missing, "
            "duplicate or in another network).",
        ),
        QT_TRANSLATE_NOOP(
            "core", "Let the wizard create a security group, or pick one from the default VPC."
        ),
    ),
    "InvalidGroupId": _Entry(
        "bad-group",
        QT_TRANSLATE_NOOP("core", "The security group {group_id} cannot be used in {region}."),
        QT_TRANSLATE_NOOP(
            "core", "Let the wizard create a security group, or pick one from the default VPC."
        ),
    ),
    # Transport and environment.
    "RequestLimitExceeded": _Entry(
        "throttled",
        QT_TRANSLATE_NOOP(
            "core",
            "AWS is limiting how fast this account can make requests, and kept "
            "refusing after several retries.",
        ),
        QT_TRANSLATE_NOOP("core", "Wait a minute and try again."),
    ),
    "Throttling": _Entry(
        "throttled",
        QT_TRANSLATE_NOOP("core", "AWS is limiting how fast this account can make requests."),
        QT_TRANSLATE_NOOP("core", "Wait a minute and try again."),
    ),
    "ThrottlingException": _Entry(
        "throttled",
        QT_TRANSLATE_NOOP("core", "AWS is limiting how fast this account can make requests."),
        QT_TRANSLATE_NOOP("core", "Wait a minute and try again."),
    ),
    "TooManyRequestsException": _Entry(
        "throttled",
        QT_TRANSLATE_NOOP("core", "AWS is limiting how fast this account can make requests."),
        QT_TRANSLATE_NOOP("core", "Wait a minute and try again."),
    ),
    "RequestTimeTooSkewed": _Entry(
        "clock-skew",
        QT_TRANSLATE_NOOP(
            "core", "This computer's clock is more than 5 minutes off, so AWS rejects its requests."
        ),
        QT_TRANSLATE_NOOP(
            "core",
            "Turn on automatic time (Windows: Settings > Time & language > Sync now) and retry.",
        ),
    ),
    "VPCIdNotSpecified": _Entry(
        "no-default-vpc",
        QT_TRANSLATE_NOOP(
            "core", "The region {region} has no default VPC (network) to put the instance in."
        ),
        QT_TRANSLATE_NOOP(
            "core", "Let the wizard create the default VPC, or choose another region."
        ),
    ),
    # AWS Budgets (the tool's spending budget; ``budget`` names it).
    "NotFoundException": _Entry(
        "budget-not-found",
        QT_TRANSLATE_NOOP("core", "The spending budget {budget} does not exist (any more)."),
        QT_TRANSLATE_NOOP("core", "Create it again with a limit and an email address."),
    ),
    "DuplicateRecordException": _Entry(
        "budget-exists",
        QT_TRANSLATE_NOOP("core", "The spending budget {budget} exists already."),
        QT_TRANSLATE_NOOP("core", "Change it instead of creating it (ec2nb budget set)."),
    ),
    "CreationLimitExceededException": _Entry(
        "budget-limit",
        QT_TRANSLATE_NOOP(
            "core", "AWS Budgets refused: the account has too many budgets, alerts or recipients."
        ),
        QT_TRANSLATE_NOOP(
            "core", "Delete budgets or alerts you no longer need in the AWS Billing console."
        ),
    ),
    "InvalidParameterException": _Entry(
        "budget-invalid",
        QT_TRANSLATE_NOOP("core", "AWS Budgets refused the budget's settings."),
        QT_TRANSLATE_NOOP(
            "core", "Check the limit (dollars above 0) and the email address, then try again."
        ),
    ),
    "DependencyViolation": _Entry(
        "in-use",
        QT_TRANSLATE_NOOP("core", "AWS still sees {resource} in use; it cannot be deleted yet."),
        QT_TRANSLATE_NOOP(
            "core", "Wait a minute until the instance is fully gone, then clean up again."
        ),
    ),
}

# Codes with a variable tail (InvalidAMIID.NotFound, InvalidKeyPair.Duplicate, ...).
_PREFIXES = ("InvalidAMIID", "InvalidKeyPair", "InvalidGroupId", "InvalidGroup")

_SSO_HINT = QT_TRANSLATE_NOOP("core", "Run `aws sso login --profile {profile}` and try again.")

# Which IAM service prefix an operation belongs to, for "missing permission ec2:RunInstances"
# when AWS does not name the permission itself.
_SERVICE_OF_OPERATION = {
    "GetCallerIdentity": "sts",
    "GetParametersByPath": "ssm",
    "GetParameter": "ssm",
    "GetParameters": "ssm",
    "GetProducts": "pricing",
    "ListServiceQuotas": "servicequotas",
    "GetServiceQuota": "servicequotas",
    "GetAWSDefaultServiceQuota": "servicequotas",
    "RequestServiceQuotaIncrease": "servicequotas",
    "ListRequestedServiceQuotaChangeHistoryByQuota": "servicequotas",
    "PutMetricAlarm": "cloudwatch",
    "DeleteAlarms": "cloudwatch",
    "DescribeAlarms": "cloudwatch",
}
_PERMISSION_IN_MESSAGE = re.compile(r"perform:\s*([a-z0-9-]+:[A-Za-z0-9*]+)")


# What a sentence says where a value is not known (so it stays readable instead of failing).
_UNKNOWN: dict[str, str] = {
    "region": QT_TRANSLATE_NOOP("core", "this region"),
    "family": QT_TRANSLATE_NOOP("core", "these"),
    "instance_type": QT_TRANSLATE_NOOP("core", "this instance type"),
    "image_id": QT_TRANSLATE_NOOP("core", "chosen"),
    "key_name": QT_TRANSLATE_NOOP("core", "chosen"),
    "group_id": QT_TRANSLATE_NOOP("core", "chosen"),
    "resource": QT_TRANSLATE_NOOP("core", "the resource"),
    "budget": "ec2nb-monthly",
    "quota": QT_TRANSLATE_NOOP("core", "the vCPU quota"),
    "profile": "<profile>",
}


def _filled(sentence: Sentence, params: dict[str, str]) -> Sentence:
    """``sentence`` filled from ``params``; a value not known is said as in ``_UNKNOWN``."""
    return sentence.format(
        **{name: params.get(name, _UNKNOWN.get(name, name)) for name in fields(sentence.template)}
    )


def _permission(operation: str, message: str) -> str:
    found = _PERMISSION_IN_MESSAGE.search(message)
    if found:
        return found.group(1)
    return f"{_SERVICE_OF_OPERATION.get(operation, 'ec2')}:{operation}"


def _entry_for(code: str, message: str) -> _Entry | None:
    # AWS reports a skewed clock as a bad signature on some services.
    if code in {"SignatureDoesNotMatch", "InvalidSignatureException"} and (
        "expired" in message.lower() or "skew" in message.lower()
    ):
        return _BY_CODE["RequestTimeTooSkewed"]
    if code in _BY_CODE:
        return _BY_CODE[code]
    for prefix in _PREFIXES:
        if code.startswith(prefix + "."):
            return _BY_CODE[prefix]
    if code in {"InvalidVpcID.NotFound", "MissingInput"} and "default vpc" in message.lower():
        return _BY_CODE["VPCIdNotSpecified"]
    return None


def _fill(entry: _Entry, params: dict[str, str], *, detail: str) -> WizardError:
    return WizardError(
        _filled(entry.message, params),
        hint=_filled(entry.hint, params),
        code=entry.code,
        detail=detail,
        params=dict(params),
    )


def _client_error(exc: boto_errors.ClientError, params: dict[str, str]) -> WizardError:
    error = exc.response.get("Error", {})
    code = str(error.get("Code", "Unknown"))
    message = str(error.get("Message", ""))
    meta = exc.response.get("ResponseMetadata", {})
    detail = (
        f"{exc.operation_name}: {code}: {message} "
        f"(HTTP {meta.get('HTTPStatusCode', '?')}, request id {meta.get('RequestId', '?')})"
    )
    params.setdefault("permission", _permission(exc.operation_name, message))
    params.setdefault("quota", _quota_name_for(code, params))
    if code in {"ExpiredToken", "ExpiredTokenException"} and params.get("sso") == "true":
        return WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The AWS SSO sign-in for profile {profile} has expired."
            ).format(profile=params.get("profile", "")),
            hint=_filled(_SSO_HINT, params),
            code="sso-login-needed",
            detail=detail,
            params=params,
        )
    entry = _entry_for(code, message)
    if entry is not None:
        return _fill(entry, params, detail=detail)
    status = meta.get("HTTPStatusCode", 0)
    if isinstance(status, int) and status >= 500:
        return WizardError(
            QT_TRANSLATE_NOOP("core", "AWS had a problem and could not {action}.").format(
                action=params["action"]
            ),
            hint=QT_TRANSLATE_NOOP("core", "This is usually brief; try again in a minute."),
            code="aws-unavailable",
            detail=detail,
            params=params,
        )
    return WizardError(
        QT_TRANSLATE_NOOP("core", "AWS refused to {action}: {reason}").format(
            action=params["action"], reason=message or code
        ),
        code="aws-error",
        detail=detail,
        params=params,
    )


def _quota_name_for(code: str, params: dict[str, str]) -> str:
    """The vCPU quota an over-quota answer is about: a spot answer names the spot quota."""
    spot = code == "MaxSpotInstanceCountExceeded" or params.get("market") == "spot"
    instance_type = params.get("instance_type") or f"{params.get('family') or 'g5'}.xlarge"
    bucket = quota_for(instance_type, "spot" if spot else "on-demand")
    if bucket is not None:
        return bucket.name
    if spot:
        return QT_TRANSLATE_NOOP("core", "the spot vCPU quota")
    return QT_TRANSLATE_NOOP("core", "the vCPU quota")


# botocore exception -> what to tell the person; the first match wins (a ProxyConnectionError
# is a ConnectionError too).
_BY_EXCEPTION: tuple[tuple[type[Exception] | tuple[type[Exception], ...], _Entry], ...] = (
    (
        boto_errors.ProxyConnectionError,
        _Entry(
            "network",
            QT_TRANSLATE_NOOP("core", "Cannot reach AWS through the configured proxy."),
            QT_TRANSLATE_NOOP(
                "core", "Check the HTTPS_PROXY setting and that the proxy is running."
            ),
        ),
    ),
    (
        boto_errors.SSLError,
        _Entry(
            "network",
            QT_TRANSLATE_NOOP("core", "A secure connection to AWS could not be made."),
            QT_TRANSLATE_NOOP(
                "core",
                "A proxy or antivirus may be intercepting HTTPS; set AWS_CA_BUNDLE to "
                "its certificate, or try another network.",
            ),
        ),
    ),
    (
        (boto_errors.ConnectionError, boto_errors.HTTPClientError),
        _Entry(
            "network",
            QT_TRANSLATE_NOOP("core", "Cannot reach AWS to {action}."),
            QT_TRANSLATE_NOOP(
                "core", "Check the Internet connection; behind a proxy, set HTTPS_PROXY."
            ),
        ),
    ),
    (
        boto_errors.NoCredentialsError,
        _Entry(
            "no-credentials",
            QT_TRANSLATE_NOOP("core", "No AWS credentials were found."),
            QT_TRANSLATE_NOOP("core", "Pick a profile or paste an access key pair."),
        ),
    ),
    (
        boto_errors.PartialCredentialsError,
        _Entry(
            "bad-credentials",
            QT_TRANSLATE_NOOP(
                "core", "The AWS credentials are incomplete (an access key without its secret?)."
            ),
            QT_TRANSLATE_NOOP("core", "Paste both the access key ID and the secret access key."),
        ),
    ),
    (
        boto_errors.ProfileNotFound,
        _Entry(
            "profile-not-found",
            QT_TRANSLATE_NOOP("core", "There is no AWS profile named {profile}."),
            QT_TRANSLATE_NOOP("core", "Pick one of the listed profiles."),
        ),
    ),
    (
        boto_errors.NoRegionError,
        _Entry(
            "no-region",
            QT_TRANSLATE_NOOP("core", "No AWS region was chosen."),
            QT_TRANSLATE_NOOP("core", "Pick a region."),
        ),
    ),
)


def _botocore_error(exc: boto_errors.BotoCoreError, params: dict[str, str]) -> WizardError:
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, boto_errors.UnauthorizedSSOTokenError | boto_errors.SSOError) or (
        isinstance(exc, boto_errors.TokenRetrievalError) and "sso" in str(exc).lower()
    ):
        return WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The AWS SSO sign-in for profile {profile} has expired or was never made."
            ).format(profile=params.get("profile", _UNKNOWN["profile"])),
            hint=_filled(_SSO_HINT, params),
            code="sso-login-needed",
            detail=detail,
            params=params,
        )
    for kinds, entry in _BY_EXCEPTION:
        if isinstance(exc, kinds):
            return _fill(entry, params, detail=detail)
    return WizardError(
        QT_TRANSLATE_NOOP("core", "Could not {action}: {reason}").format(
            action=params["action"], reason=exc
        ),
        code="aws-error",
        detail=detail,
        params=params,
    )


def translate(exc: BaseException, *, action: Sentence, **params: str) -> WizardError:
    """The :class:`WizardError` to show for ``exc``, raised while trying to ``action``.

    ``action`` completes "not allowed to ..." (e.g. "start the instance"), a sentence of its own
    so that the wizard translates it inside the message. ``params`` fill the
    message: ``region``, ``instance_type``, ``family``, ``image_id``, ``key_name``,
    ``group_id``, ``profile``, ``sso="true"`` for SSO profiles.
    """
    if isinstance(exc, WizardError):
        return exc
    values: dict[str, str] = {k: str(v) for k, v in params.items() if v is not None}
    values["action"] = action  # kept a Sentence: str() would drop its template
    if "instance_type" in values and "family" not in values:
        values["family"] = values["instance_type"].split(".")[0]
    if isinstance(exc, boto_errors.ClientError):
        return _client_error(exc, values)
    if isinstance(exc, boto_errors.BotoCoreError):
        return _botocore_error(exc, values)
    if isinstance(exc, OSError):
        return WizardError(
            QT_TRANSLATE_NOOP("core", "Cannot reach AWS to {action}.").format(action=action),
            hint=QT_TRANSLATE_NOOP(
                "core", "Check the Internet connection; behind a proxy, set HTTPS_PROXY."
            ),
            code="network",
            detail=f"{type(exc).__name__}: {exc}",
            params=values,
        )
    return WizardError(
        QT_TRANSLATE_NOOP("core", "Could not {action}: {reason}").format(action=action, reason=exc),
        code="error",
        detail=f"{type(exc).__name__}: {exc}",
        params=values,
    )


def error_code(exc: BaseException) -> str:
    """The AWS error code of a ``ClientError`` (``""`` for anything else)."""
    if isinstance(exc, boto_errors.ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


@contextlib.contextmanager
def translating(action: Sentence, **params: str) -> Iterator[None]:
    """Turn AWS exceptions raised inside the block into :class:`WizardError`."""
    try:
        yield
    except (boto_errors.ClientError, boto_errors.BotoCoreError) as exc:
        raise translate(exc, action=action, **params) from exc


def missing_permission(operation: str, message: str) -> str:
    """The IAM permission an ``operation`` refused with ``message`` lacks: the one AWS names
    ("... is not authorized to perform: ec2:RunInstances ..."), else ``service:Operation``."""
    return _permission(operation, message)
