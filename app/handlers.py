"""The service's side of the generated operation router: what each client message does."""

from app.pubsub.hub import Hub
from app.pubsub.relay import Relay
from app.transport.connection import Connection, ConnState
from generated.models import SubscriptionRequest, SubscriptionResponse
from generated.protocol import bars_topic_of
from generated.router import Handlers


class BarsHandlers(Handlers[Connection]):
    def __init__(self, hub: Hub, relay: Relay | None = None, max_subscriptions: int = 100) -> None:
        self._hub = hub
        self._max_subscriptions = max_subscriptions
        # With a broker, joining waits for its channel (see Relay.join); alone, the hub joins at once.
        self._join = relay.join if relay is not None else hub.join

    async def bars_subscribe(self, ctx: Connection, payload: SubscriptionRequest) -> SubscriptionResponse:
        topic = bars_topic_of(payload)
        if not self._hub.holds(topic, ctx) and self._hub.held_by(ctx) >= self._max_subscriptions:
            limit = f"Subscription limit reached: at most {self._max_subscriptions} topics per connection"
            return SubscriptionResponse(status="error", symbol=payload.symbol, message=limit, topic=topic)
        joined, snapshot = await self._join(topic, ctx)
        if joined and ctx.state is not ConnState.OPEN:
            self._hub.unsubscribe(topic, ctx)  # it closed while the broker subscribed: let go again
        elif joined:
            ctx.log.debug("subscribed to %s", topic)
            # The latest known bar follows the reply, so a chart never starts blank.
            if snapshot is not None:
                ctx.send_after_reply(snapshot)
        return SubscriptionResponse(
            status="ok", symbol=payload.symbol, message=f"Subscribed to {payload.symbol}", topic=topic
        )

    async def bars_unsubscribe(self, ctx: Connection, payload: SubscriptionRequest) -> SubscriptionResponse:
        topic = bars_topic_of(payload)
        if self._hub.unsubscribe(topic, ctx):
            ctx.log.debug("unsubscribed from %s", topic)
        return SubscriptionResponse(
            status="ok", symbol=payload.symbol, message=f"Unsubscribed from {payload.symbol}", topic=topic
        )

    async def ping(self, ctx: Connection) -> None:
        """Nothing to do: every valid message already resets the heartbeat timer."""
