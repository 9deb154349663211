"""The demo world's AWS state on disk: moto's backends pickled, and restored by the next service.

Why a pickle of moto's own objects rather than replaying the calls or a list of what the demo
made: a replay gives every resource a new random id (the journals and the known host keys name
the old ones) and would run the realism layer's delays again; a list would need code for every
kind of resource. The backends hold everything with its ids, states, tags and times, pickle in
a few milliseconds (about 50 KB for a launch) and need no knowledge of the resources.

The file lives in the demo home, which is the user's own (owner-only) folder: unpickling it
trusts it as much as the app's own code, which lives there too.

moto keeps a few ``defaultdict`` s whose factory is a lambda (SSM's resource tags) or whose
class needs arguments (SSM's ``ParameterDict``): :class:`_Pickler` rebuilds them through
:func:`_defaultdict`. A backend that still cannot be pickled is left out with a warning (its
resources are forgotten, the others kept).
"""

from __future__ import annotations

import collections
import io
import logging
import os
import pickle  # our own file in the user's private folder: see the docstring
from pathlib import Path
from typing import Any

from app.demo.emulator import ACCOUNT_ID

log = logging.getLogger(__name__)

#: Bumped when the layout changes: an older file is ignored (the world starts afresh).
FORMAT = 1


def _dict_of_dicts() -> collections.defaultdict[Any, dict[Any, Any]]:
    return collections.defaultdict(dict)


def _defaultdict(cls: type, factory: Any) -> Any:
    made = cls.__new__(cls)
    collections.defaultdict.__init__(made, factory)
    return made


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if not isinstance(obj, collections.defaultdict):
            return NotImplemented
        factory = obj.default_factory
        if getattr(factory, "__name__", "") == "<lambda>":
            # moto's one lambda factory (SSM's tags) makes a dict of dicts.
            factory = _dict_of_dicts
        state = getattr(obj, "__dict__", None) or None
        return (_defaultdict, (type(obj), factory), state, None, iter(obj.items()))


def _in_use() -> list[Any]:
    from moto.core.base_backend import BackendDict

    return list(BackendDict._instances)


def snapshot(extra: dict[str, Any] | None = None) -> bytes:
    """moto's backends in use (this account's) and ``extra`` (the emulated services' state)."""
    backends: dict[str, Any] = {}
    for backend in _in_use():
        account = dict.get(backend, ACCOUNT_ID)
        if account is None:
            continue
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(account)
        except Exception as exc:  # any moto object may refuse: keep the rest
            log.warning("demo world: %s is not kept (%s)", backend.service_name, exc)
            continue
        backends[backend.service_name] = buffer.getvalue()
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(
        {"format": FORMAT, "backends": backends, "extra": extra or {}}
    )
    return buffer.getvalue()


def save(path: Path, extra: dict[str, Any] | None = None) -> None:
    """Write the snapshot to ``path`` atomically (a crash mid-write keeps the previous one)."""
    # moto changes its objects in request threads: a dict may change while it is pickled.
    for _attempt in range(5):
        try:
            data = snapshot(extra)
            break
        except RuntimeError as exc:
            log.debug("demo world: snapshot retried (%s)", exc)
    else:
        log.warning("demo world: the state could not be saved this time")
        return
    part = path.with_suffix(".part")
    with open(part, "wb", opener=lambda p, f: os.open(p, f, 0o600)) as file:
        file.write(data)
    os.replace(part, path)


def restore(path: Path) -> dict[str, Any] | None:
    """Put a saved world back into moto (before its server answers); its ``extra``, or None when
    there is no usable snapshot."""
    import moto.backends

    try:
        saved = pickle.loads(path.read_bytes())  # noqa: S301 (see the module docstring)
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged, or from an older moto: start afresh
        log.warning("demo world: the saved state cannot be read (%s); starting afresh", exc)
        return None
    if not isinstance(saved, dict) or saved.get("format") != FORMAT:
        return None
    for service, data in saved["backends"].items():
        try:
            account = pickle.loads(data)  # noqa: S301
            backend = moto.backends.get_backend(service)
        except Exception as exc:  # from an older moto: forget that service
            log.warning("demo world: %s is not restored (%s)", service, exc)
            continue
        backend._create_account_specific_backend(ACCOUNT_ID)  # registers it as in use
        dict.__setitem__(backend, ACCOUNT_ID, account)
    extra = saved.get("extra")
    return extra if isinstance(extra, dict) else {}
