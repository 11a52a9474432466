"""The README's Python example really runs: against a demo-feed server it prints bars."""

import subprocess
import sys

from tests.live_server import ROOT


def test_python_client_example_prints_bars(server_factory) -> None:
    running = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    result = subprocess.run(
        [sys.executable, "-m", "examples.python_client", running.ws_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Subscribed to AAPL"
    assert len(lines) == 4 and all(line.startswith("bars:AAPL:1 t=") for line in lines[1:])
