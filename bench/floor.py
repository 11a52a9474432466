"""Floor micro-benchmark: one pre-encoded WebSocket frame written to N loopback sockets.

    python -m bench.floor [--sockets 500] [--seconds 1.5]

The cost of one `transport.write` per delivery with nothing else (no JSON, no framing, no
task, no queue): what a server that makes one system call per delivery cannot go below on
this machine. A sink subprocess (`--sink PORT`) holds the other ends and discards what
arrives. Prints one JSON object: writer CPU µs per frame (user + system), and wall µs.
"""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from typing import Any

import orjson
import uvloop

from tools.redis_server import die_with_parent

PAYLOAD = orjson.dumps(
    {
        "type": "bars.update",
        "topic": "bars:BENCH0:1",
        "payload": {
            "time": 1_700_000_000_000,
            "open": 100.0,
            "high": 101.0,
            "low": 99.0,
            "close": 100.5,
            "volume": 123456,
        },
    }
)
FRAME = bytes([0x81, len(PAYLOAD)]) + PAYLOAD  # FIN + text, unmasked, 7-bit length (< 126)
HIGH_WATER = 64 * 1024


class Sink(asyncio.Protocol):
    def data_received(self, data: bytes) -> None:
        pass


async def sink(port: int, n: int) -> None:
    loop = asyncio.get_running_loop()
    for _ in range(n):
        await loop.create_connection(Sink, "127.0.0.1", port)
    await asyncio.sleep(30)  # killed by the writer long before; bounded all the same


async def writer(listener: socket.socket, n: int, seconds: float, max_rounds: int) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    transports: list[asyncio.Transport] = []
    got_all = asyncio.Event()

    class Accepted(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            transports.append(transport)  # type: ignore[arg-type]
            if len(transports) == n:
                got_all.set()

    server = await loop.create_server(Accepted, sock=listener)
    try:
        async with asyncio.timeout(20):
            await got_all.wait()
        await asyncio.sleep(0.2)
        frames = 0
        t_end = time.monotonic() + seconds
        cpu0, wall0 = os.times(), time.perf_counter()
        for _ in range(max_rounds):
            for t in transports:
                t.write(FRAME)
            frames += n
            # Let the sink keep up (a full socket would turn writes into buffering).
            if any(t.get_write_buffer_size() > HIGH_WATER for t in transports):
                await asyncio.sleep(0.001)
            if time.monotonic() > t_end:
                break
        async with asyncio.timeout(10):
            # Transports have no "drained" event; what they still buffer is part of the cost.
            while any(t.get_write_buffer_size() for t in transports):  # noqa: ASYNC110
                await asyncio.sleep(0.001)
        cpu1, wall1 = os.times(), time.perf_counter()
    finally:
        server.close()
    cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    return {
        "sockets": n,
        "frames": frames,
        "frame_bytes": len(FRAME),
        "cpu_us_per_frame": round(cpu * 1e6 / frames, 3),
        "sys_share": round((cpu1.system - cpu0.system) / cpu, 3) if cpu else None,
        "wall_us_per_frame": round((wall1 - wall0) * 1e6 / frames, 3),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sockets", type=int, default=500)
    p.add_argument("--seconds", type=float, default=1.5)
    p.add_argument("--max-rounds", type=int, default=20_000)
    p.add_argument("--sink", type=int, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.sink:
        uvloop.run(sink(args.sink, args.sockets))
        return
    listener = socket.create_server(("127.0.0.1", 0), backlog=args.sockets)
    cmd = [
        sys.executable,
        "-m",
        "bench.floor",
        "--sink",
        str(listener.getsockname()[1]),
        "--sockets",
        str(args.sockets),
    ]
    sink_proc = subprocess.Popen(cmd, preexec_fn=die_with_parent)
    try:
        result = uvloop.run(writer(listener, args.sockets, args.seconds, args.max_rounds))
    finally:
        sink_proc.kill()
        sink_proc.wait()
    print(orjson.dumps(result).decode())


if __name__ == "__main__":
    main()
