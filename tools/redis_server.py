"""Private redis-server instances for tests and `make dev`; Debian's package when it is missing.

    python3 tools/redis_server.py ensure          install redis-server (apt-get) only if missing
    python3 tools/redis_server.py run -- CMD...   run CMD with WS_BROKER_URL set: $REDIS_URL if
                                                  given, else a redis-server of its own on a free
                                                  loopback port, stopped when CMD exits

An instance listens on 127.0.0.1 only, never on the default port 6379, keeps nothing on disk
(`--save '' --appendonly no`, files in a temporary directory) and answers PING before it is
handed out. Standard library only: it runs before and outside the project's venv.
"""

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_PORT = 6379
INSTALL = "apt-get update && apt-get install -y redis-server"


def ensure_installed() -> None:
    if shutil.which("redis-server"):
        return
    if not shutil.which("apt-get"):
        sys.exit("redis-server is missing and apt-get is not available: install Redis (>= 6) yourself")
    sudo = "" if os.geteuid() == 0 else "sudo "
    command = INSTALL.replace("apt-get", f"{sudo}apt-get")
    print(f"redis-server is missing; running: {command}", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["sh", "-c", command], check=True, env=env, stdout=subprocess.DEVNULL)


def free_port() -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port != DEFAULT_PORT:  # never the port a real Redis may own
            return port


def ping(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))  # up, with or without a password
    except OSError:
        return False


def die_with_parent() -> None:
    """Linux: SIGTERM this process when its parent goes (make killed, a test runner gone), so
    nothing it started outlives it. A preexec_fn, or called by the process itself."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class RedisServer:
    """One redis-server process; `kill()` then `start()` brings it back on the same port, empty."""

    def __init__(self, workdir: Path, port: int | None = None, password: str | None = None) -> None:
        self.workdir = workdir
        self.port = port or free_port()
        self.password = password
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self, ready_timeout: float = 10.0) -> "RedisServer":
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        args += ["--dir", str(self.workdir), "--logfile", str(self.workdir / f"redis-{self.port}.log")]
        args += ["--requirepass", self.password] if self.password else []
        self.proc = self._spawn(args)
        deadline = time.monotonic() + ready_timeout
        while not ping(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server did not start on port {self.port}; see {self.workdir}")
            time.sleep(0.02)
        return self

    def _spawn(self, args: list[str]) -> "subprocess.Popen[bytes]":
        # A session of its own: the terminal's Ctrl-C goes to `make dev`'s server, not to Redis.
        return subprocess.Popen(args, stdout=subprocess.DEVNULL, start_new_session=True, preexec_fn=die_with_parent)

    def kill(self) -> None:
        """Gone at once, as in a crash: clients see their connections drop."""
        self._end(signal.SIGKILL)

    def stop(self) -> None:
        self._end(signal.SIGTERM)

    def _end(self, sig: int) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def run(command: list[str]) -> int:
    """Run `command` with WS_BROKER_URL pointing at Redis; its exit status.

    However it is stopped (Ctrl-C, SIGTERM, the terminal closing, its parent killed), the
    command gets its shutdown and the Redis started here is stopped."""
    die_with_parent()
    given = os.environ.get("REDIS_URL")
    with contextlib.ExitStack() as stack:
        if given:
            url = given
        else:
            ensure_installed()
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="trading-ws-redis-")))
            server = RedisServer(workdir).start()
            stack.callback(server.stop)
            url = server.url
        child = subprocess.Popen(command, env={**os.environ, "WS_BROKER_URL": url}, preexec_fn=die_with_parent)
        # Ctrl-C reaches the child directly (same terminal); wait for it to shut down cleanly.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # SIGTERM and SIGHUP (uvicorn's supervisor would take SIGHUP for "reload") become the
        # child's SIGTERM; Redis is stopped once the child is gone.
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, lambda *_: child.send_signal(signal.SIGTERM))
        if not given:
            print(f"redis-server on {url} (stopped when this exits)", file=sys.stderr)
        return child.wait()


def main(argv: list[str]) -> int:
    if argv[:1] == ["ensure"]:
        ensure_installed()
        return 0
    if argv[:2] == ["run", "--"] and len(argv) > 2:
        return run(argv[2:])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
