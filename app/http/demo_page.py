"""The demo page at `/`: a live candlestick chart built from web/ by `npm run build:web`.

The bundle (web/dist/: index.html plus content-hashed assets) is read from disk on each
request, so a rebuild shows up without a restart. index.html is revalidated on every visit;
the hashed assets never change under their names, so browsers may keep them for a year.
Without a build, `/` answers 503 with a page that says how to build it.
"""

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

NOT_BUILT = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Demo page not built</title></head>
<body>
<h1>The demo page is not built</h1>
<p>Its bundle (<code>web/dist/</code>, or <code>WS_WEB_DIR</code>) is missing. Build it with
<code>npm run build:web</code> (<code>make install</code> does), then reload. The service itself
works: the WebSocket is at <code>/api/v1/ws</code>, its docs at
<a href="api/v1/ws/asyncapi">/api/v1/ws/asyncapi</a>.</p>
</body>
</html>
"""


def web_router(web_dir: Path) -> APIRouter:
    index = web_dir / "index.html"
    assets = web_dir / "assets"
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    def demo_page() -> HTMLResponse:  # sync: FastAPI reads the file in a thread
        try:
            html = index.read_text(encoding="utf-8")
        except FileNotFoundError:
            return HTMLResponse(NOT_BUILT, status_code=503, headers={"Retry-After": "60"})
        return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

    @router.get("/assets/{name}")
    def demo_asset(name: str) -> FileResponse:
        path = assets / name
        # `name` is one path segment; refuse dot files and anything that is not a plain file.
        if name.startswith(".") or not path.is_file():
            raise HTTPException(404, f"No demo asset {name!r} (rebuild with `npm run build:web`)")
        return FileResponse(path, headers={"Cache-Control": "public, max-age=31536000, immutable"})

    return router
