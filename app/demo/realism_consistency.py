"""Eventual consistency: a resource the app just created is not visible to the next calls.

AWS ("Eventual consistency in the Amazon EC2 API", EC2 Developer Guide,
https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html): right after
``RunInstances`` or ``CreateSecurityGroup`` a command that names the new id may answer
``InvalidInstanceID.NotFound`` / ``InvalidGroup.NotFound`` although the resource exists; callers
must retry with backoff. Here, for ``window`` seconds after the app's ``RunInstances``,
``CreateSecurityGroup``, ``ImportKeyPair`` or ``CreateKeyPair``:

- an EC2 call from the app that names the new instance id, group id, or key pair name / id
  in its parameters answers AWS's NotFound error (HTTP 400, AWS's message:
  ``The instance ID 'i-…' does not exist``, ``The security group 'sg-…' does not exist``,
  ``The key pair '…' does not exist``), ``RunInstances`` naming a new group or key pair
  included; filter values do not count;
- ``DescribeInstances`` / ``DescribeSecurityGroups`` / ``DescribeKeyPairs`` that do not name it
  (filtered by tag, or unfiltered) do not list it yet.

Only the app's own requests see the window (:func:`app.demo.realism.from_product`): what a test
seeds with its own client existed "before", and a test's checks see the truth.

Not reproduced: AWS's window varies per call and can close and reopen (a Describe that once
listed the instance may miss it again on another server); here it is one fixed window per
resource. ``DeleteKeyPair`` of an unknown name succeeds on AWS and is left to moto.
"""

from __future__ import annotations

import re
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from app.demo.emulator import AwsEmulator
from app.demo.gateway import ApiRequest, ApiResponse
from app.demo.realism import RealismConfig, from_product, refusal

#: Seconds a new resource stays invisible at scale 1 (AWS: typically a few seconds).
WINDOW_SECONDS = 0.3

# Creating again answers Duplicate, not NotFound; deleting an unknown key pair succeeds.
_NOT_REFUSED = frozenset({"CreateSecurityGroup", "ImportKeyPair", "CreateKeyPair", "DeleteKeyPair"})
# Parameters that can name a key pair (its name is also the launch's group name, which
# AWS would not refuse: only these parameters count for a key pair).
_KEY_PARAM = re.compile(r"^(KeyName|KeyNames?\.\d+|KeyPairId|KeyPairIds?\.\d+)$")


@dataclass
class _Hidden:
    kind: str  # instance | group | key-pair
    until: float


