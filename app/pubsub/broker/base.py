"""The broker interface: what carries published bars between the workers of one deployment.

Like encode/broadcaster's backends, one small interface picked by URL scheme; the hub's local
fan-out is the same whichever broker runs. A channel is a topic name (`bars:AAPL:1`); a
message is the exact `bars.update` frame its subscribers receive, serialized once by the
publisher. Besides pub/sub a broker keeps the last message of each channel, for the snapshot
a new subscriber gets on whichever worker it lands, and its recent history: one message per bar
time, the newest `history_size` of them, for `GET /api/v1/bars/history` on any worker. Both are
updated by the very transaction that publishes, so they never disagree with what was sent.
"""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import orjson

StateListener = Callable[[bool], None]


class BrokerUnavailable(Exception):
    """The broker cannot be reached; `message` says what that means for the caller."""


class Broker(Protocol):
    url: str
    """The broker's URL with any password masked: safe for logs and /healthz."""
    local: bool
    """True when nothing outside this process can publish or listen here (memory://): the app then
    runs the hub alone, whose own fan-out is all such a broker could add, without its hop."""

    @property
    def healthy(self) -> bool:
        """Connected, with every needed channel subscribed."""

    async def connect(self) -> None:
        """Connect once, or raise BrokerUnavailable naming the URL (startup fails on it)."""

    async def disconnect(self) -> None: ...

    def subscribe(self, channel: str) -> asyncio.Future[None]:
        """Start receiving `channel`. Takes effect at the call (calls reach the broker in call
        order); the awaitable completes once its messages flow, or when the broker is found down
        (it resubscribes on reconnect)."""

    def unsubscribe(self, channel: str) -> None:
        """Stop receiving `channel`; no message of it is handed out from now on."""

    async def publish(self, channel: str, *messages: bytes) -> None:
        """Publish `messages` in order, keep the last as the channel's snapshot and add each to
        its history, all or nothing, in one round trip. Raises BrokerUnavailable."""

    async def last(self, channels: Sequence[str]) -> list[bytes | None]:
        """The snapshot (last message) of each channel, if one is kept."""

    async def history(self, channel: str, limit: int) -> list[bytes]:
        """The newest `limit` messages of the channel's history, oldest first: one per bar time,
        each in its latest state (a message older than the newest kept was ignored). Raises
        BrokerUnavailable."""

    def keep(self, channel: str, message: bytes) -> None:
        """Add `message` to the channel's history without publishing it: a bar this worker
        delivered to its own subscribers only (the demo feed's). Never blocks: written in the
        background, best effort (dropped while the broker is down)."""

    async def barrier(self) -> None:
        """Return once every message published before the call was handed out by `messages()`
        (at once when the broker is down)."""

    def messages(self) -> AsyncIterator[tuple[str, bytes]]:
        """(channel, message) of the subscribed channels, in the broker's one order; runs
        (reconnecting as needed) until `disconnect()`."""

    def add_state_listener(self, listener: StateListener) -> None:
        """Call `listener(healthy)` whenever the broker goes down or comes back up."""


def bar_time(message: bytes) -> int | None:
    """The bar time of a `bars.update` frame, the score of its history entry; None if it has none."""
    try:
        time = orjson.loads(message)["payload"]["time"]
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return None
    return time if isinstance(time, int) and not isinstance(time, bool) else None


def redact_url(url: str) -> str:
    """`redis://user:secret@host:6379/0` -> `redis://user:***@host:6379/0`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
