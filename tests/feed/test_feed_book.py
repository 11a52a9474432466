"""app/feed/book.py: prices as the wire carries them, and the changes that turn one side into another."""

import pytest

from app.feed.book import Book, changed_levels, price_text, removals


@pytest.mark.parametrize(
    ("ticks", "text"), [(15025, "150.25"), (15020, "150.20"), (1000, "10.00"), (5, "0.05"), (100, "1.00")]
)
def test_prices_are_two_decimal_strings(ticks: int, text: str) -> None:
    assert price_text(ticks) == text


def test_changed_levels_are_the_new_and_resized_ones_and_zeros_for_the_gone() -> None:
    before = {10000: 5, 9999: 3, 9998: 7}
    after = {10001: 2, 10000: 5, 9999: 4}
    assert changed_levels(before, after, descending=True) == [["100.01", "2"], ["99.99", "4"], ["99.98", "0"]]
    assert changed_levels(before, after, descending=False) == [["99.98", "0"], ["99.99", "4"], ["100.01", "2"]]
    assert changed_levels(after, after, descending=True) == []


def test_applying_the_changes_gives_the_new_side() -> None:
    before = {p: p % 7 + 1 for p in range(9000, 9060)}
    after = {p: p % 5 + 1 for p in range(9010, 9075, 2)}
    side = dict(before)
    for price, size in changed_levels(before, after, descending=False):
        ticks = round(float(price) * 100)
        if size == "0":
            del side[ticks]
        else:
            side[ticks] = int(size)
    assert side == after


def test_removals_zero_every_price_once_in_order() -> None:
    assert removals([101, 100, 101, 102], descending=True) == [["1.02", "0"], ["1.01", "0"], ["1.00", "0"]]


def test_the_top_of_a_book() -> None:
    book = Book(bids=((15024, 300), (15020, 5)), asks=((15025, 100),))
    assert book.top() == ("150.24", "300", "150.25", "100")
    assert book.top()._asdict() == {"bid": "150.24", "bid_size": "300", "ask": "150.25", "ask_size": "100"}
