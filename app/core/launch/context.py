"""What the steps of one launch share: a typed hand-off record (SkyPilot's ``ProvisionRecord``),
handed to each step instead of the whole job.

The job fills the first fields; the steps fill the rest as they learn it, in the registry's
order (:mod:`app.core.launch.registry`). Everything that must survive a crash goes to the
journal (``journal.resources`` is the :class:`CreatedResources`); the fields here live for one
run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.errors import WizardError
from app.core.launch.journal import CreatedResources, LaunchJournal
from app.core.launch.keys import KeyPairWork
from app.core.launch.overrides import LaunchOverrides
from app.core.plan import LaunchPlan
from app.core.progress import CancelToken, Progress
from app.core.sentence import NOTHING, QT_TRANSLATE_NOOP, Sentence

if TYPE_CHECKING:
    import boto3
    import paramiko

    from app.core.aws.amis import ImageInfo
    from app.core.aws.instances import InstanceInfo
    from app.core.aws.session import Credentials
    from app.core.aws.work_disks import WorkDisk
    from app.core.keys import PrivateKey
    from app.core.remote.bootstrap import NotebookInfo
    from app.core.remote.connect import SshTarget
    from app.core.remote.tunnel import Tunnel

log = logging.getLogger(__name__)


@dataclass(eq=False)
class LaunchContext:
    """One run of one launch, as its steps see it."""

    plan: LaunchPlan
    journal: LaunchJournal
    overrides: LaunchOverrides
    cancel: CancelToken
    credentials: Credentials | None = None
    key_passphrase: str | None = None
    #: Asked when the console shows no host key and none is pinned (the GUI's dialog).
    confirm_host_key: Callable[[str], bool] | None = None
    #: True once the instance was started moments ago (by this run, or by an earlier run that
    #: stopped just now): AWS may not know its id yet (eventual consistency), so a NotFound
    #: about it is retried, not believed.
    started_instance: bool = False
    #: Started by the job before the first step: the user's address, a new local key.
    my_ip_lookup: Future[str | None] | None = None
    new_key: Future[PrivateKey] | None = None
    session: boto3.Session | None = None  # once the identity step made it
    image: ImageInfo | None = None
    vpc_id: str | None = None  # the default VPC, once a step looked it up
    #: The zone of the reused work disk: the instance must run there (None: any zone).
    work_disk_zone: str | None = None
    work_disk: WorkDisk | None = None  # once the attach-disk step attached it
    instance_info: InstanceInfo | None = None
    ssh_target: SshTarget | None = None
    ssh_client: paramiko.SSHClient | None = None
    notebook_info: NotebookInfo | None = None
    open_tunnel: Tunnel | None = None
    url: str | None = None
    # The ami and quota steps run side by side; whichever learns its half last compares the
    # image's architecture with the instance type's.
    type_architectures: tuple[str, ...] | None = None
    type_vcpus: int = 0  # the quota step's look-up, reused by the idle alarm
    #: What the user must know although the launch went on (shown on the Done page / CLI).
    warnings: list[Sentence] = field(default_factory=list)
    proxy_note: Sentence = NOTHING  # set by my_ip when the look-up went through a proxy
    keys: KeyPairWork = field(init=False)
    architecture_lock: threading.Lock = field(default_factory=threading.Lock)
    architecture_checked: bool = False

    def __post_init__(self) -> None:
        self.keys = KeyPairWork(self.plan, self.journal, self.key_passphrase)

    @property
    def region(self) -> str:
        return self.plan.region

    @property
    def resources(self) -> CreatedResources:
        return self.journal.resources

    @property
    def key(self) -> PrivateKey | None:
        """The launch's private key, once the key-pair step ran."""
        return self.keys.key

    @property
    def aws(self) -> boto3.Session:
        """The session the identity step made (every later step runs after it)."""
        if self.session is None:
            raise RuntimeError("the identity step has not run")
        return self.session

    @property
    def machine_image(self) -> ImageInfo:
        """The image the ami step found (every step after it may read it)."""
        if self.image is None:
            raise RuntimeError("the ami step has not run")
        return self.image

    @property
    def instance_id(self) -> str:
        """The instance, once the instance step started or found it."""
        return self.resources.instance_id or ""

    def warn(self, progress: Progress, step: str, note: Sentence) -> None:
        self.warnings.append(note)
        progress(step, note)
        log.warning("%s", note)

    # -- background work ------------------------------------------------------------------

    def needs_my_ip(self) -> bool:
        # Also on resume: the user's address may have changed since the group was made.
        return not self.plan.ssh_cidr and (
            not self.resources.security_group_id or bool(self.resources.security_group_created)
        )

    def my_ip(self) -> str:
        from app.core.aws.network import proxy_for_checkip
        from app.core.aws.provisioning import public_ipv4

        if self.overrides.public_ip:
            return public_ipv4(fetch=lambda: self.overrides.public_ip or "")
        address = public_ipv4()
        proxy = proxy_for_checkip()
        if proxy:
            self.proxy_note = QT_TRANSLATE_NOOP(
                "core",
                "An HTTPS proxy is set ({variable}): {address} may be the proxy's address, not "
                "this computer's. If SSH cannot connect, allow your own address range instead "
                "(Network page, or --ssh-cidr).",
            ).format(variable=proxy, address=address)
        return address

    def my_ip_or_none(self) -> str | None:
        try:
            return self.my_ip()
        except WizardError:
            return None  # the security-group step asks again and says why it failed

    def looked_up_ip(self) -> str | None:
        """The background look-up's answer (None when there was none)."""
        return self.my_ip_lookup.result() if self.my_ip_lookup is not None else None

    def generated_key(self) -> PrivateKey | None:
        """The key generated in the background (None when none was needed)."""
        return self.new_key.result() if self.new_key is not None else None


def saved_moments_ago(stamp: str) -> bool:
    """Whether the journal was last written within EC2's eventual-consistency window."""
    import datetime as dt

    from app.core.aws.consistency import RETRY_SECONDS

    try:
        saved = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return (dt.datetime.now(dt.UTC) - saved).total_seconds() < RETRY_SECONDS
