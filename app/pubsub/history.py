"""Where a topic's kept messages are read: the topic logs of this process, or the stream kept in
Redis (each frame checked once: external producers write there too)."""

from typing import Protocol

from app.pubsub.broker import Broker
from app.pubsub.relay import parse
from app.pubsub.topic_log import TopicLogs
from generated.families import Family


class History(Protocol):
    async def page(self, family: Family, topic: str, limit: int, end: int | None) -> list[bytes]:
        """Up to `limit` kept frames of `topic` before `end`, the newest ones, oldest first.
        Raises BrokerUnavailable."""


class LocalHistory:
    def __init__(self, logs: TopicLogs) -> None:
        self._logs = logs

    async def page(self, family: Family, topic: str, limit: int, end: int | None) -> list[bytes]:
        stream = self._logs.get(topic)
        return [frame.json for frame in stream.page(limit, end)] if stream is not None else []


class BrokerHistory:
    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def page(self, family: Family, topic: str, limit: int, end: int | None) -> list[bytes]:
        frames = await self._broker.history(topic, limit, end, family.key)
        return [parsed.frame.json for data in frames if (parsed := parse(family, topic, data)) is not None]
