# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: d5424377e409c70ab5aaa196c569eac8eb43fa9367c169921f2f4334b84e0b99  generator: codegen 1.0.0
"""Order books on the client: a local copy of one topic `orderbook:{symbol}:{depth}`,
kept in step with the server's snapshot and updates and checked against the checksum of every
message (see "Order books" in the spec's description).

    async with watch_order_book(client, "AAPL", 10, on_book=show) as watch:
        book = await watch.wait_for(timeout=5)  # the first snapshot, applied and verified
        print(book.bids()[:1], book.asks()[:1], watch.resyncs)

`OrderBook` is the pure part (no I/O): apply a snapshot or an update, read both sides sorted,
compute the checksum (`book_checksum`, zlib's CRC-32). `watch_order_book` drives one on a client:
it listens to the topic (`client.listen`, so the runtime replays the subscribe after every
reconnect and the fresh snapshot replaces the book), subscribes with
`client.orderbook_subscribe`, verifies each update's `seq` (the previous one + 1, same `epoch`)
and every checksum, and on a gap, a mismatch or an unreadable frame subscribes again
(`orderbook_unsubscribe` + `orderbook_subscribe`: a fresh snapshot), with at most one
resubscribe in flight and growing delays between resubscribes that follow each other without a
good update in between, so a persistent mismatch cannot loop.
Do not also hold the same topic with `client.subscribe_orderbook`: a resync unsubscribes it.

Prices and sizes stay the decimal strings the server sent (the checksum is over them, as sent);
prices are ordered as decimals ("99.75" < "100.5" < "1000"), never as strings or floats.
"""

import asyncio
import bisect
import contextlib
import logging
import zlib
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from .client import TradingWebSocketsClient
from .client_runtime import ConnectionState, JsonObject
from .models import (
    BookRequest,
    BookView,
    Depth,
    OrderbookSnapshotMessage as SnapshotMessage,
    OrderbookSubscribeMessage as SubscribeMessage,
    OrderbookUpdateMessage as UpdateMessage,
)
from .protocol import orderbook_topic_of as topic_of

__all__ = [
    "BookResult",
    "OrderBook",
    "OrderBookWatch",
    "PriceLevel",
    "ResyncReason",
    "SubscribeRefused",
    "book_checksum",
    "book_checksum_string",
    "watch_order_book",
]

log = logging.getLogger("generated.orderbook")

#: What applying a message did: applied and verified, refused for its `seq`, or applied but wrong.
BookResult = Literal["ok", "gap", "checksum"]
#: Why a watch subscribed again: a `seq` gap (or a new epoch), a checksum mismatch, a frame of
#: the topic it could not read, or a resubscribe that failed.
ResyncReason = Literal["gap", "checksum", "invalid", "failed"]
#: One price level, `(price, size)`, both exactly as the server sent them.
PriceLevel = tuple[str, str]
Levels = Sequence[Sequence[str]]

SNAPSHOT = "orderbook.snapshot"
UPDATE = "orderbook.update"
SUBSCRIBE_REPLY = "orderbook.subscribe.response"


class SubscribeRefused(Exception):
    """The server answered a subscribe with a status other than `ok`."""


# ---- the checksum ---------------------------------------------------------------------------


def book_checksum_string(asks: Levels, bids: Levels, depth: int | None = None) -> str:
    """`price:size` of the asks (ascending), then the bids (descending), joined by `|`; each side
    is cut to `depth` here, but must already be sorted."""
    return "|".join(f"{price}:{size}" for price, size in [*asks[:depth], *bids[:depth]])


def book_checksum(asks: Levels, bids: Levels, depth: int | None = None) -> int:
    """CRC-32 (IEEE, zlib's, unsigned) of the UTF-8 of `book_checksum_string`."""
    return zlib.crc32(book_checksum_string(asks, bids, depth).encode("utf-8"))


# ---- the book -------------------------------------------------------------------------------


