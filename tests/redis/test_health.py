"""/healthz names the broker and its state; memory:// is always up."""

from tests.live_server import make_bar, start_server


def test_memory_broker_is_reported_up(server):
    health = server.health()
    assert health["status"] == "ok"
    assert health["broker"] == {"url": "memory://", "state": "up"}


async def test_redis_broker_url_is_reported_without_its_password(private_redis, scaled, ws_connect):
    redis = private_redis(password="s3cret")
    server = scaled(redis)
    assert server.health()["broker"] == {"url": f"redis://:***@127.0.0.1:{redis.port}/0", "state": "up"}
    assert "s3cret" not in server.logs()
    client = await ws_connect(server)  # and AUTH works on the subscriber connection too
    await client.subscribe("AAPL")
    assert (await server.apublish("AAPL", [make_bar(1_700_000_000_000)])).status_code == 200
    assert (await client.recv())["type"] == "bars.update"


def test_several_workers_without_a_broker_are_warned_about(tmp_path):
    server = start_server(tmp_path, args=["--workers", "2"])
    try:
        assert "publishing reaches only the receiving worker's clients" in server.logs()
    finally:
        server.stop()
