"""`python -m app --host H --port P [--workers N] [--log-level L]`: the one way to run the service.

Every uvicorn option the service depends on is set here, once; service settings come from
`WS_*` environment variables (app.settings).
"""

import argparse
import asyncio
import copy
import logging
import logging.config
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from app.pubsub.broker import Broker, BrokerUnavailable, broker_from_url
from app.settings import Settings

log = logging.getLogger("app")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app", description="Run the trading-ws service.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--ssl-certfile", help="PEM certificate: serve wss:// and https:// (with --ssl-keyfile)")
    parser.add_argument("--ssl-keyfile", help="PEM private key of --ssl-certfile")
    parser.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug", "trace"]
    )
    return parser.parse_args(argv)


class WebSocketHandshakes(logging.Filter):
    """Drops uvicorn's line per WebSocket handshake: it names no client id, and app.transport.connection
    logs every connection, and every refusal, with one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith('%s - "WebSocket %s"'))


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging config plus the service's `app` loggers on the same handler."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"websocket_handshakes": {"()": "app.__main__.WebSocketHandshakes"}}  # workers import it
    config["loggers"]["uvicorn.error"]["filters"] = ["websocket_handshakes"]
    config["formatters"]["app"] = {
        "()": "uvicorn.logging.DefaultFormatter",
        "fmt": "%(levelprefix)s %(name)s: %(message)s",
    }
    config["handlers"]["app"] = {"formatter": "app", "class": "logging.StreamHandler", "stream": "ext://sys.stderr"}
    config["loggers"]["app"] = {"handlers": ["app"], "level": "DEBUG" if level == "trace" else level.upper()}
    return config


async def probe(broker: Broker) -> None:
    try:
        await broker.connect()
    except BrokerUnavailable as exc:
        log.error("%s", exc)
        raise SystemExit(1) from None
    finally:
        await broker.disconnect()


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if (args.ssl_certfile is None) != (args.ssl_keyfile is None):
        raise SystemExit("--ssl-certfile and --ssl-keyfile go together")
    logging.config.dictConfig(log_config(args.log_level))
    settings = Settings()
    broker = broker_from_url(settings.broker_url, timeout=settings.broker_timeout)
    if broker is None and args.workers > 1:
        # Without a shared broker each worker has its own hub: a POSTed bar reaches only the
        # subscribers of the worker that received the POST.
        log.warning(
            "--workers %d: publishing reaches only the receiving worker's clients; set WS_BROKER_URL=redis://...",
            args.workers,
        )
    if broker is not None:
        # Here, once, rather than in each worker's startup: one clear line and exit status 1
        # instead of every worker failing (and uvicorn restarting it) with a traceback.
        asyncio.run(probe(broker))
        log.info("broker %s: every worker publishes and subscribes through it", broker.url)
    uvicorn.run(
        "app.main:app",  # an import string, so that --workers can start it in each process
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        log_config=log_config(args.log_level),
        loop="uvloop",
        http="httptools",
        # websockets sans-io plus the detached fast path, the spec's 1001 on shutdown and 1009.
        ws="app.transport.uvicorn_protocol:SpecWebSocketProtocol",
        ws_max_size=settings.max_message_bytes,
        # Off: the app's own heartbeat (a valid message every WS_HEARTBEAT_INTERVAL) already
        # drops dead clients with the spec's close code, and uvicorn's pings would add a timer
        # per connection and a 1011 close the spec does not know.
        ws_ping_interval=None,
        ws_ping_timeout=None,
        # Off: deflate would compress every frame once per subscriber (bars are ~150 bytes).
        ws_per_message_deflate=False,
        lifespan="on",
        timeout_graceful_shutdown=settings.shutdown_timeout,
        # Behind a local reverse proxy, X-Forwarded-For names the real client (which matters for
        # the loopback-only publish rule); only loopback proxies are trusted.
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1,::1",
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
    )


if __name__ == "__main__":
    main()
