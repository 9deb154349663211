"""The notebook tunnel: a local port on 127.0.0.1 forwarded through SSH to Jupyter.

Each browser connection gets its own SSH channel (``direct-tcpip``) and thread, so many run at
once (JupyterLab opens several: the page, the API, kernel websockets). When the SSH connection
drops, the next connection reconnects through ``connect_fn``; the browser's retries do the rest.
"""

from __future__ import annotations

import contextlib
import logging
import selectors
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType

import paramiko

from app.core.errors import WizardError
from app.core.progress import Progress, no_progress
from app.core.sentence import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
RETRY_PAUSE_SECONDS = 10.0
_CHUNK = 256 * 1024
# A wider SSH window than paramiko's 2 MiB default keeps large downloads moving.
_WINDOW = 16 * 1024 * 1024
# Bigger packets than the customary 32 KiB roughly double throughput (fewer Python round trips
# per megabyte); OpenSSH sends up to what the channel allows.
_MAX_PACKET = 64 * 1024


class Tunnel:
    """``start()`` listens on 127.0.0.1 (``local_port`` if free, else any) and forwards."""

    def __init__(
        self,
        connect_fn: Callable[[], paramiko.SSHClient],
        remote_port: int,
        local_port: int = 8888,
        *,
        remote_host: str = LOOPBACK,
        client: paramiko.SSHClient | None = None,
        progress: Progress = no_progress,
    ) -> None:
        self._connect_fn = connect_fn
        self.remote_host = remote_host
        self.remote_port = remote_port
        self.requested_port = local_port
        self._client = client  # an open connection to use first (the bootstrap's)
        self._progress = progress
        self._server: socket.socket | None = None
        self._lock = threading.Lock()  # guards the client while reconnecting
        self._active: set[tuple[socket.socket, paramiko.Channel]] = set()
        self._active_lock = threading.Lock()
        self._closed = threading.Event()
        self._accept_thread: threading.Thread | None = None
        self.local_port = 0
        self.reconnects = 0
        self._retry_after = 0.0  # after a failed reconnect, connections fail fast until then
        self._on_close: list[Callable[[], None]] = []  # extra port forwards end with the tunnel

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> int:
        """Connect if needed, start listening and return the local port."""
        if self._server is not None:
            return self.local_port
        self._ensure_client()
        self._server = listen(self.requested_port)
        self.local_port = int(self._server.getsockname()[1])
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"tunnel-{self.local_port}", daemon=True
        )
        self._accept_thread.start()
        log.info(
            "tunnel 127.0.0.1:%s -> %s:%s", self.local_port, self.remote_host, self.remote_port
        )
        return self.local_port

    def url(self, token: str, path: str = "lab") -> str:
        """``http://127.0.0.1:<port>/lab?token=<token>``."""
        return f"http://{LOOPBACK}:{self.local_port}/{path}?token={token}"

    @property
    def connected(self) -> bool:
        client = self._client
        transport = client.get_transport() if client else None
        return bool(transport and transport.is_active())

    def transport(self) -> paramiko.Transport:
        """The tunnel's verified SSH connection (reconnected if it dropped), for other channels
        such as the spot watch."""
        return self._ensure_client()

    @property
    def open_connections(self) -> int:
        with self._active_lock:
            return len(self._active)

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def on_close(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when the tunnel closes (at once if it already has)."""
        if self._closed.is_set():
            callback()
            return
        self._on_close.append(callback)

    def close(self) -> None:
        """Stop listening, end every forwarded connection and the SSH connection."""
        self._closed.set()
        for callback in self._on_close:
            try:
                callback()
            except Exception:  # one forward failing to close must not keep the others open
                log.exception("closing a port forward failed")
        self._on_close.clear()
        if self._server is not None:
            self._server.close()
        if self._accept_thread is not None:
            self._accept_thread.join(5)
        with self._active_lock:
            active = list(self._active)
        for sock, channel in active:
            channel.close()
            sock.close()
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None
        log.info("tunnel on port %s closed", self.local_port)

    def __enter__(self) -> Tunnel:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- SSH side -------------------------------------------------------------------------------

    def _ensure_client(self) -> paramiko.Transport:
        with self._lock:
            client = self._client
            transport = client.get_transport() if client else None
            if transport is not None and transport.is_active():
                return transport
            if self._closed.is_set():
                raise WizardError(
                    QT_TRANSLATE_NOOP("core", "The tunnel is closed."), code="tunnel-closed"
                )
            if time.monotonic() < self._retry_after:
                # The browser opens many connections at once; one failed reconnect (the machine
                # stopped?) must not turn into one slow attempt per connection.
                raise WizardError(
                    QT_TRANSLATE_NOOP("core", "The instance cannot be reached."),
                    code="ssh-unreachable",
                )
            if client is not None:
                client.close()
                self.reconnects += 1
                log.warning("SSH connection for the tunnel dropped; reconnecting")
                self._progress(
                    "tunnel", QT_TRANSLATE_NOOP("core", "SSH connection dropped; reconnecting")
                )
            self._client = None
            try:
                self._client = self._connect_fn()
            except Exception:
                self._retry_after = time.monotonic() + RETRY_PAUSE_SECONDS
                raise
            transport = self._client.get_transport()
            if transport is None or not transport.is_active():
                raise WizardError(
                    QT_TRANSLATE_NOOP("core", "The SSH connection closed at once."),
                    code="ssh-closed",
                )
            if self.reconnects:
                self._progress("tunnel", QT_TRANSLATE_NOOP("core", "reconnected"))
            return transport

    def client(self) -> paramiko.SSHClient:
        """The tunnel's verified SSH connection (reconnected if it dropped), to run a command."""
        self._ensure_client()
        client = self._client
        if client is None:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "The tunnel is closed."), code="tunnel-closed"
            )
        return client

    def open_channel(
        self, origin: tuple[str, int], remote_port: int | None = None
    ) -> paramiko.Channel:
        """A channel to ``remote_port`` (default: the notebook's) on the instance's loopback.

        ``paramiko.ChannelException`` means the instance refused: nothing listens there.
        """
        port = self.remote_port if remote_port is None else remote_port
        last_error: Exception | None = None
        for _ in range(3):
            transport = self._ensure_client()
            try:
                return transport.open_channel(
                    "direct-tcpip",
                    (self.remote_host, port),
                    origin,
                    window_size=_WINDOW,
                    max_packet_size=_MAX_PACKET,
                    timeout=15,
                )
            except paramiko.ChannelException:
                raise  # the instance refused: nothing listens on the notebook's port
            except (paramiko.SSHException, EOFError, OSError) as exc:
                # The connection died between the check and the open: reconnect and retry.
                last_error = exc
                transport.close()
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The SSH tunnel could not be reopened."),
            detail=repr(last_error),
        )

    # -- local side ------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._server is not None
        accept_loop(self._server, self._closed, self._serve, "tunnel-conn")

    def _serve(self, sock: socket.socket, origin: tuple[str, int]) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            channel = self.open_channel(origin)
        except Exception as exc:  # one failed connection must not stop the tunnel
            log.warning("tunnel: could not forward a connection: %r", exc)
            sock.close()
            return
        pair = (sock, channel)
        with self._active_lock:
            self._active.add(pair)
        try:
            pump(sock, channel, self._closed)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            log.debug("tunnel connection ended: %r", exc)
        finally:
            with self._active_lock:
                self._active.discard(pair)
            channel.close()
            sock.close()


