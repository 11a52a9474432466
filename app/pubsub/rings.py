"""Recent bars per topic, kept the way a chart keeps them: one entry per bar time.

A bar with the same time as the newest entry replaces it (the forming bar), a later time
appends, an older time is ignored (a chart only moves forward). Bounded twice: `size` bars per
topic and `max_topics` topics, the least recently written dropped first. The Redis broker
keeps the same rule in Lua (app/broker/redis.py); this is the in-process one, shared by
app.http.history.MemoryHistory and app.pubsub.broker.memory.MemoryBroker.
"""

from collections import OrderedDict, deque


class BarRings:
    def __init__(self, size: int, max_topics: int) -> None:
        self._size, self._max_topics = size, max_topics
        # topic -> (bar time, frame) oldest first; topics ordered by last write
        self._rings: OrderedDict[str, deque[tuple[int, bytes]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._rings)

    def add(self, topic: str, time: int, frame: bytes) -> None:
        ring = self._rings.get(topic)
        if ring is None:
            ring = self._rings[topic] = deque(maxlen=self._size)
            if len(self._rings) > self._max_topics:
                self._rings.popitem(last=False)
        else:
            self._rings.move_to_end(topic)
        if not ring or time > ring[-1][0]:
            ring.append((time, frame))
        elif time == ring[-1][0]:
            ring[-1] = (time, frame)

    def newest(self, topic: str, limit: int) -> list[bytes]:
        """Up to `limit` frames of `topic`, the newest ones, oldest first."""
        ring = self._rings.get(topic, ())
        return [frame for _, frame in list(ring)[max(0, len(ring) - limit) :]]
