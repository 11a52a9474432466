"""Prometheus metrics at GET /metrics.

Counting must not cost the fan-out anything per delivery: the hot path bumps plain integers on
`Stats` (one addition per publish, not per subscriber) and the collector turns them, and the
hub's and the connections' current state, into metric families only when Prometheus scrapes.
The one histogram, publish-to-send latency, is observed once per flushed event-loop tick.
"""

import asyncio
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from app.stats import Stats

PREFIX = "trading_ws"


@dataclass(frozen=True)
class Gauges:
    """How to read the current state at scrape time."""

    connections: Callable[[], int]
    subscriptions_by_family: Callable[[], dict[str, int]]
    broker_up: Callable[[], bool]
    tasks: Callable[[], int] = lambda: len(asyncio.all_tasks())


COUNTERS = (  # metric name, help, Stats attribute
    ("slow_consumer_disconnects", "Clients closed with 1008 Slow consumer.", "slow_consumer_closes"),
    ("conflated_updates", "Updates replaced by a newer state of their key for a lagging client.", "conflated_updates"),
    ("dropped_updates", "Updates discarded with a slow consumer's backlog.", "dropped_updates"),
    ("rate_limited_disconnects", "Clients closed for sending too fast.", "rate_limited_closes"),
)


class ServiceCollector(Collector):
    def __init__(self, stats: Stats, gauges: Gauges) -> None:
        self._stats, self._gauges = stats, gauges

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        stats, gauges = self._stats, self._gauges
        yield GaugeMetricFamily(f"{PREFIX}_connections", "Open WebSocket connections.", value=gauges.connections())
        subscriptions = GaugeMetricFamily(
            f"{PREFIX}_subscriptions", "Subscriptions held, by channel family.", labels=["family"]
        )
        for family, count in sorted(gauges.subscriptions_by_family().items()):
            subscriptions.add_metric([family], count)
        yield subscriptions
        yield _by_label(f"{PREFIX}_messages_in", "Client messages received, by type.", "type", stats.messages_in)
        yield _by_label(f"{PREFIX}_messages_out", "Server messages sent, by type.", "type", stats.messages_out)
        for name, documentation, attribute in COUNTERS:
            yield CounterMetricFamily(f"{PREFIX}_{name}", documentation, value=getattr(stats, attribute))
        yield _by_label(
            f"{PREFIX}_refused_connections", "Upgrades refused, by reason.", "reason", stats.refused_connections
        )
        yield GaugeMetricFamily(f"{PREFIX}_broker_up", "1 when the broker is reachable.", value=int(gauges.broker_up()))
        yield GaugeMetricFamily(f"{PREFIX}_asyncio_tasks", "Tasks alive in the event loop.", value=gauges.tasks())


def _by_label(name: str, documentation: str, label: str, counts: Counter[str]) -> CounterMetricFamily:
    family = CounterMetricFamily(name, documentation, labels=[label])
    for value, count in sorted(counts.items()):
        family.add_metric([value], count)
    return family


def publish_latency(registry: CollectorRegistry) -> Histogram:
    return Histogram(
        f"{PREFIX}_publish_to_send_seconds",
        "From a message's publication to its write to the sockets (once per flushed event-loop tick).",
        buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
        registry=registry,
    )


def metrics_router(registry: CollectorRegistry) -> APIRouter:
    router = APIRouter()

    @router.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
    async def metrics() -> PlainTextResponse:
        return PlainTextResponse(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router
