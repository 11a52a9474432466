"""Subscribe to two topics with the generated asyncio client and print a few bars.

.venv/bin/python examples/python_client.py ws://127.0.0.1:8000/api/v1/ws
"""

import asyncio
import sys

from generated.client import TradingWebSocketsClient
from generated.models import BarsParams, SubscriptionRequest


async def main(url: str, bars_wanted: int = 3) -> None:
    async with TradingWebSocketsClient(url) as client:
        await client.ping()
        request = SubscriptionRequest(symbol="AAPL", params=BarsParams(resolution="1"))
        async with client.subscribe_bars(request) as updates:
            print(updates.reply.message)  # "Subscribed to AAPL"
            for _ in range(bars_wanted):
                bar = await updates.get(timeout=10)
                print(
                    f"{updates.topic} t={bar.time} o={bar.open} h={bar.high} l={bar.low} c={bar.close} v={bar.volume}"
                )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "ws://127.0.0.1:8000/api/v1/ws"))
