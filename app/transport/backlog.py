"""Frames waiting for a client whose socket stopped draining.

Bounded in count and bytes. Market data conflates: a newer state of the same bar (same topic
and bar time) replaces the older one where it stands, so a lagging client catches up on the
latest values instead of replaying every tick, and its order of bars is kept.
"""

from app.transport.framing import ConflationKey, OutFrame


class Backlog:
    __slots__ = ("_at", "frames", "size")

    def __init__(self) -> None:
        self.frames: list[OutFrame] = []
        self.size = 0  # wire bytes held
        self._at: dict[ConflationKey, int] = {}

    def add(self, frame: OutFrame) -> bool:
        """Hold `frame`; True when it replaced an older state of the same bar."""
        key = frame.key
        if key is not None:
            at = self._at.get(key)
            if at is not None:
                self.size += len(frame.wire) - len(self.frames[at].wire)
                self.frames[at] = frame
                return True
            self._at[key] = len(self.frames)
        self.frames.append(frame)
        self.size += len(frame.wire)
        return False

    def __len__(self) -> int:
        return len(self.frames)
