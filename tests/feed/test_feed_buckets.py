"""bucket_start: fixed minute buckets and UTC calendar buckets (day, Monday week, month)."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.feed.buckets import bucket_start
from generated.models import RESOLUTION_VALUES, Resolution

from .helpers import ms

CASES: list[tuple[Resolution, str, str]] = [
    ("1", "2024-03-31T23:59:59.999", "2024-03-31T23:59:00"),
    ("1", "2024-04-01T00:00:00", "2024-04-01T00:00:00"),
    ("5", "2024-03-31T23:59:59.999", "2024-03-31T23:55:00"),
    ("5", "2024-04-01T00:04:59.999", "2024-04-01T00:00:00"),
    ("5", "2024-04-01T00:05:00", "2024-04-01T00:05:00"),
    ("15", "2024-06-10T10:29:59.999", "2024-06-10T10:15:00"),
    ("30", "2024-06-10T10:29:59.999", "2024-06-10T10:00:00"),
    ("30", "2024-06-10T10:30:00", "2024-06-10T10:30:00"),
    ("60", "2024-06-10T10:59:59.999", "2024-06-10T10:00:00"),
    ("D", "2024-02-29T23:59:59.999", "2024-02-29T00:00:00"),
    ("D", "2024-03-01T00:00:00", "2024-03-01T00:00:00"),
    # Weeks start on Monday 00:00 UTC, also across month and year ends.
    ("W", "2024-06-10T00:00:00", "2024-06-10T00:00:00"),  # a Monday
    ("W", "2024-06-09T23:59:59.999", "2024-06-03T00:00:00"),  # the Sunday before
    ("W", "2024-06-13T12:00:00", "2024-06-10T00:00:00"),  # Thursday
    ("W", "2025-01-01T08:00:00", "2024-12-30T00:00:00"),  # a Wednesday, week began last year
    ("W", "2024-03-01T00:00:00", "2024-02-26T00:00:00"),  # leap-year February
    # Months start on the 1st 00:00 UTC; lengths vary.
    ("M", "2024-02-29T23:59:59.999", "2024-02-01T00:00:00"),
    ("M", "2024-03-01T00:00:00", "2024-03-01T00:00:00"),
    ("M", "2023-02-28T23:59:59.999", "2023-02-01T00:00:00"),
    ("M", "2024-12-31T23:59:59.999", "2024-12-01T00:00:00"),
    ("M", "2025-01-01T00:00:00", "2025-01-01T00:00:00"),
    ("M", "2024-04-30T12:00:00", "2024-04-01T00:00:00"),
]


@pytest.mark.parametrize(("resolution", "instant", "start"), CASES)
def test_bucket_start_at_edges(resolution: Resolution, instant: str, start: str) -> None:
    assert bucket_start(ms(instant), resolution) == ms(start)


def _calendar_oracle(ts_ms: int, resolution: Resolution) -> int:
    """The bucket start computed another way: through datetime fields."""
    moment = datetime.fromtimestamp(ts_ms // 1000, UTC)
    day = moment.replace(hour=0, minute=0, second=0)
    if resolution == "D":
        start = day
    elif resolution == "W":
        start = day - timedelta(days=day.weekday())
    elif resolution == "M":
        start = day.replace(day=1)
    else:
        minutes = int(resolution)
        minute_of_day = moment.hour * 60 + moment.minute
        start = day + timedelta(minutes=minute_of_day - minute_of_day % minutes)
    return int(start.timestamp()) * 1000


@pytest.mark.parametrize("resolution", RESOLUTION_VALUES)
def test_bucket_start_matches_the_calendar_for_random_instants(resolution: Resolution) -> None:
    rng = random.Random(resolution)
    for _ in range(500):
        ts = rng.randrange(ms("2000-01-01T00:00:00"), ms("2040-01-01T00:00:00"))
        assert bucket_start(ts, resolution) == _calendar_oracle(ts, resolution)


def test_week_buckets_start_on_monday() -> None:
    for day in range(1, 15):
        start = bucket_start(ms(f"2024-07-{day:02d}T13:00:00"), "W")
        assert datetime.fromtimestamp(start / 1000, UTC).weekday() == 0


@pytest.mark.parametrize(
    ("fine", "coarse"),
    [("1", "5"), ("5", "15"), ("15", "30"), ("30", "60"), ("60", "D"), ("D", "W"), ("D", "M")],
)
def test_every_fine_bucket_lies_in_one_coarse_bucket(fine: Resolution, coarse: Resolution) -> None:
    # What bar consistency rests on: a fine bar never straddles a coarse boundary.
    rng = random.Random(f"{fine}{coarse}")
    for _ in range(300):
        ts = rng.randrange(ms("2020-01-01T00:00:00"), ms("2030-01-01T00:00:00"))
        assert bucket_start(bucket_start(ts, fine), coarse) == bucket_start(ts, coarse)


def test_unknown_resolution_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown resolution"):
        bucket_start(0, "2")  # type: ignore[arg-type]
