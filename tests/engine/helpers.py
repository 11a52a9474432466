"""Talking to a server of the merged spec: batch subscribe with positions, publishing, history."""

import asyncio
from typing import Any

import httpx

from tests.live_server import RunningServer, WsClient


def tick(n: int) -> dict[str, Any]:
    return {"time": 1_700_000_000_000 + n, "price": 100.0 + n}


def events(first: int, count: int) -> list[dict[str, Any]]:
    return [{"n": n} for n in range(first, first + count)]


async def publish(server: RunningServer, topic: str, messages: list[dict[str, Any]], path: str = "/api/v1/publish"):
    """Publish over HTTP (or, with path="/test/publish", through the Python API); the answer's JSON."""
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
        response = await http.post(path, json={"topic": topic, "messages": messages})
    assert response.status_code == 200, response.text
    return response.json()


async def subscribe(
    client: WsClient, topics: list[str], since: dict[str, dict[str, Any]] | None = None, req_id: str | None = None
) -> dict[str, dict[str, Any]]:
    """Batch subscribe; the results by topic (the reply is the next frame: nothing else is held)."""
    payload: dict[str, Any] = {"topics": topics}
    if since:
        payload["since"] = since
    if req_id is not None:
        payload["req_id"] = req_id
    await client.send({"type": "subscribe", "payload": payload})
    reply = await client.recv()
    assert reply["type"] == "subscribe.response", reply
    assert reply["payload"].get("req_id") == req_id
    return {result["topic"]: result for result in reply["payload"]["results"]}


async def updates(client: WsClient, count: int, within: float = 10.0) -> list[dict[str, Any]]:
    """The next `count` frames, which must all be updates (or resets)."""
    received = []
    async with asyncio.timeout(within):
        while len(received) < count:
            received.append(await client.recv(within))
    return received


async def history(server: RunningServer, topic: str, **params: Any) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
        return await http.get("/api/v1/history", params={"topic": topic, **params})


def position(frame: dict[str, Any]) -> dict[str, Any]:
    """A frame's stream position, as `since` takes it."""
    return {"seq": frame["seq"], "epoch": frame["epoch"]}
