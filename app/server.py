"""uvicorn's websockets sans-io protocol, adjusted to the spec's close rules.

`python -m app` selects this class (`ws=` in uvicorn's config), so every worker uses it:

- Shutdown: uvicorn closes open WebSockets itself, with 1012, before the app's lifespan
  shutdown runs. Here each client gets 1001 "Server shutting down" (GOING_AWAY) instead, at
  that same moment; the app then sees a disconnect and its connection tasks end.
- Oversized frames: the websockets parser rejects a frame above `ws_max_size` after reading
  only its header, and closes with 1009 and a reason of its own. Here the spec's `error`
  message (code message_too_big) goes first and the close carries the spec's reason.
"""

import logging
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from uvicorn.server import ServerState
from websockets.frames import CloseCode, Frame, Opcode
from websockets.protocol import OPEN
from websockets.server import ServerProtocol

from generated.models import ErrorPayload
from generated.protocol import CLOSE_RULES, GOING_AWAY
from generated.router import encode, error

TOO_BIG = CLOSE_RULES["message_too_big"]


class _SpecServerProtocol(ServerProtocol):
    """The websockets state machine, failing oversized frames the spec's way."""

    too_big_frame = b""

    def fail(self, code: CloseCode | int, reason: str = "") -> None:
        if code == CloseCode.MESSAGE_TOO_BIG and self.state is OPEN:
            self.send_frame(Frame(Opcode.TEXT, self.too_big_frame))
            code, reason = TOO_BIG.code, TOO_BIG.reason
        super().fail(code, reason)


class SpecWebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any], **kw: Any) -> None:
        super().__init__(config, server_state, app_state, **kw)
        conn = _SpecServerProtocol(
            extensions=self.conn.available_extensions,
            max_size=config.ws_max_size,
            logger=logging.getLogger("uvicorn.error"),
        )
        message = f"A frame may hold at most {config.ws_max_size} bytes"
        conn.too_big_frame = encode(error(ErrorPayload(code="message_too_big", message=message)))
        self.conn = conn

    def shutdown(self) -> None:
        if not self.handshake_complete or self.close_sent or self.transport.is_closing():
            super().shutdown()  # a handshake in progress (500) or a close already under way
            return
        self.stop_keepalive()
        self.queue.put_nowait({"type": "websocket.disconnect", "code": GOING_AWAY.code, "reason": GOING_AWAY.reason})
        self.conn.send_close(GOING_AWAY.code, GOING_AWAY.reason)
        self.transport.write(b"".join(self.conn.data_to_send()))
        self.transport.close()
