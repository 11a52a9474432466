"""`redis://` and `rediss://`: one Redis carries every topic's stream to every worker.

Names, with the default prefix (documented in asyncapi.yaml for external producers); the hash
tag `{topic}` keeps a topic's three names in one slot:
- channel `trading-ws:{bars:AAPL:1}`: the exact update frames clients receive;
- hash `trading-ws:{bars:AAPL:1}:meta`: the stream's epoch, last seq, trimmed seq and newest key;
- sorted set `trading-ws:{bars:AAPL:1}:log`: the kept frames, scored by seq;
- for a book's source (`orderbook:AAPL`), hashes `...:bids` and `...:asks`: its whole book.

Every command is one of the Lua scripts beside this file, each atomic: `publish.lua` numbers,
frames, publishes and keeps a batch in one round trip (so every worker and every subscriber
sees the same seq for the same message); `recover.lua` reads a stream's position and what a
client missed; `history.lua` pages the kept frames; `book.lua` applies, numbers and publishes
changes of a whole book, `book_state.lua` reads a book and its position at one moment;
`lease.lua` / `release.lua` hand out the demo market's topics to one worker each. Scripts run
by EVALSHA and are loaded again when Redis lost them (a restart, SCRIPT FLUSH). The subscriber
connection is app/pubsub/broker/redis_subscriber.py.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError, RedisError, ResponseError

from app.pubsub.broker.base import BookState, BrokerUnavailable, Item, Recovery, StateListener, redact_url
from app.pubsub.broker.redis_subscriber import RedisSubscriber
from app.pubsub.topic_log import KeepRule, Position, new_epoch

log = logging.getLogger(__name__)

FAILURES = (RedisError, OSError, TimeoutError)
SCRIPTS = Path(__file__).parent / "scripts"
MAX_KEPT = 10_000
"""Backfill batches (`keep`) that may wait for the writer; more are dropped (logged)."""


def keep_mode(rule: KeepRule) -> str:
    """publish.lua's name for how a family keeps its messages."""
    return "keyed" if rule.keyed else "latest" if rule.replace_all else "stream"


def _levels(fields: Sequence[bytes]) -> list[tuple[str, str]]:
    """book.lua's `price:size` values as levels."""
    levels = []
    for value in fields:
        price, _, size = value.decode().partition(":")
        levels.append((price, size))
    return levels


class _Script:
    """A Lua script run by its SHA1, loaded once more if Redis forgot it."""

    def __init__(self, name: str) -> None:
        self.text = (SCRIPTS / f"{name}.lua").read_text()
        self.sha = ""

    async def run(self, client: Redis, keys: Sequence[str], args: Sequence[Any]) -> Any:
        try:
            return await client.evalsha(self.sha or await self.load(client), len(keys), *keys, *args)
        except NoScriptError:
            return await client.evalsha(await self.load(client), len(keys), *keys, *args)

    async def load(self, client: Redis) -> str:
        self.sha = str(await client.script_load(self.text))
        return self.sha


