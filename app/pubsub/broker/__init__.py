"""Brokers by URL scheme: `memory://` (one process) or `redis://`/`rediss://` (many workers)."""

from urllib.parse import urlsplit

from app.pubsub.broker.base import Broker, BrokerUnavailable, redact_url
from app.pubsub.broker.memory import MemoryBroker

SCHEMES = ("memory", "redis", "rediss")

__all__ = ["SCHEMES", "Broker", "BrokerUnavailable", "MemoryBroker", "broker_from_url", "redact_url"]


def broker_from_url(
    url: str,
    *,
    prefix: str = "trading-ws:",
    snapshot_ttl: int = 86400,
    history_size: int = 1000,
    timeout: float = 2.0,
    reconnect_max: float = 5.0,
) -> Broker:
    """The broker `url` names; the keyword options but `history_size` apply to Redis only."""
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        return MemoryBroker(url, history_size=history_size)
    if scheme in ("redis", "rediss"):
        from app.pubsub.broker.redis import RedisBroker  # redis is imported only when used

        return RedisBroker(
            url,
            prefix=prefix,
            snapshot_ttl=snapshot_ttl,
            history_size=history_size,
            timeout=timeout,
            reconnect_max=reconnect_max,
        )
    raise ValueError(f"unsupported broker URL {redact_url(url)!r}: expected memory://, redis:// or rediss://")
