"""Recent bars per topic, so a chart can draw history before live updates arrive.

`MemoryHistory` (one process, `memory://`) is a hub tap: the hub hands it every `bars.update`
it delivers (the demo feed and `POST /api/v1/publish` both end there), once per published
message, not once per subscriber. Recording costs a couple of dict/deque operations: the bar's
time comes from the frame's conflation key and the frame's JSON is parsed only when someone
reads it. Each topic keeps one entry per bar time, bounded per topic and in topics
(app/pubsub/rings.py).

`BarHistory` is the interface the HTTP route needs. Behind a shared broker (Redis) it is
`BrokerHistory`: the broker keeps each topic's history, with the same rule and bound, written by
the transaction that publishes (see app/broker/redis.py), so every worker answers alike, also
for topics none of its clients holds.
"""

import logging
from typing import Annotated, Protocol

import orjson
from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field

from app.pubsub.broker import Broker, BrokerUnavailable
from app.pubsub.broker.base import bar_time
from app.pubsub.relay import checked_update
from app.pubsub.rings import BarRings
from app.transport.framing import OutFrame
from generated.models import Bar, Resolution, Ticker
from generated.protocol import bars_topic

log = logging.getLogger(__name__)

HISTORY_PATH = "/api/v1/bars/history"
MAX_LIMIT = 1000


class BarHistory(Protocol):
    async def recent(self, topic: str, limit: int) -> list[Bar]:
        """Up to `limit` most recent bars of `topic`, oldest first."""
        ...


class MemoryHistory:
    """The history of this process; see the module docstring."""

    def __init__(self, size: int = 1000, max_topics: int = 10_000) -> None:
        self._rings = BarRings(size, max_topics)

    @property
    def topic_count(self) -> int:
        return len(self._rings)

    def record(self, topic: str, frame: OutFrame) -> None:
        """The hub's tap: one delivered `bars.update` frame; never blocks or awaits."""
        time = frame.key[1] if frame.key is not None else bar_time(frame.json)
        if time is not None:
            self._rings.add(topic, time, frame.json)

    async def recent(self, topic: str, limit: int) -> list[Bar]:
        return [Bar.model_validate(orjson.loads(json)["payload"]) for json in self._rings.newest(topic, limit)]


class BrokerHistory:
    """The history a shared broker keeps (Redis: a sorted set per topic scored by bar time).

    Nothing to record here: every publish adds its bars to the broker's history in the same
    transaction, and bars delivered without the broker (the demo feed's) are handed to it by
    the relay (app/pubsub/relay.py). Reading parses each stored frame once; entries that are
    not a valid `bars.update` of the topic (external producers write there too) are skipped
    and logged, and so is an entry whose time is not after the previous one's (one per bar
    time, oldest first, whatever a producer scored it)."""

    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def recent(self, topic: str, limit: int) -> list[Bar]:
        """Raises BrokerUnavailable."""
        bars: list[Bar] = []
        skipped: list[str] = []
        for data in await self._broker.history(topic, limit):
            try:
                bar = checked_update(topic, data).payload
            except ValueError as exc:
                skipped.append(f"{exc}; entry: {data[:200]!r}")
                continue
            if bars and bar.time <= bars[-1].time:  # scored by another time than its own
                skipped.append(f"time {bar.time}, not after the previous entry's {bars[-1].time}")
                continue
            bars.append(bar)
        if skipped:
            log.warning("skipped %d invalid history entr(ies) of %s; first: %s", len(skipped), topic, skipped[0])
        return bars


class HistoryQuery(BaseModel):
    """Which topic, and how many of its bars; validated with the spec's own types (422 otherwise)."""

    symbol: Ticker = Field(description="A ticker as in `bars.subscribe`, e.g. `AAPL`.")
    resolution: Resolution = Field("1", description="Bar size: `1`, `5`, `15`, `30`, `60`, `D`, `W` or `M`.")
    limit: int = Field(300, ge=1, le=MAX_LIMIT, description=f"How many bars at most (1 to {MAX_LIMIT}).")


def history_router(history: BarHistory) -> APIRouter:
    router = APIRouter()

    @router.get(
        HISTORY_PATH,
        response_model=list[Bar],
        tags=["bars"],
        operation_id="barsHistory",
        summary="Recent bars of a topic, oldest first",
        response_description="The topic's most recent bars, oldest first (`[]` if none was published yet).",
        responses={503: {"description": "The message broker (Redis), where the history is kept, is unavailable."}},
    )
    async def bars_history(query: Annotated[HistoryQuery, Query()]) -> list[Bar]:
        """The most recent bars published to `bars:{symbol}:{resolution}`, **oldest first**: at
        most `limit`, one per bar time, each in its latest state (the last one may still be
        forming). Load these first, then apply the topic's live `bars.update` messages from the
        WebSocket: an update with the same `time` as the last bar replaces it, a later `time`
        appends a bar. A topic nothing was published to yet answers `[]`.

        The server keeps the last `WS_HISTORY_SIZE` bars of up to `WS_HISTORY_TOPICS` topics
        (behind Redis: of every topic published to within `WS_SNAPSHOT_TTL` seconds; 503 while
        Redis is unavailable).
        """
        try:
            return await history.recent(bars_topic(query.symbol, query.resolution), query.limit)
        except BrokerUnavailable as exc:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc), headers={"Retry-After": "1"}) from None

    return router
