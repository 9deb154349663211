"""The demo's world: the AWS emulator, a loopback SSH "instance", and the settings that join them.

:func:`start_demo_environment` builds the world inside the demo service
(:mod:`app.demo.service`), which every ``ec2nb --demo`` command reaches through
:mod:`app.demo.world`. :func:`point_environment_at` points a process (and the processes it
starts) at the demo home (dummy credentials, a private ``EC2NB_HOME``); the client adds the
service's ``AWS_ENDPOINT_URL`` and, where an OpenSSH server exists, the loopback instance
(``EC2NB_SSH_ENDPOINT``), whose host key the emulator shows in the console output as cloud-init
would. The instance's folder (its host key, authorised keys and notebook folders) is kept across
services, as a machine's disk is; :func:`instance_folder` names it.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.demo import DEMO_ENV

if TYPE_CHECKING:
    from app.demo.image_layout import ImageLayout
    from app.demo.login_user import LoginUser

log = logging.getLogger(__name__)

#: In the environment of every process the demo world starts: its :func:`world_mark`.
WORLD_ENV = "EC2NB_DEMO_WORLD"
DEMO_INTERRUPT_ENV = "EC2NB_DEMO_SPOT_INTERRUPT_SECONDS"
DEMO_PUBLIC_IP = "198.51.100.23"  # a documentation address: "your IP" in the demo
DEMO_ACCESS_KEY_ID = "AKIADEMODEMODEMODEMO"
DEMO_SECRET_ACCESS_KEY = "demo-secret-not-a-real-key"  # noqa: S105 (the emulator's dummy)
NO_SSHD_MESSAGE = (
    "DEMO: no OpenSSH server (sshd) on this computer, so the demo stops after creating the "
    "instance in the emulator. Install openssh-server to see a real notebook open."
)


@dataclass
class DemoEnvironment:
    """What :func:`start_demo_environment` started; :meth:`stop` ends all of it."""

    home: Path
    aws: object
    sshd: object | None = None
    instance_home: Path | None = None
    instance_root: Path | None = None  # the instance's files: sshd, framework env, homes
    quotas: object | None = None  # the emulated Service Quotas (its state is saved too)
    metadata: object | None = None  # the loopback instance's metadata service (fake IMDSv2)
    disks: object | None = None  # app.demo.ebs_stand_in.EbsStandIn: the volumes' devices
    #: Settings every command of the world needs in its own environment (the service's
    #: metadata server, the work disks' stand-in folder): handed over through the state file.
    client_env: dict[str, str] = field(default_factory=dict)
    stopped: bool = field(default=False, repr=False)

    @property
    def has_instance(self) -> bool:
        """True when launches end with a real notebook (an SSH server stands in)."""
        return self.sshd is not None

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        from app.core.interrupts import ignore_interrupts, quiet_interrupts

        # Called at exit, often after a Ctrl+C: another one must not leave sshd or Jupyter.
        quiet_interrupts("Stopping the demo's emulator and instance, one moment…")
        # The instance's files stay (its disk); what runs on it ends with the service.
        stop_notebooks(self.instance_home)
        if self.disks is not None:  # unmounted before their folders are removed
            with contextlib.suppress(Exception):
                self.disks.shutdown()  # type: ignore[attr-defined]
        for server in (self.sshd, self.metadata, self.aws):
            if server is not None:
                with contextlib.suppress(Exception):
                    server.stop()  # type: ignore[attr-defined]
        ignore_interrupts()


def default_demo_home() -> Path:
    """A folder of its own, so demo launches never mix with real ones."""
    from app.core.paths import data_dir

    return data_dir() / "demo"


def world_mark(home: Path) -> str:
    """The demo home's short id: names its instance folder and marks its processes."""
    import hashlib

    return hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:12]


def instance_folder(home: Path) -> Path:
    """Where the demo home's loopback instance keeps its files, the same for every service.

    Not in the demo home: that is owner-only, and the instance's login user (``ubuntu`` when we
    are root) must pass through this folder. A name of the temporary folder, tied to the home.
    """
    import tempfile

    return Path(tempfile.gettempdir()) / f"ec2nb-demo-instance-{world_mark(home)}"


