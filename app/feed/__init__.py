"""The embedded demo market (`WS_DEMO_FEED`): a simulated limit order book per symbol, its
trades, quotes and bars.

`DemoFeed` is what the service uses (app/feed/watcher.py wires it in); the modules below it each
do one job: `market` (the deterministic book and trades of a symbol), `book` (levels and their
wire form), `aggregate` (trades -> consistent bars for every resolution), `backfill` (the bars
before the market started) and `buckets` (bar time of an instant).
"""

from .book import Book
from .buckets import bucket_start
from .demo import DemoFeed
from .market import Market, Trade

__all__ = ["Book", "DemoFeed", "Market", "Trade", "bucket_start"]
