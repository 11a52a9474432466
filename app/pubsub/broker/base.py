"""The broker interface: what carries published messages between the workers of one deployment.

Like encode/broadcaster's backends, one small interface picked by URL scheme; the hub's local
fan-out is the same whichever broker runs. A channel is a topic's name; a message is the exact
update frame its subscribers receive, numbered and serialized once, by the broker itself (a
Lua script in Redis: app/pubsub/broker/scripts/publish.lua), so every worker sees the same
`seq` for it. The broker keeps each topic's stream (epoch, sequence, kept messages) for
recovery and history on any worker, updated by the very call that publishes.
"""

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from app.pubsub.topic_log import KeepRule, Position

StateListener = Callable[[bool], None]
Item = tuple[int | None, bytes]
"""A message to publish: its state key (None unless its family is keyed) and its payload JSON."""


class BrokerUnavailable(Exception):
    """The broker cannot be reached; `message` says what that means for the caller."""


@dataclass(frozen=True, slots=True)
class Recovery:
    """A topic's stream as the broker keeps it, for a client at `since` (or at no position).

    `frames` are the kept frames after `since` when it can be served exactly (`recovered`), else
    the newest kept frame (if any), oldest first, as stored: unchecked."""

    position: Position
    trimmed: int
    recovered: bool
    frames: list[bytes]


@dataclass(frozen=True, slots=True)
class BookState:
    """A symbol's whole book as the broker keeps it: where its stream of changes stands, the
    time of the last change, and each side's levels (price, size), unordered, unchecked."""

    position: Position
    time: int
    bids: list[tuple[str, str]]
    asks: list[tuple[str, str]]


class Broker(Protocol):
    url: str
    """The broker's URL with any password masked: safe for logs and /healthz."""

    @property
    def healthy(self) -> bool:
        """Connected, with every needed channel subscribed."""

    async def connect(self) -> None:
        """Connect once, or raise BrokerUnavailable naming the URL (startup fails on it)."""

    async def disconnect(self) -> None: ...

    def subscribe(self, topic: str) -> asyncio.Future[None]:
        """Start receiving `topic`. Takes effect at the call (calls reach the broker in call
        order); the awaitable completes once its messages flow, or when the broker is found down
        (it resubscribes on reconnect)."""

    def unsubscribe(self, topic: str) -> None:
        """Stop receiving `topic`; no message of it is handed out from now on."""

    async def publish(self, topic: str, kind: str, rule: KeepRule, items: Sequence[Item]) -> Position:
        """Number, frame, publish and keep `items` in order, all or nothing, in one round trip;
        the topic's position after the last. Raises BrokerUnavailable."""

    def keep(self, topic: str, kind: str, rule: KeepRule, items: Sequence[Item]) -> None:
        """Keep `items` in the topic's stream without publishing them (history backfill). Never
        blocks: written in the background, best effort (dropped while the broker is down)."""

    async def publish_book(self, source: str, kind: str, changes: Sequence[bytes]) -> Position:
        """Apply changes (payload JSON each) to the whole book of `source` kept by the broker,
        number them and publish each as a `kind` frame, all or nothing, in one round trip; the
        source's position after the last. Raises BrokerUnavailable."""

    async def book_state(self, source: str) -> BookState:
        """The whole book of `source` and its position, read at one moment (a new, empty stream
        when the broker has none). Raises BrokerUnavailable."""

    async def recover(self, requests: Sequence[tuple[str, Position | None]]) -> list[Recovery]:
        """For each (topic, since), the topic's stream and what a client at `since` missed, in one
        round trip. A topic the broker has no stream of starts one (epoch, seq 0). Raises
        BrokerUnavailable."""

    async def history(self, topic: str, limit: int, end: int | None, key: Sequence[str]) -> list[bytes]:
        """Up to `limit` kept frames before `end` (exclusive, by the payload path `key`, or by seq
        when `key` is empty), the newest ones, oldest first, unchecked. Raises BrokerUnavailable."""

    def messages(self) -> AsyncIterator[tuple[str, bytes]]:
        """(topic, frame) of the subscribed topics, in the broker's one order; runs
        (reconnecting as needed) until `disconnect()`."""

    def add_state_listener(self, listener: StateListener) -> None:
        """Call `listener(healthy)` whenever the broker goes down or comes back up."""

    async def lease(self, topics: list[str], owner: str, ttl_ms: int) -> list[bool]:
        """Take or keep, for `owner`, the lease of each topic's in-process producer (the demo
        market): which ones it holds now. A lease lapses after `ttl_ms` unless kept."""

    async def release(self, topics: list[str], owner: str) -> None:
        """Give back the leases of `topics` that `owner` holds."""


def redact_url(url: str) -> str:
    """`redis://user:secret@host:6379/0` -> `redis://user:***@host:6379/0`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, host = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
