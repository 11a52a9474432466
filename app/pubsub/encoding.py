"""Update frames, built once per message, byte for byte as the Redis publishing script builds them.

`{"type":<update>,"topic":<topic>,"epoch":<epoch>,"seq":<seq>,"payload":<payload JSON>}`: the
payload is serialized by its generated model once; topic and epoch never need JSON escaping
(their schemas allow no quote, backslash or control character), so the rest is concatenation.
"""

from functools import lru_cache

from pydantic import BaseModel

from app.transport.framing import OutFrame, out_frame
from generated.models import SubscriptionResetPayload
from generated.router import encode, subscription_reset


@lru_cache(maxsize=4096)
def _head(kind: str, topic: str, epoch: str) -> bytes:
    return f'{{"type":"{kind}","topic":"{topic}","epoch":"{epoch}","seq":'.encode()


def payload_json(payload: BaseModel) -> bytes:
    return payload.__pydantic_serializer__.to_json(payload, exclude_none=True)


def update_json(kind: str, topic: str, epoch: str, seq: int, payload: bytes) -> bytes:
    return b'%b%d,"payload":%b}' % (_head(kind, topic, epoch), seq, payload)


def reset_frame(topic: str, epoch: str, reason: str) -> OutFrame:
    """`subscription.reset` for every subscriber of `topic`: its stream continues as `epoch`."""
    message = subscription_reset(SubscriptionResetPayload(topic=topic, epoch=epoch, reason=reason))
    return out_frame(encode(message), kind=message.type)
