"""The server's order books (app/pubsub/books.py): the checksum vectors the clients are tested with
too, the spec's worked example, and, over thousands of random changes, that a client applying
only the updates holds exactly the view a fresh snapshot would give."""

import json
import random
from pathlib import Path

import pytest
import yaml

from app.contract import SPEC_PATH
from app.pubsub.books import Book, ViewMessage, checksum

VECTORS = json.loads((Path(__file__).parents[1] / "fixtures" / "book-checksums.json").read_text())


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_every_golden_vector_gives_its_checksum(vector):
    book = Book()
    book.apply(0, reversed(vector["bids"]), reversed(vector["asks"]))  # given in any order
    view = book.snapshot(vector["depth"])
    text = "|".join(f"{p}:{s}" for p, s in [*view.asks, *view.bids])
    assert (text, view.checksum) == (vector["string"], vector["checksum"])


def test_the_specs_worked_example():
    book = Book()
    book.apply(1, [("100.50", "3"), ("100.00", "7")], [("101.00", "5"), ("101.50", "2")])
    assert book.snapshot(10).checksum == 2857217212
    book.apply(2, [("100.25", "4"), ("100.00", "0")], [])
    update = book.update(10)
    assert update == ViewMessage([["100.25", "4"], ["100.00", "0"]], [], 2676422502)


def test_a_level_entering_the_view_is_sent_and_one_pushed_out_is_not():
    book = Book()
    book.apply(1, [], [("101", "1"), ("102", "1"), ("103", "1")])
    book.snapshot(2)
    book.apply(2, [], [("100", "5")])  # pushes 102 out of the top 2: the client cuts it itself
    assert book.update(2).asks == [["100", "5"]]
    book.apply(3, [], [("100", "0")])  # 102 comes back into the view
    assert book.update(2).asks == [["100", "0"], ["102", "1"]]


def test_one_price_written_two_ways_is_one_level_kept_as_last_written():
    book = Book()
    book.apply(1, [("100.10", "1")], [])
    book.apply(2, [("100.1", "2")], [])
    assert book.snapshot(10).bids == [["100.1", "2"]]
    book.apply(3, [("100.100", "0.000")], [])  # zero in any spelling removes it
    assert book.update(10).bids == [["100.1", "0"]]
    assert book.snapshot(10).bids == []


def test_a_change_outside_every_view_sends_an_empty_update_with_the_same_checksum():
    book = Book()
    book.apply(1, [(str(100 - i), "1") for i in range(20)], [])
    before = book.snapshot(10).checksum
    book.apply(2, [("85", "9")], [])
    assert book.update(10) == ViewMessage([], [], before)


def apply_as_client(levels: dict[str, str], changes: list[list[str]], descending: bool, depth: int) -> dict[str, str]:
    """What the spec asks of a client: absolute sizes, "0" removes, then cut to depth."""
    for price, size in changes:
        if float(size) == 0:
            levels.pop(price, None)
        else:
            levels[price] = size
    kept = sorted(levels, key=float, reverse=descending)[:depth]
    return {price: levels[price] for price in kept}


def ordered(levels: dict[str, str], descending: bool) -> list[tuple[str, str]]:
    return [(p, levels[p]) for p in sorted(levels, key=float, reverse=descending)]


def level(rng: random.Random, price: int) -> tuple[str, str]:
    return f"{price}.{rng.randint(0, 9)}", str(rng.choice([0, 0, 1, 5, 10]))


@pytest.mark.parametrize("depth", [10, 25, 50])
def test_updates_alone_keep_a_client_equal_to_the_server_over_random_changes(depth):
    rng = random.Random(depth)
    book = Book()
    snapshot = book.snapshot(depth)
    bids, asks = dict(map(tuple, snapshot.bids)), dict(map(tuple, snapshot.asks))
    for time in range(1, 3001):
        mid = 1000 + rng.randint(-20, 20)
        change_bids = [level(rng, mid - rng.randint(1, 80)) for _ in range(3)]
        change_asks = [level(rng, mid + rng.randint(1, 80)) for _ in range(3)]
        book.apply(time, change_bids, change_asks)
        update = book.update(depth)
        bids = apply_as_client(bids, update.bids, descending=True, depth=depth)
        asks = apply_as_client(asks, update.asks, descending=False, depth=depth)
        assert checksum(ordered(asks, False), ordered(bids, True)) == update.checksum
    fresh = book.snapshot(depth)
    assert (ordered(bids, True), ordered(asks, False)) == (list(map(tuple, fresh.bids)), list(map(tuple, fresh.asks)))
    assert len(fresh.bids) == depth  # the random book is deeper than the view


def test_the_specs_examples_are_a_snapshot_and_its_next_update():
    messages = yaml.safe_load(SPEC_PATH.read_text())["components"]["messages"]
    snapshot = messages["OrderbookSnapshot"]["examples"][0]["payload"]
    update = messages["OrderbookUpdate"]["examples"][0]["payload"]
    assert (update["epoch"], update["seq"]) == (snapshot["epoch"], snapshot["seq"] + 1)
    book = Book()
    book.apply(0, snapshot["payload"]["bids"], snapshot["payload"]["asks"])
    assert book.snapshot(10).checksum == snapshot["payload"]["checksum"]
    book.apply(1, update["payload"]["bids"], update["payload"]["asks"])
    assert book.update(10) == ViewMessage(
        update["payload"]["bids"], update["payload"]["asks"], update["payload"]["checksum"]
    )


def test_a_replacing_change_is_the_whole_book_and_its_update_removes_the_rest():
    book = Book()
    book.apply(1, [("100", "1"), ("99", "2")], [("101", "3"), ("102", "4")])
    book.snapshot(10)
    book.apply(2, [("99", "5")], [("103", "6")], replace=True)
    update = book.update(10)
    assert (update.bids, update.asks) == ([["100", "0"], ["99", "5"]], [["101", "0"], ["102", "0"], ["103", "6"]])
    assert update.checksum == checksum([("103", "6")], [("99", "5")])
