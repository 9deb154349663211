"""What each step of the launch does: the work behind :mod:`app.core.launch`.

Every step reads the journal first and reuses what an earlier, interrupted run already did, so
running the job again (``ec2nb open ID``, the wizard's resume) continues instead of repeating:
an instance that was requested is looked up by its launch tag before another is requested.
Beside it: the key-pair step's work (:mod:`app.core.launch_keys`), the architecture check
(:mod:`app.core.launch_architecture`), the SSH target and bootstrap options
(:mod:`app.core.launch_remote`), the by-hand command lines (:mod:`app.core.launch_commands`)
and the clean-up (:mod:`app.core.launch_cleanup`).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from app.core.errors import WizardError
from app.core.launch_architecture import check_architecture
from app.core.launch_cleanup import find_launch_instance
from app.core.launch_keys import KeyPairWork
from app.core.launch_remote import bootstrap_options, ssh_target
from app.core.plan import Access, GroupChoice, Market
from app.core.progress import Progress
from app.core.redact import register_secret

if TYPE_CHECKING:
    from app.core.launch import LaunchJob, LaunchResult

log = logging.getLogger(__name__)


def _skip(message: str) -> Exception:
    from app.core.launch import _Skip

    return _Skip(message)


class StepWork:
    """The steps of one :class:`LaunchJob`; each returns its "done" message."""

    def __init__(self, job: LaunchJob) -> None:
        self.job = job
        self.plan = job.plan
        self.journal = job.journal
        self.region = job.plan.region
        self.cancel = job.cancel_token
        self.overrides = job.overrides
        # Attribute names differ from the step methods' names (``instance``, ``tunnel``...).
        self.session: Any = None
        self.image: Any = None
        self.vpc_id: str | None = None  # the default VPC, once a step looked it up
        self.instance_info: Any = None
        # True once the instance was started moments ago (by this run, or by an earlier run
        # that stopped just now): AWS may not know its id yet (eventual consistency), so a
        # NotFound about it is retried, not believed.
        self.started_instance = bool(self.resources.instance_id) and saved_moments_ago(
            self.journal.updated
        )
        self.keys = KeyPairWork(job)
        self.ssh_target: Any = None
        self.ssh_client: Any = None
        self.notebook_info: Any = None
        self.open_tunnel: Any = None
        self.url: str | None = None
        # The ami and quota steps run side by side; whichever learns its half last compares
        # the image's architecture with the instance type's.
        self.type_architectures: tuple[str, ...] | None = None
        self.type_vcpus = 0  # the quota step's look-up, reused by the idle alarm
        # What the user must know although the launch went on (shown on the Done page / CLI).
        self.warnings: list[str] = []
        self.proxy_note = ""  # set by my_ip when the look-up went through a proxy
        self._architecture_lock = threading.Lock()
        self._architecture_checked = False

    @property
    def resources(self) -> Any:
        return self.journal.resources

    @property
    def key(self) -> Any:
        """The launch's private key, once the key-pair step ran."""
        return self.keys.key

    # -- background work --------------------------------------------------------------------

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
            self.proxy_note = (
                f"An HTTPS proxy is set ({proxy}): {address} may be the proxy's address, not "
                "this computer's. If SSH cannot connect, allow your own address range instead "
                "(Network page, or --ssh-cidr)."
            )
        return address

    def my_ip_or_none(self) -> str | None:
        try:
            return self.my_ip()
        except WizardError:
            return None  # the security-group step asks again and says why it failed

    def needs_local_key(self) -> bool:
        return self.keys.needs_local_key()

    def local_key(self) -> Any:
        """A new key for this launch (generating RSA-4096 takes a moment: started early)."""
        return self.keys.local_key()

    # -- the steps --------------------------------------------------------------------------

    def identity(self, progress: Progress) -> str:
        from app.core.aws.regions import require_region_enabled
        from app.core.aws.session import Credentials, check_identity, make_session

        credentials = self.job.credentials or Credentials(profile=self.plan.profile)
        self.session = make_session(credentials, self.region)
        identity = check_identity(self.session, self.region)
        # STS may answer for a region the account has not enabled (the global endpoint); EC2
        # would then refuse every call as bad credentials.
        require_region_enabled(self.session, self.region)
        self.job.session = self.session
        return f"Account {identity.account} ({identity.arn})"

    def ami(self, progress: Progress) -> str:
        from app.core.aws.amis import ImageInfo, resolve_image

        if self.journal.image:
            self.image = ImageInfo(**self.journal.image)
        else:
            self.image = resolve_image(
                self.session, self.region, self.plan.image_id, self.plan.flavour
            )
            self.journal.image = _as_dict(self.image)
        self._check_architecture()
        self.plan.validate(min_volume_gib=self.image.root_volume_gib)
        self.journal.ssh_user = self.plan.ssh_user or self.image.ssh_user
        return f"{self.image.name} ({self.image.image_id})"

    def quota(self, progress: Progress) -> str:
        from app.core.aws.catalog import instance_type_facts
        from app.core.aws.quotas import check_vcpu_quota

        if self.resources.instance_requested:
            raise _skip("Not needed: the instance was already requested.")
        instance_type = self.plan.instance_type
        # One DescribeInstanceTypes answers both the quota's vCPUs and the architecture check.
        facts = instance_type_facts(self.session, self.region, [instance_type])[instance_type]
        vcpus = facts.vcpus
        self.type_vcpus = vcpus
        self.type_architectures = facts.architectures
        self._check_architecture()
        state = check_vcpu_quota(
            self.session, self.region, instance_type, vcpus, self.plan.market.value
        )
        if state.status == "short":
            raise WizardError(
                state.message,
                code="vcpu-quota" if self.plan.market is Market.ON_DEMAND else "spot-quota",
                hint="Request a quota increase (the wizard's GPU page has a button), or choose a "
                "smaller instance type.",
                params={"needed": str(state.needed), "limit": str(state.limit)},
            )
        if state.status == "unknown" and state.default_limit is not None:
            raise _skip(state.message)  # says what is known (AWS's default) and what is not
        if state.status == "unknown":
            raise _skip(f"Could not check the quota ({state.message}); launching anyway.")
        return state.message or f"Enough vCPU quota for {vcpus} vCPUs."

    def _check_architecture(self) -> None:
        """Refuse a type that cannot run the image before anything is created (RunInstances
        would refuse it later, and only cryptically). Called by the ami and quota steps."""
        with self._architecture_lock:
            if self.image is None or self.type_architectures is None:
                return  # the other step has not got its half yet: it will check
            if self._architecture_checked:
                return
            self._architecture_checked = True
        check_architecture(self.plan.instance_type, self.type_architectures, self.image)

    def _group_deleted_meanwhile(self) -> bool:
        """On resume: whether the group this launch made is gone (before any instance used it)."""
        from app.core.aws.network import security_group_exists

        resources = self.resources
        if not resources.security_group_created or resources.instance_id:
            return False
        assert resources.security_group_id is not None
        return not security_group_exists(self.session, self.region, resources.security_group_id)

    def security_group(self, progress: Progress, my_ip: str | None) -> str:
        from app.core.aws.network import require_default_vpc, ssh_cidr
        from app.core.aws.provisioning import ensure_security_group

        resources = self.resources
        if resources.security_group_id:
            if not self._group_deleted_meanwhile():
                return self._follow_my_ip(progress, my_ip)
            # A clean-up removed it before the instance existed: make it again, as new.
            resources.security_group_id, resources.security_group_created = None, False
            self.journal.save()
        cidr = self.plan.ssh_cidr or f"{my_ip or self.my_ip()}/32"
        if self.proxy_note:
            self._warn(progress, "security-group", self.proxy_note)
        existing = (
            self.plan.existing_group_id if self.plan.group_choice is GroupChoice.EXISTING else None
        )
        if existing is None:
            # A refused range (wider than /16, unconfirmed) fails before any AWS call.
            ssh_cidr(cidr, allow_wide=self.plan.allow_wide_cidr)
            # Looked up once for the group and the instance's subnet.
            self.vpc_id = require_default_vpc(self.session, self.region)
        group_id = ensure_security_group(
            self.session,
            self.region,
            self.journal.launch_id,
            cidr,
            https=self.plan.access is Access.HTTPS,
            existing_group_id=existing,
            vpc_id=self.vpc_id,
            allow_wide=self.plan.allow_wide_cidr,
        )
        self.resources.security_group_id = group_id
        self.resources.security_group_created = existing is None
        self.journal.save()
        what = "SSH" + (" and HTTPS" if self.plan.access is Access.HTTPS else "")
        return f"{group_id}: {what} from {cidr} only"

    def _follow_my_ip(self, progress: Progress, my_ip: str | None) -> str:
        """On resume: allow the user's current address into the group this launch made, in
        place of the address it allowed before."""
        from app.core.aws.network import follow_my_ip

        group_id = self.resources.security_group_id
        if self.plan.ssh_cidr or not self.resources.security_group_created:
            return f"{group_id} (from before)"  # a range or a group the user chose: theirs
        try:
            address = my_ip or self.my_ip()
        except WizardError as exc:
            self._warn(
                progress,
                "security-group",
                f"Could not check your IP address again ({exc.message}); the group still "
                "allows the address of the first launch.",
            )
            return f"{group_id} (from before)"
        if self.proxy_note:
            self._warn(progress, "security-group", self.proxy_note)
        cidr = f"{address}/32"
        revoked = follow_my_ip(
            self.session, self.region, self.journal.launch_id, group_id, cidr,
            https=self.plan.access is Access.HTTPS,
        )  # fmt: skip
        if not revoked:
            return f"{group_id} (from before)"
        return f"{group_id}: your address is now {cidr} (was {', '.join(revoked)})"

    def key_pair(self, progress: Progress, new_key: Any) -> str:
        return self.keys.key_pair(self.session, new_key)

    def instance(self, progress: Progress) -> str:
        from app.core.aws.provisioning import InstanceSpec, run_instance
        from app.core.remote.bootstrap import user_data_script

        resources = self.resources
        if not resources.instance_id and resources.instance_requested:
            resources.instance_id = find_launch_instance(
                self.session, self.region, self.journal.launch_id
            )
        if resources.instance_id:
            return f"{resources.instance_id} (from before)"
        spec = InstanceSpec(
            launch_id=self.journal.launch_id,
            image_id=self.image.image_id,
            instance_type=self.plan.instance_type,
            key_name=resources.key_name,
            security_group_id=resources.security_group_id,
            volume_gib=self.plan.volume_gib,
            volume_type=self.plan.volume_type,
            delete_on_termination=self.plan.delete_volume_on_termination,
            market=self.plan.market.value,
            user_data=self._user_data(user_data_script),
            root_device_name=self.image.root_device_name,
            zones=[],
            min_volume_gib=self.image.root_volume_gib,
            vpc_id=self.vpc_id or "",
            created_ids=self._created_ids(),
        )
        # Written before the call: a crash after AWS accepted it must not launch a second one.
        resources.instance_requested = True
        self.journal.save()
        self.instance_info = run_instance(
            self.session, self.region, spec, progress=progress, cancel=self.cancel
        )
        resources.instance_id = self.instance_info.instance_id
        self.started_instance = True
        self.journal.zone = self.instance_info.zone
        self.journal.save()
        return f"{self.instance_info.instance_id} in {self.instance_info.zone}"

    def _created_ids(self) -> tuple[str, ...]:
        """The key pair and group this launch made (never the ones the user chose)."""
        resources = self.resources
        created = []
        if resources.key_pair_created and resources.key_name:
            created.append(resources.key_name)
        if resources.security_group_created and resources.security_group_id:
            created.append(resources.security_group_id)
        return tuple(created)

    def _user_data(self, user_data_script: Any) -> str:
        """The bootstrap as user data, so the instance prepares while booting; without it the
        SSH run does all the work, just later."""
        try:
            return str(user_data_script(bootstrap_options(self.job)))
        except WizardError as exc:
            log.warning("launching without user data: %s", exc)
            return ""

    def running(self, progress: Progress) -> str:
        from app.core.aws.provisioning import describe_instance, wait_running

        instance_id = self.resources.instance_id
        # Resuming a launch that ran before: it may have been stopped since.
        resumed = "running" in self.journal.steps_done
        fresh = self.started_instance
        if resumed:
            found = describe_instance(
                self.session, self.region, instance_id, created=fresh, cancel=self.cancel
            )
            if found.state == "stopped":
                from app.core.aws.fleet import start_instance

                progress("running", f"Starting {instance_id} again (it was stopped)")
                start_instance(self.session, self.region, instance_id)
        self.instance_info = wait_running(
            self.session,
            self.region,
            instance_id,
            progress=progress,
            cancel=self.cancel,
            created=fresh,
        )
        self.journal.public_ip = self.instance_info.public_ip
        self.journal.zone = self.instance_info.zone or self.journal.zone
        self.journal.save()
        if self.plan.idle_stop_minutes and not self.resources.idle_alarm:
            self._idle_alarm(progress)
        return f"Running at {self.instance_info.public_ip}"

    def _warn(self, progress: Progress, step: str, note: str) -> None:
        self.warnings.append(note)
        progress(step, note)
        log.warning("%s", note)

    def _idle_alarm(self, progress: Progress) -> None:
        from app.core.aws.catalog import default_vcpus
        from app.core.aws.fleet import create_idle_alarm

        instance_id = self.resources.instance_id
        if self.plan.market is Market.SPOT:
            # A one-time spot instance cannot be stopped: a stop action would do nothing.
            self._warn(
                progress,
                "running",
                "No idle alarm: AWS cannot stop a one-time spot instance, only terminate it. "
                "Terminate it when you are done.",
            )
            return
        minutes = self.plan.idle_stop_minutes or 0
        try:
            vcpus = self.type_vcpus or default_vcpus(
                self.session, self.region, [self.plan.instance_type]
            ).get(self.plan.instance_type, 0)
            create_idle_alarm(
                self.session, self.region, instance_id, self.journal.launch_id, minutes,
                vcpus=vcpus,
            )  # fmt: skip
        except WizardError as exc:
            # The on-instance idle agent is the real guard; the alarm is only its safety net,
            # but the user must know it is missing.
            self._warn(
                progress,
                "running",
                f"The idle alarm could not be created ({exc.message}); only the idle agent on "
                "the instance will stop it.",
            )
            return
        self.resources.idle_alarm = True
        self.journal.save()

    def host_keys(self, progress: Progress) -> str:
        from app.core.aws.console import POLL_SECONDS
        from app.core.aws.provisioning import console_host_keys
        from app.core.remote.hostkeys import KnownHosts, fingerprint

        if self.journal.host_keys:
            return f"{fingerprint(self.journal.host_keys[0])} (from before)"
        if self.plan.trusted_host_key:
            if self.overrides.provision_only:
                raise _skip("Pinned; not checked (no SSH in this demo).")
            return f"Pinned: {self.plan.trusted_host_key}"
        try:
            keys = console_host_keys(
                self.session,
                self.region,
                self.resources.instance_id,
                progress=progress,
                cancel=self.cancel,
                timeout=self.overrides.host_key_timeout,
                # A short deadline (tests, stand-ins) is not worth one long poll.
                poll_seconds=min(POLL_SECONDS, self.overrides.host_key_timeout / 4),
                created=self.started_instance,
            )
        except WizardError as exc:
            if self.job.confirm_host_key is None or exc.code == "cancelled":
                raise
            log.info("no host key in the console output: %s", exc)
            raise _skip("The console output shows none yet: you will be asked.") from exc
        KnownHosts().remember(self.resources.instance_id, keys)
        self.journal.host_keys = list(keys)
        self.journal.save()
        return ", ".join(fingerprint(k) for k in keys)

    def ssh(self, progress: Progress) -> str:
        from app.core.remote.connect import connect
        from app.core.remote.hostkeys import HostKeyUnknown

        if self.overrides.provision_only:
            raise _skip("DEMO: no OpenSSH server on this computer to stand in for the instance.")
        self.ssh_target = ssh_target(self.job, self.key)
        try:
            self.ssh_client = self._connect(connect, progress)
        except HostKeyUnknown as unknown:
            ask = self.job.confirm_host_key
            if ask is None or not ask(unknown.fingerprint):
                raise
            self.ssh_target = ssh_target(self.job, self.key, unknown.fingerprint)
            self.ssh_client = self._connect(connect, progress)
        target = self.ssh_target
        return f"{target.user}@{target.host}:{target.port}"

    def _connect(self, connect: Any, progress: Progress) -> Any:
        return connect(
            self.ssh_target,
            progress=progress,
            cancel=self.cancel,
            deadline_seconds=self.overrides.ssh_timeout,
        )

    def notebook(self, progress: Progress) -> str:
        from app.core.remote.bootstrap import run_bootstrap

        if self.overrides.provision_only:
            raise _skip("DEMO: skipped without an SSH server.")
        self.notebook_info = run_bootstrap(
            self.ssh_client, bootstrap_options(self.job), progress=progress, cancel=self.cancel
        )
        register_secret(self.notebook_info.token)
        self.journal.notebook_port = self.notebook_info.port
        self.journal.https = bool(self.notebook_info.https)
        self.journal.save()
        info = self.notebook_info
        gpu = info.gpu_name or "no GPU"
        return f"Jupyter {info.jupyter_version} on port {info.port}; {gpu}"

    def tunnel(self, progress: Progress) -> str:
        from app.core.remote.connect import connect
        from app.core.remote.tunnel import Tunnel

        if self.overrides.provision_only:
            raise _skip("DEMO: skipped without an SSH server.")
        info = self.notebook_info
        if self.plan.access is Access.HTTPS:
            host = self.overrides.ssh_host or self.journal.public_ip
            self.url = f"https://{host}:{info.port}/lab?token={info.token}"
            raise _skip("Not needed: the notebook is reached over HTTPS.")
        target = self.ssh_target
        self.open_tunnel = Tunnel(
            lambda: connect(target, cancel=self.cancel),
            remote_port=info.port,
            local_port=8888,
            client=self.ssh_client,  # the bootstrap's connection: no second handshake
        )
        self.ssh_client = None  # the tunnel owns it now
        port = self.open_tunnel.start()
        self.url = self.open_tunnel.url(info.token)
        return f"http://127.0.0.1:{port} → instance port {info.port}"

    def ready(self, progress: Progress) -> str:
        if self.url is None:
            return "Provisioned (DEMO without SSH): no notebook to open."
        return "Notebook ready: " + self.url.split("?", 1)[0]

    def result(self) -> LaunchResult:
        from app.core.launch import LaunchResult

        ssh_line, putty_line = self._commands()
        return LaunchResult(
            launch_id=self.journal.launch_id,
            instance_id=self.resources.instance_id or "",
            region=self.region,
            url=self.url,
            ssh_command=ssh_line,
            putty_command=putty_line,
            notebook=self.notebook_info,
            tunnel=self.open_tunnel,
            public_ip=self.journal.public_ip,
            instance_type=self.plan.instance_type,
            demo=self.journal.demo,
            market=self.plan.market.value,
            warnings=list(self.warnings),
        )

    def _commands(self) -> tuple[str, str]:
        """The SSH and PuTTY lines that open the same tunnel by hand, host key checked."""
        from app.core.launch_commands import manual_commands

        return manual_commands(
            self.ssh_target or ssh_target(self.job, self.key),
            key_files=self.resources.key_files,
            notebook_port=self.journal.notebook_port,
            host_keys=self.journal.host_keys,
            trusted_host_key=self.plan.trusted_host_key,
        )


def saved_moments_ago(stamp: str) -> bool:
    """Whether the journal was last written within EC2's eventual-consistency window."""
    import datetime as dt

    from app.core.aws.consistency import RETRY_SECONDS

    try:
        saved = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return False
    return (dt.datetime.now(dt.UTC) - saved).total_seconds() < RETRY_SECONDS


def _as_dict(value: Any) -> dict[str, Any]:
    import dataclasses

    return dataclasses.asdict(value)
