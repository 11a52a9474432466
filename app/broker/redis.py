"""`redis://` and `rediss://`: Redis pub/sub carries every published bar to every worker.

Names (documented in asyncapi.yaml for external producers), with the default prefix:
- channel `trading-ws:bars:AAPL:1`: the exact `bars.update` frame JSON clients receive;
- key `trading-ws:last:bars:AAPL:1`: the last such frame, kept `snapshot_ttl` seconds.

Each worker holds one subscriber connection, read by `messages()`, and a small pool for
commands. A publish is one MULTI/EXEC round trip (PUBLISH each message, SET the last one), so
a batch is published all or nothing. When the subscriber connection breaks, the broker is
down: publishing refuses at once, and a reconnect loop with capped, jittered backoff
resubscribes every channel still wanted before the broker counts as up again.
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
from redis.exceptions import RedisError

from app.broker.base import BrokerUnavailable, StateListener, redact_url
from app.broker.channels import ChannelBook

log = logging.getLogger(__name__)

IDLE_PING = 5.0
"""Seconds of silence on the subscriber connection before a PING; a second silent interval
means the connection is dead even if TCP has not noticed (a vanished host)."""
FIRST_RETRY = 0.1
"""Seconds before the first reconnect attempt; doubled per failure up to the configured cap."""
FAILURES = (RedisError, OSError, TimeoutError)


class RedisBroker:
    local = False

    def __init__(
        self, url: str, *, prefix: str = "trading-ws:", snapshot_ttl: int, timeout: float, reconnect_max: float
    ) -> None:
        self.url = redact_url(url)
        # No retries inside redis-py: a failure must surface at once (503, /healthz) and the
        # reconnect loop below is the one place that retries.
        self._client = Redis.from_url(
            url, retry=Retry(NoBackoff(), 0), socket_connect_timeout=timeout, socket_timeout=timeout
        )
        self._prefix, self._ttl, self._timeout, self._reconnect_max = prefix, snapshot_ttl, timeout, reconnect_max
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
        try:
            await pipe.execute()
        except FAILURES as exc:
            raise BrokerUnavailable(
                f"message broker unavailable ({self.url}): {exc}; the {len(messages)} bar(s) of this request "
                "were published all or none (one Redis transaction), and which is unknown"
            ) from None

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
