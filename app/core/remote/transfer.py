"""Files up and down (``ec2nb push`` / ``pull``, the Done page's Upload / Download) over SFTP.

Every file is written to ``<name>.ec2nb-part`` first and renamed when complete, so a dropped
connection leaves a part that the next attempt continues: the part's SHA-256 is computed on
both sides (``sha256sum`` on the instance, over the same SSH connection) and the copy goes on
from its end when they agree, or starts over when they do not. A resumed file is checked whole
once more before it is renamed. Remote paths are relative to the notebook folder; one that
leaves it is refused unless written as an absolute path.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
import posixpath
import shlex
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import paramiko
from paramiko.sftp import CMD_DATA, CMD_READ, CMD_STATUS, int64

from app.core.errors import Cancelled, WizardError
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence, verbatim

log = logging.getLogger(__name__)

PART_SUFFIX = ".ec2nb-part"
# Bytes read from the local file per write: paramiko splits them into pipelined requests.
CHUNK = 1 << 20
# A larger SSH window and packet than paramiko's defaults keep more data in flight.
WINDOW = 64 << 20
PACKET = 256 << 10
# Read and write requests of this size: OpenSSH's sftp-server accepts up to 255 KiB.
REQUEST = 255 << 10
# Read requests in flight while pulling: 8 MB, enough for 80 MB/s at 100 ms of latency. More
# only costs on loopback (16: 230 MB/s, 64: 210, 128: 171; 32 KiB requests: half of that).
PREFETCH = 32
RECONNECTS = 8
_DROPPED = (OSError, EOFError, paramiko.SSHException, paramiko.SFTPError)


class _Again(Exception):
    """The file must be copied again from the start (its resumed copy did not check out)."""


Connector = Callable[[], paramiko.SSHClient]


@dataclass(frozen=True)
class TransferStatus:
    """Where a transfer stands (for a progress bar): bytes and files, speed, time left."""

    direction: str  # "push" | "pull"
    current: str  # the file being copied, as the user named it
    done: int
    total: int
    files_done: int
    files_total: int
    bytes_per_second: float
    seconds_left: float | None


@dataclass
class TransferReport:
    """What a finished transfer did (``--json`` prints it)."""

    direction: str
    files: list[dict[str, object]] = field(default_factory=list)  # source, destination, size
    bytes: int = 0
    seconds: float = 0.0
    resumed_bytes: int = 0  # bytes found already there and kept (checksum equal)
    reconnects: int = 0

    @property
    def bytes_per_second(self) -> float:
        return self.bytes / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class _Item:
    source: str
    destination: str
    size: int
    shown: str


# -- remote paths ----------------------------------------------------------------------------


def resolve_remote(base: str, path: str) -> str:
    """``path`` on the instance: relative to the notebook folder ``base`` (absolute), which it
    must not leave; an absolute path is taken as written (the user asked for it)."""
    if path.startswith("/"):
        return posixpath.normpath(path)
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined != base and not joined.startswith(base.rstrip("/") + "/"):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{path}' is outside the notebook folder {base}.").format(
                path=path, base=base
            ),
            code="remote-path-outside",
            hint=QT_TRANSLATE_NOOP(
                "core", "Write it as an absolute path (starting with /) to reach it on purpose."
            ),
            params={"path": path, "base": base},
        )
    return joined


def _safe_name(name: str) -> str:
    """A remote file name as a local one: never a way out of the folder it goes into."""
    bad = (
        name in ("", ".", "..") or "/" in name or (os.sep == "\\" and any(c in name for c in "\\:"))
    )
    if bad:
        raise WizardError(
            QT_TRANSLATE_NOOP(
                "core", "The instance has a file named '{name}' that cannot be saved here."
            ).format(name=name),
            code="unsafe-name",
        )
    return name


# -- checksums -------------------------------------------------------------------------------


def local_sha256(path: str | Path, length: int) -> str:
    """SHA-256 of the first ``length`` bytes of a local file."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        left = length
        while left > 0:
            block = file.read(min(CHUNK, left))
            if not block:
                break
            digest.update(block)
            left -= len(block)
    return digest.hexdigest()


