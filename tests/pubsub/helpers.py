"""The engine of one process, in-process, for tests of what it publishes and how clients join."""

from typing import Any

import orjson

from app.pubsub.engine import Engine, build_engine
from app.pubsub.hub import Hub
from app.settings import Settings
from generated.models import Bar

TOPIC = "bars:AAPL:1"


def local_engine(**settings: Any) -> tuple[Hub, Engine]:
    hub = Hub()
    return hub, build_engine(Settings(**settings), hub)


def bar(minute: int, close: float = 1.5) -> Bar:
    return Bar(time=minute * 60_000, open=1.0, high=2.0, low=0.5, close=close, volume=minute + 1)


def seqs(frames: list[bytes]) -> list[int]:
    return [orjson.loads(frame)["seq"] for frame in frames]
