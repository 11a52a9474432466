"""Outgoing frames, serialized and framed once however many clients receive them."""

import struct
from collections.abc import Callable
from typing import NamedTuple

TEXT_FIN = 0x81  # FIN + opcode 1 (text); server frames are never masked


def text_frame(payload: bytes) -> bytes:
    """One complete, unmasked WebSocket text frame carrying `payload`."""
    size = len(payload)
    if size < 126:
        return bytes((TEXT_FIN, size)) + payload
    if size < 1 << 16:
        return struct.pack("!BBH", TEXT_FIN, 126, size) + payload
    return struct.pack("!BBQ", TEXT_FIN, 127, size) + payload


ConflationKey = tuple[str, int | None]
"""(topic, state key): for a `latest` family a newer frame with the same key replaces a waiting
older one (bars: the bar time; None for a family whose whole state is its newest message)."""


class OutFrame(NamedTuple):
    """A server message as JSON (for ASGI sends) and as wire bytes (for direct writes)."""

    json: bytes
    wire: bytes
    key: ConflationKey | None = None
    kind: str = ""  # the message type, for the messages-out metric
    fresh: "Callable[[], OutFrame] | None" = None
    """For a `snapshot` family: what a lagging client gets instead of this frame and the ones of
    its topic before it (a fresh snapshot, built when the client reads again)."""


OutgoingCheck = Callable[[bytes], None]
_check: OutgoingCheck | None = None


def check_outgoing(check: OutgoingCheck | None) -> None:
    """Run `check` on every frame built from now on (WS_VALIDATE_OUTGOING); None turns it off."""
    global _check
    _check = check


def out_frame(
    json: bytes, key: ConflationKey | None = None, kind: str = "", fresh: "Callable[[], OutFrame] | None" = None
) -> OutFrame:
    if _check is not None:
        _check(json)
    return OutFrame(json, text_frame(json), key, kind, fresh)
