"""`WS_BROKER_URL=rediss://...`: the broker over TLS, to a redis-server with a self-signed
certificate the deployment is told to trust (`?ssl_ca_certs=`)."""

import contextlib
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.test_tls import self_signed
from tests.live_server import make_bars, start_server, unique_symbol
from tools.redis_server import die_with_parent, free_port


def tls_ping(port: int, cert: Path) -> bool:
    context = ssl.create_default_context(cafile=str(cert))
    try:
        raw = socket.create_connection(("127.0.0.1", port), 0.5)
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def tls_redis(tmp_path: Path, redis_server: object) -> Iterator[tuple[int, Path]]:  # redis_server: skip if none
    cert, key = self_signed(tmp_path)
    port = free_port()
    args = ["redis-server", "--port", "0", "--tls-port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(tmp_path), "--tls-cert-file", str(cert), "--tls-key-file", str(key),
            "--tls-ca-cert-file", str(cert), "--tls-auth-clients", "no"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)
    try:
        deadline = time.monotonic() + 10
        while not tls_ping(port, cert):
            assert proc.poll() is None and time.monotonic() < deadline, "redis-server with TLS did not start"
            time.sleep(0.05)
        yield port, cert
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(5)


async def test_the_broker_over_tls(tls_redis, tmp_path, ws_connect) -> None:
    port, cert = tls_redis
    url = f"rediss://127.0.0.1:{port}/0?ssl_ca_certs={cert}"
    server = start_server(tmp_path, {"WS_BROKER_URL": url})
    try:
        assert server.health()["broker"]["state"] == "up"
        client = await ws_connect(server)
        symbol = unique_symbol()
        await client.subscribe(symbol)
        bars = make_bars(3)
        assert (await server.apublish(symbol, bars)).status_code == 200
        assert [(await client.recv())["payload"] for _ in bars] == bars
    finally:
        server.stop()
