"""`redis://` and `rediss://`: Redis pub/sub carries every published bar to every worker.

Names (documented in asyncapi.yaml for external producers), with the default prefix:
- channel `trading-ws:bars:AAPL:1`: the exact `bars.update` frame JSON clients receive;
- key `trading-ws:last:bars:AAPL:1`: the last such frame, kept `snapshot_ttl` seconds;
- key `trading-ws:history:bars:AAPL:1`: the topic's history, a sorted set of such frames scored
  by bar time, one per time, the newest `history_size` kept, expiring `snapshot_ttl` seconds
  after the last write.

Each worker holds one subscriber connection, read by `messages()`, and a small pool for
commands. A publish is one MULTI/EXEC round trip (PUBLISH each message, SET the last one, and
one EVAL of `KEEP` adding them all to the history), so a batch is published all or nothing and
the history never disagrees with what was published. Bars a worker delivered on its own (the
demo feed's) are added by `keep`, batched by one background writer. When the subscriber
connection breaks, the broker is down: publishing refuses at once, and a reconnect loop with
capped, jittered backoff resubscribes every channel still wanted before the broker counts as up
again.
"""

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Sequence
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError, ResponseError

from app.pubsub.broker.base import BrokerUnavailable, StateListener, bar_time, redact_url
from app.pubsub.broker.subscriber_book import ChannelBook

log = logging.getLogger(__name__)

IDLE_PING = 5.0
"""Seconds of silence on the subscriber connection before a PING; a second silent interval
means the connection is dead even if TCP has not noticed (a vanished host)."""
FIRST_RETRY = 0.1
"""Seconds before the first reconnect attempt; doubled per failure up to the configured cap."""
FAILURES = (RedisError, OSError, TimeoutError)

KEEP = """
-- KEYS[1]: a topic's history; ARGV: size, ttl, then the time and frame of each bar, in order.
-- The rule of app.http.history.MemoryHistory: the same time as the newest replaces it, a later
-- time appends, an older one is ignored; the newest `size` are kept. A producer sending bars
-- in time order gets the same with plain ZREMRANGEBYSCORE, ZADD, ZREMRANGEBYRANK, EXPIRE.
local key = KEYS[1]
local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2]
newest = newest and tonumber(newest)
for i = 3, #ARGV, 2 do
  local time = tonumber(ARGV[i])
  if newest == nil or time >= newest then
    redis.call('ZREMRANGEBYSCORE', key, ARGV[i], ARGV[i])
    redis.call('ZADD', key, ARGV[i], ARGV[i + 1])
    newest = time
  end
end
redis.call('ZREMRANGEBYRANK', key, 0, -1 - tonumber(ARGV[1]))
redis.call('EXPIRE', key, ARGV[2])
return 1
"""
"""Sent whole with EVAL, never EVALSHA: a script Redis lost (restart, SCRIPT FLUSH) would fail
inside MULTI after the PUBLISHes went out; EVAL costs a few hundred bytes and no round trip."""
MAX_KEPT_TOPICS = 10_000
"""Topics whose local-only bars (`keep`) may wait for the writer; more are dropped (logged)."""


