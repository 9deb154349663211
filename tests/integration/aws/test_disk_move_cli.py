"""``ec2nb disks move`` and ``ec2nb relocate`` against the emulator."""

from __future__ import annotations

import json
import re

import boto3
import pytest

from app.cli import main
from tests.integration.aws.test_disk_move import TAGS, _kept_disk, _volume
from tests.integration.aws.test_relocate import _stopped_machine
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import REGION


def test_without_yes_a_script_gets_the_cost_and_nothing_moves(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _kept_disk()
    assert main(["disks", "move", "thesis", "--region", "eu-west-1"]) == 2
    out, err = capsys.readouterr()
    assert f"Disk thesis ({old}, 20 GiB) in us-east-1a -> eu-west-1." in out
    # 20 GB x $0.02 + two snapshots of 20 GB at $0.05/GB-month for 24 h of 730.
    assert "costs about $0.47: $0.40 to copy it between regions ($0.02/GB)" in out
    assert "$1.76 a month there" in out
    assert "run again with --yes" in err
    assert _volume(REGION, old) is not None
    assert aws.calls.count("CreateSnapshot") == 0


@needs_realism
def test_disks_move_with_yes_prints_json(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _kept_disk()
    code = main(
        [
            "disks",
            "move",
            "thesis",
            "--zone",
            "us-east-1c",
            "--from-region",
            REGION,
            "--yes",
            "--json",
        ]
    )
    assert code == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert (result["zone"], result["size_gib"], result["source_volume_id"]) == (
        "us-east-1c", 20, old,
    )  # fmt: skip
    assert result["cost"]["transfer_usd"] == 0.0
    assert "Snapshot: 100%" in err  # progress on stderr, stdout stays one JSON document
    new = _volume(REGION, result["volume_id"])
    assert new is not None
    assert {t["Key"]: t["Value"] for t in new["Tags"]} == TAGS  # type: ignore[union-attr]


def test_an_unknown_disk_name_is_a_clear_error(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["disks", "move", "nope", "--zone", "us-east-1b", "--from-region", REGION]) == 1
    assert "There is no work disk named nope." in capsys.readouterr().err


@needs_realism
@pytest.mark.usefixtures("no_pricing")  # the machine is found through the fleet listing
def test_relocate_prints_the_launch_command(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    instance, _disk = _stopped_machine(aws)
    code = main(["relocate", instance, "--region", "us-west-2", "--from-region", REGION, "--yes"])
    assert code == 0
    out = capsys.readouterr().out
    found = re.search(r"^Image (ami-[0-9a-f]+) in us-west-2\.$", out, re.MULTILINE)
    assert found, out
    image = found.group(1)
    assert (
        f"Launch it: ec2nb launch --region us-west-2 --ami {image} --instance-type g4dn.xlarge"
        in out
    )
    assert f"The old machine {instance} is still stopped" in out
    west = boto3.client("ec2", region_name="us-west-2")
    assert west.describe_images(ImageIds=[image])["Images"][0]["State"] == "available"


@needs_realism
def test_a_move_cut_short_after_the_old_disk_went_is_finished_by_name(
    aws: AwsEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _kept_disk()
    aws.inject("DeleteTags", "UnauthorizedOperation", status=403)  # the move's last call
    args = ["disks", "move", "thesis", "--zone", "us-east-1b", "--from-region", REGION, "--yes"]
    assert main(args) == 1
    assert _volume(REGION, old) is None
    capsys.readouterr()
    assert main(args) == 0  # only the new disk is named thesis now: the move is finished
    out = capsys.readouterr().out
    assert "Moved thesis: now vol-" in out
    assert "in us-east-1b (us-east-1)." in out
