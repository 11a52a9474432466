"""Service configuration, read from `WS_*` environment variables."""

from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.pubsub.broker import SCHEMES
from generated.protocol import CONNECTION_LIFESPAN, HEARTBEAT_INTERVAL

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every knob of the service; the README's configuration table lists these fields."""

    model_config = SettingsConfigDict(env_prefix="WS_", extra="ignore")

    heartbeat_interval: float = Field(
        HEARTBEAT_INTERVAL,
        gt=0,
        description="Seconds within which a client must send a valid message, else the connection "
        "is closed (1003, error `heartbeat_timeout`).",
    )
    max_lifespan: float = Field(
        CONNECTION_LIFESPAN,
        gt=0,
        description="Seconds after which every connection is closed (1003, error `lifespan_exceeded`).",
    )
    max_message_bytes: int = Field(
        64 * 1024,
        gt=0,
        description="Largest client frame accepted, in bytes; a larger one closes the connection "
        "(1009, error `message_too_big`).",
    )
    max_queue: int = Field(
        1000,
        gt=0,
        description="Frames that may wait for one client whose socket stopped draining (newer states "
        "of the same bar replace older ones, a book's pending messages become one fresh snapshot); past it "
        "the client is closed with 1008 `Slow consumer` instead of slowing anybody else.",
    )
    max_queue_bytes: int = Field(
        1 << 20,
        gt=0,
        description="Bytes that may wait for one lagging client, with the same consequence as `WS_MAX_QUEUE`.",
    )
    max_subscriptions: int = Field(
        100,
        gt=0,
        description="Topics one connection may hold; a subscribe beyond it is answered with `status: error` "
        "and the connection stays open.",
    )
    rate_limit: float = Field(
        20.0,
        gt=0,
        description="Messages per second one connection may send on average; faster closes it (1008, error "
        "`rate_limited`).",
    )
    rate_burst: int = Field(
        200,
        gt=0,
        description="Messages one connection may send at once within `WS_RATE_LIMIT`; at least "
        "`WS_MAX_SUBSCRIPTIONS`, so a client that reconnects can resubscribe everything at once.",
    )
    max_connections: int = Field(
        50_000,
        gt=0,
        description="Connections one server process holds; further ones are accepted and closed at once with "
        "1013 `Server full`.",
    )
    auth_jwt_secret: SecretStr | None = Field(
        None,
        description="Turns authentication on: every WebSocket upgrade needs a JWT signed with this HS256 secret "
        "(`Authorization: Bearer <jwt>` or `?token=<jwt>`), else HTTP 403; the connection closes when it expires.",
    )
    auth_jwt_public_key: str | None = Field(
        None,
        description="Like `WS_AUTH_JWT_SECRET`, for RS256/ES256 tokens: the PEM public key that verifies them.",
    )
    allowed_origins: str = Field(
        "",
        description="Comma-separated `Origin`s allowed to open a WebSocket (e.g. `https://app.example.com`); "
        "empty allows any. Others get HTTP 403.",
    )
    cors_origins: str = Field(
        "",
        description="Comma-separated origins FastAPI's CORS middleware admits on the HTTP endpoints (`*` for any); "
        "empty: no CORS headers.",
    )
    validate_outgoing: bool = Field(
        False,
        description="Check every frame the server sends against asyncapi.yaml and log an error naming the "
        "message and the violated rule (costs a schema validation per message; for tests and staging).",
    )
    publish_token: SecretStr | None = Field(
        None,
        description="Bearer token required by `POST /api/v1/publish`; when unset, only loopback clients may publish.",
    )
    publish_max_bytes: int = Field(
        1_048_576,
        gt=0,
        description="Largest `POST /api/v1/publish` body (≈ 10,000 bars); a larger one gets 413, and a caller "
        "without the right to publish gets 401/403, before the body is read.",
    )
    demo_feed: bool = Field(
        False,
        description="Run the demo market: a topic's first subscriber starts its bars, the last one leaving stops them.",
    )
    demo_interval: float = Field(0.25, gt=0, description="Seconds between two demo-feed ticks of a watched topic.")
    demo_max_symbols: int = Field(
        50,
        gt=0,
        description="Symbols the demo market simulates at once in one process (each: its book, quotes, trades and "
        "bars); a subscribe to a demo topic of one more symbol is answered `status: error`, code `capacity`.",
    )
    broker_url: str = Field(
        "memory://",
        description="Where published bars meet: `memory://` (one process: the embedded hub) or "
        "`redis://[:password@]host:port/db` (`rediss://` for TLS), shared by every worker and host of a "
        "deployment so each subscriber gets every update wherever it was published. Startup fails if "
        "Redis is unreachable.",
    )
    broker_prefix: str = Field(
        "trading-ws:",
        description="Prefix of the Redis channel (`<prefix>bars:AAPL:1`) and last-bar key (`<prefix>last:bars:AAPL:1`) "
        "names; Redis pub/sub ignores database numbers, so deployments sharing one Redis need different prefixes.",
    )
    snapshot_ttl: int = Field(
        86400,
        gt=0,
        description="Seconds Redis keeps a topic's last bar (the snapshot a new subscriber gets on any worker) and its "
        "history after the topic's last publish.",
    )
    broker_timeout: float = Field(
        2.0,
        gt=0,
        description="Seconds a Redis connect or command may take before it counts as failed (the publish endpoint "
        "then answers 503).",
    )
    broker_reconnect_max: float = Field(
        5.0,
        gt=0,
        description="Longest pause, in seconds, between two attempts to reconnect to a Redis that went away "
        "(exponential backoff with jitter from 0.1 s).",
    )
    history_size: int | None = Field(
        None,
        ge=0,
        description="Messages kept per topic for recovery and `GET /api/v1/history` (a keyed family such as bars keeps "
        "one per key, the newest state); unset: each family's `history` in asyncapi.yaml (bars: 1000).",
    )
    history_topics: int = Field(
        10_000,
        gt=0,
        description="Topics whose stream (sequence numbers and kept messages) one process keeps in memory under "
        "memory:// (behind Redis, Redis keeps them, expiring idle topics). Beyond it the least recently used topic is "
        "dropped and starts a new epoch. Worst case ≈ topics × kept messages × 300 bytes.",
    )
    web_dir: Path = Field(
        PROJECT_ROOT / "web" / "dist",
        description="The demo page's bundle, built by `npm run build:web` (`make install`); served under `/`.",
    )
    shutdown_timeout: int = Field(
        5,
        gt=0,
        description="Seconds a stopping server waits for connections and tasks to finish before cancelling them.",
    )
    asyncapi_path: Path = Field(
        PROJECT_ROOT / "asyncapi.yaml",
        description="The AsyncAPI document served under /api/v1/ws/asyncapi.{yaml,json}.",
    )
    docs_assets_dir: Path = Field(
        PROJECT_ROOT / "node_modules" / "@asyncapi" / "react-component",
        description="The installed @asyncapi/react-component package whose standalone bundle and "
        "stylesheet the docs page loads.",
    )

    @field_validator("broker_url")
    @classmethod
    def _known_broker(cls, url: str) -> str:
        scheme = url.partition("://")[0]
        if scheme not in SCHEMES:
            raise ValueError(f"unsupported broker URL scheme {scheme!r}: expected memory://, redis:// or rediss://")
        return url

    @model_validator(mode="after")
    def _resubscribe_fits_the_burst(self) -> "Settings":
        # A reconnecting client resubscribes every topic at once; a smaller burst would close it
        # for rate, and it would reconnect and be closed again, forever.
        if self.rate_burst < self.max_subscriptions:
            raise ValueError(
                f"WS_RATE_BURST ({self.rate_burst}) must be at least WS_MAX_SUBSCRIPTIONS "
                f"({self.max_subscriptions}): a reconnecting client resubscribes all its topics at once"
            )
        return self


def split_list(value: str) -> list[str]:
    """`WS_ALLOWED_ORIGINS=a, b` -> ["a", "b"]."""
    return [item.strip() for item in value.split(",") if item.strip()]
