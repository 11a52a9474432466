"""The AsyncAPI document (JSON built from asyncapi.yaml itself, and the YAML) and the offline
interactive docs page with its locally served assets."""

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
import yaml

from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "asyncapi.yaml"
PACKAGE = ROOT / "node_modules" / "@asyncapi" / "react-component"


@pytest.fixture
async def client():
    transport = httpx.ASGITransport(app=create_app(Settings()))
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
        yield http


async def test_json_is_the_yaml_document_parsed(client):
    response = await client.get("/api/v1/ws/asyncapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == yaml.safe_load(SPEC.read_text())


async def test_yaml_is_the_file_itself(client):
    response = await client.get("/api/v1/ws/asyncapi.yaml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/yaml")
    assert response.text == SPEC.read_text()


async def test_documents_follow_the_configured_file(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text("asyncapi: 2.4.0\ninfo: {title: Other, version: '9'}\nchannels: {}\n")
    transport = httpx.ASGITransport(app=create_app(Settings(asyncapi_path=spec)))
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
        assert (await http.get("/api/v1/ws/asyncapi.json")).json()["info"] == {"title": "Other", "version": "9"}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.refs += [value for name, value in attrs if name in ("src", "href") and value]


async def test_docs_page_loads_only_local_assets_and_renders_the_spec(client):
    response = await client.get("/api/v1/ws/asyncapi")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    parser = _Refs()
    parser.feed(page)
    assert sorted(parser.refs) == ["asyncapi/assets/default.min.css", "asyncapi/assets/index.js"]
    assert not re.search(r"https?://|//cdn|unpkg|jsdelivr", page.replace("http://service", ""))
    assert "AsyncApiStandalone.render(" in page and "sidebar: true" in page
    assert "Trading WebSockets" in page and "x-close-codes" in page  # the document is embedded


async def test_docs_assets_are_served_from_the_installed_package(client):
    page_url = httpx.URL("http://service/api/v1/ws/asyncapi")
    for ref, path, media in [
        ("asyncapi/assets/index.js", "browser/standalone/index.js", "javascript"),
        ("asyncapi/assets/default.min.css", "styles/default.min.css", "text/css"),
    ]:
        response = await client.get(page_url.join(ref))
        assert response.status_code == 200, ref
        assert media in response.headers["content-type"]
        assert response.content == (PACKAGE / path).read_bytes()
    assert (await client.get("/api/v1/ws/asyncapi/assets/package.json")).status_code == 404


async def test_docs_are_served_by_the_real_server(server):
    async with httpx.AsyncClient(base_url=server.base_url) as http:
        assert (await http.get("/api/v1/ws/asyncapi.json")).json()["info"]["title"] == "Trading WebSockets"
        assert (await http.get("/api/v1/ws/asyncapi")).status_code == 200
        assert (await http.get("/api/v1/ws/asyncapi/assets/index.js")).status_code == 200
