"""Security group and key pair steps against moto."""

from __future__ import annotations

import stat
from pathlib import Path

import boto3
import pytest

from app.core.aws.network import create_default_vpc, default_vpc_id, ensure_security_group
from app.core.aws.provisioning import create_key_pair, import_key_pair, verify_key_pair
from app.core.errors import WizardError
from app.core.keys import generate_key, load_private_key, public_openssh_line
from tests.integration.aws.conftest import MY_IP, settle
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import REGION


def _ingress(group_id: str) -> set[tuple[int, str]]:
    ec2 = boto3.client("ec2", region_name=REGION)
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    return {
        (rule["FromPort"], ip["CidrIp"])
        for rule in group["IpPermissions"]
        for ip in rule.get("IpRanges", [])
    }


def test_group_allows_ssh_from_my_address_only(session: boto3.Session, aws: AwsEmulator) -> None:
    group = ensure_security_group(session, REGION, "launch-a", MY_IP, https=False)
    assert _ingress(group) == {(22, f"{MY_IP}/32")}
    described = boto3.client("ec2", region_name=REGION).describe_security_groups(GroupIds=[group])[
        "SecurityGroups"
    ][0]
    assert described["VpcId"] == default_vpc_id(session, REGION)
    assert {t["Key"]: t["Value"] for t in described["Tags"]}["ec2nb:launch-id"] == "launch-a"