def remote_sha256(client: paramiko.SSHClient, path: str, length: int) -> str:
    """SHA-256 of the first ``length`` bytes of a file on the instance, computed there."""
    quoted = shlex.quote(path)
    python = "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())"
    command = (
        f"head -c {int(length)} -- {quoted} | "
        "if command -v sha256sum >/dev/null; then sha256sum; "
        f"else python3 -c {shlex.quote(python)}; fi"
    )
    _stdin, stdout, stderr = client.exec_command(command, timeout=600)
    out = stdout.read().decode("ascii", "replace").split()
    status = stdout.channel.recv_exit_status()
    if status != 0 or not out:
        raise OSError(f"checksum on the instance failed ({status}): {stderr.read()[:200]!r}")
    return str(out[0])


# -- the transfer ----------------------------------------------------------------------------


REPORT_SECONDS = 0.25  # the shortest pause between two progress reports


class _Meter:
    """Counts bytes; reports speed and time left at most a few times a second."""

    def __init__(
        self, direction: str, progress: Progress, on_status: Callable[[TransferStatus], None] | None
    ) -> None:
        self.direction = direction
        self.progress = progress
        self.on_status = on_status
        self.started = time.monotonic()
        self.total = 0
        self.files_total = 0
        self.finished = 0  # bytes of completed files
        self.files_done = 0
        self.position = 0  # bytes of the current file present at the destination
        self.moved = 0  # bytes sent by this run (the speed's numerator)
        self.current = ""
        self._last = 0.0

    def report(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < REPORT_SECONDS:
            return
        self._last = now
        elapsed = max(now - self.started, 1e-6)
        speed = self.moved / elapsed
        done = self.finished + self.position
        left = (self.total - done) / speed if speed > 0 else None
        status = TransferStatus(
            self.direction,
            self.current,
            done,
            self.total,
            self.files_done,
            self.files_total,
            speed,
            left,
        )
        if self.on_status is not None:
            self.on_status(status)
        self.progress(
            self.direction,
            QT_TRANSLATE_NOOP("core", "{done} of {total}, {speed}/s, {left} left").format(
                done=human_size(done),
                total=human_size(self.total),
                speed=human_size(int(speed)),
                left=human_time(left),
            ),
        )


def human_size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} TB"


def human_time(seconds: float | None) -> Sentence:
    """``75`` as "1 min 15 s" (a sentence: the wizard shows it translated)."""
    if seconds is None:
        return verbatim("?")
    whole = int(seconds + 0.5)
    if whole < 60:
        return QT_TRANSLATE_NOOP("core", "{seconds} s").format(seconds=whole)
    if whole < 3600:
        return QT_TRANSLATE_NOOP("core", "{minutes} min {seconds} s").format(
            minutes=whole // 60, seconds=f"{whole % 60:02d}"
        )
    return QT_TRANSLATE_NOOP("core", "{hours} h {minutes} min").format(
        hours=whole // 3600, minutes=f"{whole % 3600 // 60:02d}"
    )


def open_sftp(client: paramiko.SSHClient) -> paramiko.SFTPClient:
    """An SFTP session with a wide window, so the link stays full."""
    transport = client.get_transport()
    if transport is None:
        raise paramiko.SSHException("not connected")
    sftp = paramiko.SFTPClient.from_transport(transport, window_size=WINDOW, max_packet_size=PACKET)
    if sftp is None:
        raise paramiko.SSHException("no SFTP session")
    return sftp


