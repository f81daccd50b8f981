"""A few hundred malformed or odd updates through the real Telegram and Zalo adapters: texts
of 0 to 100,000 characters, emoji, RTL, zero-width and NUL characters, absurd dates, SQL-looking
names, random, forged, oversized and other-branch button data, edited messages, channel posts,
membership updates, messages with no sender or no text. Afterwards chibo still answers, no
apology and no traceback was produced, the fake servers saw no request the platform would
refuse, and the branch's data is unchanged."""

from __future__ import annotations

import hashlib
import logging
import random
from typing import Any

import pytest
from sqlalchemy import text

from config.i18n import t
from tests.e2e.conftest import PEOPLE, link_code
from tests.e2e.drivers import TelegramDriver, ZaloDriver, texts
from tests.e2e.scheduling import hop

SEED = 20261202
# Khu phố 2's secretary (tuan) owns the meeting the forged presses aim at. Those who send the
# odd texts are a member and the secretary of Khu phố 1, committee staff (a member of Khu phố 2,
# who may read but not act) and an account linked to nobody: no text of theirs may change data
WHO = ("mai", "lan", "son", "stranger")
# Forged presses come from those with no business in Khu phố 2's meeting and no right to
# publish: two members of Khu phố 1 and an account linked to nobody. (Khu phố 1's secretary may
# publish any topic to her branch, and Sơn may answer his own branch's meeting, by any button.)
PRESSERS = ("mai", "duc", "stranger")
TABLES = (
    "committees",
    "branches",
    "people",
    "group_chats",
    "meetings",
    "meeting_branches",
    "attendance",
    "announcements",
    "outbox",
    "outbox_batches",
    "due_jobs",
    "topics",
)
APOLOGIES = (t("vi", "error.apology"), t("en", "error.apology"))

ODD_TEXTS = [
    "",
    " ",
    "\n\n\n",
    "a",
    "x" * 4095,
    "y" * 4096,
    "z" * 4097,
    "w" * 20_000,
    "v" * 100_000,
    "👍🏻🇻🇳🙏",
    "\u202eمرحبا بكم",
    "co\u200bmat",
    "có\x00mặt",
    "\x00",
    "\u200b\u200c\u200d\ufeff",
    "/hop\x00 05/12 14:00 Họp",
    "/hop 31/12/9999 23:00 Họp",
    "/hop 99/99 99:99 Họp",
    "/hop 00/00/0000 00:00 Họp",
    "/hop 5/12 25:61 Họp",
    "/hop 29/02/2027 14:00 Họp",
    "/hop 05/12/1900 14:00 Họp",
    "/hop doi 31/12/9999 23:00",
    "/hop huy 999999999999999999999",
    "/hop " + "9" * 5000,
    "/vang " + "ốm " * 3000,
    "/baocao 13/2026",
    "/baocao 12/99999",
    "/baocao 0/0",
    "/baocao ' OR 1=1 --",
    "/xuat 00/0000",
    "/xuat 12/99999999999999999999",
    "/diemdanh Robert'); DROP TABLE people;--",
    "/diemdanh " + "%_" * 200,
    "/start ' OR '1'='1",
    "/start " + "9" * 200,
    "/start \x00",
    "/tailieu " + "%" * 300,
    "/tailieu \u202e",
    "/ngonngu xx",
    "/ngonngu " + "e" * 1000,
    "/lich " + "\u202e" * 50,
    "/trogiup@other_bot",
    "/" + "a" * 5000,
    "/",
    "//",
    "/é",
    "1",
    "99",
    "0",
    "-1",
    "1.5",
    "٣",
    "²",
    "12345678901234567890",
    "DROP TABLE attendance;",
    "da nhan",
    "đã đọc",
]


def _random_text(rng: random.Random) -> str:
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 /:.-|'\";%_\\\u200b\u202e\x00👍"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))


async def _snapshot(driver: TelegramDriver | ZaloDriver) -> dict[str, str]:
    """A digest of every row of the tables that hold the branch's data."""
    digests = {}
    async with driver.app.db.unit_of_work() as uow:
        for table in TABLES:
            rows = (await uow.session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))).all()
            digests[table] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    return digests


