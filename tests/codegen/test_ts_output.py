"""The TypeScript client package, generated from asyncapi.yaml into a temporary folder: its
structure follows the IR (a type per definition and message, a method per client operation, a
subscription per topic, a check per client frame), and tsc accepts it when node_modules has tsc.
Behaviour is tested in tests/ts against a fake server."""

import json
import re
import subprocess
from pathlib import Path

import pytest

from codegen.__main__ import main
from codegen.build_ir import build_api
from codegen.ir import Api
from codegen.loader import load_spec

from .helpers import render_spec

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "asyncapi.yaml"
TSC = ROOT / "node_modules" / ".bin" / "tsc"


@pytest.fixture(scope="module")
def api() -> Api:
    api, errors = build_api(load_spec(SPEC))
    assert api is not None, errors
    return api


@pytest.fixture(scope="module")
def ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "generated"
    assert main(["--spec", str(SPEC), "--out", str(out)]) == 0
    return out / "ts"


def source(ts: Path, name: str) -> str:
    return (ts / "src" / name).read_text()


def test_package_json_describes_an_installable_esm_package(ts: Path, api: Api) -> None:
    package = json.loads((ts / "package.json").read_text())
    assert package["name"] == "trading-ws-client"
    assert package["version"] == api.version
    # JSON has no comments: the header lives in the "//" field, which npm leaves to comments.
    assert package["//"].startswith("DO NOT EDIT: generated from asyncapi.yaml by `make generate`.")
    assert re.search(r"body-sha256: [0-9a-f]{64}  generator: codegen ", package["//"])
    assert package["type"] == "module"
    # Compiled JavaScript and declarations, so plain Node and tsc consumers import it (test_ts_package.py).
    entry = package["exports"]["."]
    assert (entry["types"], entry["default"]) == ("./dist/index.d.ts", "./dist/index.js")
    assert (package["types"], package["main"]) == (entry["types"], entry["default"])
    assert (ts / entry["types"]).is_file() and (ts / entry["default"]).is_file()
    assert package["files"] == ["dist"]
    assert "dependencies" not in package and "scripts" not in package


def test_tsconfig_is_strict_and_knows_the_browser(ts: Path) -> None:
    text = (ts / "tsconfig.json").read_text()
    assert text.startswith("// DO NOT EDIT: generated from asyncapi.yaml")  # tsc reads JSON with comments
    options = json.loads(re.sub(r"^//.*$", "", text, flags=re.M))["compilerOptions"]
    assert options["strict"] is True
    assert "DOM" in options["lib"]
    assert options["module"] == options["moduleResolution"] == "NodeNext"
    assert (options["rootDir"], options["outDir"], options["declaration"]) == ("src", "dist", True)


def test_dist_holds_a_module_and_its_declarations_per_source(ts: Path) -> None:
    sources = {p.stem for p in (ts / "src").glob("*.ts")}
    assert {p.name for p in (ts / "dist").iterdir()} == {f"{s}{ext}" for s in sources for ext in (".js", ".d.ts")}


def test_every_ts_file_carries_the_header(ts: Path, api: Api) -> None:
    files = sorted(ts.rglob("*.ts"))
    assert {p.name for p in files} >= {"index.ts", "models.ts", "validators.ts", "protocol.ts", "client.ts", "core.ts"}
    stamp = rf"// body-sha256: [0-9a-f]{{64}}  generator: codegen {re.escape(api.generator_version)}"
    for path in files:
        head = path.read_text().splitlines()[:2]
        assert head[0] == "// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.", path
        assert re.fullmatch(stamp, head[1]), path


def test_every_definition_and_message_has_a_type(ts: Path, api: Api) -> None:
    models = source(ts, "models.ts")
    for d in api.definitions:
        assert re.search(rf"^export (interface {d.name} \{{|type {d.name} = )", models, re.M), d.name
    for enum in api.enums:
        values = ", ".join(json.dumps(v) for v in enum.values)
        assert f"export const {enum.ts_values_name}: readonly {enum.name}[] = [{values}];" in models
    for union, messages in (("ClientMessage", api.client_messages), ("ServerMessage", api.server_messages)):
        members = " | ".join(m.envelope.name for m in messages)
        assert f"export type {union} = {members};" in models


def test_every_client_operation_is_a_typed_method(ts: Path, api: Api) -> None:
    client = source(ts, "client.ts")
    assert f"export class {api.client_class} extends ClientCore<ClientMessage, ServerMessage>" in client
    for op in api.operations:
        signature = f"  {op.request.ts_name}({op.request.ts_params}): Promise<{op.ts_result}> {{"
        assert signature in client, op.request.name
        assert f'{{ type: "{op.request.name}"' in client
        reply = json.dumps(op.reply.name if op.reply else None)
        assert f'  "{op.request.name}": {reply},' in client  # the REPLIES table
    assert "barsSubscribe(payload: SubscriptionRequest): Promise<SubscriptionResponse>" in client
    assert "ping(): Promise<void>" in client


def test_every_server_message_is_routed(ts: Path, api: Api) -> None:
    client = source(ts, "client.ts")
    for name, route in api.server_routes:
        assert f'  "{name}": "{route}",' in client
    assert dict(api.server_routes)["bars.update"] == "update"
    assert 'keepAlive: { type: "ping" },' in client


def test_every_topic_has_a_name_helper_and_a_subscription(ts: Path, api: Api) -> None:
    protocol, client = source(ts, "protocol.ts"), source(ts, "client.ts")
    for t in api.families:
        assert f"export function {t.ts_name}TopicOf(payload: {t.subscribe.payload.type.ts}): string" in protocol
        assert f"return `{t.ts_format}`;" in protocol
        assert f"  {t.ts_subscribe_name}(\n    payload: {t.subscribe.payload.type.ts}," in client
    assert 'barsTopic(payload.symbol, (payload.params?.resolution ?? "1"))' in protocol
    assert f"HEARTBEAT_INTERVAL_MS = {round(api.heartbeat_interval * 1000)};" in protocol


def test_every_client_frame_has_a_runtime_check(ts: Path, api: Api) -> None:
    validators = source(ts, "validators.ts")
    for m in api.client_messages:
        assert f'  "{m.name}": {m.envelope.ts_check_name},' in validators
    for d in api.client_definitions:
        assert f"export const {d.ts_check_name}: Check = " in validators
    assert 'checkResolution: Check = v.oneOf(["1", "5", "15", "30", "60", "D", "W", "M"]);' in validators
    assert 'v.pattern("^[A-Za-z0-9.=^/_-]{1,32}$")' in validators
    assert "symbol: v.required(checkTicker)," in validators


def test_ts_output_is_deterministic() -> None:
    first, second = render_spec(SPEC, "generated"), render_spec(SPEC, "generated")
    ts_files = [path for path in first if path.startswith("ts/")]
    assert ts_files and all(first[path] == second[path] for path in ts_files)


@pytest.mark.skipif(not TSC.exists(), reason="node_modules/.bin/tsc is missing (run `make install`)")
def test_tsc_accepts_the_package(ts: Path) -> None:
    result = subprocess.run(
        [str(TSC), "-p", str(ts / "tsconfig.json"), "--noEmit"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
