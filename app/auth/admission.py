"""What a WebSocket upgrade must pass before it is accepted: allowed origin, valid JWT.

A refusal happens before the handshake completes, so the client sees HTTP 403 and no socket
is ever held for it. A token passed as `?token=` is cut from the query string once read, so it
never reaches the access log.
"""

from collections.abc import MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from app.auth.tokens import Authenticator, AuthError, Identity
from app.settings import Settings, split_list


class Refused(Exception):
    """Why an upgrade is refused; `kind` labels the refused-connections metric."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class Gate:
    def __init__(self, settings: Settings) -> None:
        self._origins = frozenset(split_list(settings.allowed_origins))
        self._auth = Authenticator.from_settings(settings)

    def admit(self, scope: MutableMapping[str, Any]) -> Identity | None:
        """The caller's identity (None when authentication is off), or Refused."""
        query_string = scope["query_string"]
        scope["query_string"] = _without_token(query_string)  # before any log line can show it
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        if self._origins and headers.get("origin") not in self._origins:
            raise Refused("origin", f"origin {headers.get('origin')!r} is not allowed")
        if self._auth is None:
            return None
        try:
            return self._auth.identify(headers, query_string)
        except AuthError as exc:
            raise Refused("auth", str(exc)) from None


def _without_token(query_string: bytes) -> bytes:
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return urlencode([(key, value) for key, value in pairs if key != "token"]).encode("latin-1")