class RedisBroker:
    local = False

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "trading-ws:",
        snapshot_ttl: int,
        history_size: int = 1000,
        timeout: float,
        reconnect_max: float,
    ) -> None:
        self.url = redact_url(url)
        # No retries inside redis-py: a failure must surface at once (503, /healthz) and the
        # reconnect loop below is the one place that retries.
        self._client = Redis.from_url(
            url, retry=Retry(NoBackoff(), 0), socket_connect_timeout=timeout, socket_timeout=timeout
        )
        self._prefix, self._ttl, self._timeout, self._reconnect_max = prefix, snapshot_ttl, timeout, reconnect_max
        self._history_size = history_size
        # keep(): topic -> (bar time, frame) not yet written, in order, consecutive same times merged
        self._kept: dict[str, list[tuple[int, bytes]]] = {}
        self._keeper: asyncio.Task[None] | None = None
        self._book = ChannelBook()
        self._conn: AbstractConnection | None = None  # the subscriber connection, while up
        self._writer: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Future[None]] = set()
        self._healthy = self._closed = False
        self._listeners: list[StateListener] = []

    @property
    def healthy(self) -> bool:
        return self._healthy

    def channel_name(self, topic: str) -> str:
        return f"{self._prefix}{topic}"

    def snapshot_key(self, topic: str) -> str:
        return f"{self._prefix}last:{topic}"

    def history_key(self, topic: str) -> str:
        return f"{self._prefix}history:{topic}"

    def add_state_listener(self, listener: StateListener) -> None:
        self._listeners.append(listener)

    # ---- lifecycle ---------------------------------------------------------------------

    async def connect(self) -> None:
        try:
            await self._client.ping()
            self._conn = await self._open()
        except FAILURES as exc:
            raise BrokerUnavailable(f"cannot reach the message broker at {self.url}: {exc}") from None
        self._set_healthy(True)

    async def disconnect(self) -> None:
        self._closed = True
        if self._keeper is not None:
            self._keeper.cancel()
            await asyncio.gather(self._keeper, return_exceptions=True)
        self._drop_connection()
        await asyncio.gather(*self._closing, return_exceptions=True)
        await self._client.aclose()

    async def _open(self) -> AbstractConnection:
        pool = self._client.connection_pool
        # Its own connection, outside the pool; RESP2 so that messages are plain arrays, and
        # without redis-py's maintenance notifications (RESP3 only): reconnecting is ours.
        kwargs = {**pool.connection_kwargs, "protocol": 2, "maint_notifications_config": None}
        kwargs["maint_notifications_pool_handler"] = None
        conn: AbstractConnection = pool.connection_class(**kwargs)
        await conn.connect()  # type: ignore[no-untyped-call]
        self._book.go_online()
        return conn

    def _drop_connection(self, error: BaseException | None = None) -> None:
        conn, self._conn = self._conn, None
        self._book.go_offline()
        if conn is not None:
            # Closing wakes a blocked reader; nothing reconnects it, as the reader and the writer
            # only use the connection that is current.
            closing = asyncio.ensure_future(conn.disconnect(nowait=True))
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)
        if self._healthy and error is not None:
            log.warning("message broker %s is down (%s); reconnecting", self.url, error or type(error).__name__)
        self._set_healthy(False)

    def _set_healthy(self, healthy: bool) -> None:
        if healthy == self._healthy:
            return
        self._healthy = healthy
        for listener in self._listeners:
            listener(healthy)

    # ---- commands ----------------------------------------------------------------------

    async def publish(self, channel: str, *messages: bytes) -> None:
        if not messages:
            return
        if not self._healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}); nothing was published")
        pipe = self._client.pipeline(transaction=True)
        for message in messages:
            pipe.publish(self.channel_name(channel), message)
        pipe.set(self.snapshot_key(channel), messages[-1], ex=self._ttl)
        self._add_to_history(pipe, channel, [(time, m) for m in messages if (time := bar_time(m)) is not None])
        try:
            results = await pipe.execute(raise_on_error=False)
        except FAILURES as exc:
            raise BrokerUnavailable(
                f"message broker unavailable ({self.url}): {exc}; the {len(messages)} bar(s) of this request "
                "were published all or none (one Redis transaction), and which is unknown"
            ) from None
        # Redis runs the rest of a transaction past a failing command (a history key somebody
        # overwrote with another type, say): the bars were published, so this is no 503.
        for result in results:
            if isinstance(result, Exception):
                log.warning("publishing to %s: a Redis command of the transaction failed: %s", channel, result)

    async def last(self, channels: Sequence[str]) -> list[bytes | None]:
        if not channels:
            return []
        if not self._healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url})")
        try:
            values = await self._client.mget([self.snapshot_key(c) for c in channels])
        except FAILURES as exc:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}): {exc}") from None
        return [value if isinstance(value, bytes) else None for value in values]

    async def history(self, channel: str, limit: int) -> list[bytes]:
        if not self._healthy:
            raise BrokerUnavailable(f"message broker unavailable ({self.url}), where the bar history is kept")
        try:
            values = await self._client.zrange(self.history_key(channel), -limit, -1)
        except ResponseError as exc:  # Redis is up, the key is not a history (overwritten by somebody)
            log.warning("the history of %s cannot be read: %s", channel, exc)
            return []
        except FAILURES as exc:
            raise BrokerUnavailable(
                f"message broker unavailable ({self.url}), where the bar history is kept: {exc}"
            ) from None
        return [value for value in values if isinstance(value, bytes)]

    def keep(self, channel: str, message: bytes) -> None:
        time = bar_time(message)
        if time is None or not self._healthy or self._closed:
            return  # nothing to keep, or nowhere to keep it now: like a publish, it is not retried
        pending = self._kept.get(channel)
        if pending is None:
            if len(self._kept) >= MAX_KEPT_TOPICS:
                log.warning("history writer lagging: a bar of %s was not kept", channel)
                return
            pending = self._kept[channel] = []
        if pending and pending[-1][0] == time:
            pending[-1] = (time, message)  # a newer state of the same bar: only the last counts
        else:
            pending.append((time, message))
            del pending[: -self._history_size]
        if self._keeper is None:
            self._keeper = asyncio.create_task(self._write_kept(), name="redis-history-writer")

    async def _write_kept(self) -> None:
        """Write what `keep` collected, one pipeline per round, until nothing waits."""
        try:
            while self._kept:
                kept, self._kept = self._kept, {}
                pipe = self._client.pipeline(transaction=False)  # each EVAL is atomic by itself
                for channel, bars in kept.items():
                    self._add_to_history(pipe, channel, bars)
                try:
                    await pipe.execute()
                except FAILURES as exc:
                    log.debug("keeping %d topic(s) of local bars in the history failed: %s", len(kept), exc)
        finally:
            self._keeper = None

    def _add_to_history(self, pipe: Any, channel: str, bars: Sequence[tuple[int, bytes]]) -> None:
        if not bars:
            return
        args: list[int | bytes] = [self._history_size, self._ttl]
        for time, message in bars:
            args += (time, message)
        pipe.eval(KEEP, 1, self.history_key(channel), *args)

    # ---- subscriptions -----------------------------------------------------------------

    def subscribe(self, channel: str) -> asyncio.Future[None]:
        done = self._book.want(self.channel_name(channel))
        self._kick()
        return done

    def unsubscribe(self, channel: str) -> None:
        self._book.drop(self.channel_name(channel))
        self._kick()

    async def barrier(self) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def answered(_: bool) -> None:
            if not done.done():
                done.set_result(None)

        self._book.ping(answered)
        self._kick()
        await asyncio.wait([done], timeout=self._timeout)

    def _kick(self) -> None:
        """Start the writer if commands wait; one writer keeps them in order."""
        if self._writer is None and self._book.commands and self._conn is not None:
            self._writer = asyncio.create_task(self._write(self._conn), name="redis-subscriber-writer")

    async def _write(self, conn: AbstractConnection) -> None:
        try:
            while self._book.commands and conn is self._conn:
                commands = list(self._book.commands)
                self._book.commands.clear()
                await conn.send_packed_command(conn.pack_commands(commands), check_health=False)
        except FAILURES as exc:
            log.debug("writing to the subscriber connection failed: %s", exc)
            if conn is self._conn:
                self._drop_connection(exc)  # the reader notices and reconnects
        finally:
            self._writer = None
        self._kick()  # commands queued for a newer connection meanwhile

    # ---- the subscriber connection -----------------------------------------------------

    async def messages(self) -> AsyncIterator[tuple[str, bytes]]:
        while not self._closed:
            conn = self._conn or await self._reconnect()
            try:
                async for item in self._read(conn):
                    yield item
            except FAILURES as exc:
                if conn is self._conn:
                    self._drop_connection(exc)

    async def _reconnect(self) -> AbstractConnection:
        """Open a new subscriber connection, retrying with capped, jittered exponential backoff
        (until it works or the broker is closed: the app cancels this loop on shutdown)."""
        delay = FIRST_RETRY
        while True:
            await asyncio.sleep(random.uniform(delay / 2, delay))  # jitter: workers do not stampede
            try:
                conn = await self._open()
                break
            except FAILURES as exc:
                log.debug("reconnecting to %s failed: %s", self.url, exc)
                delay = min(delay * 2, self._reconnect_max)
        self._conn = conn
        # Up once every resubscription is confirmed: the PING's answer comes after them.
        self._book.ping(self._resubscribed)
        self._kick()
        return conn

    def _resubscribed(self, answered: bool) -> None:
        if not answered:
            return  # lost again before Redis confirmed
        log.info("message broker %s is up again; %d channel(s) resubscribed", self.url, len(self._book.wanted))
        self._set_healthy(True)

    async def _read(self, conn: AbstractConnection) -> AsyncIterator[tuple[str, bytes]]:
        prefix = len(self._prefix)
        book = self._book
        silent = False
        while conn is self._conn:
            # disconnect_on_error=False: only _drop_connection closes it, so nothing reconnects it.
            reply: Any = await conn.read_response(timeout=IDLE_PING, disconnect_on_error=False)
            if reply is None:  # silence
                if silent:
                    raise TimeoutError(f"no answer to PING within {IDLE_PING} s")
                silent = True
                book.ping(lambda _: None)
                self._kick()
                continue
            silent = False
            kind = reply[0] if isinstance(reply, list) else b"pong"  # a bare PONG when nothing is subscribed
            if kind == b"message":
                channel = reply[1].decode()
                if book.live(channel):
                    yield channel[prefix:], reply[2]
            elif kind in (b"subscribe", b"unsubscribe"):
                book.acked(reply[1].decode())
            elif kind == b"pong":
                book.ponged()
