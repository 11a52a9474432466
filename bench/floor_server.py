"""Latency floor: the least a server can do for the paced round, in Python on uvloop.

    python -m bench.floor_server --port P

Not a WebSocket server anyone should run: just enough of the protocol for the bench's client
and publisher (handshake, unfragmented masked text frames, `bars.subscribe`, close) and for
`POST /api/v1/publish` (keep-alive, Content-Length bodies). A published bar is serialized and
framed once and its bytes written to each subscriber's transport at once: no validation, no
framework, no task, no queue. The paced round's latency against it is what this machine, this
client and one `write` per delivery cost before any server design adds its own; the bench
shows it next to the service and the baseline.
"""

import argparse
import asyncio
import base64
import hashlib
import struct

import orjson
import uvloop

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OK = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"


def frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """An unmasked server frame (FIN set)."""
    n = len(payload)
    if n < 126:
        return bytes([0x80 | opcode, n]) + payload
    if n < 1 << 16:
        return bytes([0x80 | opcode, 126]) + struct.pack("!H", n) + payload
    return bytes([0x80 | opcode, 127]) + struct.pack("!Q", n) + payload


TOPICS: dict[str, list[asyncio.Transport]] = {}  # topic -> subscribers' transports


class FloorServer(asyncio.Protocol):
    def __init__(self) -> None:
        self.buffer = b""
        self.websocket = False
        self.transport: asyncio.Transport = None  # type: ignore[assignment]  # set by connection_made
        self.held: list[str] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's TCPTransport

    def connection_lost(self, exc: Exception | None) -> None:
        for topic in self.held:
            TOPICS[topic].remove(self.transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.buffer and (self.ws_frame() if self.websocket else self.http_request()):
            pass

    # ---- HTTP: the handshake, GET (a readiness probe) and the publish endpoint -------------

    def http_request(self) -> bool:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        lines = self.buffer[:end].split(b"\r\n")
        headers = dict(line.split(b":", 1) for line in lines[1:])
        headers = {k.strip().lower(): v.strip() for k, v in headers.items()}
        length = int(headers.get(b"content-length", 0))
        if len(self.buffer) < end + 4 + length:
            return False
        body, self.buffer = self.buffer[end + 4 : end + 4 + length], self.buffer[end + 4 + length :]
        if b"sec-websocket-key" in headers:
            accept = base64.b64encode(hashlib.sha1(headers[b"sec-websocket-key"] + GUID).digest())
            self.transport.write(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            self.websocket = True
        elif lines[0].startswith(b"POST"):
            published = self.publish(orjson.loads(body))
            self.transport.write(OK % (len(published), published))
        else:
            self.transport.write(OK % (2, b"{}"))
        return True

    def publish(self, request: dict) -> bytes:
        topic = f"bars:{request['symbol']}:{request.get('resolution', '1')}"
        subscribers = TOPICS.get(topic, [])
        for bar in request["bars"]:
            wire = frame(orjson.dumps({"type": "bars.update", "topic": topic, "payload": bar}))
            for transport in subscribers:
                transport.write(wire)
        return orjson.dumps({"published": len(request["bars"])})

    # ---- WebSocket: masked client frames ----------------------------------------------------

    def ws_frame(self) -> bool:
        data = self.buffer
        if len(data) < 2:
            return False
        opcode, n, at = data[0] & 0x0F, data[1] & 0x7F, 2
        if n == 126:
            n, at = struct.unpack_from("!H", data, 2)[0], 4
        elif n == 127:
            n, at = struct.unpack_from("!Q", data, 2)[0], 10
        if len(data) < at + 4 + n:
            return False
        mask = data[at : at + 4]
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(data[at + 4 : at + 4 + n]))
        self.buffer = data[at + 4 + n :]
        if opcode == 0x8:  # close: answer it and hang up
            self.transport.write(frame(payload[:2], 0x8))
            self.transport.close()
        elif opcode == 0x1:
            self.message(orjson.loads(payload))
        return True

    def message(self, message: dict) -> None:
        if message.get("type") != "bars.subscribe":
            return
        symbol = message["payload"]["symbol"]
        topic = f"bars:{symbol}:{message['payload'].get('params', {}).get('resolution', '1')}"
        TOPICS.setdefault(topic, []).append(self.transport)
        self.held.append(topic)
        reply = {"status": "ok", "symbol": symbol, "message": f"Subscribed to {symbol}", "topic": topic}
        self.transport.write(frame(orjson.dumps({"type": "bars.subscribe.response", "payload": reply})))


async def serve(port: int) -> None:
    server = await asyncio.get_running_loop().create_server(FloorServer, "127.0.0.1", port, backlog=2048)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="on 127.0.0.1")
    uvloop.run(serve(parser.parse_args().port))


if __name__ == "__main__":
    main()