class RedisBroker:
    def __init__(self, url: str, *, prefix: str, snapshot_ttl: int, timeout: float, reconnect_max: float) -> None:
        self.url = redact_url(url)
        # No retries inside redis-py: a failure must surface at once (503, /healthz), and the
        # subscriber's reconnect loop is the one place that retries.
        self._client = Redis.from_url(
            url, retry=Retry(NoBackoff(), 0), socket_connect_timeout=timeout, socket_timeout=timeout
        )
        self._prefix, self._ttl = prefix, snapshot_ttl
        self._subscriber = RedisSubscriber(self._client, self.url, reconnect_max, FAILURES)
        self._publish, self._recover, self._history = _Script("publish"), _Script("recover"), _Script("history")
        self._lease, self._release = _Script("lease"), _Script("release")
        self._book, self._book_state = _Script("book"), _Script("book_state")
        self._kept: list[tuple[str, str, KeepRule, Sequence[Item]]] = []
        self._keeper: asyncio.Task[None] | None = None

    @property
    def healthy(self) -> bool:
        return self._subscriber.healthy

    def add_state_listener(self, listener: StateListener) -> None:
        self._subscriber.add_state_listener(listener)

    # ---- names -------------------------------------------------------------------------

    def channel(self, topic: str) -> str:
        return f"{self._prefix}{{{topic}}}"

    def keys(self, topic: str) -> tuple[str, str]:
        """The topic's stream state (a hash) and its kept frames (a sorted set)."""
        base = self.channel(topic)
        return f"{base}:meta", f"{base}:log"

    def book_keys(self, source: str) -> tuple[str, str, str]:
        """A book's stream state and its two sides (hashes)."""
        base = self.channel(source)
        return f"{base}:meta", f"{base}:bids", f"{base}:asks"

    def topic_of_channel(self, channel: str) -> str:
        return channel[len(self._prefix) + 1 : -1]

    # ---- lifecycle ---------------------------------------------------------------------

    async def connect(self) -> None:
        try:
            await self._client.ping()
            await self._subscriber.connect()
        except FAILURES as exc:
            raise BrokerUnavailable(f"cannot reach the message broker at {self.url}: {exc}") from None

    async def disconnect(self) -> None:
        if self._keeper is not None:
            self._keeper.cancel()
            await asyncio.gather(self._keeper, return_exceptions=True)
        await self._subscriber.close()
        await self._client.aclose()

    # ---- pub/sub -----------------------------------------------------------------------

    def subscribe(self, topic: str) -> asyncio.Future[None]:
        return self._subscriber.subscribe(self.channel(topic))

    def unsubscribe(self, topic: str) -> None:
        self._subscriber.unsubscribe(self.channel(topic))

    async def messages(self) -> AsyncIterator[tuple[str, bytes]]:
        async for channel, message in self._subscriber.messages():
            yield self.topic_of_channel(channel), message

    # ---- streams -----------------------------------------------------------------------

    def _publish_args(self, topic: str, kind: str, rule: KeepRule, items: Sequence[Item], deliver: bool) -> list[Any]:
        args: list[Any] = [self.channel(topic), kind, topic, new_epoch(), rule.capacity, self._ttl]
        args += [keep_mode(rule), 1 if deliver else 0]
        for key, payload in items:
            args += ("" if key is None else key, payload)
        return args

    async def publish(self, topic: str, kind: str, rule: KeepRule, items: Sequence[Item]) -> Position:
        if not self.healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}); nothing was published")
        try:
            epoch, seq = await self._publish.run(
                self._client, self.keys(topic), self._publish_args(topic, kind, rule, items, deliver=True)
            )
        except FAILURES as exc:
            raise BrokerUnavailable(
                f"message broker unavailable ({self.url}): {exc}; the {len(items)} message(s) of this request "
                "were published all or none (one Redis script), and which is unknown"
            ) from None
        return Position(int(seq), epoch.decode())

    def keep(self, topic: str, kind: str, rule: KeepRule, items: Sequence[Item]) -> None:
        if not items or not self.healthy:
            return  # nothing to keep, or nowhere to keep it now: like a publish, it is not retried
        if len(self._kept) >= MAX_KEPT:
            log.warning("history writer lagging: %d message(s) of %s were not kept", len(items), topic)
            return
        self._kept.append((topic, kind, rule, items))
        if self._keeper is None:
            self._keeper = asyncio.create_task(self._write_kept(), name="redis-history-writer")

    async def _write_kept(self) -> None:
        """Write what `keep` collected, in order, until nothing waits."""
        try:
            while self._kept:
                kept, self._kept = self._kept, []
                for topic, kind, rule, items in kept:
                    args = self._publish_args(topic, kind, rule, items, deliver=False)
                    try:
                        await self._publish.run(self._client, self.keys(topic), args)
                    except FAILURES as exc:
                        log.debug("keeping %d message(s) of %s failed: %s", len(items), topic, exc)
        finally:
            self._keeper = None

    async def recover(self, requests: Sequence[tuple[str, Position | None]]) -> list[Recovery]:
        if not requests:
            return []
        if not self.healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url})")
        calls = []
        for topic, since in requests:
            position = ("", "") if since is None else (since.seq, since.epoch)
            calls.append((self.keys(topic), [new_epoch(), self._ttl, *position]))
        try:
            replies = await self._run_all(self._recover, calls)
        except FAILURES as exc:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}): {exc}") from None
        return [
            Recovery(Position(int(seq), epoch.decode()), int(trimmed), recovered == 1, list(frames))
            for epoch, seq, trimmed, recovered, frames in replies
        ]

    async def history(self, topic: str, limit: int, end: int | None, key: Sequence[str]) -> list[bytes]:
        if not self.healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}), where the history is kept")
        args = [limit, "" if end is None else end, *key]
        try:
            frames = await self._history.run(self._client, [self.keys(topic)[1]], args)
        except ResponseError as exc:  # Redis is up; the key is not a history (overwritten by somebody)
            log.warning("the history of %s cannot be read: %s", topic, exc)
            return []
        except FAILURES as exc:
            raise BrokerUnavailable(
                f"message broker unavailable ({self.url}), where the history is kept: {exc}"
            ) from None
        return [frame for frame in frames if isinstance(frame, bytes)]

    async def publish_book(self, source: str, kind: str, changes: Sequence[bytes]) -> Position:
        if not self.healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}); nothing was published")
        args = [self.channel(source), kind, source, new_epoch(), self._ttl, *changes]
        try:
            epoch, seq = await self._book.run(self._client, self.book_keys(source), args)
        except FAILURES as exc:
            raise BrokerUnavailable(
                f"message broker unavailable ({self.url}): {exc}; the {len(changes)} change(s) of this request "
                "were applied all or none (one Redis script), and which is unknown"
            ) from None
        return Position(int(seq), epoch.decode())

    async def book_state(self, source: str) -> BookState:
        if not self.healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}), where the book is kept")
        try:
            epoch, seq, time, bids, asks = await self._book_state.run(
                self._client, self.book_keys(source), [new_epoch(), self._ttl]
            )
        except FAILURES as exc:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}), where the book is kept: {exc}") from None
        return BookState(Position(int(seq), epoch.decode()), int(time), _levels(bids), _levels(asks))

    async def _run_all(self, script: _Script, calls: Sequence[tuple[Sequence[str], Sequence[Any]]]) -> list[Any]:
        """Run `script` once per (keys, args) in one round trip (a pipeline, not a transaction)."""
        for attempt in range(2):
            pipe = self._client.pipeline(transaction=False)
            sha = script.sha or await script.load(self._client)
            for keys, args in calls:
                pipe.evalsha(sha, len(keys), *keys, *args)
            replies = await pipe.execute(raise_on_error=False)
            if attempt == 0 and any(isinstance(reply, NoScriptError) for reply in replies):
                await script.load(self._client)
                continue
            for reply in replies:
                if isinstance(reply, Exception):
                    raise reply
            return list(replies)
        raise AssertionError("unreachable")

    # ---- leases (which worker runs the demo market of a topic) -------------------------

    def lease_key(self, topic: str) -> str:
        return f"{self.channel(topic)}:lease"

    async def lease(self, topics: Sequence[str], owner: str, ttl_ms: int) -> list[bool]:
        """Take or keep the lease of each topic for `owner`; which ones it holds now."""
        if not topics:
            return []
        held = await self._lease.run(self._client, [self.lease_key(t) for t in topics], [owner, ttl_ms])
        return [bool(flag) for flag in held]

    async def release(self, topics: Sequence[str], owner: str) -> None:
        if topics:
            await self._release.run(self._client, [self.lease_key(t) for t in topics], [owner])
