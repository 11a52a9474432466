"""`GET /api/v1/history?topic=&limit=&end=`: the messages a topic keeps, oldest first.

Any family that declares `history` answers here, with the very update frames its subscribers
got (so each carries its `seq` and `epoch`: a client loads the history, then drops live updates
it already has). `end` pages back: exclusive, by the family's state key (bars: the bar time),
or by `seq` for a family without one. Where the frames come from: app/pubsub/history.py.
"""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from app.pubsub.broker import BrokerUnavailable
from app.pubsub.families import InvalidTopic, resolve
from app.pubsub.history import History
from generated.families import Family

HISTORY_PATH = "/api/v1/history"
MAX_LIMIT = 1000


async def read_page(history: History, family: Family, topic: str, limit: int, end: int | None) -> list[bytes]:
    """`history.page`, with a broker that is down answered 503."""
    try:
        return await history.page(family, topic, limit, end)
    except BrokerUnavailable as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc), headers={"Retry-After": "1"}) from None


class HistoryQuery(BaseModel):
    topic: str = Field(description="The topic, e.g. `bars:AAPL:1`.", max_length=256)
    limit: int = Field(300, ge=1, le=MAX_LIMIT, description=f"How many messages at most (1 to {MAX_LIMIT}).")
    end: int | None = Field(
        None, ge=0, description="Only messages before this: by the family's key (bars: `time`), else by `seq`."
    )


class HistoryPage(BaseModel):
    """The documented shape of the answer (written by hand below: the frames are kept as bytes)."""

    topic: str
    messages: list[dict[str, object]] = Field(
        description="Update frames, oldest first, exactly as subscribers got them."
    )


def history_router(history: History) -> APIRouter:
    router = APIRouter()

    @router.get(
        HISTORY_PATH,
        response_model=HistoryPage,
        operation_id="history",
        summary="The messages a topic keeps, oldest first",
        responses={
            404: {"description": "The topic's family keeps no history."},
            422: {"description": "Not a topic of any family, or a bad limit or end."},
            503: {"description": "The message broker (Redis), where the history is kept, is unavailable."},
        },
    )
    async def topic_history(query: Annotated[HistoryQuery, Query()]) -> Response:
        """At most `limit` of the topic's kept messages before `end`, the newest ones, oldest
        first, as the update frames subscribers received (`{"topic", "messages": [...]}`)."""
        try:
            family, _ = resolve(query.topic)
        except InvalidTopic as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
        if family.history == 0:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"the {family.name} family keeps no history")
        frames = await read_page(history, family, query.topic, query.limit, query.end)
        body = b'{"topic":"%b","messages":[%b]}' % (query.topic.encode(), b",".join(frames))
        return Response(body, media_type="application/json")

    return router