class _Transfer:
    """One push or pull: plans the files on the first connection, copies, reconnects."""

    def __init__(
        self,
        direction: str,
        connector: Connector,
        progress: Progress,
        cancel: CancelToken,
        on_status: Callable[[TransferStatus], None] | None,
        reconnects: int,
    ) -> None:
        self.direction = direction
        self.connector = connector
        self.cancel = cancel
        self.progress = progress
        self.meter = _Meter(direction, progress, on_status)
        self.report = TransferReport(direction)
        self.reconnects = reconnects

    def run(
        self, plan: Callable[[paramiko.SSHClient, paramiko.SFTPClient], list[_Item]]
    ) -> TransferReport:
        items: list[_Item] | None = None
        index = 0
        failures = 0
        while True:
            self.cancel.raise_if_cancelled()
            client = self.connector()
            try:
                sftp = open_sftp(client)
                if items is None:
                    items = plan(client, sftp)
                    self.meter.total = sum(i.size for i in items)
                    self.meter.files_total = len(items)
                while index < len(items):
                    self._copy(client, sftp, items[index])
                    index += 1
                    failures = 0
                break
            except (Cancelled, WizardError):
                raise
            except (_Again, *_DROPPED) as exc:
                if _refused(exc, client):
                    raise _failed(exc) from exc
                failures += 1
                self.report.reconnects += 1
                if failures > self.reconnects:
                    raise _lost(exc) from exc
                log.info("transfer: connection lost (%r); reconnecting", exc)
                self.progress(
                    self.direction,
                    QT_TRANSLATE_NOOP("core", "Connection lost; reconnecting ({attempt}).").format(
                        attempt=failures
                    ),
                )
                self.cancel.wait(min(0.25 * 2**failures, 5.0))
            finally:
                client.close()
        self.meter.report(force=True)
        self.report.seconds = time.monotonic() - self.meter.started
        self.report.bytes = self.meter.total
        self.report.files = [
            {"source": i.source, "destination": i.destination, "size": i.size} for i in items
        ]
        return self.report

    def _copy(self, client: paramiko.SSHClient, sftp: paramiko.SFTPClient, item: _Item) -> None:
        meter = self.meter
        meter.current, meter.position = item.shown, 0
        part = item.destination + PART_SUFFIX
        push = self.direction == "push"
        offset = _part_size(sftp, part) if push else _local_size(part)
        if offset:
            local = item.source if push else part
            remote = part if push else item.source
            if offset > item.size or local_sha256(local, offset) != remote_sha256(
                client, remote, offset
            ):
                log.info("transfer: the part of %s differs; starting over", item.shown)
                offset = 0
            else:
                self.report.resumed_bytes += offset
        meter.position = offset
        if push:
            self._push_bytes(sftp, item, part, offset)
        else:
            self._pull_bytes(sftp, item, part, offset)
        if offset and local_sha256(item.source if push else part, item.size) != remote_sha256(
            client, part if push else item.source, item.size
        ):
            # The joined file differs (the source changed meanwhile): copy it again whole.
            (sftp.remove(part) if push else os.remove(part))
            raise _Again(f"checksum differs after resuming {item.shown}")
        if push:
            sftp.posix_rename(part, item.destination)
        else:
            os.replace(part, item.destination)
        meter.finished += item.size
        meter.position = 0
        meter.files_done += 1
        meter.report()

    def _push_bytes(self, sftp: paramiko.SFTPClient, item: _Item, part: str, offset: int) -> None:
        with (
            open(item.source, "rb") as source,
            sftp.open(part, "r+b" if offset else "wb") as target,
        ):
            target.MAX_REQUEST_SIZE = REQUEST
            target.set_pipelined(True)
            if offset:
                target.truncate(offset)
                source.seek(offset)
                target.seek(offset)
            self._pump(source.read, target.write)
            target.flush()

    def _pull_bytes(self, sftp: paramiko.SFTPClient, item: _Item, part: str, offset: int) -> None:
        with (
            sftp.open(item.source, "rb") as source,
            open(part, "r+b" if offset else "wb") as target,
        ):
            if offset:
                target.truncate(offset)
                target.seek(offset)
            blocks = _PipelinedReader(sftp, source, offset, item.size).blocks()
            self._pump(lambda _size: next(blocks, b""), target.write)

    def _pump(self, read: Callable[[int], bytes], write: Callable[[bytes], object]) -> None:
        meter, cancel = self.meter, self.cancel
        while True:
            if cancel.cancelled:
                raise Cancelled()
            block = read(CHUNK)
            if not block:
                return
            write(block)
            meter.position += len(block)
            meter.moved += len(block)
            meter.report()


