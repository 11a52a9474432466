"""Brokers by URL scheme: `memory://` (one process: no broker at all) or `redis://`/`rediss://`
(many workers and hosts sharing one Redis)."""

from urllib.parse import urlsplit

from app.pubsub.broker.base import BookState, Broker, BrokerUnavailable, Recovery, redact_url

SCHEMES = ("memory", "redis", "rediss")

__all__ = ["SCHEMES", "BookState", "Broker", "BrokerUnavailable", "Recovery", "broker_from_url", "redact_url"]


def broker_from_url(
    url: str,
    *,
    prefix: str = "trading-ws:",
    snapshot_ttl: int = 86400,
    timeout: float = 2.0,
    reconnect_max: float = 5.0,
) -> Broker | None:
    """The broker `url` names; None for `memory://`, where the process is the whole deployment."""
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        return None
    if scheme in ("redis", "rediss"):
        from app.pubsub.broker.redis import RedisBroker  # redis is imported only when used

        return RedisBroker(url, prefix=prefix, snapshot_ttl=snapshot_ttl, timeout=timeout, reconnect_max=reconnect_max)
    raise ValueError(f"unsupported broker URL {redact_url(url)!r}: expected memory://, redis:// or rediss://")
