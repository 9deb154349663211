"""Every AWS error the wizard expects has a message a person can act on."""

from __future__ import annotations

import pytest
from botocore import exceptions as boto_errors

from app.core.aws.errors import translate, translating
from app.core.errors import WizardError


def _client_error(
    code: str, message: str = "", operation: str = "RunInstances", status: int = 400
) -> boto_errors.ClientError:
    return boto_errors.ClientError(
        {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": {"RequestId": "req-1234", "HTTPStatusCode": status},
        },
        operation,
    )


PARAMS = {
    "region": "eu-west-1",
    "instance_type": "g5.xlarge",
    "image_id": "ami-0123456789abcdef0",
    "key_name": "ec2nb-x",
    "group_id": "sg-0abc",
}


@pytest.mark.parametrize(
    ("aws_code", "code", "says"),
    [
        ("InvalidClientTokenId", "bad-credentials", "does not recognise this access key"),
        ("UnrecognizedClientException", "bad-credentials", "does not recognise"),
        ("InvalidAccessKeyId", "bad-credentials", "does not recognise"),
        ("SignatureDoesNotMatch", "bad-credentials", "secret access key does not match"),
        ("AuthFailure", "bad-credentials", "did not accept these credentials"),
        ("ExpiredToken", "expired-credentials", "expired"),
        ("ExpiredTokenException", "expired-credentials", "expired"),
        ("RequestExpired", "expired-credentials", "expired"),
        ("UnauthorizedOperation", "unauthorized", "ec2:RunInstances"),
        ("AccessDenied", "unauthorized", "ec2:RunInstances"),
        ("AccessDeniedException", "unauthorized", "ec2:RunInstances"),
        ("OptInRequired", "opt-in-required", "eu-west-1"),
        ("PendingVerification", "account-not-ready", "verifying your account"),
        ("Blocked", "account-not-ready", "blocked"),
        ("VcpuLimitExceeded", "vcpu-quota", "vCPU quota for g5 instances in eu-west-1"),
        ("MaxSpotInstanceCountExceeded", "spot-quota", "spot vCPU quota for g5"),
        ("InsufficientInstanceCapacity", "no-capacity", "every zone was tried"),
        ("InsufficientCapacity", "no-capacity", "g5.xlarge"),
        ("Unsupported", "no-capacity", "g5.xlarge"),
        ("SpotMaxPriceTooLow", "no-spot-capacity", "spot price"),
        ("InvalidAMIID.NotFound", "bad-ami", "ami-0123456789abcdef0"),
        ("InvalidAMIID.Malformed", "bad-ami", "ami-0123456789abcdef0"),
        ("InvalidAMIID.Unavailable", "bad-ami", "no longer available"),
        ("InvalidKeyPair.NotFound", "bad-key-pair", "ec2nb-x"),
        ("InvalidKeyPair.Duplicate", "bad-key-pair", "ec2nb-x"),
        ("InvalidKeyPair.Format", "bad-key-pair", "ec2nb-x"),
        ("InvalidGroup.NotFound", "bad-group", "sg-0abc"),
        ("InvalidGroup.Duplicate", "bad-group", "sg-0abc"),
        ("InvalidGroupId.Malformed", "bad-group", "sg-0abc"),
        ("RequestLimitExceeded", "throttled", "limiting"),
        ("Throttling", "throttled", "limiting"),
        ("ThrottlingException", "throttled", "limiting"),
        ("TooManyRequestsException", "throttled", "limiting"),
        ("RequestTimeTooSkewed", "clock-skew", "clock"),
        ("VPCIdNotSpecified", "no-default-vpc", "no default VPC"),
        ("DependencyViolation", "in-use", "in use"),
    ],
)
def test_every_listed_code_has_an_actionable_message(aws_code: str, code: str, says: str) -> None:
    error = translate(
        _client_error(aws_code, "raw AWS text"), action="start the instance", **PARAMS
    )
    assert isinstance(error, WizardError)
    assert error.code == code
    assert says in error.message
    assert error.hint  # always says what to do next
    assert "raw AWS text" not in error.message  # AWS's wording goes to the log
    assert aws_code in error.detail
    assert "req-1234" in error.detail
    assert "{" not in error.message + error.hint  # every placeholder filled


def test_the_missing_permission_is_named_from_the_message() -> None:
    message = (
        "User: arn:aws:iam::123456789012:user/ana is not authorized to perform: "
        "ssm:GetParametersByPath on resource: arn:aws:ssm:eu-west-1::parameter/aws/service"
    )
    error = translate(
        _client_error("AccessDeniedException", message, "GetParametersByPath"),
        action="list the Deep Learning images",
    )
    assert "ssm:GetParametersByPath" in error.message
    assert "list the Deep Learning images" in error.message
    assert "allow ssm:GetParametersByPath" in error.hint


def test_the_missing_permission_falls_back_to_the_operation() -> None:
    error = translate(
        _client_error("UnauthorizedOperation", "You are not authorized", "PutMetricAlarm"),
        action="create the idle alarm",
    )
    assert "cloudwatch:PutMetricAlarm" in error.message


