"""The TypeScript example (examples/ts_client.ts) really runs: against a demo-feed server it
prints the subscribe reply and a few bars, then exits by itself. Every frame it exchanges is
checked against asyncapi.yaml's own schemas (tests/ts/support/check-ws-frames.ts)."""

import re
import shutil
import subprocess

import pytest

from tests.live_server import ROOT

NODE = shutil.which("node")
TSX = ROOT / "node_modules" / "tsx"
CHECK_FRAMES = "./tests/ts/support/check-ws-frames.ts"


@pytest.mark.skipif(NODE is None or not TSX.exists(), reason="node or node_modules/tsx is missing (run `make install`)")
def test_ts_client_example_prints_bars(server_factory) -> None:
    running = server_factory(WS_DEMO_FEED="1", WS_DEMO_INTERVAL="0.05")
    result = subprocess.run(
        [str(NODE), "--import", "tsx", "--import", CHECK_FRAMES, "examples/ts_client.ts", running.ws_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The topic's newest bar follows the reply at once, so it may be printed before the reply is.
    assert "Subscribed to AAPL" in lines, result.stdout
    bars = [line for line in lines if line != "Subscribed to AAPL"]
    assert len(bars) == 3 and all(line.startswith("bars:AAPL:1 t=") for line in bars), result.stdout
    # Connection states go to stderr: connected once, disconnected at the end, never dropped.
    *state_lines, checked = result.stderr.splitlines()
    states = [line.split("]")[0] + "]" for line in state_lines]
    assert states == ["[connecting]", "[connected]", "[disconnected]"], result.stderr
    # Subscribe, its reply, three bars or more, unsubscribe, its reply: all within the spec.
    frames = re.fullmatch(r"spec-frames: (\d+) WebSocket frames validated against asyncapi.yaml", checked)
    assert frames and int(frames[1]) >= 7, result.stderr
