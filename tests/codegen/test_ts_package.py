"""The TypeScript package as a frontend team gets it: generated into a temporary folder, installed
by path (`npm install <path>`, offline: it has no dependencies) into an empty project, then used
from plain Node (ESM, no TypeScript loader) and from a `tsc --strict` consumer, compiled and run.
A package that exports only .ts sources fails both with ERR_UNKNOWN_FILE_EXTENSION ".ts"."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from codegen.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
TSC = ROOT / "node_modules" / ".bin" / "tsc"
NODE, NPM = shutil.which("node"), shutil.which("npm")

pytestmark = pytest.mark.skipif(
    NODE is None or NPM is None or not TSC.exists(), reason="node, npm or node_modules/.bin/tsc is missing"
)

# Uses the client offline (a socket that never opens): construct it, read its state, let its
# runtime check reject a bad payload, and use a generated function and constant.
PLAIN_CONSUMER = """\
import { TradingWebSocketsClient, PayloadError, RESOLUTION_VALUES, barsTopicOf } from "trading-ws-client";

class OfflineSocket {
  readyState = 0;
  send() {}
  close() {}
}
const client = new TradingWebSocketsClient("ws://127.0.0.1:9/api/v1/ws", { WebSocket: OfflineSocket });
let rejected = "";
try {
  client.subscribeBars({ symbol: "AAPL", params: { resolution: "7" } }, () => {});
} catch (error) {
  if (error instanceof PayloadError) rejected = error.problems[0].path;
}
const topic = barsTopicOf({ symbol: "AAPL" });
console.log(JSON.stringify({ state: client.state, resolutions: RESOLUTION_VALUES, topic, rejected }));
"""

TS_CONSUMER = """\
import {
  TradingWebSocketsClient,
  PayloadError,
  RESOLUTION_VALUES,
  barsTopicOf,
  type ConnectionState,
  type Resolution,
  type SubscriptionRequest,
  type WebSocketLike,
} from "trading-ws-client";

class OfflineSocket implements WebSocketLike {
  readonly readyState = 0;
  onopen: WebSocketLike["onopen"] = null;
  onmessage: WebSocketLike["onmessage"] = null;
  onclose: WebSocketLike["onclose"] = null;
  onerror: WebSocketLike["onerror"] = null;
  send(): void {}
  close(): void {}
}

// The declarations carry the spec's types, not `any`: each line below must fail to compile.
// @ts-expect-error -- "7" is no Resolution
const bad: Resolution = "7";
// @ts-expect-error -- a subscribe request needs a symbol
const incomplete: SubscriptionRequest = { params: { resolution: "1" } };
void [bad, incomplete];

const client = new TradingWebSocketsClient("ws://127.0.0.1:9/api/v1/ws", { WebSocket: OfflineSocket });
const state: ConnectionState = client.state;
const resolutions: readonly Resolution[] = RESOLUTION_VALUES;
let rejected = "";
try {
  const fromJson = JSON.parse('{"symbol": "AAPL", "params": {"resolution": "7"}}') as SubscriptionRequest;
  client.subscribeBars(fromJson, () => {});
} catch (error) {
  if (error instanceof PayloadError) rejected = error.problems[0]?.path ?? "";
}
const topic: string = barsTopicOf({ symbol: "AAPL" });
console.log(JSON.stringify({ state, resolutions, topic, rejected }));
"""

EXPECTED = {
    "state": "disconnected",
    "resolutions": ["1", "5", "15", "30", "60", "D", "W", "M"],
    "topic": "bars:AAPL:1",
    "rejected": "/payload/params/resolution",
}


def run(*args: str | Path, cwd: Path) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(map(str, args))}:\n{result.stdout}{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty ESM project with the freshly generated package installed by path."""
    out = tmp_path_factory.mktemp("gen") / "generated"
    assert main(["--spec", str(ROOT / "asyncapi.yaml"), "--out", str(out)]) == 0
    project = tmp_path_factory.mktemp("consumer")
    (project / "package.json").write_text(json.dumps({"name": "consumer", "private": True, "type": "module"}))
    run(NPM or "npm", "install", "--offline", "--no-audit", "--no-fund", out / "ts", cwd=project)
    return project


def test_plain_node_imports_the_package(consumer: Path) -> None:
    (consumer / "plain.mjs").write_text(PLAIN_CONSUMER)
    assert json.loads(run(NODE or "node", "plain.mjs", cwd=consumer)) == EXPECTED


def test_a_strict_typescript_consumer_compiles_and_runs(consumer: Path) -> None:
    (consumer / "consumer.ts").write_text(TS_CONSUMER)
    # A Node project's settings: Node's types but not the DOM's, and the package's own
    # declarations checked too (no skipLibCheck).
    tsconfig = {
        "compilerOptions": {
            "target": "ES2022",
            "lib": ["ES2022"],
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "strict": True,
            "exactOptionalPropertyTypes": True,
            "noUncheckedIndexedAccess": True,
            "skipLibCheck": False,
            "types": ["node"],
            "typeRoots": [str(ROOT / "node_modules" / "@types")],
            "outDir": "build",
        },
        "files": ["consumer.ts"],
    }
    (consumer / "tsconfig.json").write_text(json.dumps(tsconfig))
    run(TSC, "-p", "tsconfig.json", cwd=consumer)
    assert json.loads(run(NODE or "node", "build/consumer.js", cwd=consumer)) == EXPECTED


def test_the_packed_package_ships_compiled_code_and_declarations(consumer: Path) -> None:
    package = (consumer / "node_modules" / "trading-ws-client").resolve()
    packed = json.loads(run(NPM or "npm", "pack", "--dry-run", "--json", "--offline", cwd=package))
    shipped = {entry["path"] for entry in packed[0]["files"]}
    assert {"package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/client.js"} <= shipped
    assert not any(path.endswith(".ts") and not path.endswith(".d.ts") for path in shipped)