def test_a_skewed_clock_behind_a_signature_error_is_recognised() -> None:
    error = translate(
        _client_error(
            "SignatureDoesNotMatch", "Signature expired: 20250601T120000Z is now earlier"
        ),
        action="check the credentials",
    )
    assert error.code == "clock-skew"


def test_expired_token_of_an_sso_profile_asks_for_sso_login() -> None:
    error = translate(
        _client_error("ExpiredToken", "", "GetCallerIdentity"),
        action="check the credentials",
        profile="team",
        sso="true",
    )
    assert error.code == "sso-login-needed"
    assert "aws sso login --profile team" in error.hint


@pytest.mark.parametrize(
    "exc",
    [
        boto_errors.UnauthorizedSSOTokenError(),
        boto_errors.SSOTokenLoadError(error_msg="Token for corp does not exist"),
        boto_errors.TokenRetrievalError(provider="sso", error_msg="expired"),
    ],
)
def test_sso_errors_ask_for_sso_login(exc: Exception) -> None:
    error = translate(exc, action="check the credentials", profile="team")
    assert error.code == "sso-login-needed"
    assert "aws sso login --profile team" in error.hint


@pytest.mark.parametrize(
    ("exc", "says"),
    [
        (
            boto_errors.EndpointConnectionError(endpoint_url="https://ec2.eu-west-1.amazonaws.com"),
            "Cannot reach AWS",
        ),
        (boto_errors.ConnectTimeoutError(endpoint_url="https://sts.amazonaws.com"), "Cannot reach"),
        (boto_errors.ReadTimeoutError(endpoint_url="https://sts.amazonaws.com"), "Cannot reach"),
        (
            boto_errors.ProxyConnectionError(proxy_url="http://proxy:3128", error="refused"),
            "proxy",
        ),
        (
            boto_errors.SSLError(endpoint_url="https://ec2.amazonaws.com", error="bad cert"),
            "secure connection",
        ),
        (OSError("Network is unreachable"), "Cannot reach AWS"),
    ],
)
def test_network_problems(exc: Exception, says: str) -> None:
    error = translate(exc, action="list the regions")
    assert error.code == "network"
    assert says in error.message
    assert error.hint


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (boto_errors.NoCredentialsError(), "no-credentials"),
        (boto_errors.PartialCredentialsError(provider="env", cred_var="secret"), "bad-credentials"),
        (boto_errors.ProfileNotFound(profile="nobody"), "profile-not-found"),
        (boto_errors.NoRegionError(), "no-region"),
    ],
)
def test_local_configuration_problems(exc: Exception, code: str) -> None:
    assert translate(exc, action="check the credentials", profile="nobody").code == code


def test_unknown_aws_errors_keep_the_aws_message() -> None:
    error = translate(
        _client_error("InvalidParameterCombination", "Cannot use stop with one-time spot"),
        action="start the instance",
    )
    assert error.code == "aws-error"
    assert "Cannot use stop with one-time spot" in error.message


def test_server_errors_say_try_again() -> None:
    error = translate(_client_error("InternalError", "", status=500), action="start the instance")
    assert error.code == "aws-unavailable"


def test_translating_raises_a_wizard_error_chained_to_the_cause() -> None:
    cause = _client_error("OptInRequired")
    with pytest.raises(WizardError) as caught, translating("list the regions", region="me-south-1"):
        raise cause
    assert caught.value.code == "opt-in-required"
    assert "me-south-1" in caught.value.message
    assert caught.value.__cause__ is cause
    assert caught.value.params["region"] == "me-south-1"


@pytest.mark.parametrize(
    ("aws_code", "instance_type", "market", "quota"),
    [
        ("MaxSpotInstanceCountExceeded", "p5.48xlarge", "spot", "All P5 Spot Instance Requests"),
        ("MaxSpotInstanceCountExceeded", "p5en.48xlarge", "", "All P5 Spot Instance Requests"),
        (
            "MaxSpotInstanceCountExceeded",
            "p4d.24xlarge",
            "spot",
            "All P4, P3 and P2 Spot Instance Requests",
        ),
        (
            "MaxSpotInstanceCountExceeded",
            "g5.xlarge",
            "spot",
            "All G and VT Spot Instance Requests",
        ),
        ("VcpuLimitExceeded", "p5.48xlarge", "spot", "All P5 Spot Instance Requests"),
        ("VcpuLimitExceeded", "p5.48xlarge", "on-demand", "Running On-Demand P instances"),
        ("VcpuLimitExceeded", "g6.xlarge", "on-demand", "Running On-Demand G and VT instances"),
    ],
)
def test_a_quota_error_names_the_quota_of_its_market(
    aws_code: str, instance_type: str, market: str, quota: str
) -> None:
    params = {**PARAMS, "instance_type": instance_type, "market": market}
    error = translate(_client_error(aws_code), action="start the instance", **params)
    assert f"'{quota}'" in error.hint
