"""Optional JWT authentication, allowed origins, CORS on the HTTP endpoints."""

import time

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from generated.protocol import CLOSE_RULES

SECRET = "s3cret-for-tests-only-0123456789abcdef"
OTHER = {"RS256": "ES256", "ES256": "RS256"}


def token(claims: dict[str, object] | None = None, key: object = SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode({"sub": "alice", "exp": time.time() + 60, **(claims or {})}, key, algorithm=algorithm)  # type: ignore[arg-type]


async def refused_with_403(url: str, **kw: object) -> None:
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, **kw):  # type: ignore[arg-type]
            pass
    assert refused.value.response.status_code == 403


async def opens(url: str, **kw: object) -> None:
    async with connect(url, **kw) as ws:  # type: ignore[arg-type]
        await ws.send('{"type":"ping"}')
        assert await ws.recv() == '{"type":"pong"}'


async def test_hs256_token_by_header_or_query_and_refusals(server_factory) -> None:
    running = server_factory(WS_AUTH_JWT_SECRET=SECRET, WS_ALLOWED_ORIGINS="https://app.example.com")
    url, origin = running.ws_url, "https://app.example.com"
    in_query = [token(), token({"sub": "bob"}), token({"sub": "carol"})]
    await opens(url, origin=origin, additional_headers={"Authorization": f"Bearer {token()}"})
    await opens(f"{url}?token={in_query[0]}", origin=origin)  # browsers cannot set headers on an upgrade
    await refused_with_403(url, origin=origin)
    await refused_with_403(f"{url}?token=not.a.jwt", origin=origin)
    await refused_with_403(f"{url}?token={token(key='another-secret-of-enough-length-0123')}", origin=origin)
    await refused_with_403(f"{url}?token={token({'exp': time.time() - 5})}", origin=origin)
    await refused_with_403(f"{url}?token={in_query[1]}", origin="https://evil.example.net")  # valid, wrong origin
    await refused_with_403(f"{url}?token={in_query[2]}&symbol=x", origin="https://evil.example.net")
    logs = running.logs()
    assert "(/api/v1/ws?symbol=x): origin" in logs  # refusals are logged, the rest of the query kept
    assert not [sent for sent in in_query if sent in logs]  # but no query token ever reaches a log
    metrics = httpx.get(f"{running.base_url}/metrics").text
    assert 'trading_ws_refused_connections_total{reason="auth"} 4.0' in metrics
    assert 'trading_ws_refused_connections_total{reason="origin"} 2.0' in metrics


async def test_an_expiring_token_closes_its_connection_when_it_expires(server_factory) -> None:
    running = server_factory(WS_AUTH_JWT_SECRET=SECRET)
    async with connect(f"{running.ws_url}?token={token({'exp': time.time() + 1.5})}") as ws:
        started = time.monotonic()
        error = await ws.recv()
        with pytest.raises(Exception):  # noqa: B017 - the close that follows
            await ws.recv()
    assert 1.0 < time.monotonic() - started < 4
    assert '"code":"token_expired"' in error
    rule = CLOSE_RULES["token_expired"]
    assert (ws.close_code, ws.close_reason) == (rule.code, rule.reason)


@pytest.mark.parametrize("kind", ["RS256", "ES256"])
async def test_public_key_tokens(server_factory, kind: str) -> None:
    private = rsa.generate_private_key(65537, 2048) if kind == "RS256" else ec.generate_private_key(ec.SECP256R1())
    pem = private.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    running = server_factory(WS_AUTH_JWT_PUBLIC_KEY=pem.decode())
    await opens(f"{running.ws_url}?token={token(key=private, algorithm=kind)}")
    await refused_with_403(f"{running.ws_url}?token={token()}")  # an HS256 token is not enough
    other_kind = ec.generate_private_key(ec.SECP256R1()) if kind == "RS256" else rsa.generate_private_key(65537, 2048)
    await refused_with_403(f"{running.ws_url}?token={token(key=other_kind, algorithm=OTHER[kind])}")
    assert "Traceback" not in running.logs()


async def test_only_allowed_origins_may_open_a_websocket(server_factory) -> None:
    running = server_factory(WS_ALLOWED_ORIGINS="https://app.example.com, https://admin.example.com")
    await opens(running.ws_url, origin="https://app.example.com")
    await refused_with_403(running.ws_url, origin="https://evil.example.net")
    await refused_with_403(running.ws_url)  # no Origin at all


async def test_any_origin_when_none_is_configured(server) -> None:
    await opens(server.ws_url, origin="https://anywhere.example.org")


def test_cors_headers_for_configured_origins_only(server_factory, server) -> None:
    running = server_factory(WS_CORS_ORIGINS="https://app.example.com")
    preflight = {"Origin": "https://app.example.com", "Access-Control-Request-Method": "GET"}
    allowed = httpx.options(f"{running.base_url}/api/v1/bars/history", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.com"
    other = httpx.get(f"{running.base_url}/healthz", headers={"Origin": "https://evil.example.net"})
    assert "access-control-allow-origin" not in other.headers
    unset = httpx.get(f"{server.base_url}/healthz", headers={"Origin": "https://app.example.com"})
    assert "access-control-allow-origin" not in unset.headers
