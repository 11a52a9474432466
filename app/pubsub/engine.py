"""The streaming engine, put together once at startup from `WS_BROKER_URL`.

One process (`memory://`): the topic logs here number, keep and recover every stream, and the
publisher hands each frame to the hub. Behind Redis: Redis numbers and keeps the streams, the
publisher sends to it, and the relay brings every frame back to this worker's hub. Either way the
rest of the service sees the same four parts: a publisher, the topics clients join, the
history, and (for /healthz) the broker.
"""

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from app.pubsub.broker import Broker, BrokerUnavailable, broker_from_url
from app.pubsub.derived import Books
from app.pubsub.families import Rules
from app.pubsub.history import BrokerHistory, History, LocalHistory
from app.pubsub.hub import Hub
from app.pubsub.publisher import BrokerPublisher, LocalPublisher, Publisher
from app.pubsub.relay import Relay
from app.pubsub.subscriptions import LocalTopics, Topics
from app.pubsub.topic_log import TopicLogs
from app.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Engine:
    publisher: Publisher
    topics: Topics
    history: History
    broker: Broker | None  # None: this process is the whole deployment
    relay: Relay | None = None

    @property
    def broker_url(self) -> str:
        return self.broker.url if self.broker is not None else "memory://"

    def broker_up(self) -> bool:
        return self.broker is None or self.broker.healthy


def build_engine(settings: Settings, hub: Hub) -> Engine:
    rules = Rules(settings.history_size)
    broker = broker_from_url(
        settings.broker_url,
        prefix=settings.broker_prefix,
        snapshot_ttl=settings.snapshot_ttl,
        timeout=settings.broker_timeout,
        reconnect_max=settings.broker_reconnect_max,
    )
    books = Books(hub)
    if broker is None:
        logs = TopicLogs(
            settings.history_topics, rules.of_topic, pinned=lambda t: hub.has_subscribers(t) or books.holds(t)
        )
        return Engine(LocalPublisher(hub, logs, books), LocalTopics(hub, logs, books), LocalHistory(logs), None)
    relay = Relay(hub, broker, rules, books, timeout=settings.broker_timeout)
    return Engine(BrokerPublisher(broker, rules), relay, BrokerHistory(broker), broker, relay)


@contextlib.asynccontextmanager
async def running(engine: Engine) -> AsyncIterator[None]:
    """Connect the broker (startup fails, naming its URL, if it is unreachable) and run the relay."""
    if engine.broker is None:
        yield
        return
    try:
        await engine.broker.connect()
    except BrokerUnavailable as exc:
        log.error("%s", exc)
        raise
    try:
        if engine.relay is not None:
            engine.relay.start()
        yield
    finally:
        if engine.relay is not None:
            await engine.relay.stop()
        await engine.broker.disconnect()
