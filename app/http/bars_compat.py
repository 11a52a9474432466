"""The bars-only HTTP forms of 1.x, kept as they were and carried by the generic endpoints:
`POST /api/v1/publish` with `{"symbol", "resolution", "bars"}` and
`GET /api/v1/bars/history?symbol=&resolution=&limit=&end=` (`[Bar, ...]`, oldest first).
The one place of app/http/ that names a channel family, because these forms do.
"""

from typing import Annotated

import orjson
from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from app.http.history import MAX_LIMIT, read_page
from app.pubsub.history import History
from generated.families import BARS
from generated.models import Bar, Resolution, Ticker
from generated.protocol import bars_topic

BARS_HISTORY_PATH = "/api/v1/bars/history"


class BarsPublishRequest(BaseModel):
    """The bars form; each bar's OHLC sense is checked by the endpoint, with the other families'
    domain rules (app/pubsub/checks.py)."""

    symbol: Ticker
    resolution: Resolution = Field("1", description="Bar size; `1` (minute) by default, as for subscribe.")
    bars: list[Bar] = Field(
        description="Bars published in this order as `bars.update` of `bars:{symbol}:{resolution}`."
    )

    @property
    def topic(self) -> str:
        return bars_topic(self.symbol, self.resolution)


class BarsPublishResult(BaseModel):
    published: int


class BarsHistoryQuery(BaseModel):
    """Which topic, and how many of its bars; validated with the spec's own types (422 otherwise)."""

    symbol: Ticker = Field(description="A ticker as in `bars.subscribe`, e.g. `AAPL`.")
    resolution: Resolution = Field("1", description="Bar size: `1`, `5`, `15`, `30`, `60`, `D`, `W` or `M`.")
    limit: int = Field(300, ge=1, le=MAX_LIMIT, description=f"How many bars at most (1 to {MAX_LIMIT}).")
    end: int | None = Field(None, ge=0, description="Only bars whose `time` is before this (Unix ms): paging back.")


def bars_history_router(history: History) -> APIRouter:
    router = APIRouter()

    @router.get(
        BARS_HISTORY_PATH,
        response_model=list[Bar],
        tags=["bars"],
        operation_id="barsHistory",
        summary="Recent bars of a topic, oldest first",
        response_description="The topic's most recent bars, oldest first (`[]` if none was published yet).",
        responses={503: {"description": "The message broker (Redis), where the history is kept, is unavailable."}},
    )
    async def bars_history(query: Annotated[BarsHistoryQuery, Query()]) -> list[Bar]:
        """The most recent bars published to `bars:{symbol}:{resolution}` before `end` (if given),
        **oldest first**: at most `limit`, one per bar time, each in its latest state (the last one
        may still be forming). Load these first, then apply the topic's live `bars.update` messages
        from the WebSocket: an update with the same `time` as the last bar replaces it, a later
        `time` appends a bar. A topic nothing was published to yet answers `[]`. The generic
        `GET /api/v1/history?topic=bars:...` answers the same bars as whole frames, with `seq`.
        """
        frames = await read_page(history, BARS, bars_topic(query.symbol, query.resolution), query.limit, query.end)
        return [Bar.model_validate(orjson.loads(frame)["payload"]) for frame in frames]

    return router
