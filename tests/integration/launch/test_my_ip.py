""" "Your IP" follows the user: a resumed launch (or ``ec2nb open``) allows the address the
user has now and removes the rule it made for the old one; a proxy in the way is mentioned."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest

from app.core.aws import network
from app.core.launch import LaunchJob, LaunchOverrides, StepEvent
from app.core.plan import LaunchPlan
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION

FIRST, SECOND = "198.51.100.23", "203.0.113.77"


def _overrides(public_ip: str | None) -> LaunchOverrides:
    return dataclasses.replace(LaunchOverrides.from_env(), provision_only=True, public_ip=public_ip)


def _plan() -> LaunchPlan:
    return LaunchPlan(region=REGION, image_id="latest", instance_type="g4dn.xlarge", volume_gib=40)


def _ssh_sources(group_id: str) -> list[str]:
    ec2 = boto3.client("ec2", region_name=REGION)
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    return sorted(
        r["CidrIp"]
        for p in group["IpPermissions"]
        if p.get("FromPort") == 22
        for r in p.get("IpRanges", [])
    )


def test_resume_allows_the_new_address_and_removes_the_old_rule(stand_in: StandIn) -> None:
    job = LaunchJob(_plan(), overrides=_overrides(FIRST))
    job.run()
    group_id = job.journal.resources.security_group_id
    ec2 = boto3.client("ec2", region_name=REGION)
    # A rule the user added by hand stays.
    ec2.authorize_security_group_ingress(
        GroupId=group_id,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                        "IpRanges": [{"CidrIp": "192.0.2.0/24", "Description": "office"}]}],
    )  # fmt: skip
    try:
        assert _ssh_sources(group_id) == ["192.0.2.0/24", f"{FIRST}/32"]
        events: list[StepEvent] = []
        resumed = LaunchJob.resume(
            job.launch_id, overrides=_overrides(SECOND), progress_event=events.append
        )
        resumed.run()
        assert _ssh_sources(group_id) == ["192.0.2.0/24", f"{SECOND}/32"]
        done = [e for e in events if e.step == "security-group" and e.state == "done"][-1]
        assert done.message == (f"{group_id}: your address is now {SECOND}/32 (was {FIRST}/32)")
        # Same address again: nothing to change.
        LaunchJob.resume(job.launch_id, overrides=_overrides(SECOND)).run()
        assert _ssh_sources(group_id) == ["192.0.2.0/24", f"{SECOND}/32"]
    finally:
        job.cleanup()


def test_a_range_the_user_chose_is_left_alone_on_resume(stand_in: StandIn) -> None:
    plan = dataclasses.replace(_plan(), ssh_cidr="192.0.2.0/24")
    job = LaunchJob(plan, overrides=_overrides(FIRST))
    job.run()
    try:
        LaunchJob.resume(job.launch_id, overrides=_overrides(SECOND)).run()
        assert _ssh_sources(job.journal.resources.security_group_id) == ["192.0.2.0/24"]
    finally:
        job.cleanup()


@pytest.fixture
def checkip(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A what-is-my-IP service on loopback that answers SECOND."""

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = f"{SECOND}\n".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    monkeypatch.setattr(network, "CHECKIP_URLS", (url,))
    yield url
    server.shutdown()
    server.server_close()


def test_behind_an_https_proxy_the_address_may_be_the_proxys(
    stand_in: StandIn, checkip: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.corp.example:3128")
    monkeypatch.setenv("NO_PROXY", "")
    events: list[StepEvent] = []
    job = LaunchJob(_plan(), overrides=_overrides(None), progress_event=events.append)
    result = job.run()
    try:
        note = (
            f"An HTTPS proxy is set (HTTPS_PROXY): {SECOND} may be the proxy's address, not "
            "this computer's."
        )
        assert any(w.startswith(note) for w in result.warnings)
        assert any(e.step == "security-group" and e.message.startswith(note) for e in events)
        assert _ssh_sources(job.journal.resources.security_group_id) == [f"{SECOND}/32"]
    finally:
        job.cleanup()


def test_which_proxy_the_ip_look_up_goes_through() -> None:
    assert network.proxy_for_checkip({}) is None
    assert network.proxy_for_checkip({"HTTPS_PROXY": "http://p:3128"}) == "HTTPS_PROXY"
    assert network.proxy_for_checkip({"all_proxy": "socks5://p:1080"}) == "all_proxy"
    bypassed = {"HTTPS_PROXY": "http://p:3128", "NO_PROXY": "amazonaws.com,.ipify.org"}
    assert network.proxy_for_checkip(bypassed) is None
    assert network.proxy_for_checkip({"HTTPS_PROXY": "http://p:3128", "NO_PROXY": "*"}) is None
