"""Extra ports through the notebook's tunnel: TensorBoard, a dashboard, any server on the instance.

A forward listens on 127.0.0.1 only and opens each connection as a ``direct-tcpip`` channel on
the tunnel's own verified SSH connection (``Tunnel.open_channel``), so it reconnects with it and
ends when it closes. The instance side is its loopback: a server need not listen publicly.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
from dataclasses import dataclass

import paramiko

from app.core.errors import WizardError
from app.core.progress import Progress, no_progress
from app.core.remote.tunnel import LOOPBACK, Tunnel, accept_loop, listen, pump
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

log = logging.getLogger(__name__)

# How long a refused connection waits for the client's first bytes, to tell a browser why.
_REQUEST_WAIT_SECONDS = 2.0
_HTTP_METHODS = (b"GET ", b"HEAD ", b"POST ", b"PUT ", b"DELETE ", b"OPTIONS ", b"PATCH ")


@dataclass(frozen=True)
class ForwardRequest:
    """``--forward REMOTE[:LOCAL]``: LOCAL None means the same number if free, else any."""

    remote_port: int
    local_port: int | None = None


@dataclass(frozen=True)
class ForwardInfo:
    """An open forward, as the CLI prints it and the wizard lists it."""

    remote_port: int
    local_port: int
    requested_port: int  # what the user asked for (or the remote port's number)
    url: str
    listening: bool  # something answered on the remote port when the forward opened

    @property
    def moved(self) -> bool:
        """The requested local port was taken, so another one was used."""
        return self.local_port != self.requested_port


def parse_forward(text: str) -> ForwardRequest:
    """``"6006"`` or ``"6006:16006"`` -> ForwardRequest; ``bad-forward`` otherwise."""
    parts = text.strip().split(":")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        numbers = []
    if len(parts) not in (1, 2) or len(numbers) != len(parts):
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "'{text}' is not a port to forward.").format(text=text),
            code="bad-forward",
            hint=QT_TRANSLATE_NOOP("core", "Write REMOTE or REMOTE:LOCAL, for example 6006."),
        )
    for number in numbers:
        check_port(number)
    return ForwardRequest(numbers[0], numbers[1] if len(numbers) == 2 else None)


def check_port(port: int) -> int:
    """A TCP port number (1-65535), else ``bad-forward``."""
    if not 1 <= port <= 65535:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "Port {port} is not between 1 and 65535.").format(port=port),
            code="bad-forward",
        )
    return port


def nothing_listens(port: int) -> Sentence:
    """What a forward says when the instance refuses its remote port."""
    return QT_TRANSLATE_NOOP(
        "core",
        "Nothing listens on port {port} on the instance: start the program that serves it "
        "there (on 127.0.0.1 or all addresses), then try again.",
    ).format(port=port)


class PortForward:
    """One local port on 127.0.0.1 forwarded to ``remote_port`` on the instance."""

    def __init__(
        self,
        tunnel: Tunnel,
        remote_port: int,
        local_port: int | None = None,
        *,
        progress: Progress = no_progress,
    ) -> None:
        self.tunnel = tunnel
        self.remote_port = check_port(remote_port)
        self.requested_port = check_port(local_port) if local_port else remote_port
        self.local_port = 0
        self.listening = False
        self._progress = progress
        self._server: socket.socket | None = None
        self._closed = threading.Event()
        self._said_refused = False  # say "nothing listens" once until something answers
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._accept_thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.local_port}/"

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def info(self) -> ForwardInfo:
        return ForwardInfo(
            self.remote_port, self.local_port, self.requested_port, self.url, self.listening
        )

    def start(self) -> ForwardInfo:
        """Check the remote port, listen locally and forward; close with the tunnel."""
        if self.tunnel.closed:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "The tunnel is closed."), code="tunnel-closed"
            )
        self.listening = self.probe()
        try:
            self._server = listen(self.requested_port)
        except OSError as exc:
            raise WizardError(
                QT_TRANSLATE_NOOP("core", "No local port is free for the forward."),
                code="port-taken",
                detail=repr(exc),
            ) from exc
        self.local_port = int(self._server.getsockname()[1])
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"forward-{self.local_port}", daemon=True
        )
        self._accept_thread.start()
        self.tunnel.on_close(self.close)
        log.info("forward 127.0.0.1:%s -> instance port %s", self.local_port, self.remote_port)
        return self.info()  # a closed remote port is said here by the caller, and on first use

    def probe(self) -> bool:
        """Whether something on the instance accepts connections on the remote port now."""
        try:
            channel = self.tunnel.open_channel((LOOPBACK, 0), self.remote_port)
        except paramiko.ChannelException:
            return False
        channel.close()
        return True

    def close(self) -> None:
        """Stop listening and end this forward's connections (the tunnel stays)."""
        if self._closed.is_set():
            return
        self._closed.set()
        if self._server is not None:
            self._server.close()
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            with contextlib.suppress(OSError):
                sock.close()
        if (
            self._accept_thread is not None
            and self._accept_thread is not threading.current_thread()
        ):
            self._accept_thread.join(5)
        log.info("forward on port %s closed", self.local_port)

    # -- connections ------------------------------------------------------------------------------

    def _say_refused(self) -> None:
        if not self._said_refused:
            self._said_refused = True
            self._progress("forward", nothing_listens(self.remote_port))

    def _accept_loop(self) -> None:
        assert self._server is not None
        accept_loop(self._server, self._closed, self._serve, "forward-conn")

    def _serve(self, sock: socket.socket, origin: tuple[str, int]) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._sockets.add(sock)
        try:
            try:
                channel = self.tunnel.open_channel(origin, self.remote_port)
            except paramiko.ChannelException:
                self.listening = False
                self._say_refused()
                _answer_refused(sock, self.remote_port)
                return
            except Exception as exc:  # the tunnel is down: one connection fails, not the forward
                log.warning("forward %s: could not open a channel: %r", self.remote_port, exc)
                return
            if not self.listening:
                self.listening = True
                self._said_refused = False
            try:
                pump(sock, channel, self._closed)
            except (OSError, EOFError, paramiko.SSHException) as exc:
                log.debug("forwarded connection ended: %r", exc)
            finally:
                channel.close()
        finally:
            with self._lock:
                self._sockets.discard(sock)
            sock.close()


def _answer_refused(sock: socket.socket, port: int) -> None:
    """Tell a browser why the page is empty; any other client just sees the connection close."""
    readable, _, _ = select.select([sock], [], [], _REQUEST_WAIT_SECONDS)
    if not readable:
        return
    with contextlib.suppress(OSError):
        start = sock.recv(4096)
        if start.startswith(_HTTP_METHODS):
            body = (str(nothing_listens(port)) + "\n").encode()
            head = (
                "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode()
            sock.sendall(head + body)


def open_forward(
    tunnel: Tunnel,
    remote_port: int,
    local_port: int | None = None,
    *,
    progress: Progress = no_progress,
) -> PortForward:
    """Start forwarding ``remote_port`` through ``tunnel``; it ends when the tunnel closes."""
    forward = PortForward(tunnel, remote_port, local_port, progress=progress)
    forward.start()
    return forward
