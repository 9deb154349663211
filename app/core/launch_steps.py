"""What each step of the launch does, and the clean-up: the work behind :mod:`app.core.launch`.

Every step reads the journal first and reuses what an earlier, interrupted run already did, so
running the job again (``ec2nb open ID``, the wizard's resume) continues instead of repeating:
an instance that was requested is looked up by its launch tag before another is requested.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import WizardError
from app.core.journal import TERMINATED
from app.core.plan import Access, GroupChoice, KeyChoice, Market
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
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
        self.key: Any = None
        self.ssh_target: Any = None
        self.ssh_client: Any = None
        self.notebook_info: Any = None
        self.open_tunnel: Any = None
        self.url: str | None = None
        # The ami and quota steps run side by side; whichever learns its half last compares
        # the image's architecture with the instance type's.
        self.type_architectures: tuple[str, ...] | None = None
        self._architecture_lock = threading.Lock()
        self._architecture_checked = False

    @property
    def resources(self) -> Any:
        return self.journal.resources

    # -- background work --------------------------------------------------------------------

    def needs_my_ip(self) -> bool:
        return not self.plan.ssh_cidr and not self.resources.security_group_id

    def my_ip(self) -> str:
        from app.core.aws.provisioning import public_ipv4

        if self.overrides.public_ip:
            return public_ipv4(fetch=lambda: self.overrides.public_ip or "")
        return public_ipv4()

    def needs_local_key(self) -> bool:
        return self.plan.key_choice is KeyChoice.NEW_LOCAL and not self.resources.key_files

    def local_key(self) -> Any:
        """A new key for this launch (generating RSA-4096 takes a moment: started early)."""
        from app.core.keys import generate_key

        return generate_key(self.plan.key_type)

    # -- the steps --------------------------------------------------------------------------

    def identity(self, progress: Progress) -> str:
        from app.core.aws.session import Credentials, check_identity, make_session

        credentials = self.job.credentials or Credentials(profile=self.plan.profile)
        self.session = make_session(credentials, self.region)
        identity = check_identity(self.session, self.region)
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

    def security_group(self, progress: Progress, my_ip: str | None) -> str:
        from app.core.aws.network import require_default_vpc, ssh_cidr
        from app.core.aws.provisioning import ensure_security_group

        if self.resources.security_group_id:
            return f"{self.resources.security_group_id} (from before)"
        cidr = self.plan.ssh_cidr or f"{my_ip or self.my_ip()}/32"
        existing = (
            self.plan.existing_group_id if self.plan.group_choice is GroupChoice.EXISTING else None
        )
        if existing is None:
            ssh_cidr(cidr)  # a range refused (0.0.0.0/0) fails before any AWS call
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
        )
        self.resources.security_group_id = group_id
        self.resources.security_group_created = existing is None
        self.journal.save()
        what = "SSH" + (" and HTTPS" if self.plan.access is Access.HTTPS else "")
        return f"{group_id}: {what} from {cidr} only"

    def key_pair(self, progress: Progress, new_key: Any) -> str:
        from app.core.keys import load_private_key

        resources = self.resources
        if self.plan.key_choice is KeyChoice.EXISTING:
            return self._existing_key_pair()
        private_path = Path(resources.key_files.get("private") or self._default_key_path())
        if resources.key_name and private_path.exists():
            self.key = load_private_key(private_path, self.job.key_passphrase).key
            return f"{resources.key_name} (from before)"
        if self.plan.key_choice is KeyChoice.AWS_CREATED:
            return self._aws_created_key_pair(private_path)
        if private_path.exists() and resources.key_files:
            self.key = load_private_key(private_path, self.job.key_passphrase).key
        else:
            self._save_new_key(new_key, private_path)
        return self._import_key_pair()

    def _default_key_path(self) -> Path:
        from app.core.paths import keys_dir

        if self.plan.key_path:
            return Path(self.plan.key_path).expanduser()
        return keys_dir() / f"ec2nb-{self.journal.launch_id}"

    def _save_new_key(self, new_key: Any, path: Path) -> None:
        from app.core.keys import save_key_files

        self.key = new_key if new_key is not None else self.local_key()
        files = save_key_files(
            self.key,
            path,
            comment=f"ec2nb-{self.journal.launch_id}",
            ppk_version=self.plan.ppk_version,
            passphrase=self.job.key_passphrase,
        )
        self.resources.key_files = {
            "private": str(files.private_path),
            "public": str(files.public_path),
            "ppk": str(files.ppk_path),
        }
        self.resources.key_files_created = True
        self.journal.save()

    def _import_key_pair(self) -> str:
        from app.core.aws.provisioning import import_key_pair
        from app.core.keys import public_openssh_line

        line = public_openssh_line(self.key, f"ec2nb-{self.journal.launch_id}")
        name = import_key_pair(self.session, self.region, self.journal.launch_id, line)
        self.resources.key_name, self.resources.key_pair_created = name, True
        self.journal.save()
        return f"{name}, private key in {self.resources.key_files['private']}"

    def _aws_created_key_pair(self, path: Path) -> str:
        from app.core.aws.provisioning import create_key_pair
        from app.core.keys import load_private_key, save_key_files

        pem_path = path.with_suffix(".pem") if path.suffix != ".pem" else path
        name = create_key_pair(
            self.session, self.region, self.journal.launch_id, self.plan.key_type, pem_path
        )
        self.resources.key_name, self.resources.key_pair_created = name, True
        self.resources.key_files = {"private": str(pem_path)}
        self.resources.key_files_created = True
        self.journal.save()
        self.key = load_private_key(pem_path).key
        # A PuTTY copy beside it, as PuTTYgen would make (OpenSSH + .ppk under another stem).
        with contextlib.suppress(WizardError):
            files = save_key_files(
                self.key, path.with_suffix(""), comment=name, ppk_version=self.plan.ppk_version
            )
            self.resources.key_files.update(public=str(files.public_path), ppk=str(files.ppk_path))
            self.journal.save()
        return f"{name}, private key in {pem_path}"

    def _existing_key_pair(self) -> str:
        from app.core.aws.provisioning import verify_key_pair
        from app.core.keys import load_private_key

        path = Path(self.plan.key_path or "").expanduser()
        self.key = load_private_key(path, self.job.key_passphrase).key
        name = self.plan.existing_key_name or ""
        if self.resources.key_name != name:
            verify_key_pair(self.session, self.region, name, self.key)
        self.resources.key_name, self.resources.key_pair_created = name, False
        self.resources.key_files = {"private": str(path)}
        self.resources.key_files_created = False
        self.journal.save()
        return f"{name} matches {path.name}"

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
        )
        # Written before the call: a crash after AWS accepted it must not launch a second one.
        resources.instance_requested = True
        self.journal.save()
        self.instance_info = run_instance(
            self.session, self.region, spec, progress=progress, cancel=self.cancel
        )
        resources.instance_id = self.instance_info.instance_id
        self.journal.zone = self.instance_info.zone
        self.journal.save()
        return f"{self.instance_info.instance_id} in {self.instance_info.zone}"

    def _user_data(self, user_data_script: Any) -> str:
        """The bootstrap as user data, so the instance prepares while booting; without it the
        SSH run does all the work, just later."""
        try:
            return str(user_data_script(self._bootstrap_options()))
        except WizardError as exc:
            log.warning("launching without user data: %s", exc)
            return ""

    def running(self, progress: Progress) -> str:
        from app.core.aws.provisioning import describe_instance, wait_running

        instance_id = self.resources.instance_id
        # Resuming a launch that ran before: it may have been stopped since.
        resumed = "running" in self.journal.steps_done
        if resumed and describe_instance(self.session, self.region, instance_id).state == "stopped":
            from app.core.aws.fleet import start_instance

            progress("running", f"Starting {instance_id} again (it was stopped)")
            start_instance(self.session, self.region, instance_id)
        self.instance_info = wait_running(
            self.session, self.region, instance_id, progress=progress, cancel=self.cancel
        )
        self.journal.public_ip = self.instance_info.public_ip
        self.journal.zone = self.instance_info.zone or self.journal.zone
        self.journal.save()
        if self.plan.idle_stop_minutes and not self.resources.idle_alarm:
            self._idle_alarm()
        return f"Running at {self.instance_info.public_ip}"

    def _idle_alarm(self) -> None:
        from app.core.aws.fleet import create_idle_alarm

        minutes = self.plan.idle_stop_minutes or 0
        try:
            create_idle_alarm(
                self.session,
                self.region,
                self.resources.instance_id,
                self.journal.launch_id,
                minutes,
            )
        except WizardError as exc:
            # The on-instance idle agent is the real guard; the alarm is only its safety net.
            log.warning("no idle alarm for %s: %s", self.resources.instance_id, exc)
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

    def _ssh_target(self, trusted: str | None = None) -> Any:
        from app.core.remote.connect import SshTarget
        from app.core.remote.sshkeys import to_paramiko

        overrides = self.overrides
        return SshTarget(
            host=overrides.ssh_host or self.journal.public_ip or "",
            port=overrides.ssh_port or 22,
            user=overrides.ssh_user or self.journal.ssh_user or "ubuntu",
            key=to_paramiko(self.key) if self.key is not None else None,
            key_path=self.resources.key_files.get("private"),
            instance_id=self.resources.instance_id,
            host_keys=list(self.journal.host_keys),
            trusted_fingerprint=trusted or self.plan.trusted_host_key,
        )

    def ssh(self, progress: Progress) -> str:
        from app.core.remote.connect import connect
        from app.core.remote.hostkeys import HostKeyUnknown

        if self.overrides.provision_only:
            raise _skip("DEMO: no OpenSSH server on this computer to stand in for the instance.")
        self.ssh_target = self._ssh_target()
        try:
            self.ssh_client = self._connect(connect, progress)
        except HostKeyUnknown as unknown:
            ask = self.job.confirm_host_key
            if ask is None or not ask(unknown.fingerprint):
                raise
            self.ssh_target = self._ssh_target(unknown.fingerprint)
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

    def _bootstrap_options(self) -> Any:
        from app.core.remote.bootstrap import BootstrapOptions

        stand_in = self.overrides.stand_in
        return BootstrapOptions(
            access=self.plan.access,
            git_repo=self.plan.git_repo,
            idle_stop_minutes=self.plan.idle_stop_minutes,
            port=self._notebook_port(),
            remote_home=self._remote_home(),
            # As user data the script runs as root: Jupyter must run as the login user. A
            # stand-in runs it as whoever the tests log in as.
            user=None if stand_in else self.journal.ssh_user,
            # A stand-in is this computer: the idle agent must never stop it, and the notebook
            # must not become a system service of it.
            idle_dry_run=stand_in,
            service="detached" if stand_in else "auto",
        )

    def _remote_home(self) -> str | None:
        # One folder per launch: on a stand-in every instance is a machine of its own.
        base = self.overrides.remote_home
        return str(Path(base) / self.journal.launch_id) if base else None

    def _notebook_port(self) -> int:
        if self.journal.notebook_port:
            return self.journal.notebook_port
        if not self.overrides.stand_in:
            return 8888
        # On a stand-in 8888 may be the user's own Jupyter: take a free port instead.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.journal.notebook_port = int(probe.getsockname()[1])
        return self.journal.notebook_port

    def notebook(self, progress: Progress) -> str:
        from app.core.remote.bootstrap import run_bootstrap

        if self.overrides.provision_only:
            raise _skip("DEMO: skipped without an SSH server.")
        self.notebook_info = run_bootstrap(
            self.ssh_client, self._bootstrap_options(), progress=progress, cancel=self.cancel
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
        )

    def _commands(self) -> tuple[str, str]:
        """The SSH and PuTTY lines that open the same tunnel by hand, host key checked."""
        from app.core.remote.commands import putty_command, ssh_command
        from app.core.remote.hostkeys import KnownHosts, fingerprint

        target = self.ssh_target or self._ssh_target()
        key = self.resources.key_files.get("private", "")
        ppk = self.resources.key_files.get("ppk", key)
        port = self.journal.notebook_port or 8888
        pinned = [self.plan.trusted_host_key] if self.plan.trusted_host_key else []
        fingerprints = [fingerprint(k) for k in self.journal.host_keys] or pinned
        where = {"host": target.host, "port": target.port, "user": target.user}
        return (
            ssh_command(
                **where,
                key_path=key,
                local_port=8888,
                remote_port=port,
                instance_id=target.instance_id,
                known_hosts_path=KnownHosts().path,
            ),
            putty_command(
                **where,
                ppk_path=ppk,
                local_port=8888,
                remote_port=port,
                host_key_fingerprints=fingerprints,
            ),
        )


def _as_dict(value: Any) -> dict[str, Any]:
    import dataclasses

    return dataclasses.asdict(value)


#: GPU families to suggest for an image of each architecture.
_FAMILIES_FOR = {"x86_64": "g4dn, g5, g6", "arm64": "g5g"}


def check_architecture(
    instance_type: str, type_architectures: tuple[str, ...] | list[str], image: Any
) -> None:
    """Raise ``architecture-mismatch`` when ``instance_type`` (supporting
    ``type_architectures``) cannot run ``image`` (an ``ImageInfo``)."""
    image_architecture = str(image.architecture or "x86_64")
    if not type_architectures or image_architecture in type_architectures:
        return
    type_architecture = "arm64" if "arm64" in type_architectures else type_architectures[-1]
    families = _FAMILIES_FOR.get(image_architecture)
    hint = (
        f"Choose a GPU type for {image_architecture} (such as {families}) or a machine image "
        f"for {type_architecture}."
        if families
        else f"Choose a machine image for {type_architecture}."
    )
    raise WizardError(
        f"{instance_type} runs {type_architecture} programs, but the machine image "
        f"{image.image_id} is for {image_architecture}.",
        code="architecture-mismatch",
        hint=hint,
        detail=f"{instance_type} supports {', '.join(type_architectures)}; "
        f"{image.image_id} ({image.name}) is {image_architecture}",
        params={
            "instance_type": instance_type,
            "type_architecture": type_architecture,
            "image_id": image.image_id,
            "image_architecture": image_architecture,
            "families": families or "",
        },
    )


def find_launch_instance(session: Any, region: str, launch_id: str) -> str | None:
    """The live instance tagged with ``launch_id``, if AWS has one (resume after a crash)."""
    from app.core.aws.provisioning import launch_instances

    found = launch_instances(session, region, launch_id)
    return found[0].instance_id if found else None


def clean_up(
    job: LaunchJob, *, progress: Progress | None = None, cancel: CancelToken | None = None
) -> Any:
    """Terminate this launch's instance and delete what it created (see LaunchJob.cleanup)."""
    from app.core.aws.fleet import CleanupReport, cleanup_launch, terminate_instance
    from app.core.aws.session import Credentials, make_session
    from app.core.remote.hostkeys import KnownHosts

    progress = progress or no_progress
    cancel = cancel or NEVER_CANCELLED
    journal, resources = job.journal, job.journal.resources
    session = job.session or make_session(
        job.credentials or Credentials(profile=job.plan.profile), journal.region
    )
    instance_id = resources.instance_id
    if not instance_id and resources.instance_requested:
        instance_id = find_launch_instance(session, journal.region, journal.launch_id)
    terminated: list[str] = []
    if instance_id:
        progress("cleanup", f"terminating {instance_id}")
        terminate_instance(session, journal.region, instance_id, progress=progress, cancel=cancel)
        terminated.append(instance_id)
        with contextlib.suppress(WizardError):
            KnownHosts().forget(instance_id)
    report = cleanup_launch(
        session, journal.region, journal.launch_id, progress=progress, cancel=cancel
    )
    if resources.key_files_created:
        # The key pair is gone, so the private key opens nothing any more.
        for path in resources.key_files.values():
            with contextlib.suppress(OSError):
                Path(path).unlink()
    journal.status = TERMINATED
    journal.save()
    return CleanupReport(deleted=[*terminated, *report.deleted], kept=list(report.kept))
