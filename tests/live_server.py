"""A real service started the canonical way (`python -m app`), a small WebSocket client for
talking to it, and test data. The fixtures in tests/conftest.py build on these.

Each server listens on a free loopback port, logs to a file (`server.logs()`), and is ready
once `/healthz` answers; `stop(sig)` sends a signal and waits for the exit.
"""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

ROOT = Path(__file__).resolve().parent.parent
WS_PATH = "/api/v1/ws"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    """One `python -m app` subprocess on 127.0.0.1."""

    proc: subprocess.Popen[bytes]
    port: int
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{WS_PATH}"

    def spec_violations(self) -> list[str]:
        """Lines where the server (WS_VALIDATE_OUTGOING) found one of its frames breaking the spec."""
        return [line for line in self.logs().splitlines() if "outgoing frame breaks" in line]

    def logs(self) -> str:
        return self.log_path.read_text(errors="replace")

    def health(self) -> dict[str, Any]:
        return dict(httpx.get(f"{self.base_url}/healthz", timeout=5).json())

    def publish(self, symbol: str, bars: list[dict[str, Any]], resolution: str = "1", **kw: Any) -> httpx.Response:
        body = {"symbol": symbol, "resolution": resolution, "bars": bars}
        return httpx.post(f"{self.base_url}/api/v1/publish", json=body, timeout=10, **kw)

    async def apublish(
        self, symbol: str, bars: list[dict[str, Any]], resolution: str = "1", **kw: Any
    ) -> httpx.Response:
        body = {"symbol": symbol, "resolution": resolution, "bars": bars}
        async with httpx.AsyncClient(base_url=self.base_url, timeout=10) as client:
            return await client.post("/api/v1/publish", json=body, **kw)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        """Signal the server and wait for it to exit; its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise AssertionError(f"server ignored signal {sig} for {timeout} s:\n{self.logs()}") from None
        return int(self.proc.returncode)


def start_server(
    log_dir: Path,
    env: dict[str, str] | None = None,
    ready_timeout: float = 20.0,
    port: int | None = None,
    args: Sequence[str] = (),
    cwd: Path = ROOT,
    command: Sequence[str] = ("-m", "app"),
) -> RunningServer:
    """Start `python -m app --host 127.0.0.1 --port <free> [args]` with `env` over a WS_-free environment.

    From another `cwd` the repository stays importable behind it, so a folder there holding a
    `generated` package of a test spec serves that spec with this repository's app."""
    port = port or free_port()
    log_path = log_dir / f"server-{port}.log"
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WS_")}
    full_env["WS_VALIDATE_OUTGOING"] = "1"  # the server checks its own frames against the spec
    full_env.update(env or {})
    full_env["PYTHONUNBUFFERED"] = "1"
    if cwd != ROOT:
        full_env["PYTHONPATH"] = str(ROOT)
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, *command, "--host", "127.0.0.1", "--port", str(port), *args],
            cwd=cwd,
            env=full_env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(proc, port, log_path, env or {})
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}:\n{server.logs()}")
        try:
            if httpx.get(f"{server.base_url}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    proc.kill()
    proc.wait(5)
    raise AssertionError(f"server not ready within {ready_timeout} s:\n{server.logs()}")


# -- WebSocket client side


class WsClient:
    """A websockets client speaking the service's JSON messages."""

    def __init__(self, conn: ClientConnection) -> None:
        self.conn = conn

    async def send(self, message: dict[str, Any]) -> None:
        await self.conn.send(json.dumps(message))

    async def recv(self, within: float = 5.0) -> dict[str, Any]:
        data = await asyncio.wait_for(self.conn.recv(), within)
        assert isinstance(data, str), f"expected a text frame, got {data!r}"
        message: dict[str, Any] = json.loads(data)
        return message

    async def subscribe(self, symbol: str, resolution: str | None = None) -> dict[str, Any]:
        await self.send(subscription("bars.subscribe", symbol, resolution))
        return await self.recv()

    async def unsubscribe(self, symbol: str, resolution: str | None = None) -> dict[str, Any]:
        await self.send(subscription("bars.unsubscribe", symbol, resolution))
        return await self.recv()

    async def until_pong(self, within: float = 10.0) -> list[dict[str, Any]]:
        """Send `ping` and return every message that arrived before the `pong`.

        Everything the server queued for this client before handling the ping comes first,
        so this is an exact "what did I receive so far" barrier.
        """
        await self.send({"type": "ping"})
        received: list[dict[str, Any]] = []
        async with asyncio.timeout(within):
            while (message := await self.recv(within)) != {"type": "pong"}:
                received.append(message)
        return received

    async def closed(self, within: float = 5.0) -> tuple[int | None, str | None, list[dict[str, Any]]]:
        """Read until the server closes; (close code, reason, messages received before)."""
        received: list[dict[str, Any]] = []
        try:
            async with asyncio.timeout(within):
                while True:
                    received.append(await self.recv(within))
        except ConnectionClosed:
            pass
        return self.conn.close_code, self.conn.close_reason, received

    async def close(self) -> None:
        await self.conn.close()


Connect = Callable[..., Awaitable[WsClient]]


def subscription(kind: str, symbol: str, resolution: str | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"symbol": symbol}
    if resolution is not None:
        payload["params"] = {"resolution": resolution}
    return {"type": kind, "payload": payload}


# -- data


def unsequenced(message: dict[str, Any] | list[dict[str, Any]]) -> Any:
    """Update frames without their stream position (`epoch`, `seq`), which must be there: for
    comparing what arrived with what was published."""
    if isinstance(message, list):
        return [unsequenced(item) for item in message]
    if "seq" not in message:
        return message
    assert isinstance(message["seq"], int) and isinstance(message["epoch"], str), message
    return {key: value for key, value in message.items() if key not in ("seq", "epoch")}


def unique_symbol() -> str:
    return "T" + uuid.uuid4().hex[:10].upper()


def make_bar(time_ms: int, price: float = 100.0, volume: int = 10) -> dict[str, Any]:
    return {
        "time": time_ms,
        "open": price,
        "high": price + 1.0,
        "low": price - 1.0,
        "close": price + 0.5,
        "volume": volume,
    }


def make_bars(count: int, start: int = 1_700_000_000_000) -> list[dict[str, Any]]:
    return [make_bar(start + i * 60_000, 100.0 + i) for i in range(count)]