class _PipelinedReader:
    """Reads ``[start, end)`` of a remote file with ``PREFETCH`` requests in flight, in the
    caller's thread. paramiko's ``prefetch`` asks from a thread of its own, which fails
    unhandled when the connection drops (and asking for a whole file at once is 7x slower);
    this uses the same request calls as ``SFTPFile`` does."""

    def __init__(
        self, sftp: paramiko.SFTPClient, file: paramiko.SFTPFile, start: int, end: int
    ) -> None:
        self.sftp, self.handle = sftp, file.handle
        self.start, self.end = start, end
        self.arrived: dict[int, tuple[int, paramiko.Message]] = {}

    def _async_response(self, kind: int, message: paramiko.Message, number: int) -> None:
        self.arrived[number] = (kind, message)  # an answer that came before the one awaited

    def _ask(self, offset: int, length: int) -> tuple[int, int, int]:
        number = self.sftp._async_request(self, CMD_READ, self.handle, int64(offset), int(length))
        return number, offset, length

    def blocks(self) -> Iterator[bytes]:
        pending: deque[tuple[int, int, int]] = deque()
        offset = self.start
        while pending or offset < self.end:
            while len(pending) < PREFETCH and offset < self.end:
                length = min(REQUEST, self.end - offset)
                pending.append(self._ask(offset, length))
                offset += length
            number, at, length = pending.popleft()
            if number in self.arrived:
                kind, message = self.arrived.pop(number)
                if kind == CMD_STATUS:
                    self.sftp._convert_status(message)  # raises the server's error
            else:
                kind, message = self.sftp._read_response(number)
            if kind != CMD_DATA:
                raise paramiko.SFTPError("Expected data")
            data = message.get_string()
            if not data:
                raise EOFError(f"the file ended at {at} of {self.end} bytes")
            if len(data) < length:  # a short read: ask for the rest first
                pending.appendleft(self._ask(at + len(data), length - len(data)))
            yield data


def _part_size(sftp: paramiko.SFTPClient, path: str) -> int:
    try:
        return int(sftp.stat(path).st_size or 0)
    except FileNotFoundError:
        return 0


def _local_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except FileNotFoundError:
        return 0


def _refused(exc: BaseException, client: paramiko.SSHClient) -> bool:
    """True for an error that another attempt would meet again (permission denied, disk
    full), as opposed to a dropped connection."""
    transport = client.get_transport()
    alive = transport is not None and transport.is_active()
    connection = isinstance(exc, (ConnectionError, TimeoutError))
    return alive and isinstance(exc, OSError) and bool(exc.errno) and not connection


def _failed(exc: BaseException) -> WizardError:
    reason = getattr(exc, "strerror", None) or str(exc)
    return WizardError(
        QT_TRANSLATE_NOOP("core", "The copy failed: {reason}.").format(reason=reason),
        code="transfer-failed",
        detail=repr(exc),
        params={"reason": str(reason)},
    )


def _lost(exc: BaseException) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core", "The connection to the instance kept dropping; the copy stopped."
        ),
        code="transfer-dropped",
        hint=QT_TRANSLATE_NOOP("core", "Run it again: it continues from the bytes already copied."),
        detail=repr(exc),
    )


def _missing(path: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "There is no file or folder '{path}'.").format(path=path),
        code="no-such-file",
        params={"path": path},
    )


# -- push ------------------------------------------------------------------------------------


def push(
    connector: Connector,
    paths: Iterable[str | Path],
    remote_dir: str = ".",
    *,
    notebook_folder: str = ".",
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    on_status: Callable[[TransferStatus], None] | None = None,
    reconnects: int = RECONNECTS,
) -> TransferReport:
    """Copy local files and folders (recursively) into ``remote_dir`` on the instance."""
    sources = [Path(p) for p in paths]
    for source in sources:
        if not source.exists():
            raise _missing(str(source))

    def plan(_client: paramiko.SSHClient, sftp: paramiko.SFTPClient) -> list[_Item]:
        base = sftp.normalize(notebook_folder)
        target = resolve_remote(base, remote_dir)
        _remote_makedirs(sftp, target)
        items: list[_Item] = []
        for source in sources:
            destination = posixpath.join(target, source.resolve().name)
            if source.is_dir():
                for folder, dirs, files in os.walk(source):
                    dirs.sort()
                    relative = Path(folder).relative_to(source).as_posix()
                    remote_folder = posixpath.normpath(posixpath.join(destination, relative))
                    _remote_makedirs(sftp, remote_folder)
                    for name in sorted(files):
                        local = Path(folder) / name
                        if local.is_file():
                            items.append(
                                _Item(
                                    str(local),
                                    posixpath.join(remote_folder, name),
                                    local.stat().st_size,
                                    str(local),
                                )
                            )
            else:
                items.append(_Item(str(source), destination, source.stat().st_size, str(source)))
        return items

    return _Transfer("push", connector, progress, cancel, on_status, reconnects).run(plan)


