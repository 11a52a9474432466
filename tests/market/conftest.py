"""The market families (quotes, trades, order books) end to end, each test twice: against one
server of one process, and against two workers sharing a redis-server (the test publishes
through one and reads from the other). Servers live for the session; tests use unique symbols."""

import shutil
from collections.abc import Iterator
from typing import NamedTuple

import pytest

from tests.live_server import RunningServer, start_server
from tools.redis_server import RedisServer


class Market(NamedTuple):
    publisher: RunningServer  # where the test publishes
    reader: RunningServer  # where its clients connect: the other worker behind Redis
    behind_redis: bool


@pytest.fixture(scope="session", params=["one process", "redis, two workers"])
def market(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Market]:
    folder = tmp_path_factory.mktemp("market")
    redis = None
    # Every frame these tests read is checked against the spec by the test itself
    # (tests/contract/plugin.py); the servers' own check of each outgoing frame would make
    # publishing thousands of book changes take minutes.
    env = {"WS_VALIDATE_OUTGOING": "0"}
    if request.param != "one process":
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed; `make redis-server` installs it (`make test` does)")
        redis = RedisServer(folder).start()
        env["WS_BROKER_URL"] = redis.url
    servers = [start_server(folder, env) for _ in range(2 if redis else 1)]
    yield Market(servers[0], servers[-1], redis is not None)
    for server in servers:
        server.stop()
    if redis is not None:
        redis.stop()
