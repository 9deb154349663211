"""Credentials, sessions and the one botocore configuration every AWS client uses."""

from __future__ import annotations

import os
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError
from botocore.loaders import Loader

from app import __version__
from app.core.aws.errors import translate
from app.core.aws.profiles import profile_region
from app.core.errors import WizardError
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP

__all__ = [
    "Credentials",
    "client",
    "client_config",
    "make_session",
]

#: Attempts per call (first try included). Standard mode retries throttling
#: (RequestLimitExceeded), 5xx answers and dropped connections with jittered backoff.
RETRY_ATTEMPTS = 6
#: Services whose answers are nice to have (prices, quotas) give up sooner: the wizard has a
#: fallback for each and should not keep the user waiting for them.
OPTIONAL_RETRY_ATTEMPTS = 2
OPTIONAL_SERVICES = frozenset({"pricing", "service-quotas"})
CONNECT_TIMEOUT = 10
READ_TIMEOUT = 60

_clients: weakref.WeakKeyDictionary[boto3.Session, dict[tuple[str, str | None, int], Any]] = (
    weakref.WeakKeyDictionary()
)
# Creating clients from one session is not thread-safe in boto3; using them is.
_clients_lock = threading.Lock()

# One botocore data loader per AWS_DATA_PATH for the whole process: see _botocore_session.
_loaders: dict[str | None, Loader] = {}
_loaders_lock = threading.Lock()


class _SearchPaths(list[str]):
    """The shared loader's folders: boto3 appends its own to them for every new session."""

    def append(self, path: str) -> None:
        if path not in self:
            super().append(path)


@dataclass(frozen=True)
class Credentials:
    """A profile name, or a pasted key pair (held in memory only). ``repr`` hides secrets."""

    profile: str | None = None
    access_key_id: str | None = None
    secret_access_key: str | None = field(default=None, repr=False)
    session_token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # Pasted values often carry spaces or a line break.
        for name in ("profile", "access_key_id", "secret_access_key", "session_token"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, value.strip() or None)
        register_secret(self.secret_access_key)
        register_secret(self.session_token)

    @property
    def pasted(self) -> bool:
        return bool(self.access_key_id or self.secret_access_key)


def client_config(*, max_attempts: int = RETRY_ATTEMPTS) -> Config:
    """The botocore configuration of every client the wizard makes."""
    # botocore-stubs lags botocore: user_agent_appid exists since botocore 1.31.
    return Config(  # type: ignore[call-arg]
        retries={"mode": "standard", "total_max_attempts": max_attempts},
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        user_agent_appid=f"ec2nb-{__version__}",
        user_agent_extra=f"ec2-notebook-wizard/{__version__}",
        max_pool_connections=20,
    )


def client(
    session: boto3.Session,
    service: str,
    region: str | None = None,
    *,
    max_attempts: int | None = None,
) -> Any:
    """The (cached, thread-safe) client of ``service`` in ``region`` for ``session``.

    ``max_attempts=1`` gives a client that does not retry, for callers that decide themselves
    (RunInstances fails over to another zone rather than retrying a full one). boto3 honours
    ``AWS_ENDPOINT_URL``, which points every client at the emulator in tests.
    """
    if max_attempts is None:
        max_attempts = OPTIONAL_RETRY_ATTEMPTS if service in OPTIONAL_SERVICES else RETRY_ATTEMPTS
    key = (service, region or session.region_name, max_attempts)
    with _clients_lock:
        per_session = _clients.setdefault(session, {})
        made = per_session.get(key)
        if made is None:
            try:
                made = session.client(  # type: ignore[call-overload]
                    service, region_name=key[1], config=client_config(max_attempts=max_attempts)
                )
            except BotoCoreError as exc:
                raise translate(
                    exc,
                    action=QT_TRANSLATE_NOOP("core", "connect to AWS {service}").format(
                        service=service
                    ),
                ) from exc
            per_session[key] = made
        return made


def _shared_loader(data_path: str | None) -> Loader:
    """The process's one botocore data loader for ``data_path`` (AWS_DATA_PATH)."""
    with _loaders_lock:
        loader = _loaders.get(data_path)
        if loader is None:
            # What botocore.loaders.create_loader does, with paths that ignore repeats.
            extra = [
                os.path.expanduser(os.path.expandvars(path))
                for path in (data_path or "").split(os.pathsep)
                if path
            ]
            loader = _loaders[data_path] = Loader(extra_search_paths=_SearchPaths(extra))
        return loader


def _botocore_session() -> botocore.session.Session:
    """A new botocore session that reads AWS's data files through the process's one loader.

    Each session would otherwise parse the service models (EC2's alone is megabytes of JSON)
    again on its first client: about 70 ms holding the GIL per launch or check, felt as a
    stall of the window. The loader only caches what it read from disk, which nothing changes,
    so sessions with different credentials and regions can share it.
    """
    session = botocore.session.get_session()
    # Lazily, as botocore does: the data path is read once boto3 has set the profile.
    session.lazy_register_component(
        "data_loader", lambda: _shared_loader(session.get_config_variable("data_path"))
    )
    return session


def make_session(creds: Credentials, region: str | None) -> boto3.Session:
    """A boto3 session for a profile, pasted keys, or (neither) the default credential chain."""
    if creds.pasted and not (creds.access_key_id and creds.secret_access_key):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Paste both the access key ID and the secret access key."),
            code="bad-credentials",
        )
    try:
        if creds.pasted:
            return boto3.Session(
                aws_access_key_id=creds.access_key_id,
                aws_secret_access_key=creds.secret_access_key,
                aws_session_token=creds.session_token,
                region_name=region,
                botocore_session=_botocore_session(),
            )
        if region is None and creds.profile:
            # The profile's own region, even when AWS_DEFAULT_REGION says otherwise.
            region = profile_region(creds.profile)
        return boto3.Session(
            profile_name=creds.profile, region_name=region, botocore_session=_botocore_session()
        )
    except BotoCoreError as exc:
        raise translate(
            exc,
            action=QT_TRANSLATE_NOOP("core", "use these credentials"),
            profile=creds.profile or "",
        ) from exc
