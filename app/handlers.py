"""The service's side of the generated operation router: what each client message does.

Nothing here names a channel family. A family's own subscribe message (`bars.subscribe`) and
the batch `subscribe` take the same path: resolve each topic by the generated family table,
check who may hold it, join it (app/pubsub/subscriptions.py), then queue what follows the
reply: the missed messages or the family's first message.
"""

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from app.pubsub.broker import BrokerUnavailable
from app.pubsub.families import InvalidTopic, resolve
from app.pubsub.hub import Hub
from app.pubsub.subscriptions import Joined, JoinRequest, Topics
from app.pubsub.topic_log import Position
from app.transport.connection import Connection, ConnState
from generated.families import Family, TopicOutcome
from generated.models import StreamPosition, SubscribeTopics, TopicResult, TopicResults, UnsubscribeTopics
from generated.router import Handlers

NO_USER = "-"


def error(topic: str, code: str, message: str) -> TopicResult:
    return TopicResult(topic=topic, status="error", code=code, message=message)


def held(topic: str, position: Position | None) -> TopicResult:
    if position is None:
        return TopicResult(topic=topic, status="ok")
    return TopicResult(topic=topic, status="ok", seq=position.seq, epoch=position.epoch)


def joined(topic: str, outcome: Joined) -> TopicResult:
    result = held(topic, outcome.position)
    if outcome.recovered is not None:
        result.recovered = outcome.recovered
        if outcome.recovered:
            result.recovered_count = len(outcome.frames)
    return result


def reply(req_id: str | None, results: list[TopicResult]) -> TopicResults:
    """The batch reply, carrying the request's `req_id` back when it had one."""
    return TopicResults(results=results) if req_id is None else TopicResults(req_id=req_id, results=results)


def topic_for(family: Family, request: Any, user: str | None) -> str:
    """The topic a family's own (un)subscribe names; for a private family without a user, a topic
    no user can hold (`orders#-`), which the access check then refuses."""
    if family.access == "private" and user is None:
        return f"{family.name}#{NO_USER}"
    return family.topic_of(request, user)


def refusal(family: Family, params: Mapping[str, str], user: str | None) -> tuple[str, str] | None:
    """Why this connection may not hold a topic of `family`: (code, message), or None."""
    if family.access != "private":
        return None
    if user is None or user == NO_USER:
        return "auth_required", f"{family.name} topics are private: connect with a token to subscribe"
    if params.get("user") != user:
        return "permission_denied", f"a connection may hold only its own {family.name} topic, {family.name}#{user}"
    return None


class TopicGuard(Protocol):
    def refusal(self, topic: str) -> str | None:
        """Why nobody may start holding `topic` now (code `capacity`), or None."""


class StreamHandlers(Handlers[Connection]):
    def __init__(self, hub: Hub, topics: Topics, max_subscriptions: int = 100) -> None:
        self._hub, self._topics = hub, topics
        self._max_subscriptions = max_subscriptions
        self._guards: list[TopicGuard] = []

    def add_guard(self, guard: TopicGuard) -> None:
        """Consult `guard` before a topic nobody holds here is subscribed (the demo market's cap)."""
        self._guards.append(guard)

    # ---- a family's own messages (bars.subscribe, ...) -----------------------------------

    async def join_topic(self, ctx: Connection, family: Family, request: Any) -> TopicOutcome:
        topic = topic_for(family, request, ctx.user)
        [result] = await self._subscribe(ctx, [topic], {})
        if result.status == "ok":
            return TopicOutcome(topic, "ok", f"Subscribed to {family.label_of(request)}")
        return TopicOutcome(topic, "error", result.message or "", result.code)

    async def leave_topic(self, ctx: Connection, family: Family, request: Any) -> TopicOutcome:
        topic = topic_for(family, request, ctx.user)
        if self._hub.unsubscribe(topic, ctx):
            ctx.log.debug("unsubscribed from %s", topic)
        return TopicOutcome(topic, "ok", f"Unsubscribed from {family.label_of(request)}")

    # ---- batch subscribe ------------------------------------------------------------------

    async def subscribe(self, ctx: Connection, payload: SubscribeTopics) -> TopicResults:
        results = await self._subscribe(ctx, payload.topics, payload.since or {})
        return reply(payload.req_id, results)

    async def unsubscribe(self, ctx: Connection, payload: UnsubscribeTopics) -> TopicResults:
        results = []
        for topic in dict.fromkeys(payload.topics):
            try:
                resolve(topic)
            except InvalidTopic as exc:
                results.append(error(topic, "invalid_topic", str(exc)))
                continue
            self._hub.unsubscribe(topic, ctx)
            results.append(TopicResult(topic=topic, status="ok"))
        return reply(payload.req_id, results)

    async def ping(self, ctx: Connection) -> None:
        """Nothing to do: every valid message already resets the heartbeat timer."""

    # ---- the one path of every subscribe --------------------------------------------------

    async def _subscribe(
        self, ctx: Connection, topics: Sequence[str], since: Mapping[str, StreamPosition]
    ) -> list[TopicResult]:
        results: dict[str, TopicResult] = {}
        requests: list[JoinRequest] = []
        for topic in dict.fromkeys(topics):
            try:
                family, params = resolve(topic)
            except InvalidTopic as exc:
                results[topic] = error(topic, "invalid_topic", str(exc))
                continue
            refused = refusal(family, params, ctx.user) or self._guarded(topic)
            if refused is not None:
                results[topic] = error(topic, *refused)
            elif self._hub.holds(topic, ctx):
                results[topic] = held(topic, self._topics.position(topic))
            else:
                position = since.get(topic)
                requests.append(
                    JoinRequest(topic, family, Position(position.seq, position.epoch) if position else None)
                )
        if requests and self._hub.held_by(ctx) + len(requests) > self._max_subscriptions:
            limit = f"Subscription limit reached: at most {self._max_subscriptions} topics per connection"
            for request in requests:
                results[request.topic] = error(request.topic, "subscription_limit", limit)
        elif requests:
            for request, result in zip(requests, await self._join(ctx, requests), strict=True):
                results[request.topic] = result
        return [results[topic] for topic in dict.fromkeys(topics)]

    def _guarded(self, topic: str) -> tuple[str, str] | None:
        if self._hub.has_subscribers(topic):
            return None  # held already: nothing new to take on
        for guard in self._guards:
            if (why := guard.refusal(topic)) is not None:
                return "capacity", why
        return None

    async def _join(self, ctx: Connection, requests: list[JoinRequest]) -> list[TopicResult]:
        try:
            outcomes = await self._topics.join(ctx, requests)
        except BrokerUnavailable as exc:
            return [error(request.topic, "unavailable", str(exc)) for request in requests]
        if ctx.state is not ConnState.OPEN:  # it closed while the join waited: let go again
            for request in requests:
                self._hub.unsubscribe(request.topic, ctx)
            return [error(request.topic, "unavailable", "the connection closed") for request in requests]
        for request, outcome in zip(requests, outcomes, strict=True):
            ctx.log.debug("subscribed to %s", request.topic)
            ctx.send_after_reply(outcome.frames)
        return [joined(request.topic, outcome) for request, outcome in zip(requests, outcomes, strict=True)]
