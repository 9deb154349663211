"""The harness itself: the emulator launches instances, faults fire, sshd runs commands."""

from __future__ import annotations

import socket

import boto3
import botocore.exceptions
import paramiko
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests.support import network_guard
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION
from tests.support.sshd import SshServer


def test_emulator_launches_a_t3_micro_that_runs(aws: AwsEmulator) -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    image = aws.seed_dlami(REGION)
    reservation = ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1)
    instance_id = reservation["Instances"][0]["InstanceId"]
    ec2.get_waiter("instance_running").wait(
        InstanceIds=[instance_id], WaiterConfig={"Delay": 0.1, "MaxAttempts": 50}
    )
    described = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"]
    assert described[0]["State"]["Name"] == "running"
    assert described[0]["InstanceType"] == "t3.micro"


def test_seeded_dlami_is_found_through_its_public_parameter(aws: AwsEmulator) -> None:
    image = aws.seed_dlami(REGION, flavour="base-oss-nvidia-driver-gpu-ubuntu-22.04")
    ssm = boto3.client("ssm", region_name=REGION)
    found = ssm.get_parameters_by_path(Path="/aws/service/deeplearning/ami/x86_64", Recursive=True)
    assert [p["Value"] for p in found["Parameters"]] == [image]
    images = boto3.client("ec2", region_name=REGION).describe_images(
        Owners=["amazon"], Filters=[{"Name": "name", "Values": ["Deep Learning*"]}]
    )["Images"]
    assert [i["ImageId"] for i in images] == [image]


def test_reset_forgets_everything(aws: AwsEmulator) -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    ec2.create_key_pair(KeyName="left-over")
    aws.reset()
    assert ec2.describe_key_pairs()["KeyPairs"] == []


@pytest.mark.parametrize("action", ["RunInstances", "GetCallerIdentity", "GetParametersByPath"])
def test_injected_fault_reaches_the_client_once(aws: AwsEmulator, action: str) -> None:
    aws.inject(action, "UnauthorizedOperation", message="not allowed")
    calls = {
        "RunInstances": lambda: boto3.client("ec2", region_name=REGION).run_instances(
            ImageId=aws.seed_dlami(REGION), InstanceType="t3.micro", MinCount=1, MaxCount=1
        ),
        "GetCallerIdentity": lambda: boto3.client("sts", region_name=REGION).get_caller_identity(),
        "GetParametersByPath": lambda: boto3.client(
            "ssm", region_name=REGION
        ).get_parameters_by_path(Path="/aws/service"),
    }
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        calls[action]()
    assert caught.value.response["Error"]["Code"] == "UnauthorizedOperation"
    calls[action]()  # the fault fired once; the next call goes through


def test_uname_over_ssh_with_a_key_made_in_the_test(sshd: SshServer) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    sshd.authorize(public.decode())
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    ).decode()
    import io

    client = paramiko.SSHClient()
    client.get_host_keys().add(
        f"[{sshd.host}]:{sshd.port}",
        "ssh-ed25519",
        paramiko.Ed25519Key(data=_blob(sshd.host_public_key)),
    )
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(
        sshd.host,
        sshd.port,
        username=sshd.user,
        pkey=paramiko.Ed25519Key.from_private_key(io.StringIO(pem)),
        look_for_keys=False,
        allow_agent=False,
        timeout=10,
    )
    try:
        _, stdout, _ = client.exec_command("uname -s")
        assert stdout.read().decode().strip() == "Linux"
    finally:
        client.close()


def _blob(public_line: str) -> bytes:
    import base64

    return base64.b64decode(public_line.split()[1])


def test_network_guard_refuses_addresses_outside_loopback() -> None:
    with pytest.raises(OSError, match="network guard"), socket.socket() as sock:
        sock.connect(("192.0.2.10", 443))
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("ec2.us-east-1.amazonaws.com", 443)
    assert network_guard.take_violations() == [
        "connect to 192.0.2.10:443",
        "name lookup of ec2.us-east-1.amazonaws.com",
    ]