@dataclass
class EventualConsistency:
    """The ids hidden now; ``window`` seconds per new resource (0: the behaviour is off)."""

    window: float
    hidden: dict[str, _Hidden] = field(default_factory=dict)
    #: "Action id" of every refused call, for tests.
    refused: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def hide(self, kind: str, name: str, seconds: float | None = None) -> None:
        """Make ``name`` (an id, or a key pair's name) invisible for ``seconds``."""
        seconds = self.window if seconds is None else seconds
        if seconds <= 0 or not name:
            return
        with self._lock:
            self.hidden[name] = _Hidden(kind, time.monotonic() + seconds)

    def settle(self) -> None:
        """Let time pass: everything created so far is visible now (for tests whose subject
        is not eventual consistency but that build their world through the app)."""
        with self._lock:
            self.hidden.clear()

    def _current(self) -> dict[str, _Hidden]:
        now = time.monotonic()
        with self._lock:
            for name in [n for n, h in self.hidden.items() if h.until <= now]:
                del self.hidden[name]
            return dict(self.hidden)

    # -- after the creating calls ---------------------------------------------------------------

    def created(self, request: ApiRequest, body: bytes) -> None:
        if not from_product(request):
            return
        text = body.decode("utf-8", "replace")
        if request.action == "RunInstances":
            for instance_id in re.findall(r"<instanceId>(i-[0-9a-f]+)</instanceId>", text):
                self.hide("instance", instance_id)
        elif request.action == "CreateSecurityGroup":
            for group_id in re.findall(r"<groupId>(sg-[0-9a-f]+)</groupId>", text):
                self.hide("group", group_id)
        else:  # ImportKeyPair, CreateKeyPair
            self.hide("key-pair", request.params.get("KeyName", ""))
            for key_id in re.findall(r"<keyPairId>(key-[0-9a-f]+)</keyPairId>", text):
                self.hide("key-pair", key_id)

    # -- before every EC2 call ------------------------------------------------------------------

    def refuse(self, request: ApiRequest) -> ApiResponse | None:
        """AWS's NotFound when the app's call names a resource not visible yet."""
        if request.protocol != "ec2" or request.action in _NOT_REFUSED or not from_product(request):
            return None
        hidden = self._current()
        if not hidden:
            return None
        named: dict[str, list[str]] = {}
        for key, value in request.params.items():
            entry = hidden.get(value)
            if entry is None or key.startswith("Filter.") or key in ("Action", "Version"):
                continue
            if entry.kind == "key-pair" and not _KEY_PARAM.match(key):
                continue
            named.setdefault(entry.kind, []).append(value)
        if not named:
            return None
        kind, names = next(iter(named.items()))
        with self._lock:
            self.refused.append(f"{request.action} {', '.join(names)}")
        return refusal(request, *_not_found(kind, names))

    # -- Describe answers -----------------------------------------------------------------------

    def unlisted(self, request: ApiRequest, body: bytes) -> bytes:
        """The Describe answer without the resources not visible yet."""
        if not from_product(request):
            return body
        hidden = [n for n in self._current() if n.encode() in body]
        if not hidden:
            return body
        root = ET.fromstring(body)  # noqa: S314 (moto's own answer, in this process)
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        ET.register_namespace("", namespace)  # serialised without an "ns0:" prefix
        ns = {"ec2": namespace}
        if request.action == "DescribeInstances":
            for reservations in root.findall("ec2:reservationSet", ns):
                for reservation in list(reservations):
                    instances = reservation.find("ec2:instancesSet", ns)
                    if instances is None:
                        continue
                    _drop(instances, "ec2:instanceId", hidden, ns)
                    if not len(instances):
                        reservations.remove(reservation)
        elif request.action == "DescribeSecurityGroups":
            for groups in root.findall("ec2:securityGroupInfo", ns):
                _drop(groups, "ec2:groupId", hidden, ns)
        else:
            for keys in root.findall("ec2:keySet", ns):
                _drop(keys, "ec2:keyName", hidden, ns)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _drop(parent: ET.Element, id_tag: str, hidden: list[str], ns: dict[str, str]) -> None:
    for item in list(parent):
        if (item.findtext(id_tag, default="", namespaces=ns)) in hidden:
            parent.remove(item)


def _not_found(kind: str, names: list[str]) -> tuple[str, str]:
    """AWS's code and message for ``names`` not found (as AWS words them)."""
    joined = ", ".join(names)
    if kind == "instance":
        if len(names) > 1:
            return "InvalidInstanceID.NotFound", f"The instance IDs '{joined}' do not exist"
        return "InvalidInstanceID.NotFound", f"The instance ID '{joined}' does not exist"
    if kind == "group":
        return "InvalidGroup.NotFound", f"The security group '{joined}' does not exist"
    return "InvalidKeyPair.NotFound", f"The key pair '{joined}' does not exist"


def install(aws: AwsEmulator, config: RealismConfig) -> EventualConsistency:
    behaviour = EventualConsistency(window=config.seconds(WINDOW_SECONDS))
    gateway = aws.gateway
    with gateway.lock:
        for action in ("RunInstances", "CreateSecurityGroup", "ImportKeyPair", "CreateKeyPair"):
            gateway.after.setdefault(action, []).append(behaviour.created)
        gateway.before.setdefault("*", []).append(behaviour.refuse)
        for action in ("DescribeInstances", "DescribeSecurityGroups", "DescribeKeyPairs"):
            gateway.rewrite.setdefault(action, []).append(behaviour.unlisted)
    return behaviour
