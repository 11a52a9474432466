"""Running totals the service bumps as it works: plain integers, so counting costs the hot path
one addition per publish (never one per subscriber). app/http/metrics.py turns them into
Prometheus metrics at scrape time."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass(slots=True)
class Stats:
    """Running totals the service bumps as it works."""

    messages_in: Counter[str] = field(default_factory=Counter)  # by client message type
    messages_out: Counter[str] = field(default_factory=Counter)  # by server message type
    slow_consumer_closes: int = 0
    conflated_updates: int = 0
    dropped_updates: int = 0  # frames discarded with a slow consumer's backlog
    rate_limited_closes: int = 0
    refused_connections: Counter[str] = field(default_factory=Counter)  # by reason
