"""Service configuration, read from `WS_*` environment variables."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

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
        "of the same bar replace older ones); past it the client is closed with 1008 `Slow consumer` "
        "instead of slowing anybody else.",
    )
    max_queue_bytes: int = Field(
        1 << 20,
        gt=0,
        description="Bytes that may wait for one lagging client, with the same consequence as `WS_MAX_QUEUE`.",
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
    demo_feed: bool = Field(
        False,
        description="Run the demo market: a topic's first subscriber starts its bars, the last one leaving stops them.",
    )
    demo_interval: float = Field(0.25, gt=0, description="Seconds between two demo-feed ticks of a watched topic.")
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