def test_https_mode_also_opens_the_notebook_port_to_me(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    group = ensure_security_group(session, REGION, "launch-b", f"{MY_IP}/32", https=True)
    assert _ingress(group) == {(22, f"{MY_IP}/32"), (8888, f"{MY_IP}/32")}


def test_group_step_is_idempotent(session: boto3.Session, aws: AwsEmulator) -> None:
    first = ensure_security_group(session, REGION, "launch-c", MY_IP, https=False)
    again = ensure_security_group(session, REGION, "launch-c", MY_IP, https=False)
    assert again == first
    assert aws.calls.count("CreateSecurityGroup") == 1


def test_an_existing_group_is_used_unchanged(session: boto3.Session, aws: AwsEmulator) -> None:
    ec2 = boto3.client("ec2", region_name=REGION)
    mine = ec2.create_security_group(GroupName="my-own", Description="mine")["GroupId"]
    used = ensure_security_group(
        session, REGION, "launch-d", MY_IP, https=True, existing_group_id=mine
    )
    assert used == mine
    assert _ingress(mine) == set()
    assert "CreateSecurityGroup" not in aws.calls[1:]


def test_a_missing_existing_group_is_named(session: boto3.Session, aws: AwsEmulator) -> None:
    with pytest.raises(WizardError) as caught:
        ensure_security_group(
            session,
            REGION,
            "launch-e",
            MY_IP,
            https=False,
            existing_group_id="sg-0123456789abcdef0",
        )
    assert caught.value.code == "bad-group"
    assert "sg-0123456789abcdef0" in caught.value.message


def test_ssh_is_never_opened_to_everyone_by_default(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    with pytest.raises(WizardError) as caught:
        ensure_security_group(session, REGION, "launch-f", "0.0.0.0/0", https=False)
    assert caught.value.code == "invalid-plan"
    assert "CreateSecurityGroup" not in aws.calls


@pytest.mark.parametrize("wide", ["0.0.0.0/1", "128.0.0.0/2", "10.0.0.0/15"])
def test_a_range_wider_than_16_is_refused_unless_confirmed(
    session: boto3.Session, aws: AwsEmulator, wide: str
) -> None:
    with pytest.raises(WizardError) as caught:
        ensure_security_group(session, REGION, "launch-w", wide, https=False)
    assert caught.value.code == "invalid-plan"
    assert "--allow-wide-cidr" in caught.value.hint
    assert "CreateSecurityGroup" not in aws.calls
    group = ensure_security_group(session, REGION, "launch-w", wide, https=False, allow_wide=True)
    assert _ingress(group) == {(22, wide)}


def test_the_whole_internet_only_when_explicitly_asked(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    group = ensure_security_group(
        session, REGION, "launch-x", "0.0.0.0/0", https=False, allow_wide=True
    )
    assert _ingress(group) == {(22, "0.0.0.0/0")}
    narrow = ensure_security_group(session, REGION, "launch-y", "10.1.0.0/16", https=False)
    assert _ingress(narrow) == {(22, "10.1.0.0/16")}


def test_region_without_default_vpc_says_so_and_can_get_one(
    session: boto3.Session, aws: AwsEmulator
) -> None:
    region = "eu-west-3"
    ec2 = boto3.client("ec2", region_name=region)
    vpc = default_vpc_id(session, region)
    for subnet in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]:
        ec2.delete_subnet(SubnetId=subnet["SubnetId"])
    ec2.delete_vpc(VpcId=vpc)
    with pytest.raises(WizardError) as caught:
        ensure_security_group(session, region, "launch-g", MY_IP, https=False)
    assert caught.value.code == "no-default-vpc"
    assert "create the default VPC" in caught.value.hint
    created = create_default_vpc(session, region)
    assert default_vpc_id(session, region) == created
    assert ensure_security_group(session, region, "launch-g", MY_IP, https=False).startswith("sg-")


def test_imported_public_key_is_the_pair(session: boto3.Session, aws: AwsEmulator) -> None:
    key = generate_key("ed25519")
    name = import_key_pair(session, REGION, "launch-h", public_openssh_line(key, "me"))
    assert name == "ec2nb-launch-h"
    settle(aws)
    verify_key_pair(session, REGION, name, key)
    # A re-run with the same key is fine; another key under the launch's name is not.
    assert import_key_pair(session, REGION, "launch-h", public_openssh_line(key, "me")) == name
    with pytest.raises(WizardError) as caught:
        import_key_pair(session, REGION, "launch-h", public_openssh_line(generate_key(), "x"))
    assert caught.value.code == "bad-key-pair"
    assert aws.calls.count("ImportKeyPair") == 1


@pytest.mark.parametrize("key_type", ["ed25519", "rsa"])
def test_key_pair_made_by_ec2_is_saved_owner_only(
    session: boto3.Session, aws: AwsEmulator, key_path: Path, key_type: str
) -> None:
    name = create_key_pair(session, REGION, "launch-i", key_type, key_path)
    settle(aws)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    key = load_private_key(key_path).key
    verify_key_pair(session, REGION, name, key)
    pair = boto3.client("ec2", region_name=REGION).describe_key_pairs(KeyNames=[name])["KeyPairs"][
        0
    ]
    assert pair["KeyType"] == key_type
    assert {t["Key"]: t["Value"] for t in pair["Tags"]}["ec2nb:launch-id"] == "launch-i"
    # A re-run finds the pair and the saved file, and creates nothing.
    assert create_key_pair(session, REGION, "launch-i", key_type, key_path) == name
    assert aws.calls.count("CreateKeyPair") == 1


def test_an_existing_key_file_is_never_overwritten(
    session: boto3.Session, aws: AwsEmulator, tmp_path: Path
) -> None:
    taken = tmp_path / "taken.pem"
    taken.write_text("someone else's key")
    with pytest.raises(WizardError) as caught:
        create_key_pair(session, REGION, "launch-j", "ed25519", taken)
    assert caught.value.code == "exists"
    assert taken.read_text() == "someone else's key"
    assert "CreateKeyPair" not in aws.calls


def test_key_pair_is_deleted_when_its_key_cannot_be_saved(
    session: boto3.Session, aws: AwsEmulator, key_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.core.keys

    def disk_full(path: Path, text: str | bytes, *, overwrite: bool = False) -> None:
        raise WizardError(f"Could not write {path}: no space left.", code="not-writable")

    monkeypatch.setattr(app.core.keys, "write_private_file", disk_full)
    with pytest.raises(WizardError) as caught:
        create_key_pair(session, REGION, "launch-j", "ed25519", key_path)
    assert caught.value.code == "not-writable"
    assert boto3.client("ec2", region_name=REGION).describe_key_pairs()["KeyPairs"] == []


def test_a_key_file_of_another_pair_is_refused(session: boto3.Session, aws: AwsEmulator) -> None:
    name = import_key_pair(session, REGION, "launch-k", public_openssh_line(generate_key(), ""))
    with pytest.raises(WizardError) as caught:
        verify_key_pair(session, REGION, name, generate_key())
    assert caught.value.code == "bad-key-pair"
    with pytest.raises(WizardError) as caught:
        verify_key_pair(session, REGION, "no-such-pair", generate_key())
    assert caught.value.code == "bad-key-pair"
    assert "no-such-pair" in caught.value.message
