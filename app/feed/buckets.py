"""Bucket starts: which bar a moment belongs to, for every resolution.

A bar's `time` is the start of its bucket in UTC, in Unix milliseconds. Minute resolutions
are fixed-length buckets counted from the epoch (so `60` starts on the UTC hour); `D`, `W`
and `M` follow the UTC calendar: midnight, Monday midnight and the 1st at midnight.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from generated.models import Resolution

MINUTE_MS = 60_000
DAY_MS = 24 * 60 * MINUTE_MS
WEEK_MS = 7 * DAY_MS
# 1970-01-01 was a Thursday; the first Monday 00:00 UTC came four days later.
_FIRST_MONDAY_MS = 4 * DAY_MS
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)


def _fixed(length_ms: int) -> Callable[[int], int]:
    """Buckets of one fixed length, aligned on the epoch."""
    return lambda ts_ms: ts_ms - ts_ms % length_ms


def _week(ts_ms: int) -> int:
    return ts_ms - (ts_ms - _FIRST_MONDAY_MS) % WEEK_MS


def _month(ts_ms: int) -> int:
    # Integer arithmetic on timedelta keeps it exact; a float timestamp would round.
    moment = _EPOCH + ts_ms * _ONE_MS
    first = moment.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return (first - _EPOCH) // _ONE_MS


_BUCKETS: dict[str, Callable[[int], int]] = {
    "1": _fixed(MINUTE_MS),
    "5": _fixed(5 * MINUTE_MS),
    "15": _fixed(15 * MINUTE_MS),
    "30": _fixed(30 * MINUTE_MS),
    "60": _fixed(60 * MINUTE_MS),
    "D": _fixed(DAY_MS),
    "W": _week,
    "M": _month,
}


def bucket_start(ts_ms: int, resolution: Resolution) -> int:
    """The start (Unix ms, UTC) of the `resolution` bucket holding the instant `ts_ms`."""
    try:
        start_of = _BUCKETS[resolution]
    except KeyError:
        raise ValueError(f"unknown resolution {resolution!r}") from None
    return start_of(ts_ms)
