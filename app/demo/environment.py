"""The demo's world: the AWS emulator, a loopback SSH "instance", and the settings that join them.

:func:`start_demo_environment` is called by ``ec2nb --demo`` before anything builds an AWS
client. It points this process (and the processes it starts) at the emulator through the environment
(``AWS_ENDPOINT_URL``, dummy credentials, a private ``EC2NB_HOME``) and, where an OpenSSH
server exists, maps every instance to one running on 127.0.0.1 (``EC2NB_SSH_ENDPOINT``), whose
host key the emulator shows in the console output as cloud-init would.
"""

from __future__ import annotations

import atexit
import contextlib
import getpass
import logging
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.demo import DEMO_ENV

if TYPE_CHECKING:
    from app.demo.image_layout import ImageLayout
    from app.demo.login_user import LoginUser

log = logging.getLogger(__name__)

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
    disks: object | None = None  # app.demo.ebs_stand_in.EbsStandIn: the volumes' devices
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
        _stop_notebooks(self.instance_home)
        if self.disks is not None:  # unmounted before their folders are removed
            with contextlib.suppress(Exception):
                self.disks.shutdown()  # type: ignore[attr-defined]
        for server in (self.sshd, self.aws):
            if server is not None:
                with contextlib.suppress(Exception):
                    server.stop()  # type: ignore[attr-defined]
        if self.instance_root is not None:
            shutil.rmtree(self.instance_root, ignore_errors=True)
        ignore_interrupts()


def default_demo_home() -> Path:
    """A folder of its own, so demo launches never mix with real ones."""
    from app.core.paths import data_dir

    return data_dir() / "demo"


def start_demo_environment(
    home: Path | None = None, *, with_instance: bool = True
) -> DemoEnvironment:
    """Start the emulator (and the loopback instance) and point this process at them."""
    from app.demo.emulator import AwsEmulator
    from app.demo.realism import RealismConfig
    from app.demo.seed import seed_images
    from app.demo.service_realism import install_service_realism
    from app.demo.services import emulate_missing_services
    from app.demo.sshd import SshServer, find_sshd

    # The emulator's web server logs every request at INFO: not for the demo's terminal.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    home = home or default_demo_home()
    _fresh_home(home)
    _point_environment_at(home)
    # As strict as AWS (eventual consistency, opt-in regions, ...) unless EC2NB_REALISM=0.
    realism = RealismConfig.from_env()
    aws = AwsEmulator(realism)
    aws.start()
    log.info(
        "demo: AWS realism %s (delay scale %g)", "on" if realism.enabled else "off", realism.scale
    )
    os.environ["AWS_ENDPOINT_URL"] = aws.endpoint
    seed_images(aws)
    emulate_missing_services(aws)
    install_service_realism(aws)
    env = DemoEnvironment(home=home, aws=aws)
    atexit.register(env.stop)
    _stop_on_terminate(env)
    binary = find_sshd() if with_instance else None
    if binary is None:
        os.environ["EC2NB_PROVISION_ONLY"] = "1"
        log.warning(NO_SSHD_MESSAGE)
        return env
    instance_root, user, layout = _instance_image()
    sshd = SshServer(binary, instance_root / "sshd", env=layout.environment, login_user=user)
    sshd.start()
    # The notebook's files land in a sandbox "home" of the instance, not the user's own.
    instance_home = sshd.make_home("notebooks")
    env.sshd, env.instance_home, env.instance_root = sshd, instance_home, instance_root
    aws.attach_instance_host(
        sshd.authorize, [sshd.host_public_key], image_environment=layout.environment
    )
    os.environ["EC2NB_SSH_ENDPOINT"] = f"{sshd.user}@{sshd.host}:{sshd.port}"
    os.environ["EC2NB_REMOTE_HOME"] = str(instance_home)
    # Work disks: each emulated volume gets a device the bootstrap mounts at ~/work.
    from app.demo.ebs_stand_in import install_disks

    env.disks = disks = install_disks(aws, sshd.make_home("ebs"))
    os.environ.update(disks.environment())
    log.info("demo: AWS emulator at %s, instance sshd on port %s", aws.endpoint, sshd.port)
    return env


def _instance_image() -> tuple[Path, LoginUser | None, ImageLayout]:
    """The loopback instance's folder, login user and Python, as on the PyTorch DLAMI: ubuntu
    logs in when we are root; otherwise (or when root cannot make ubuntu) the current user."""
    from app.demo.image_layout import ImageLayout, pytorch_layout
    from app.demo.login_user import ensure_login_user, reachable_folder

    root = reachable_folder("ec2nb-demo-instance-")
    try:
        user = ensure_login_user()
        return root, user, pytorch_layout(root, user)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        log.warning("demo: the instance runs as %s (%s)", getpass.getuser(), exc)
        return (
            root,
            None,
            ImageLayout("pytorch", Path(sys.executable), {"EC2NB_PYTHON": sys.executable}),
        )


def _fresh_home(home: Path) -> None:
    # The emulator forgets everything when it stops: so must the demo's journals and keys.
    for name in ("data", "cache"):
        shutil.rmtree(home / name, ignore_errors=True)
    (home / "aws").mkdir(parents=True, exist_ok=True)


def _point_environment_at(home: Path) -> None:
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


def _stop_on_terminate(env: DemoEnvironment) -> None:
    # atexit does not run on SIGTERM; make it, so sshd and Jupyter do not outlive the demo.
    if os.name == "nt":
        return
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: object) -> None:
        env.stop()
        if callable(previous):
            previous(signum, frame)  # type: ignore[arg-type]
        raise SystemExit(128 + signum)

    with contextlib.suppress(ValueError):  # not the main thread: atexit still covers exit
        signal.signal(signal.SIGTERM, handler)


def stop_notebooks(remote_home: Path | None) -> None:
    """End what the bootstrap started under ``remote_home`` (Jupyter, the idle agent), in
    every launch's folder below it."""
    if remote_home is None:
        return
    for pid_file in remote_home.glob("**/.ec2nb/*.pid"):
        with contextlib.suppress(ValueError, OSError):
            # The bootstrap starts each in a session of its own: end the whole group.
            os.killpg(int(pid_file.read_text().strip()), signal.SIGTERM)


def _stop_notebooks(instance_home: Path | None) -> None:
    stop_notebooks(instance_home)
    if instance_home is not None:
        shutil.rmtree(instance_home, ignore_errors=True)