def start_demo_environment(
    home: Path | None = None,
    *,
    with_instance: bool = True,
    restore: Callable[[], dict[str, Any] | None] | None = None,
) -> DemoEnvironment:
    """Start the emulator (and the loopback instance) in this process, the demo service.

    ``restore`` puts a saved world back into moto before the emulator answers and returns the
    emulated services' saved state, or None for a new world (then seeded afresh).
    """
    from app.demo.emulator import AwsEmulator
    from app.demo.realism import RealismConfig
    from app.demo.seed import seed_images
    from app.demo.service_realism import install_service_realism
    from app.demo.services import emulate_missing_services
    from app.demo.sshd import SshServer, find_sshd

    # The emulator's web server logs every request at INFO: not for the demo's terminal.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    home = home or default_demo_home()
    point_environment_at(home)
    saved = restore() if restore is not None else None
    if saved is None:
        fresh_home(home)  # journals and keys of a world that is gone would name nothing
    # As strict as AWS (eventual consistency, opt-in regions, ...) unless EC2NB_REALISM=0.
    realism = RealismConfig.from_env()
    aws = AwsEmulator(realism)
    aws.start()
    log.info(
        "demo: AWS realism %s (delay scale %g)", "on" if realism.enabled else "off", realism.scale
    )
    os.environ["AWS_ENDPOINT_URL"] = aws.endpoint
    if saved is None:
        seed_images(aws)
    quotas = emulate_missing_services(aws)
    if saved and isinstance(saved.get("quota_requests"), list):
        quotas.requests = list(saved["quota_requests"])
        quotas.applied = dict(saved.get("quotas_applied") or quotas.applied)
    install_service_realism(aws)
    env = DemoEnvironment(home=home, aws=aws, quotas=quotas)
    binary = find_sshd() if with_instance else None
    if binary is None:
        os.environ["EC2NB_PROVISION_ONLY"] = "1"
        log.warning(NO_SSHD_MESSAGE)
        return env
    instance_root, user, layout = _instance_image(instance_folder(home))
    # Every process of the instance (sshd's sessions, the user data, Jupyter) carries the mark,
    # so that a reset finds whatever a crashed service left running.
    layout.environment[WORLD_ENV] = os.environ[WORLD_ENV] = world_mark(home)
    sshd = SshServer(binary, instance_root / "sshd", env=layout.environment, login_user=user)
    sshd.start()
    # The notebook's files land in a sandbox "home" of the instance, not the user's own.
    instance_home = sshd.make_home("notebooks", exist_ok=True)
    env.sshd, env.instance_home, env.instance_root = sshd, instance_home, instance_root
    aws.attach_instance_host(
        sshd.authorize, [sshd.host_public_key], image_environment=layout.environment
    )
    os.environ["EC2NB_SSH_ENDPOINT"] = f"{sshd.user}@{sshd.host}:{sshd.port}"
    os.environ["EC2NB_REMOTE_HOME"] = str(instance_home)
    env.metadata = _metadata_service(aws)
    # Work disks: each emulated volume gets a device the bootstrap mounts at ~/work.
    from app.core.launch.overrides import METADATA_URL_ENV
    from app.demo.ebs_stand_in import install_disks

    env.disks = disks = install_disks(aws, sshd.make_home("ebs", exist_ok=True))
    env.client_env = {**disks.environment(), METADATA_URL_ENV: os.environ[METADATA_URL_ENV]}
    os.environ.update(env.client_env)
    log.info("demo: AWS emulator at %s, instance sshd on port %s", aws.endpoint, sshd.port)
    return env


