"""The demo page at `/`: the built bundle with cache-safe headers, or a 503 that says how to build it."""

import httpx

from app.main import create_app
from app.settings import PROJECT_ROOT, Settings


def client_for(web_dir) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(Settings(web_dir=web_dir)))
    return httpx.AsyncClient(transport=transport, base_url="http://service")


async def test_without_a_build_the_page_is_a_503_saying_how_to_build_it(tmp_path):
    async with client_for(tmp_path / "missing") as http:
        response = await http.get("/")
    assert response.status_code == 503
    assert "npm run build:web" in response.text
    assert response.headers["content-type"].startswith("text/html")


async def test_the_built_page_is_revalidated_and_its_hashed_assets_cached_for_good(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<script src="assets/demo-ABC.js"></script>')
    (tmp_path / "assets" / "demo-ABC.js").write_text("console.log(1)")
    (tmp_path / "assets" / ".hidden").write_text("no")
    async with client_for(tmp_path) as http:
        page = await http.get("/")
        asset = await http.get("/assets/demo-ABC.js")
        missing = await http.get("/assets/demo-XYZ.js")
        hidden = await http.get("/assets/.hidden")
        outside = await http.get("/assets/..%2Findex.html")
    assert (page.status_code, page.headers["cache-control"]) == (200, "no-cache")
    assert 'src="assets/demo-ABC.js"' in page.text
    assert (asset.status_code, asset.text) == (200, "console.log(1)")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "javascript" in asset.headers["content-type"]
    assert [missing.status_code, hidden.status_code, outside.status_code] == [404, 404, 404]


async def test_the_page_is_not_in_the_openapi_document():
    paths = create_app(Settings()).openapi()["paths"]
    assert "/" not in paths
    assert not any(path.startswith("/assets") for path in paths)


def test_the_default_bundle_folder_is_git_ignored():
    assert Settings().web_dir == PROJECT_ROOT / "web" / "dist"
    assert "web/dist/" in (PROJECT_ROOT / ".gitignore").read_text().splitlines()
