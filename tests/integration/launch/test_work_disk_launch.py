"""The work disk through whole launches on the loopback instance (issue 14): a file written in
the notebook outlives the instance and is found by the next launch that reuses the disk; failed
launches remove a new disk and never a reused one; "delete everything" leaves no volume."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import boto3
import pytest

from app.core.aws.session import Credentials, make_session
from app.core.aws.tags import WORK_DISK_KEY, tag_value
from app.core.aws.work_disks import create_work_disk, list_work_disks
from app.core.errors import Cancelled, WizardError
from app.core.launch import LaunchJob, LaunchResult, StepEvent
from app.core.plan import LaunchPlan
from app.core.progress import CancelToken
from app.demo.realism_volumes import Volumes
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION
from tests.support.notebook_files import contents

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="loop mounts need root (CI is root)")


def _url(result: LaunchResult) -> str:
    assert result.url is not None
    return result.url


def _plan(stand_in: StandIn, work_disk: str) -> LaunchPlan:
    return LaunchPlan(
        region=REGION,
        instance_type="g4dn.xlarge",
        volume_gib=40,
        trusted_host_key=stand_in.host_fingerprint,
        idle_stop_minutes=None,
        work_disk=work_disk,
    )


def _volumes() -> list[dict]:
    ec2 = boto3.client("ec2", region_name=REGION)
    return list(ec2.describe_volumes()["Volumes"])


def _work_disks() -> list[dict]:
    return [v for v in _volumes() if tag_value(v.get("Tags"), WORK_DISK_KEY)]


def _close(result: LaunchResult) -> None:
    if result.tunnel is not None:
        result.tunnel.close()


def test_a_file_in_the_notebook_outlives_the_instance_on_its_work_disk(
    stand_in: StandIn,
) -> None:
    first = LaunchJob(_plan(stand_in, "new:8"))
    result = first.run()
    resources = first.journal.resources
    try:
        assert resources.work_disk_created
        volume_id = resources.work_disk_id
        assert volume_id
        # Jupyter's root is the work disk, mounted (ext4) at ~/work and owned by the login user.
        assert result.notebook is not None
        work = Path(result.notebook.notebook_dir)
        assert work == stand_in.remote_home / first.launch_id / "work"
        assert subprocess.run(["mountpoint", "-q", str(work)], check=False).returncode == 0
        assert work.owner() == stand_in.sshd.user
        fstab = stand_in.disks.fstab.read_text()
        assert f" {work} ext4 defaults,nofail 0 2" in fstab
        contents(_url(result), "results.txt", "42\n")
        assert (work / "results.txt").read_text() == "42\n"
        # The instance carries its disk's volume id.
        ec2 = boto3.client("ec2", region_name=REGION)
        raw = ec2.describe_instances(InstanceIds=[result.instance_id])["Reservations"][0]
        assert tag_value(raw["Instances"][0]["Tags"], WORK_DISK_KEY) == volume_id
    finally:
        _close(result)
        report = first.cleanup()  # a ready launch: the disk is kept by default
    assert any("work disk" in line for line in report.kept)
    [kept] = _work_disks()
    assert (kept["VolumeId"], kept["State"]) == (volume_id, "available")
    assert not work.is_mount()

    name = f"work-{first.launch_id}"
    second = LaunchJob(_plan(stand_in, name))
    again = second.run()
    try:
        assert second.journal.resources.work_disk_id == volume_id
        assert not second.journal.resources.work_disk_created
        # Found in the notebook, on a disk that was not formatted again.
        found = contents(_url(again), "results.txt")
        assert found["content"] == "42\n"
        assert second.journal.zone == kept["AvailabilityZone"]
    finally:
        _close(again)
        second.cleanup(delete_work_disk=True)  # "delete everything"
    assert _work_disks() == []
    assert [v["VolumeId"] for v in _volumes() if v["State"] != "deleted"] == []


def test_a_failed_launch_removes_its_new_disk(stand_in: StandIn) -> None:
    events: list[StepEvent] = []
    # The disk is made, then attaching it is refused.
    stand_in.aws.inject("AttachVolume", "UnauthorizedOperation", message="Injected.", times=5)
    job = LaunchJob(_plan(stand_in, "new:8"), progress_event=events.append)
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == "unauthorized"
    assert [e.step for e in events if e.state == "failed"] == ["attach-disk"]
    assert job.journal.resources.work_disk_created
    assert len(_work_disks()) == 1
    stand_in.aws.clear_faults()
    report = job.cleanup()
    assert any("(work disk)" in line for line in report.deleted)
    assert _work_disks() == []


def test_a_reused_disk_survives_a_failed_launch(stand_in: StandIn) -> None:
    session = make_session(Credentials(), REGION)
    disk = create_work_disk(session, REGION, f"{REGION}b", "thesis", 8, poll_seconds=0.05)
    stand_in.aws.inject("AttachVolume", "UnauthorizedOperation", message="Injected.", times=5)
    job = LaunchJob(_plan(stand_in, "thesis"))
    with pytest.raises(WizardError):
        job.run()
    # The instance was launched in the disk's zone.
    assert job.journal.zone == f"{REGION}b"
    stand_in.aws.clear_faults()
    job.cleanup()
    assert [(d.volume_id, d.state) for d in list_work_disks(session, REGION)] == [
        (disk.volume_id, "available")
    ]


def test_a_disk_attached_elsewhere_fails_before_anything_is_created(stand_in: StandIn) -> None:
    first = LaunchJob(_plan(stand_in, "new:8"))
    result = first.run()
    try:
        name = f"work-{first.launch_id}"
        events: list[StepEvent] = []
        second = LaunchJob(_plan(stand_in, name), progress_event=events.append)
        with pytest.raises(WizardError) as caught:
            second.run()
        assert caught.value.code == "disk-in-use"
        assert [e.step for e in events if e.state == "failed"] == ["work-disk"]
        assert not second.journal.resources.instance_requested
        second.cleanup()
    finally:
        _close(result)
        first.cleanup(delete_work_disk=True)
    assert _work_disks() == []


def test_a_launch_cancelled_while_its_disk_is_made_leaves_no_disk(stand_in: StandIn) -> None:
    # A disk long in "creating" (AWS can take seconds; the layer's default is half of one,
    # which a loaded machine's first look can miss): the cancel lands while it is made.
    stand_in.aws.behaviour(Volumes).creating = 2.0
    cancel = CancelToken()

    def on_event(event: StepEvent) -> None:
        # The disk exists (CreateVolume answered) and is still "creating": cancel now.
        if event.step == "attach-disk" and "creating" in str(event.message):
            cancel.cancel()

    job = LaunchJob(_plan(stand_in, "new:8"), progress_event=on_event, cancel=cancel)
    with pytest.raises(Cancelled):
        job.run()
    assert job.journal.resources.work_disk_id
    assert len(_work_disks()) == 1
    job.cleanup()
    assert _work_disks() == []


def test_reopening_a_ready_launch_keeps_its_disk_mounted(stand_in: StandIn) -> None:
    job = LaunchJob(_plan(stand_in, "new:8"))
    result = job.run()
    contents(_url(result), "kept.txt", "still here")
    _close(result)
    again = LaunchJob.resume(job.launch_id)
    reopened = again.run()
    try:
        assert again.journal.resources.work_disk_id == job.journal.resources.work_disk_id
        assert contents(_url(reopened), "kept.txt")["content"] == "still here"
        assert reopened.work_disk is not None
        assert reopened.work_disk.attached_to == reopened.instance_id
        assert len(_work_disks()) == 1  # attached again to the same machine, not made anew
    finally:
        _close(reopened)
        again.cleanup(delete_work_disk=True)
    assert _work_disks() == []


def test_without_root_a_folder_plays_the_disk(stand_in: StandIn) -> None:
    stand_in.disks.as_root = False  # as on a developer's computer: no loop devices
    job = LaunchJob(_plan(stand_in, "new:8"))
    result = job.run()
    try:
        volume_id = job.journal.resources.work_disk_id
        assert volume_id
        contents(_url(result), "a.txt", "x")
        assert (stand_in.disks.backing(volume_id) / "a.txt").read_text() == "x"
    finally:
        _close(result)
        job.cleanup(delete_work_disk=True)


@pytest.mark.parametrize("where", ["region", "zone"])
def test_a_disk_elsewhere_must_be_moved_first(stand_in: StandIn, where: str) -> None:
    if where == "region":
        region, zone = "eu-west-1", "eu-west-1a"
    else:  # a zone of this region that does not offer the GPU type (moto's offerings)
        region, zone = REGION, f"{REGION}e"
    disk = create_work_disk(make_session(Credentials(), region), region, zone, "far", 8)
    events: list[StepEvent] = []
    job = LaunchJob(_plan(stand_in, "far"), progress_event=events.append)
    with pytest.raises(WizardError) as caught:
        job.run()
    assert caught.value.code == "disk-elsewhere"
    assert f"The work disk far is in {disk.zone}" in str(caught.value)
    assert "'ec2nb disks move far --zone ZONE'" in str(caught.value)
    assert [e.step for e in events if e.state == "failed"] == ["work-disk"]
    assert not job.journal.resources.instance_requested
