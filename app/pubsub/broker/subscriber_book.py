"""Bookkeeping of one subscriber connection to Redis: no I/O, so every rule is checkable here.

Redis answers SUBSCRIBE, UNSUBSCRIBE and PING on a subscriber connection in the order they were
sent, interleaved with the messages in the order it published them. So:

- A channel is *live* (its messages are handed on) only while it is wanted and every
  (un)subscribe sent for it has been acknowledged: a message still in flight from an earlier
  subscription, or from before an UNSUBSCRIBE, is never mistaken for one of the current one.
- A PING's answer arrives after every message published before the PING reached Redis: that
  is the barrier behind an exact snapshot (app/pubsub/relay.py).
"""

import asyncio
from collections import deque
from collections.abc import Callable

Command = tuple[str, ...]
PongWaiter = Callable[[bool], None]
"""Called with True when its PING is answered, False when the connection was lost first."""


class ChannelBook:
    def __init__(self) -> None:
        self.wanted: set[str] = set()
        self.commands: deque[Command] = deque()
        """Sent in this order by the connection's writer."""
        self.online = False
        self._unacked: dict[str, int] = {}
        self._waiters: dict[str, list[asyncio.Future[None]]] = {}
        self._pongs: deque[PongWaiter] = deque()

    def live(self, channel: str) -> bool:
        return channel in self.wanted and channel not in self._unacked

    def want(self, channel: str) -> asyncio.Future[None]:
        """Subscribe `channel`; the result completes when it is live or the connection is lost."""
        self.wanted.add(channel)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if not self.online:
            done.set_result(None)  # resubscribed on reconnect; nobody waits for that
            return done
        self._send(("SUBSCRIBE", channel), channel)
        self._waiters.setdefault(channel, []).append(done)
        return done

    def drop(self, channel: str) -> None:
        self.wanted.discard(channel)
        self._release(channel)
        if self.online:
            self._send(("UNSUBSCRIBE", channel), channel)

    def ping(self, waiter: PongWaiter) -> None:
        if not self.online:
            waiter(False)
            return
        self.commands.append(("PING",))
        self._pongs.append(waiter)

    # ---- what the reader saw -----------------------------------------------------------

    def acked(self, channel: str) -> None:
        """Redis confirmed a SUBSCRIBE or UNSUBSCRIBE of `channel`."""
        left = self._unacked.get(channel, 0) - 1
        if left > 0:
            self._unacked[channel] = left
            return
        self._unacked.pop(channel, None)
        if channel in self.wanted:
            self._release(channel)

    def ponged(self) -> None:
        if self._pongs:
            self._pongs.popleft()(True)

    # ---- the connection ----------------------------------------------------------------

    def go_online(self) -> None:
        """A new connection: subscribe everything wanted, in one command."""
        self.online = True
        if self.wanted:
            channels = sorted(self.wanted)
            self.commands.append(("SUBSCRIBE", *channels))
            for channel in channels:
                self._unacked[channel] = 1

    def go_offline(self) -> None:
        """The connection is lost: nothing is live, nobody keeps waiting."""
        self.online = False
        self.commands.clear()
        self._unacked.clear()
        for channel in tuple(self._waiters):
            self._release(channel)
        pongs, self._pongs = self._pongs, deque()
        for waiter in pongs:
            waiter(False)

    def _send(self, command: Command, channel: str) -> None:
        self.commands.append(command)
        self._unacked[channel] = self._unacked.get(channel, 0) + 1

    def _release(self, channel: str) -> None:
        for done in self._waiters.pop(channel, ()):
            if not done.done():
                done.set_result(None)
