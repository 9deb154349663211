"""The launch as one resumable job: from a :class:`LaunchPlan` to a notebook open through a tunnel.

The steps, in order (declared once in :mod:`app.core.launch.registry`, one module each in
:mod:`app.core.launch.steps`): ``identity`` → ``ami`` → ``quota`` → ``security-group`` →
``key-pair`` → ``instance`` (zone failover) → ``running`` → ``host-keys`` → ``ssh`` →
``notebook`` → ``tunnel`` → ``ready``. Independent work runs concurrently: the AMI and quota
checks together, the public IP look-up and local key generation in the background from the
start, the security group and key pair together. Each step reports :class:`StepEvent` s; the
job stops at the next check of its cancel token; :meth:`LaunchJob.cleanup` removes exactly what
this launch created. Everything the job learns is written to its journal (``journal``) as it
goes, so :meth:`LaunchJob.resume` continues an interrupted launch instead of launching again.

Reaching a stand-in instance (tests, ``--demo``, the UI's end-to-end test)
-----------------------------------------------------------------------
EC2 emulators hand out fake public IPs. One setting maps the instance's SSH address elsewhere:
``EC2NB_SSH_ENDPOINT=[user@]host:port`` in the environment (or ``LaunchOverrides(ssh_host=...,
ssh_port=..., ssh_user=...)`` passed to the job). Host keys are still checked per instance id:
pin the stand-in's key with ``LaunchPlan.trusted_host_key`` (``--trust-host-key SHA256:...``), or
let the emulator show it in the console output (``AwsEmulator.attach_instance_host``).
``EC2NB_PUBLIC_IP`` replaces the "what is my IP" look-up (offline machines);
``EC2NB_REMOTE_HOME`` puts the notebook's files in a sandbox folder of the stand-in;
``EC2NB_PROVISION_ONLY=1`` stops after the host keys (the demo without an SSH server).
A stand-in never runs the idle agent for real: it would shut down the computer it runs on.

The package: ``job`` (:class:`LaunchJob`), ``registry`` (the steps, their titles and order),
``context`` (:class:`LaunchContext`, what a step receives), ``runner`` (runs a step, reports
its :class:`StepEvent` s), ``events``, ``overrides``, ``result``, ``journal`` (the record of a
launch on disk), ``cleanup``, ``keys`` (the key-pair work), ``remote`` (SSH target, bootstrap
options), ``commands`` (by-hand command lines), ``architecture`` (can a type run an image), and
``steps/`` (one module per step). Modules inside the package import each other by their full
names, never this one.
"""

from app.core.launch.events import (
    CANCELLED_STATE,
    DONE,
    FAILED_STATE,
    PENDING,
    RUNNING,
    SKIPPED,
    StepEvent,
)
from app.core.launch.job import LaunchJob
from app.core.launch.overrides import (
    PROVISION_ONLY_ENV,
    PUBLIC_IP_ENV,
    REMOTE_HOME_ENV,
    SSH_ENDPOINT_ENV,
    LaunchOverrides,
)
from app.core.launch.registry import STEP_TITLES, STEPS
from app.core.launch.result import LaunchResult

__all__ = [
    "CANCELLED_STATE",
    "DONE",
    "FAILED_STATE",
    "PENDING",
    "PROVISION_ONLY_ENV",
    "PUBLIC_IP_ENV",
    "REMOTE_HOME_ENV",
    "RUNNING",
    "SKIPPED",
    "SSH_ENDPOINT_ENV",
    "STEPS",
    "STEP_TITLES",
    "LaunchJob",
    "LaunchOverrides",
    "LaunchResult",
    "StepEvent",
]