class _Side:
    """One side, best first: bids descending, asks ascending. Levels are keyed by their price as
    a Decimal ("100.5" and "100.50" are one level) and keep the strings as sent."""

    def __init__(self, descending: bool) -> None:
        self._descending = descending
        self._keys: list[Decimal] = []  # sort keys (the price, negated for bids), ascending
        self._levels: dict[Decimal, PriceLevel] = {}

    def clear(self) -> None:
        self._keys.clear()
        self._levels.clear()

    def apply(self, price: str, size: str) -> None:
        # Exact: Decimal() of a string and copy_negate() never round (arithmetic would, to the
        # context's 28 digits, and the spec's prices have up to 30).
        key = Decimal(price).copy_negate() if self._descending else Decimal(price)
        if Decimal(size) == 0:
            if self._levels.pop(key, None) is not None:
                del self._keys[bisect.bisect_left(self._keys, key)]
            return
        if key not in self._levels:
            bisect.insort(self._keys, key)
        self._levels[key] = (price, size)

    def cut(self, depth: int) -> None:
        for key in self._keys[depth:]:
            del self._levels[key]
        del self._keys[depth:]

    def levels(self) -> list[PriceLevel]:
        return [self._levels[key] for key in self._keys]


def _view(payload: BookView | Mapping[str, Any]) -> BookView:
    return payload if isinstance(payload, BookView) else BookView.model_validate(payload)


class OrderBook:
    """The top `depth` levels of each side of one book. Apply the topic's snapshot, then its
    updates in order; every result says whether the book is still the server's. An update is
    refused ("gap", the book unchanged) unless its `seq` is the previous message's + 1 and the
    book is in sync; after a "gap" or a "checksum" the book stays out of sync until the next
    snapshot. Payloads are BookView models or mappings validated as one (a bad one raises
    pydantic's ValidationError and changes nothing)."""

    def __init__(self, depth: int) -> None:
        if depth < 1:
            raise ValueError(f"depth must be a positive integer, got {depth}")
        self.depth = depth
        self._bids = _Side(descending=True)
        self._asks = _Side(descending=False)
        self._seq: int | None = None
        self._time: int | None = None
        self._synced = False

    @property
    def seq(self) -> int | None:
        """The `seq` of the last message applied (None before the first snapshot)."""
        return self._seq

    @property
    def time(self) -> int | None:
        """The `time` of the last message applied."""
        return self._time

    @property
    def synced(self) -> bool:
        """True after a snapshot and every update since applied with matching checksums."""
        return self._synced

    def apply_snapshot(
        self, payload: BookView | Mapping[str, Any], seq: int
    ) -> Literal["ok", "checksum"]:
        """Replace the whole book (a snapshot may come at any time: it always wins)."""
        view = _view(payload)
        self._bids.clear()
        self._asks.clear()
        return self._apply(view, seq)

    def apply_update(self, payload: BookView | Mapping[str, Any], seq: int) -> BookResult:
        """Apply the changed levels of an update (absolute sizes; size "0" removes the level)."""
        view = _view(payload)
        if not self._synced or self._seq is None or seq != self._seq + 1:
            self._synced = False
            return "gap"
        return self._apply(view, seq)

    def mark_stale(self) -> None:
        """The book is no longer known to be the server's; its levels are kept."""
        self._synced = False

    def reset(self) -> None:
        """Forget everything: no levels, no seq, out of sync."""
        self._bids.clear()
        self._asks.clear()
        self._seq = self._time = None
        self._synced = False

    def bids(self) -> list[PriceLevel]:
        """Bids, best (highest) first, at most `depth`."""
        return self._bids.levels()

    def asks(self) -> list[PriceLevel]:
        """Asks, best (lowest) first, at most `depth`."""
        return self._asks.levels()

    def checksum_string(self) -> str:
        return book_checksum_string(self.asks(), self.bids(), self.depth)

    def checksum(self) -> int:
        """The book's checksum, as the server computes it."""
        return book_checksum(self.asks(), self.bids(), self.depth)

    def _apply(self, view: BookView, seq: int) -> Literal["ok", "checksum"]:
        for price, size in view.bids:
            self._bids.apply(price, size)
        for price, size in view.asks:
            self._asks.apply(price, size)
        self._bids.cut(self.depth)
        self._asks.cut(self.depth)
        self._seq, self._time = seq, view.time
        self._synced = self.checksum() == view.checksum
        return "ok" if self._synced else "checksum"


