"""Frames waiting for a client whose socket stopped draining.

Bounded in count and bytes. Market data conflates: for a `latest` family a newer state of the
same key (a bar: same topic and bar time) replaces the older one where it stands, so a lagging
client catches up on the latest values instead of replaying every tick, and its order is kept;
for a `snapshot` family (order books) the topic's waiting messages become one fresh snapshot,
built when the client reads again. A `stream` family's frames are never merged.
"""

from app.transport.framing import ConflationKey, OutFrame


class Backlog:
    __slots__ = ("_at", "_refresh", "frames", "size")

    def __init__(self) -> None:
        self.frames: list[OutFrame] = []
        self.size = 0  # wire bytes held
        self._at: dict[ConflationKey, int] = {}
        self._refresh: set[int] = set()  # positions to send as a fresh snapshot

    def add(self, frame: OutFrame) -> bool:
        """Hold `frame`; True when it replaced what waited for the same key."""
        key = frame.key
        if key is not None:
            at = self._at.get(key)
            if at is not None:
                self.size += len(frame.wire) - len(self.frames[at].wire)
                self.frames[at] = frame
                if frame.fresh is not None:
                    self._refresh.add(at)
                return True
            self._at[key] = len(self.frames)
        self.frames.append(frame)
        self.size += len(frame.wire)
        return False

    def drain(self) -> list[OutFrame]:
        """The frames to send now, in order, each folded topic of a `snapshot` family as its
        snapshot of this moment."""
        frames = self.frames
        for at in self._refresh:
            fresh = frames[at].fresh
            if fresh is not None:
                frames[at] = fresh()
        return frames

    def __len__(self) -> int:
        return len(self.frames)
