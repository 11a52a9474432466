"""Servers for the engine's tests: asyncapi.yaml plus the test-only families of families.yaml,
generated once per run into a folder of its own (tests/engine/spec.py), served by this
repository's unchanged app; and the same behind one shared Redis. Every frame of these tests is
checked against that merged spec."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.contract.plugin import LOG
from tests.engine.spec import generate
from tests.live_server import RunningServer, start_server
from tools.redis_server import RedisServer

PYTHON_PRODUCER = ("-m", "tests.engine.python_producer")


@pytest.fixture(scope="session")
def family_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The merged spec; its folder holds the `generated` package made from it."""
    return generate(tmp_path_factory.mktemp("families"))


@pytest.fixture(autouse=True)
def _frames_follow_the_merged_spec(request: pytest.FixtureRequest) -> None:
    if "family_spec" in request.fixturenames or "family_server" in request.fixturenames:
        LOG.use_spec(request.getfixturevalue("family_spec"))


ServerFactory = Callable[..., RunningServer]


@pytest.fixture
def family_server(family_spec: Path, tmp_path: Path) -> Iterator[ServerFactory]:
    """`family_server(redis=None, python_api=False, args=(), **env)`: a server of the merged spec;
    `python_api` adds POST /test/publish, which publishes with the in-process Python API."""
    started: list[RunningServer] = []

    def factory(
        redis: RedisServer | None = None, python_api: bool = False, args: tuple[str, ...] = (), **env: str
    ) -> RunningServer:
        env = {"WS_ASYNCAPI_PATH": str(family_spec), **env}
        if redis is not None:
            env["WS_BROKER_URL"] = redis.url
        command = PYTHON_PRODUCER if python_api else ("-m", "app")
        running = start_server(tmp_path, env, cwd=family_spec.parent, command=command, args=args)
        started.append(running)
        return running

    yield factory
    for running in started:
        if running.proc.poll() is None:
            running.stop()
    assert [line for running in started for line in running.spec_violations()] == []


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of this test's own (tests here flush it)."""
    import shutil

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed; `make redis-server` installs it (`make test` does)")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()
