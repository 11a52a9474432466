"""Fixtures for scale-out tests against a real redis-server.

`redis_server` is one session-wide instance on a free loopback port (never 6379), with no
persistence; `private_redis()` starts one a test may kill and restart. `redis_client` talks to
the shared one; `pair` is two servers on it for the whole session, and `scaled(redis, **env)`
starts private `python -m app` servers with settings of their own. Without
redis-server installed (`make test` installs it) these tests are skipped.
"""

import shutil
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path

import pytest
from redis.asyncio import Redis

from tests.live_server import RunningServer, start_server
from tools.redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed; `make redis-server` installs it (`make test` does)")
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def private_redis(tmp_path: Path, redis_server: RedisServer) -> Iterator[Callable[..., RedisServer]]:
    """`private_redis(password=None)`: a redis-server of this test's own, stopped after it."""
    started: list[RedisServer] = []

    def factory(password: str | None = None) -> RedisServer:
        server = RedisServer(tmp_path, password=password).start()
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def pair(tmp_path_factory: pytest.TempPathFactory, redis_server: RedisServer) -> Iterator[tuple[RunningServer, ...]]:
    """Two servers sharing the session's Redis, default settings; tests use unique symbols."""
    log_dir = tmp_path_factory.mktemp("pair")
    servers = tuple(start_server(log_dir, {"WS_BROKER_URL": redis_server.url}) for _ in range(2))
    yield servers
    for server in servers:
        server.stop()
    assert [line for server in servers for line in server.spec_violations()] == []


@pytest.fixture
async def redis_client(redis_server: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_server.url)
    yield client
    await client.aclose()


Scaled = Callable[..., RunningServer]


@pytest.fixture
def scaled(tmp_path: Path, redis_server: RedisServer) -> Iterator[Scaled]:
    """`scaled(redis=None, args=(), **env)`: a server on `redis` (default: the shared one)."""
    started: list[RunningServer] = []

    def factory(redis: RedisServer | None = None, args: Sequence[str] = (), **env: str) -> RunningServer:
        env = {"WS_BROKER_URL": (redis or redis_server).url, **env}
        running = start_server(tmp_path, env, args=args)
        started.append(running)
        return running

    yield factory
    for running in started:
        if running.proc.poll() is None:
            running.stop()
    assert [line for running in started for line in running.spec_violations()] == []
