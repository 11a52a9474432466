"""`python -m app` whose demo market runs FAST times faster than the wall clock, from the Unix
time in FAST_MARKET_START (the same for every worker): a minute of the market passes in two
seconds, so a test can watch whole bars form from their trades. Nothing else differs."""

import os
import time

import app.feed.demo
from app.__main__ import main

FAST = 30.0
START = float(os.environ["FAST_MARKET_START"])


def market_clock() -> float:
    return START + (time.time() - START) * FAST


class FastDemoFeed(app.feed.demo.DemoFeed):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, clock=market_clock, **kwargs)  # type: ignore[arg-type]


app.feed.demo.DemoFeed = FastDemoFeed  # type: ignore[misc]  # app.main imports it when the feed starts

if __name__ == "__main__":
    main()
