"""The embedded demo market (`WS_DEMO_FEED`): synthetic trades aggregated into bars.

`DemoFeed` is what the service uses; the modules below it each do one job:
`buckets` (bar time of an instant), `market` (deterministic trades per symbol) and
`aggregate` (trades -> consistent bars for every resolution).
"""

from .buckets import bucket_start
from .demo import DemoFeed
from .market import Market, Trade

__all__ = ["DemoFeed", "Market", "Trade", "bucket_start"]
