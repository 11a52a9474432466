"""The one subscriber connection a worker holds to Redis, and its health.

Pub/sub replies (messages, (un)subscribe acknowledgements, PINGs) share this connection, read by
`messages()`; the bookkeeping of which channel is live is app/pubsub/broker/subscriber_book.py.
When the connection breaks the broker is down: a reconnect loop with capped, jittered backoff
resubscribes every channel still wanted, and the broker counts as up again once Redis has
confirmed them all. A silent connection is pinged; a second silent interval means it is dead
even if TCP has not noticed (a vanished host).
"""

import asyncio
import logging
import random
from collections.abc import AsyncIterator
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection

from app.pubsub.broker.base import StateListener
from app.pubsub.broker.subscriber_book import ChannelBook

log = logging.getLogger(__name__)

IDLE_PING = 5.0
"""Seconds of silence on the subscriber connection before a PING."""
FIRST_RETRY = 0.1
"""Seconds before the first reconnect attempt; doubled per failure up to the configured cap."""


class RedisSubscriber:
    def __init__(
        self, client: Redis, url: str, reconnect_max: float, failures: tuple[type[BaseException], ...]
    ) -> None:
        self._client, self._url, self._reconnect_max, self._failures = client, url, reconnect_max, failures
        self._book = ChannelBook()
        self._conn: AbstractConnection | None = None
        self._writer: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Future[None]] = set()
        self._healthy = self._closed = False
        self._listeners: list[StateListener] = []

    @property
    def healthy(self) -> bool:
        return self._healthy

    def add_state_listener(self, listener: StateListener) -> None:
        self._listeners.append(listener)

    async def connect(self) -> None:
        """Open the connection once; raises what redis-py raises."""
        self._conn = await self._open()
        self._set_healthy(True)

    async def close(self) -> None:
        self._closed = True
        self._drop_connection()
        await asyncio.gather(*self._closing, return_exceptions=True)

    def subscribe(self, channel: str) -> asyncio.Future[None]:
        done = self._book.want(channel)
        self._kick()
        return done

    def unsubscribe(self, channel: str) -> None:
        self._book.drop(channel)
        self._kick()

    async def messages(self) -> AsyncIterator[tuple[str, bytes]]:
        """(channel, message) of the live channels, reconnecting as needed, until closed."""
        while not self._closed:
            conn = self._conn or await self._reconnect()
            try:
                async for item in self._read(conn):
                    yield item
            except self._failures as exc:
                if conn is self._conn:
                    self._drop_connection(exc)

    # ---- the connection ----------------------------------------------------------------

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
            log.warning("message broker %s is down (%s); reconnecting", self._url, error or type(error).__name__)
        self._set_healthy(False)

    def _set_healthy(self, healthy: bool) -> None:
        if healthy == self._healthy:
            return
        self._healthy = healthy
        for listener in self._listeners:
            listener(healthy)

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
        except self._failures as exc:
            log.debug("writing to the subscriber connection failed: %s", exc)
            if conn is self._conn:
                self._drop_connection(exc)  # the reader notices and reconnects
        finally:
            self._writer = None
        self._kick()  # commands queued for a newer connection meanwhile

    async def _reconnect(self) -> AbstractConnection:
        """Open a new subscriber connection, retrying with capped, jittered exponential backoff
        (until it works or the broker is closed: the app cancels this loop on shutdown)."""
        delay = FIRST_RETRY
        while True:
            await asyncio.sleep(random.uniform(delay / 2, delay))  # jitter: workers do not stampede
            try:
                conn = await self._open()
                break
            except self._failures as exc:
                log.debug("reconnecting to %s failed: %s", self._url, exc)
                delay = min(delay * 2, self._reconnect_max)
        self._conn = conn
        # Up once every resubscription is confirmed: the PING's answer comes after them.
        self._book.ping(self._resubscribed)
        self._kick()
        return conn

    def _resubscribed(self, answered: bool) -> None:
        if not answered:
            return  # lost again before Redis confirmed
        log.info("message broker %s is up again; %d channel(s) resubscribed", self._url, len(self._book.wanted))
        self._set_healthy(True)

    async def _read(self, conn: AbstractConnection) -> AsyncIterator[tuple[str, bytes]]:
        book = self._book
        silent = False
        while conn is self._conn:
            # disconnect_on_error=False: only _drop_connection closes it, so nothing reconnects it.
            reply: Any = await conn.read_response(timeout=IDLE_PING, disconnect_on_error=False)
            if reply is None:  # silence
                if silent:
                    raise TimeoutError(f"no answer to PING within {IDLE_PING} s")
                silent = True
                book.ping(_unanswered_is_fine)
                self._kick()
                continue
            silent = False
            kind = reply[0] if isinstance(reply, list) else b"pong"  # a bare PONG when nothing is subscribed
            if kind == b"message":
                channel = reply[1].decode()
                if book.live(channel):
                    yield channel, reply[2]
            elif kind in (b"subscribe", b"unsubscribe"):
                book.acked(reply[1].decode())
            elif kind == b"pong":
                book.ponged()


def _unanswered_is_fine(_: bool) -> None:
    """A keep-alive PING: its answer, or its loss, is seen by the reader itself."""