def listen(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1: ``port`` if free, else one the system picks."""
    for candidate in (port, 0) if port else (0,):
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no port stealing
                server.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
            server.bind((LOOPBACK, candidate))
            server.listen(64)
        except OSError:
            server.close()
            if candidate == 0:
                raise
            continue
        server.settimeout(0.5)  # the accept loop looks at the closed flag this often
        return server
    raise AssertionError("unreachable")


def accept_loop(
    server: socket.socket,
    closed: threading.Event,
    serve: Callable[[socket.socket, tuple[str, int]], None],
    name: str,
) -> None:
    """Accept on ``server`` until ``closed`` is set or it is closed; each connection is served
    by ``serve`` on a thread of its own (``listen`` sets the timeout that lets this look)."""
    while not closed.is_set():
        try:
            sock, origin = server.accept()
        except TimeoutError:
            continue
        except OSError:
            break  # closed
        threading.Thread(target=serve, args=(sock, origin), name=name, daemon=True).start()


def pump(sock: socket.socket, channel: paramiko.Channel, closed: threading.Event) -> None:
    """Copy both ways until either side ends; a half-close is passed on, not cut short."""
    # A selector, not select.select: that fails on descriptors above 1023, which a busy
    # tunnel with many forwards reaches.
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ)
        selector.register(channel, selectors.EVENT_READ)
        _copy_both_ways(selector, sock, channel, closed)


def _copy_both_ways(
    selector: selectors.BaseSelector,
    sock: socket.socket,
    channel: paramiko.Channel,
    closed: threading.Event,
) -> None:
    while not closed.is_set():
        readable = {key.fileobj for key, _ in selector.select(1.0)}
        if sock in readable:
            data = sock.recv(_CHUNK)
            if data:
                channel.sendall(data)
            else:
                selector.unregister(sock)
                channel.shutdown_write()
        if channel in readable:
            data = channel.recv(_CHUNK)
            if not data:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_WR)
                return
            sock.sendall(data)