async def _other_branch_meeting(driver: TelegramDriver | ZaloDriver) -> None:
    """A meeting of Khu phố 2 and the group of Khu phố 1: targets for forged presses."""
    await driver.say("lan", "/lienket", group=True)
    await hop(driver, "tuan", "/hop 20/12/2026 14:00 Sinh hoạt chi bộ Khu phố 2")


def _forged_data(rng: random.Random, prefixes: list[str], ids: list[int]) -> list[str]:
    junk = ["", ":", "::::", "²", "٣", "-1", "0", "99999999999999999999", "1e9", "x" * 70, "\x00", "👍"]
    data = [f"{p}:{j}" for p in prefixes for j in junk]
    data += [f"{p}:{i}" for p in prefixes for i in ids]
    data += [f"{p}:{i}:{j}" for p in prefixes for i in ids for j in ("y", "n", "ok", "no", "1", "0")]
    data += ["".join(chr(rng.randint(33, 0x2FF)) for _ in range(rng.randint(1, 64))) for _ in range(20)]
    data += ["a" * 64, "a" * 65, "é" * 40]
    return [d for d in data if len(d.encode()) <= 64 or rng.random() < 0.2]


async def _known_ids(driver: TelegramDriver | ZaloDriver) -> list[int]:
    async with driver.app.db.unit_of_work() as uow:
        rows = (await uow.session.execute(text("SELECT id FROM meetings UNION SELECT id FROM people"))).all()
    return sorted({int(r[0]) for r in rows})


def _button_prefixes() -> list[str]:
    from handlers.features import FEATURES
    from handlers.registry import compose

    return sorted(compose(FEATURES).buttons)


def _assert_clean(
    driver: TelegramDriver | ZaloDriver, seen: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    said = texts(seen)
    for apology in APOLOGIES:
        assert apology not in said
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not errors, [r.getMessage() for r in errors[:5]]
    assert driver.fake.violations == []


async def test_odd_telegram_updates_break_nothing(
    telegram_driver: TelegramDriver, caplog: pytest.LogCaptureFixture
) -> None:
    driver = telegram_driver
    for who, name in PEOPLE.items():
        await driver.say(who, f"/start {await link_code(driver.app, name)}")
    await _other_branch_meeting(driver)
    before = await _snapshot(driver)
    rng = random.Random(SEED)
    fake = driver.fake
    caplog.set_level(logging.INFO)
    seen: list[Any] = []

    messages = [*ODD_TEXTS, *(_random_text(rng) for _ in range(60))]
    for i, body in enumerate(messages):
        seen += await driver.say(WHO[i % len(WHO)], body, group=i % 3 == 0)

    last_with_buttons = next((c for c in reversed(fake.calls) if c.button_rows), None)
    ids = await _known_ids(driver)
    for i, data in enumerate(_forged_data(rng, _button_prefixes(), [*ids[:6], max(ids) + 1])):
        user = driver.user(PRESSERS[i % len(PRESSERS)])
        if last_with_buttons is not None:
            seen += await driver.deliver(fake.callback(user, last_with_buttons, data))

    mai = driver.user("mai").as_dict()
    odd_updates: list[dict[str, Any]] = [
        {
            "edited_message": {
                "message_id": 5,
                "date": 1,
                "edit_date": 2,
                "chat": {"id": mai["id"], "type": "private"},
                "from": mai,
                "text": "/hop 05/12 14:00 Họp",
            }
        },
        {
            "channel_post": {
                "message_id": 6,
                "date": 1,
                "chat": {"id": -1009, "type": "channel", "title": "Kênh"},
                "text": "/baocao",
            }
        },
        {
            "message": {
                "message_id": 7,
                "date": 1,
                "chat": {"id": -1009, "type": "channel", "title": "Kênh"},
                "sender_chat": {"id": -1009, "type": "channel"},
                "text": "/baocao",
            }
        },
        {
            "message": {
                "message_id": 8,
                "date": 1,
                "chat": {"id": mai["id"], "type": "private"},
                "from": mai,
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                },
            }
        },
        {
            "message": {
                "message_id": 9,
                "date": 1,
                "chat": {"id": mai["id"], "type": "private"},
                "from": mai,
                "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
            }
        },
        {"message": {"message_id": 10, "date": 1, "chat": {"id": mai["id"], "type": "private"}, "from": mai}},
        {
            "message": {
                "message_id": 11,
                "date": 1,
                "chat": {"id": driver.GROUP_ID, "type": "supergroup", "title": "G"},
                "from": mai,
                "new_chat_members": [mai],
            }
        },
        {
            "message": {
                "message_id": 12,
                "date": 1,
                "chat": {"id": driver.GROUP_ID, "type": "supergroup", "title": "G"},
                "from": mai,
                "left_chat_member": mai,
            }
        },
        {
            "my_chat_member": {
                "chat": {"id": driver.GROUP_ID, "type": "supergroup", "title": "G"},
                "from": mai,
                "date": 1,
                "old_chat_member": {"status": "member", "user": mai},
                "new_chat_member": {"status": "left", "user": mai},
            }
        },
        {
            "chat_member": {
                "chat": {"id": driver.GROUP_ID, "type": "supergroup", "title": "G"},
                "from": mai,
                "date": 1,
                "old_chat_member": {"status": "member", "user": mai},
                "new_chat_member": {"status": "kicked", "user": mai, "until_date": 0},
            }
        },
        {"callback_query": {"id": "cq1", "from": mai, "chat_instance": "c", "data": "ci:1"}},
        {"callback_query": {"id": "cq2", "from": mai, "chat_instance": "c", "inline_message_id": "im"}},
        {"poll_answer": {"poll_id": "p1", "user": mai, "option_ids": [0], "option_persistent_ids": ["o0"]}},
    ]
    for n, update in enumerate(odd_updates):
        before_calls = len(fake.calls)
        status = await fake.post_webhook({"update_id": 10_000_000 + n, **update})
        assert status == 200, update
        seen += driver._seen_since(before_calls)

    _assert_clean(driver, seen, caplog)
    assert await _snapshot(driver) == before
    assert texts(await driver.say("mai", "/lich"), "mai")