def _remote_makedirs(sftp: paramiko.SFTPClient, path: str) -> None:
    missing: list[str] = []
    while path not in ("", "/"):
        try:
            if not stat.S_ISDIR(sftp.stat(path).st_mode or 0):
                raise WizardError(
                    QT_TRANSLATE_NOOP(
                        "core", "'{path}' on the instance is a file, not a folder."
                    ).format(path=path),
                    code="not-a-folder",
                )
            break
        except FileNotFoundError:
            missing.append(path)
            path = posixpath.dirname(path)
    for folder in reversed(missing):
        sftp.mkdir(folder)


# -- pull ------------------------------------------------------------------------------------


def pull(
    connector: Connector,
    remote_paths: Iterable[str],
    local_dir: str | Path = ".",
    *,
    notebook_folder: str = ".",
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    on_status: Callable[[TransferStatus], None] | None = None,
    reconnects: int = RECONNECTS,
    pattern: str | None = None,
) -> TransferReport:
    """Copy files and folders (recursively) from the instance into ``local_dir``.

    ``pattern`` (``"*.ipynb"``): only files of folders whose names match, hidden folders
    (``.ipynb_checkpoints``, ``.cache``, a venv's ``.local``) left out, local folders made only
    for what matched.
    """
    wanted = list(remote_paths)
    target = Path(local_dir)

    def plan(_client: paramiko.SSHClient, sftp: paramiko.SFTPClient) -> list[_Item]:
        base = sftp.normalize(notebook_folder)
        items: list[_Item] = []
        target.mkdir(parents=True, exist_ok=True)
        for path in wanted:
            remote = resolve_remote(base, path)
            try:
                attributes = sftp.stat(remote)
            except FileNotFoundError:
                raise _missing(path) from None
            name = _safe_name(posixpath.basename(remote.rstrip("/")) or "root")
            if stat.S_ISDIR(attributes.st_mode or 0):
                _walk_remote(sftp, remote, target / name, items, pattern)
            else:
                items.append(_Item(remote, str(target / name), int(attributes.st_size or 0), path))
        return items

    return _Transfer("pull", connector, progress, cancel, on_status, reconnects).run(plan)


def _walk_remote(
    sftp: paramiko.SFTPClient,
    remote: str,
    local: Path,
    items: list[_Item],
    pattern: str | None = None,
) -> None:
    if pattern is None:
        local.mkdir(exist_ok=True)
    for entry in sorted(sftp.listdir_attr(remote), key=lambda e: e.filename):
        mode = entry.st_mode or 0
        name = _safe_name(entry.filename)
        path = posixpath.join(remote, entry.filename)
        if stat.S_ISDIR(mode):
            if pattern is None or not name.startswith("."):
                try:
                    _walk_remote(sftp, path, local / name, items, pattern)
                except PermissionError:
                    # A folder the login user may not read (ext4's lost+found at the top of
                    # the work disk): nothing of the user's can be in it.
                    log.info("pull: %s is not readable; left out", path)
        elif stat.S_ISREG(mode) and not name.endswith(PART_SUFFIX):
            if pattern is not None:
                if not fnmatch.fnmatch(name, pattern):
                    continue
                local.mkdir(parents=True, exist_ok=True)
            items.append(_Item(path, str(local / name), int(entry.st_size or 0), path))
        # Links and special files are left out: a link may lead out of the folder, or loop.