# ---- watching a topic -----------------------------------------------------------------------


class OrderBookWatch:
    """One topic's book kept in step on `client`; an async context manager (or `start()` and
    `close()`). `book` is the local book (`book.synced`: whether it is the server's now),
    `resyncs` the resubscribes started so far, `last_error` the last failure of one."""

    def __init__(
        self,
        client: TradingWebSocketsClient,
        symbol: str,
        depth: Depth = 10,
        on_book: Callable[[OrderBook], None] | None = None,
        drop_frame: Callable[[JsonObject], bool] | None = None,
        *,
        on_resync: Callable[[ResyncReason], None] | None = None,
        resync_delay: float = 0.25,
        resync_delay_cap: float = 30.0,
    ) -> None:
        self.client = client
        self.request = BookRequest.model_validate({"symbol": symbol, "params": {"depth": depth}})
        self.topic = topic_of(self.request)
        self.book = OrderBook(depth)
        self.resyncs = 0
        self.last_error: Exception | None = None
        self._on_book, self._drop_frame, self._on_resync = on_book, drop_frame, on_resync
        self._delay, self._delay_cap = resync_delay, resync_delay_cap
        self._replay = (
            SubscribeMessage(payload=self.request).model_dump_json(exclude_none=True).encode(),
            SUBSCRIBE_REPLY,
        )
        self._active = False
        self._epoch: str | None = None
        self._in_row = 0  # resubscribes since the last good update
        self._task: asyncio.Task[None] | None = None  # the resubscribe in flight
        self._due: ResyncReason | None = None  # why another is due once it ends
        # True while the topic's next frame must be a snapshot: the only subscription of it is
        # one whose snapshot has not come (an update then means the snapshot was lost).
        self._only_fresh = True
        self._applied = asyncio.Event()  # set and replaced after every applied message

    async def __aenter__(self) -> "OrderBookWatch":
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        """Listen to the topic, then subscribe; raises (and forgets the topic) if that fails."""
        self._active = True
        # Listen first so the snapshot that follows the reply is not missed.
        self.client.listen(self.topic, self._on_frame, self._replay)
        try:
            reply = await self.client.orderbook_subscribe(self.request)
            if reply.status != "ok":
                raise SubscribeRefused(f"{self.topic}: {reply.message}")
        except BaseException:
            self._active = False
            self.client.unlisten(self.topic, self._on_frame)
            raise

    async def close(self) -> None:
        """Stop: no more callbacks; the server is told if connected."""
        if not self._active:
            return
        self._active = False
        self.book.mark_stale()
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if (
            self.client.unlisten(self.topic, self._on_frame)
            and self.client.state is ConnectionState.CONNECTED
        ):
            with contextlib.suppress(ConnectionError, TimeoutError):
                await self.client.orderbook_unsubscribe(self.request)

    async def wait_for(
        self,
        predicate: Callable[[OrderBook], bool] = lambda book: True,
        timeout: float | None = None,
    ) -> OrderBook:
        """The book, once it is in sync and `predicate(book)` holds (checked after every applied
        message); TimeoutError after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while not (self.book.synced and predicate(self.book)):
                await self._applied.wait()
        return self.book

    # ---- frames ------------------------------------------------------------------------

    def _on_frame(self, frame: JsonObject) -> None:
        kind = frame.get("type")
        if not self._active or kind not in (SNAPSHOT, UPDATE):
            return
        if self._drop_frame is not None and self._drop_frame(frame):
            return
        try:
            message = (SnapshotMessage if kind == SNAPSHOT else UpdateMessage).model_validate(frame)
        except ValueError:
            self._resync("invalid")
            raise  # the runtime reports it as an InvalidFrame
        result: BookResult
        if isinstance(message, SnapshotMessage):
            self._epoch = message.epoch
            result = self.book.apply_snapshot(message.payload, message.seq)
        elif not self.book.synced:
            if self._only_fresh:  # the snapshot after the subscribe reply was lost
                self._resync("gap")
            return  # else a fresh snapshot is on its way; updates before it are of no use
        elif message.epoch != self._epoch:
            result = "gap"
        else:
            result = self.book.apply_update(message.payload, message.seq)
            if result == "ok":
                self._in_row = 0
        if result != "ok":
            self._resync(result)
            return
        applied, self._applied = self._applied, asyncio.Event()
        applied.set()
        if self._on_book is not None:
            try:
                self._on_book(self.book)
            except Exception:  # user code must not break the client's read loop
                log.exception("order book %s: on_book raised", self.topic)

    # ---- resubscribing -----------------------------------------------------------------

    def _resync(self, reason: ResyncReason) -> None:
        """Start a resubscribe, or note that one is due after the one in flight."""
        self.book.mark_stale()
        if not self._active:
            return
        self._only_fresh = False  # until the old subscription is gone, its updates may follow
        if self._task is not None and not self._task.done():
            self._due = self._due or reason
            return
        self._task = asyncio.get_running_loop().create_task(
            self._resubscribe(reason), name=f"resync {self.topic}"
        )

    async def _resubscribe(self, reason: ResyncReason | None) -> None:
        while reason is not None and self._active:
            self.resyncs += 1
            self._in_row += 1
            log.info("order book %s: subscribing again (%s)", self.topic, reason)
            if self._on_resync is not None:
                self._on_resync(reason)
            if self._in_row >= 2:
                await asyncio.sleep(min(self._delay_cap, self._delay * 2 ** (self._in_row - 2)))
            failed = False
            try:
                try:
                    await self.client.orderbook_unsubscribe(self.request)
                    self._only_fresh = True  # no update of the old subscription can follow
                except TimeoutError:
                    pass
                reply = await self.client.orderbook_subscribe(self.request)
                if reply.status != "ok":
                    raise SubscribeRefused(f"{self.topic}: {reply.message}")
            except ConnectionError:
                self._only_fresh = True  # the new connection holds only the runtime's replay
                return  # the runtime subscribes again once reconnected: a fresh snapshot
            except (TimeoutError, SubscribeRefused, ValueError) as exc:
                log.warning("order book %s: subscribing again failed: %s", self.topic, exc)
                self.last_error = exc
                failed = (
                    self.client.state is ConnectionState.CONNECTED
                )  # else the reconnect does it
            reason, self._due = ("failed" if failed else self._due), None


def watch_order_book(
    client: TradingWebSocketsClient,
    symbol: str,
    depth: Depth = 10,
    on_book: Callable[[OrderBook], None] | None = None,
    drop_frame: Callable[[JsonObject], bool] | None = None,
    *,
    on_resync: Callable[[ResyncReason], None] | None = None,
    resync_delay: float = 0.25,
    resync_delay_cap: float = 30.0,
) -> OrderBookWatch:
    """Keep a local book of the topic `orderbook:{symbol}:{depth}` on `client`:
    `async with watch_order_book(client, "AAPL", 10) as watch: ...` (or `await watch.start()`).

    `on_book(book)` is called after every message applied with a matching checksum;
    `drop_frame(frame)` returning True ignores a frame of the topic as if it were lost (a test
    hook); `on_resync(reason)` is called when a resubscribe starts. The second resubscribe in a
    row (no good update in between) waits `resync_delay` seconds, each further one twice as long,
    at most `resync_delay_cap`."""
    return OrderBookWatch(
        client,
        symbol,
        depth,
        on_book,
        drop_frame,
        on_resync=on_resync,
        resync_delay=resync_delay,
        resync_delay_cap=resync_delay_cap,
    )
