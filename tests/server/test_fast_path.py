"""The fan-out fast path: frames built once, coalesced writes, and a client that stops reading
hurting nobody but itself (a real server over loopback, and the pieces in isolation)."""

import asyncio
import base64
import os
import socket
import time

import httpx
from prometheus_client.parser import text_string_to_metric_families
from websockets.frames import Frame
from websockets.streams import StreamReader

from app.transport.backlog import Backlog
from app.transport.flusher import Flusher
from app.transport.framing import OutFrame, out_frame, text_frame
from tests.live_server import make_bars, unique_symbol


def parse_frame(data: bytes) -> Frame:
    reader = StreamReader()
    reader.feed_data(data)
    parser = Frame.parse(reader.read_exact, mask=False)
    try:
        next(parser)
    except StopIteration as done:
        return done.value  # type: ignore[no-any-return]
    raise AssertionError("incomplete frame")


def test_text_frames_of_every_length_class_parse_as_the_same_payload() -> None:
    for size in (0, 1, 125, 126, 65535, 65536, 200_000):
        payload = os.urandom(size // 2).hex().encode()[:size]
        frame = parse_frame(text_frame(payload))
        assert (frame.opcode.name, frame.fin, frame.data) == ("TEXT", True, payload)


def test_backlog_conflates_the_same_bar_in_place_and_keeps_order() -> None:
    backlog = Backlog()
    first = out_frame(b'{"a":1}', ("bars:A:1", 60_000))
    second = out_frame(b'{"b":1}', ("bars:A:1", 120_000))
    reply = out_frame(b'{"reply":1}')
    newer_first = out_frame(b'{"a":22}', ("bars:A:1", 60_000))
    assert [backlog.add(f) for f in (first, reply, second, newer_first)] == [False, False, False, True]
    assert backlog.frames == [newer_first, reply, second]  # the forming bar kept its place
    assert backlog.size == sum(len(f.wire) for f in backlog.frames)


async def test_frames_queued_in_one_tick_leave_in_one_write() -> None:
    class Dirty:
        def __init__(self) -> None:
            self.flushes = 0

        def flush(self) -> None:
            self.flushes += 1

    flusher, connection = Flusher(), Dirty()
    flusher.mark(connection)
    assert connection.flushes == 0  # nothing is written before the tick ends
    await asyncio.sleep(0)
    assert connection.flushes == 1


def raw_websocket(port: int, receive_buffer: int) -> socket.socket:
    """A client that completes the handshake and then never reads: a stuck consumer."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    response = b""
    while b"\r\n\r\n" not in response:
        response += sock.recv(1)
    assert response.startswith(b"HTTP/1.1 101"), response
    return sock


def masked_text(payload: bytes) -> bytes:
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes((0x81, 0x80 | len(payload))) + mask + body


async def test_a_stuck_client_is_closed_while_everyone_else_gets_everything(server_factory, ws_connect) -> None:
    running = server_factory(WS_MAX_QUEUE="50", WS_MAX_QUEUE_BYTES="100000")
    symbol = unique_symbol()
    port = int(running.base_url.rsplit(":", 1)[1])
    stuck = raw_websocket(port, receive_buffer=4096)
    stuck.sendall(masked_text(b'{"type":"bars.subscribe","payload":{"symbol":"%s"}}' % symbol.encode()))
    readers = [await ws_connect(running) for _ in range(2)]
    for reader in readers:
        await reader.subscribe(symbol)

    # Enough to fill the kernel's socket buffers (megabytes on loopback) and then the backlog.
    bars, batch = make_bars(40_000), 1000
    slowest_post = 0.0
    async with httpx.AsyncClient(base_url=running.base_url, timeout=10) as http:
        for start in range(0, len(bars), batch):
            started = time.perf_counter()
            response = await http.post(
                "/api/v1/publish", json={"symbol": symbol, "resolution": "1", "bars": bars[start : start + batch]}
            )
            slowest_post = max(slowest_post, time.perf_counter() - started)
            assert response.json() == {"published": batch}
            received = [await asyncio.gather(*(r.recv() for r in readers)) for _ in range(batch)]
            expected = [bar["time"] for bar in bars[start : start + batch]]
            for i in range(len(readers)):  # every one of them, in order
                assert [messages[i]["payload"]["time"] for messages in received] == expected
    assert slowest_post < 1.0  # publishing never waited on the stuck socket
    deadline = time.monotonic() + 10
    while running.health()["connections"] != len(readers) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert running.health()["connections"] == len(readers)
    assert "slow consumer" in running.logs()
    metrics = {
        sample.name: sample.value
        for family in text_string_to_metric_families(httpx.get(f"{running.base_url}/metrics").text)
        for sample in family.samples
    }
    assert metrics["trading_ws_slow_consumer_disconnects_total"] == 1
    assert metrics["trading_ws_dropped_updates_total"] > 50  # its backlog, over WS_MAX_QUEUE, was dropped
    stuck.close()


def test_out_frames_carry_json_and_wire_bytes_of_the_same_message() -> None:
    frame = out_frame(b'{"type":"pong"}')
    assert isinstance(frame, OutFrame) and frame.key is None
    assert parse_frame(frame.wire).data == frame.json
