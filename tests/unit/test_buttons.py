"""Button data packs and unpacks through one typed helper; anything else is refused."""

from __future__ import annotations

import pytest

from handlers.announce.buttons import Ack
from handlers.attendance.buttons import CancelMeeting, MoveMeeting, Present, Proxy, Rsvp
from handlers.buttons import MAX_ID, BadButton, prefixes_of
from handlers.materials.buttons import OpenTopic, Section


def test_the_wire_formats_stay_what_chibo_has_always_sent() -> None:
    assert Rsvp(12, "y").pack() == "att:12:y"
    assert Present(7).pack() == "ci:7"
    assert Proxy(7, 31).pack() == "px:7:31"
    assert CancelMeeting(5).pack() == "hx:5"
    assert CancelMeeting(5, "ok").pack() == "hx:5:ok"
    assert OpenTopic(3).pack() == "tl:o:3"
    assert Section(3, 2).pack() == "tl:s:3:2"
    assert Ack(9).pack() == "tb:k:9"


@pytest.mark.parametrize(
    "kind, data",
    [
        (Rsvp, "att:12:y"),
        (Rsvp, "att:12:n"),
        (CancelMeeting, "hx:5"),
        (CancelMeeting, "hx:5:no"),
        (MoveMeeting, "hd:5:1796468400:120"),
        (Section, "tl:s:3:2"),
        (Ack, "tb:k:2147483647"),
    ],
)
def test_what_packs_unpacks_to_the_same(kind: type[Rsvp], data: str) -> None:
    assert kind.unpack(data).pack() == data


@pytest.mark.parametrize(
    "kind, data",
    [
        (Present, "ci:" + "9" * 20),  # does not fit the database
        (Present, f"ci:{MAX_ID + 1}"),
        (Present, "ci:0"),
        (Present, "ci:-3"),
        (Present, "ci:²"),  # str.isdigit() says yes, int() says no
        (Present, "ci:٣"),
        (Present, "ci:"),
        (Present, "ci"),
        (Present, "ci:1:2"),
        (Present, "ci: 1"),
        (Rsvp, "att:12:maybe"),
        (Rsvp, "att:12"),
        (OpenTopic, "tl:x:3"),
        (OpenTopic, "tl:o:3" + ":1" * 40),  # over 64 bytes
        (Section, "tl:s:3:0"),
        (Section, "tl:s:3:1000"),
        (MoveMeeting, "hd:5:99:0"),  # 1970
        (MoveMeeting, "hd:5:1796468400:100000"),
        (Ack, "tb:k:1'; DROP TABLE people;--"),
    ],
)
def test_forged_old_or_oversized_data_is_refused(kind: type[Present], data: str) -> None:
    with pytest.raises(BadButton):
        kind.unpack(data)


def test_a_button_chibo_could_not_read_back_is_never_sent() -> None:
    with pytest.raises(ValueError):
        Present(MAX_ID + 1).pack()
    with pytest.raises(ValueError):
        Section(1, 0).pack()


def test_the_longer_prefix_is_tried_first() -> None:
    assert prefixes_of("tl:o:3") == ("tl:o", "tl")
    assert prefixes_of("ci:3") == ("ci:3", "ci")
    assert prefixes_of("lang") == ("lang",)