async def test_odd_zalo_events_break_nothing(
    zalo_driver: ZaloDriver, caplog: pytest.LogCaptureFixture
) -> None:
    driver = zalo_driver
    for who, name in PEOPLE.items():
        await driver.say(who, f"/start {await link_code(driver.app, name)}")
    await _other_branch_meeting(driver)
    before = await _snapshot(driver)
    rng = random.Random(SEED)
    fake = driver.fake
    caplog.set_level(logging.INFO)
    seen: list[Any] = []

    messages = [*ODD_TEXTS, *(_random_text(rng) for _ in range(60))]
    for i, body in enumerate(messages):
        seen += await driver.say(WHO[i % len(WHO)], body, group=i % 3 == 0)

    mai = driver.user("mai")
    odd_events: list[dict[str, Any]] = [
        {
            "event_name": "message.unknown.received",
            "message": {"chat": {"id": mai.id, "chat_type": "PRIVATE"}, "from": mai.as_dict()},
        },
        fake.message(mai, "", event="message.sticker.received", sticker="abc"),
        fake.message(mai, "", event="message.image.received", photo_url="http://127.0.0.1:1/x.png"),
        {
            "event_name": "message.text.received",
            "message": {"chat": {"id": mai.id, "chat_type": "PRIVATE"}, "text": "/lich"},
        },
        {"event_name": "message.text.received", "message": {"from": mai.as_dict(), "text": "/lich"}},
        {
            "event_name": "message.text.received",
            "message": {"chat": {"id": mai.id, "chat_type": "PRIVATE"}, "from": mai.as_dict(), "text": None},
        },
        {
            "event_name": "message.text.received",
            "message": {"chat": {"id": mai.id, "chat_type": "PRIVATE"}, "from": mai.as_dict(), "text": 12345},
        },
        {"event_name": "message.text.received"},
        {},
        fake.message(mai, "co mat", group_id="group"),  # in a group, not addressed to the bot
    ]
    for event in odd_events:
        seen += await driver.deliver(event)

    _assert_clean(driver, seen, caplog)
    assert await _snapshot(driver) == before
    assert texts(await driver.say("mai", "/lich"), "mai")
