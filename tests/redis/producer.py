"""An external producer publishing straight into Redis the way asyncapi.yaml documents it: the
service's publishing script (app/pubsub/broker/scripts/publish.lua), loaded once and called by
its SHA1, with the keys and arguments the spec names."""

from pathlib import Path
from typing import Any

import orjson
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

SCRIPT = Path(__file__).resolve().parents[2] / "app" / "pubsub" / "broker" / "scripts" / "publish.lua"


def names(topic: str, prefix: str = "trading-ws:") -> tuple[str, str, str]:
    """The topic's stream state, kept messages and channel."""
    base = f"{prefix}{{{topic}}}"
    return f"{base}:meta", f"{base}:log", base


class ScriptProducer:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.sha = ""

    async def load(self) -> None:
        self.sha = str(await self.redis.script_load(SCRIPT.read_text()))

    def args(
        self, topic: str, payloads: list[Any], keys: list[int | None], *, kind: str, mode: str, history: int, ttl: int
    ) -> list[Any]:
        meta, log, channel = names(topic)
        args: list[Any] = [self.sha, 2, meta, log, channel, kind, topic, "producerepoch", history, ttl, mode, 1]
        for key, payload in zip(keys, payloads, strict=True):
            args += ["" if key is None else key, payload if isinstance(payload, bytes) else orjson.dumps(payload)]
        return args

    async def publish(
        self,
        topic: str,
        payloads: list[Any],
        keys: list[int | None] | None = None,
        *,
        kind: str = "bars.update",
        mode: str = "keyed",
        history: int = 1000,
        ttl: int = 60,
        pipe: Pipeline | None = None,
    ) -> Any:
        """EVALSHA the script for `payloads` of `topic` (bars: keyed by their time); [epoch, seq]."""
        if not self.sha:
            await self.load()
        if keys is None:
            keys = [orjson.loads(p)["time"] if isinstance(p, bytes) else p["time"] for p in payloads]
        args = self.args(topic, payloads, keys, kind=kind, mode=mode, history=history, ttl=ttl)
        if pipe is not None:
            pipe.evalsha(*args)
            return None
        epoch, seq = await self.redis.evalsha(*args)
        return epoch.decode(), seq
