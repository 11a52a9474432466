"""The frames waiting for one connection's writer."""

import asyncio
from collections import deque
from typing import NamedTuple


class CloseFrame(NamedTuple):
    code: int
    reason: str


class Outbox:
    """A bounded FIFO of encoded text frames that ends with at most one close.

    `put` never blocks: past the bound it refuses the frame and the caller applies its
    slow-consumer policy. Once a close is requested, later frames are dropped, so nothing
    ever follows the `error` message that announces the close.
    """

    def __init__(self, limit: int) -> None:
        self._frames: deque[bytes] = deque()
        self._limit = limit
        self._close: CloseFrame | None = None
        self._wakeup = asyncio.Event()

    @property
    def closing(self) -> bool:
        return self._close is not None

    def put(self, frame: bytes) -> bool:
        """Queue `frame`; False if the bound is reached (the frame is not queued)."""
        if self._close is not None:
            return True
        if len(self._frames) >= self._limit:
            return False
        self._frames.append(frame)
        self._wakeup.set()
        return True

    def close(self, code: int, reason: str, last: bytes | None = None, *, drop_pending: bool = False) -> bool:
        """Finish with `last` (if any) and a close frame; False if a close was already requested."""
        if self._close is not None:
            return False
        if drop_pending:
            self._frames.clear()
        if last is not None:
            self._frames.append(last)  # the final error message always fits
        self._close = CloseFrame(code, reason)
        self._wakeup.set()
        return True

    async def get(self) -> bytes | CloseFrame:
        """The next frame, then the close once every frame before it is out."""
        while not self._frames:
            if self._close is not None:
                return self._close
            self._wakeup.clear()
            await self._wakeup.wait()
        return self._frames.popleft()