def _metadata_service(aws: object) -> object:
    """The loopback instance's metadata (a fake IMDSv2 on 127.0.0.1) for the spot guard; with
    ``EC2NB_DEMO_SPOT_INTERRUPT_SECONDS=N`` every spot machine gets AWS's notice N seconds
    after its launch and is taken back soon after, to show the guard."""
    from app.core.launch.overrides import METADATA_URL_ENV
    from app.demo.metadata_server import FakeMetadataServer
    from app.demo.realism_spot_interrupt import SpotInterruption

    metadata = FakeMetadataServer().start()
    os.environ[METADATA_URL_ENV] = metadata.url
    seconds = os.environ.get(DEMO_INTERRUPT_ENV, "").strip()
    if seconds:
        try:
            after = float(seconds)
        except ValueError:
            log.warning("demo: %s=%r is not a number of seconds", DEMO_INTERRUPT_ENV, seconds)
        else:
            aws.behaviour(SpotInterruption).after_each_spot_launch(metadata, after)  # type: ignore[attr-defined]
    return metadata


def _instance_image(root: Path) -> tuple[Path, LoginUser | None, ImageLayout]:
    """The loopback instance's folder, login user and Python, as on the PyTorch DLAMI: ubuntu
    logs in when we are root; otherwise (or when root cannot make ubuntu) the current user.
    A folder made by an earlier service is used again (its framework env, host key, homes)."""
    from app.demo.image_layout import ImageLayout, pytorch_layout
    from app.demo.login_user import ensure_login_user

    _own_folder(root)
    try:
        user = ensure_login_user()
        python = root / "opt" / "pytorch" / "bin" / "python3"
        if python.exists():
            return root, user, ImageLayout("pytorch", python, {"EC2NB_PYTHON": str(python)})
        shutil.rmtree(root / "opt", ignore_errors=True)  # half made by a service that died
        return root, user, pytorch_layout(root, user)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        log.warning("demo: the instance runs as %s (%s)", getpass.getuser(), exc)
        return (
            root,
            None,
            ImageLayout("pytorch", Path(sys.executable), {"EC2NB_PYTHON": sys.executable}),
        )


def _own_folder(root: Path) -> None:
    """Make ``root`` (a fixed name in the shared temporary folder), or accept it only when it
    is ours and nobody else may write in it: another user could have made it first."""
    try:
        root.mkdir(mode=0o755)
    except FileExistsError:
        info = root.lstat()
        if root.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o022:
            raise RuntimeError(f"{root} is not this user's own folder: remove it") from None
    root.chmod(0o755)


def fresh_home(home: Path) -> None:
    """Forget the demo's journals and keys (a new world has none of their resources)."""
    for name in ("data", "cache"):
        shutil.rmtree(home / name, ignore_errors=True)
    (home / "aws").mkdir(parents=True, exist_ok=True)


def point_environment_at(home: Path) -> None:
    """Dummy credentials and the demo's settings, in this process's environment."""
    (home / "aws").mkdir(parents=True, exist_ok=True)
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]
    config, credentials = home / "aws" / "config", home / "aws" / "credentials"
    config.write_text("[default]\nregion = us-east-1\n", encoding="utf-8")
    credentials.write_text(
        f"[default]\naws_access_key_id = {DEMO_ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {DEMO_SECRET_ACCESS_KEY}\n",
        encoding="utf-8",
    )
    os.environ.update(
        {
            DEMO_ENV: "1",
            "EC2NB_HOME": str(home),
            "EC2NB_PUBLIC_IP": DEMO_PUBLIC_IP,
            "AWS_CONFIG_FILE": str(config),
            "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            # Only the demo's Deep Learning AMIs exist, as in an account's view of "amazon".
            "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
            "MOTO_ALLOW_NONEXISTENT_REGION": "false",
        }
    )


def stop_notebooks(remote_home: Path | None) -> None:
    """End what the bootstrap started under ``remote_home`` (Jupyter, the idle agent), in
    every launch's folder below it."""
    if remote_home is None:
        return
    for pid_file in remote_home.glob("**/.ec2nb/*.pid"):
        with contextlib.suppress(ValueError, OSError):
            # The bootstrap starts each in a session of its own: end the whole group.
            os.killpg(int(pid_file.read_text().strip()), signal.SIGTERM)
