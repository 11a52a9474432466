"""The AsyncAPI document as YAML and JSON, and an interactive docs page that needs no internet.

Both documents come from `asyncapi.yaml` itself, read once at start-up; the page loads the
@asyncapi/react-component standalone bundle and stylesheet served by this app, never a CDN.
"""

import orjson
import yaml
from fastapi import APIRouter, HTTPException, Response
from fastapi.responses import FileResponse, HTMLResponse

from app.settings import Settings
from generated.protocol import TITLE, VERSION

DOCS_PATH = "/api/v1/ws/asyncapi"
# Asset name -> path inside the react-component package.
ASSETS = {"index.js": "browser/standalone/index.js", "default.min.css": "styles/default.min.css"}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} {version}</title>
<link rel="stylesheet" href="asyncapi/assets/default.min.css">
</head>
<body>
<div id="asyncapi"></div>
<script src="asyncapi/assets/index.js"></script>
<script>
AsyncApiStandalone.render(
  {{schema: {schema}, config: {{show: {{sidebar: true}}}}}},
  document.getElementById("asyncapi")
);
</script>
</body>
</html>
"""


def docs_page(yaml_text: str) -> str:
    # Relative asset URLs keep working behind a proxy that mounts the app under a prefix;
    # escaping `<` keeps the embedded document from ending the script element.
    schema = orjson.dumps(yaml_text).decode().replace("<", "\\u003c")
    return _PAGE.format(title=TITLE, version=VERSION, schema=schema)


def docs_router(settings: Settings) -> APIRouter:
    yaml_text = settings.asyncapi_path.read_text(encoding="utf-8")
    json_body = orjson.dumps(yaml.safe_load(yaml_text))
    page = docs_page(yaml_text)
    assets = {name: settings.docs_assets_dir / path for name, path in ASSETS.items()}
    router = APIRouter(include_in_schema=False)

    @router.get(f"{DOCS_PATH}.json")
    async def asyncapi_json() -> Response:
        return Response(json_body, media_type="application/json")

    @router.get(f"{DOCS_PATH}.yaml")
    async def asyncapi_yaml() -> Response:
        return Response(yaml_text, media_type="application/yaml")

    @router.get(DOCS_PATH)
    async def asyncapi_page() -> HTMLResponse:
        return HTMLResponse(page)

    @router.get(DOCS_PATH + "/assets/{name}")
    def asyncapi_asset(name: str) -> FileResponse:  # sync: FastAPI runs the file check in a thread
        path = assets.get(name)
        if path is None or not path.is_file():
            raise HTTPException(404, f"No docs asset {name!r} (is node_modules installed? `make install`)")
        return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})

    return router
