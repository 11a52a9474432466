"""`make dev BROKER=redis` runs the service under tools/redis_server.py, which starts a Redis of
its own: however the run is stopped, the service gets its SIGTERM and that Redis is gone."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.live_server import ROOT
from tools.redis_server import ping

SERVICE = [  # stands in for the service: exits cleanly on SIGTERM or SIGINT, says when it is ready
    sys.executable,
    "-c",
    "import signal, sys, time\n"
    "for sig in (signal.SIGTERM, signal.SIGINT): signal.signal(sig, lambda *_: sys.exit())\n"
    "print('ready', file=sys.stderr, flush=True)\n"
    "time.sleep(60)",
]


def started(wrapper: subprocess.Popen[str]) -> int:
    """The port of the wrapper's own Redis, from the line it prints on start."""
    assert wrapper.stderr is not None
    line = wrapper.stderr.readline()
    found = re.search(r"redis://127\.0\.0\.1:(\d+)/0", line)
    assert found, line
    port = int(found.group(1))
    assert ping(port)
    assert wrapper.stderr.readline().strip() == "ready"
    return port


def gone(port: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while ping(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_to_the_wrapper_stops_the_service_and_its_redis(sig: signal.Signals) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    wrapper = subprocess.Popen(
        [sys.executable, "tools/redis_server.py", "run", "--", *SERVICE],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        port = started(wrapper)
        # SIGINT is the terminal's Ctrl-C: it reaches the whole process group, the service included.
        os.killpg(wrapper.pid, sig) if sig == signal.SIGINT else wrapper.send_signal(sig)
        assert wrapper.wait(10) == 0  # the service exited cleanly on its SIGTERM
        assert gone(port)
    finally:
        leave_nothing(wrapper)


def test_the_wrapper_stops_everything_when_its_parent_dies() -> None:
    """`kill <make>`: make goes without telling its children; they must not linger."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    parent = subprocess.Popen(  # stands in for make: starts the wrapper, then dies abruptly
        [sys.executable, "-c", "import subprocess, sys, time; "
         f"subprocess.Popen([sys.executable, 'tools/redis_server.py', 'run', '--', *{SERVICE!r}]); "
         "time.sleep(60)"],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        port = started(parent)
        parent.kill()
        parent.wait(5)
        assert gone(port)
    finally:
        leave_nothing(parent)


def leave_nothing(leader: subprocess.Popen[str]) -> None:
    """Whatever the outcome, no process of the test's group outlives it (Redis has a session of
    its own: it is the assertion's job)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(leader.pid, signal.SIGKILL)
    leader.wait(5)
