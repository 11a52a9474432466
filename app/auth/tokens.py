"""Optional JWT authentication of WebSocket upgrades (PyJWT).

Off unless WS_AUTH_JWT_SECRET (HS256) or WS_AUTH_JWT_PUBLIC_KEY (RS256/ES256, PEM) is set.
Browsers cannot set headers on a WebSocket upgrade, so the token may also come as `?token=`.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from app.settings import Settings


class AuthError(Exception):
    """The upgrade carries no valid token; the message says why (never the token)."""


@dataclass(frozen=True)
class Identity:
    subject: str | None
    expires_at: float | None  # Unix seconds; the connection is closed then


class Authenticator:
    def __init__(self, key: str, algorithms: list[str]) -> None:
        self._key, self._algorithms = key, algorithms

    @classmethod
    def from_settings(cls, settings: Settings) -> "Authenticator | None":
        if settings.auth_jwt_secret is not None:
            return cls(settings.auth_jwt_secret.get_secret_value(), ["HS256"])
        if settings.auth_jwt_public_key is not None:
            key = settings.auth_jwt_public_key
            return cls(key, [public_key_algorithm(key)])
        return None

    def identify(self, headers: dict[str, str], query_string: bytes) -> Identity:
        token = bearer_token(headers.get("authorization", "")) or query_token(query_string)
        if token is None:
            raise AuthError("a token is required: `Authorization: Bearer <jwt>` or `?token=<jwt>`")
        return self.verify(token)

    def verify(self, token: str) -> Identity:
        try:
            claims = jwt.decode(token, self._key, algorithms=self._algorithms)
        except jwt.ExpiredSignatureError:
            raise AuthError("the token has expired") from None
        except jwt.PyJWTError as exc:  # a bad token, or one signed for another kind of key
            raise AuthError(f"the token is not valid: {exc}") from None
        exp = claims.get("exp")
        return Identity(claims.get("sub"), float(exp) if exp is not None else None)


def public_key_algorithm(pem: str) -> str:
    """RS256 for an RSA key, ES256 for an EC (P-256) one: the one algorithm its tokens may use."""
    key = serialization.load_pem_public_key(pem.encode())
    if isinstance(key, rsa.RSAPublicKey):
        return "RS256"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "ES256"
    raise ValueError(f"WS_AUTH_JWT_PUBLIC_KEY: an RSA or EC public key is needed, not {type(key).__name__}")


def bearer_token(header: str) -> str | None:
    scheme, _, token = header.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def query_token(query_string: bytes) -> str | None:
    values = parse_qs(query_string.decode("latin-1")).get("token")
    return values[0] if values else None
