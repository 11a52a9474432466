"""The service as `python -m app` runs it, plus one route for tests, `POST /test/publish`, which
publishes with the in-process Python API (`await app.state.publisher.publish(topic, payloads)`)."""

import argparse
from typing import Any

import uvicorn
from pydantic import BaseModel

from app.main import create_app

app = create_app()


class Publish(BaseModel):
    topic: str
    messages: list[dict[str, Any]]


@app.post("/test/publish")
async def python_publish(body: Publish) -> dict[str, object]:
    position = await app.state.publisher.publish(body.topic, body.messages)
    return {"seq": position.seq, "epoch": position.epoch}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        loop="uvloop",
        http="httptools",
        ws="app.transport.uvicorn_protocol:SpecWebSocketProtocol",
        ws_ping_interval=None,
        ws_per_message_deflate=False,
        lifespan="on",
    )
