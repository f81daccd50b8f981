"""Who may see and do what: the table of README.md («Who may see and do what»), played cell
by cell on Telegram, Zalo and the console.

The test reads the table itself. Each row names an action and each column an actor; every
cell is one test, in a fresh chibo, that stages what the row needs, lets the actor act, and
checks what the actor and the group saw and what was stored:

- yes:    the row's own check of what was done (stored, or shown to the actor);
- no:     the actor was answered, no message names anybody, and no row changed;
- counts: no row changed, the group saw no name and was told the names went privately,
          and the actor got them in a private chat;
- own:    what the row looks at in A is unchanged (the actor's own part aside).

In every cell, whatever the outcome: no group message names a person, a private message
names only people the recipient acts for (or the recipient), and nobody gets the apology.
A row of the table without a scenario here, or a scenario without its row, fails the test."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import import_roster
from config.i18n import t
from handlers.attendance.buttons import CancelMeeting, MoveMeeting, Proxy
from storage.models import Base
from tests.e2e.conftest import PEOPLE, ROSTER, copy_database, link_code
from tests.e2e.drivers import GROUP, Driver, Seen
from tests.fakes.clock import FakeClock
from tests.fakes.rosters import write_csv

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Who may see and do what"
COLUMNS = {  # the table's column → the actor who plays it
    "A's secretary": "lan",
    "A's member": "mai",
    "unlinked": "stranger",
    "B's secretary": "tuan",
    "committee staff": "son",
    "another Đảng bộ's staff": "hung",
}
OUTCOMES = ("yes", "no", "counts", "own")

# Committee staff of another Đảng bộ, imported next to the shared roster (which stays as the
# other end-to-end tests know it)
OTHER_ROSTER = [
    ROSTER[0],
    ["Trần Văn Hùng", "Chi bộ Thôn Đông", "Đảng bộ Xã Hòa Bình", "Cán bộ Đảng ủy", "Chính thức", "0901000020", ""],
]
NAMES = {**PEOPLE, "hung": "Trần Văn Hùng"}
BRANCH_A = {"lan", "mai", "duc"}
BRANCH_B = {"tuan", "son"}
SEES = {  # whose names may reach each one's private chat: their own, and those they act for
    "lan": BRANCH_A,
    "mai": {"mai"},
    "duc": {"duc"},
    "stranger": set(),
    "tuan": BRANCH_B,
    "son": BRANCH_A | BRANCH_B,
    "hung": {"hung"},
}
BOOKKEEPING = {"processed_updates", "chat_waits"}  # every update writes these
APOLOGIES = (t("vi", "error.apology"), t("en", "error.apology"))
WENT_PRIVATELY = "đã gửi riêng"

MEETING = "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12"
BEFORE_START = datetime(2026, 12, 5, 6, 45, tzinfo=UTC)  # 13:45 in Hà Nội: check-in is open
AFTER_END = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)  # 16:30
AT_NIGHT = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 22:00: private messages wait for the morning
MOVED_TO = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)  # 15:00
ANNOUNCEMENT = "/thongbao Họp chi bộ chuyển sang 15:00 thứ Bảy."


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_table() -> dict[str, dict[str, str]]:
    """action → {actor: outcome}, as README.md has it."""
    section = README.read_text(encoding="utf-8").split(SECTION + "\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = _cells(lines[0])
    assert header == ["action", *COLUMNS], header
    table = {}
    for line in lines[2:]:
        action, *outcomes = _cells(line)
        table[action] = dict(zip(COLUMNS.values(), outcomes, strict=True))
    return table


@dataclass
class Stage:
    """A chibo with the roster linked, A's group bound, and what the row needs."""

    d: Driver
    ids: dict[str, int] = field(default_factory=dict)  # roster keys → person ids; "meeting", …

    def clock(self) -> FakeClock:
        clock = self.d.app.clock
        assert isinstance(clock, FakeClock)
        return clock

    async def rows(self, sql: str, **params: object) -> list[tuple[object, ...]]:
        async with self.d.app.db.unit_of_work() as uow:
            return [tuple(r) for r in (await uow.session.execute(text(sql), params)).all()]


@dataclass
class Cell:
    stage: Stage
    who: str
    seen: list[Seen]
    before: object
    after: object

    @property
    def actor_id(self) -> int:
        return self.stage.ids[self.who]

    @property
    def to_actor(self) -> str:
        """What the actor alone saw: their private chat and the short answers to their taps."""
        return "\n".join(s.text for s in self.seen if s.to in (self.who, "notice"))

    @property
    def in_group(self) -> str:
        return "\n".join(s.text for s in self.seen if s.to == GROUP)

    @property
    def buttons_to_actor(self) -> list[str]:
        return [b for s in self.seen if s.to == self.who for b in s.buttons]

    def __str__(self) -> str:
        said = "\n".join(f"  → {s.to}: {s.text!r} {s.buttons or ''}" for s in self.seen) or "  (nothing)"
        return f"{self.who}: before {self.before!r}, after {self.after!r}\n{said}"


Staging = Callable[[Driver, Path], Awaitable[Stage]]
Acting = Callable[[Stage, str], Awaitable[list[Seen]]]
Probe = Callable[[Stage], Awaitable[object]]


async def _nothing(stage: Stage) -> object:
    return None


def _no_yes_here(c: Cell) -> bool:
    return False  # no cell of the row says «yes»: one that does needs its own check


@dataclass(frozen=True)
class Row:
    stage: Staging
    act: Acting
    done: Callable[[Cell], bool] = _no_yes_here  # what «yes» does or shows
    probe: Probe = _nothing  # what of A the action would change
    own: Callable[[Cell], bool] = lambda c: bool(c.to_actor)  # what «own» shows the actor
    slug: str = ""


# --- staging -----------------------------------------------------------------------------


# Where each platform's first cell left its chibo once `linked` was done: the other cells of
# that platform start from a copy (the same rows, the transport's users numbered alike)
# instead of linking seven accounts again
_LINKED: dict[str, Path] = {}


async def linked(d: Driver, tmp: Path) -> Stage:
    database = Path(d.app.settings.database_url.removeprefix("sqlite:///"))
    saved = _LINKED.get(d.platform)
    if saved is None:
        await import_roster(d.app, write_csv(tmp / "other-committee.csv", OTHER_ROSTER))
        for who, name in NAMES.items():
            await d.say(who, f"/start {await link_code(d.app, name)}")
        await d.say("stranger", "/trogiup")  # an account, linked to nobody
        await d.say("lan", "/lienket", group=True)
        saved = tmp / "linked.sqlite3"
        copy_database(database, saved)
        with closing(sqlite3.connect(saved)) as copy, copy:
            copy.execute("DELETE FROM processed_updates")  # each fake platform counts its ids from 1
        _LINKED[d.platform] = saved
    else:
        await d.app.db.engine.dispose()
        copy_database(saved, database)
        for who in [*NAMES, "stranger"]:
            d.user_id(who)  # in the order the first cell's transport met them
    stage = Stage(d)
    by_name = {name: who for who, name in NAMES.items()}
    for person_id, full_name in await stage.rows("SELECT id, full_name FROM people"):
        stage.ids[by_name[str(full_name)]] = int(str(person_id))
    for branch_id, branch in await stage.rows("SELECT id, name FROM branches"):
        stage.ids[str(branch)] = int(str(branch_id))
    return stage


async def _with_meeting(stage: Stage) -> Stage:
    await stage.d.say("lan", MEETING)
    ((meeting_id,),) = await stage.rows("SELECT max(id) FROM meetings")
    stage.ids["meeting"] = int(str(meeting_id))
    return stage


async def meeting_ahead(d: Driver, tmp: Path) -> Stage:
    return await _with_meeting(await linked(d, tmp))


async def meeting_open(d: Driver, tmp: Path) -> Stage:
    stage = await meeting_ahead(d, tmp)
    stage.clock().set(BEFORE_START)
    return stage


async def checkin_posted(d: Driver, tmp: Path) -> Stage:
    stage = await meeting_open(d, tmp)
    await d.say("lan", "/diemdanh", group=True)
    return stage


async def meeting_posted(d: Driver, tmp: Path) -> Stage:
    stage = await linked(d, tmp)
    await d.say("lan", MEETING, group=True)  # the meeting, with its RSVP buttons, in the group
    ((meeting_id,),) = await stage.rows("SELECT max(id) FROM meetings")
    stage.ids["meeting"] = int(str(meeting_id))
    return stage


async def meeting_held(d: Driver, tmp: Path) -> Stage:
    stage = await meeting_ahead(d, tmp)
    await d.say("duc", "/vang ốm")
    stage.clock().set(BEFORE_START)
    await d.say("mai", "có mặt")
    stage.clock().set(AFTER_END)
    return stage


async def preview_posted(d: Driver, tmp: Path) -> Stage:
    stage = await linked(d, tmp)
    stage.clock().set(AT_NIGHT)
    await d.say("lan", ANNOUNCEMENT, group=True)
    ((announcement_id,),) = await stage.rows("SELECT max(id) FROM announcements")
    stage.ids["announcement"] = int(str(announcement_id))
    return stage


async def topic_opened(d: Driver, tmp: Path) -> Stage:
    stage = await linked(d, tmp)
    listing = await d.say("lan", "/tailieu", group=True)
    first_topic = next(s.buttons[0] for s in listing if s.to == GROUP and s.buttons)
    await d.press("lan", first_topic, group=True)
    return stage


async def topic_published(d: Driver, tmp: Path) -> Stage:
    stage = await topic_opened(d, tmp)
    label = t("vi", "tl.btn_publish")
    await d.press("lan", label, group=True)
    await d.press("lan", label, group=True)  # once more: «Ai đã đọc?» and «Nhắc …» in the group
    return stage


# --- acting ------------------------------------------------------------------------------


def says(words: str, *, group: bool) -> Acting:
    async def act(stage: Stage, who: str) -> list[Seen]:
        return await stage.d.say(who, words, group=group)

    return act


def presses(label: str) -> Acting:
    """The button under the latest group message that offers it."""

    async def act(stage: Stage, who: str) -> list[Seen]:
        return await stage.d.press(who, label, group=True)

    return act


def forges(data: Callable[[Stage], str]) -> Acting:
    """A's secretary presses what chibo offered her; anyone else, the same data forged."""

    async def act(stage: Stage, who: str) -> list[Seen]:
        return await stage.d.forge(who, data(stage))

    return act


# --- probes ------------------------------------------------------------------------------


def record_of(person: str) -> Probe:
    async def probe(stage: Stage) -> object:
        return await stage.rows(
            "SELECT status, recorded_by_person_id FROM attendance WHERE meeting_id = :m AND person_id = :p",
            m=stage.ids["meeting"],
            p=stage.ids[person],
        )

    return probe


async def records(stage: Stage) -> object:
    rows = await stage.rows(
        "SELECT person_id, status, reason FROM attendance WHERE meeting_id = :m", m=stage.ids["meeting"]
    )
    return {int(str(p)): (status, reason) for p, status, reason in rows}


async def summaries(stage: Stage) -> object:
    return await stage.rows(
        "SELECT platform, chat_id FROM attendance_summaries WHERE meeting_id = :m", m=stage.ids["meeting"]
    )


async def meetings(stage: Stage) -> object:
    return await stage.rows(
        "SELECT m.id, m.kind, m.starts_at, m.cancelled, b.branch_id FROM meetings m "
        "JOIN meeting_branches b ON b.meeting_id = m.id ORDER BY m.id, b.branch_id"
    )


async def binding(stage: Stage) -> object:
    return await stage.rows("SELECT branch_id FROM group_chats")


async def announcements(stage: Stage) -> object:
    return await stage.rows(
        "SELECT id, status, ask_ack, sender_person_id, branch_ids FROM announcements ORDER BY id"
    )


async def publications(stage: Stage) -> object:
    return await stage.rows("SELECT topic_id, branch_id FROM publications ORDER BY 1, 2")


async def reading_reminders(stage: Stage) -> object:
    return await stage.rows("SELECT person_id FROM outbox WHERE dedup_key LIKE 'tl-nhac:%' ORDER BY 1")


async def snapshot(d: Driver) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row but the bookkeeping of updates and awaited choices."""
    async with d.app.db.unit_of_work() as uow:
        return {
            table.name: [tuple(r) for r in (await uow.session.execute(table.select())).all()]
            for table in Base.metadata.sorted_tables
            if table.name not in BOOKKEEPING
        }


# --- what «yes» means, row by row ----------------------------------------------------------


def _branch_of(c: Cell) -> int:
    return c.stage.ids["Chi bộ Khu phố 1" if c.who in BRANCH_A else "Chi bộ Khu phố 2"]


def _a_id(c: Cell) -> int:
    return c.stage.ids["Chi bộ Khu phố 1"]


def _proxied(c: Cell) -> bool:
    return c.after == [("present", c.actor_id)] and "Đã điểm danh hộ: đồng chí Phạm Văn Đức" in c.to_actor


def _own_status(*statuses: str) -> Callable[[Cell], bool]:
    def check(c: Cell) -> bool:
        assert isinstance(c.after, dict)
        return c.after.get(c.actor_id, ("", ""))[0] in statuses

    return check


def _new_meeting(c: Cell) -> bool:
    assert isinstance(c.before, list) and isinstance(c.after, list)
    new = [r for r in c.after if r not in c.before]
    kind = "hoc_tap" if c.who == "son" else "sinh_hoat"
    return any(r[1] == kind and r[4] == _a_id(c) for r in new) and "Đã tạo" in c.in_group + c.to_actor


def _meeting_changed(column: int, value: Callable[[object], bool]) -> Callable[[Cell], bool]:
    def check(c: Cell) -> bool:
        assert isinstance(c.after, list) and c.after
        return value(c.after[0][column]) and c.before != c.after

    return check


def _moved(starts_at: object) -> bool:
    if isinstance(starts_at, str):
        starts_at = datetime.fromisoformat(starts_at)
    assert isinstance(starts_at, datetime)
    return starts_at.replace(tzinfo=starts_at.tzinfo or UTC) == MOVED_TO


def _sent(ask_ack: bool) -> Callable[[Cell], bool]:
    def check(c: Cell) -> bool:
        assert isinstance(c.after, list)
        ((_, status, asked, sender, _),) = c.after
        return status == "sent" and bool(asked) == ask_ack and sender == c.actor_id

    return check


def _drafted(c: Cell) -> bool:
    assert isinstance(c.before, list) and isinstance(c.after, list)
    new = [r for r in c.after if r not in c.before]
    return (
        len(new) == 1
        and new[0][1] == "draft"
        and new[0][3] == c.actor_id
        and _a_id(c) in [int(b) for b in str(new[0][4]).strip("[]").split(",")]
        and "Xem trước thông báo" in c.in_group
    )


def _exported(what: str) -> Callable[[Cell], bool]:
    def check(c: Cell) -> bool:
        return "Đã xuất báo cáo" in c.to_actor and what in c.to_actor

    return check


def _a_tally(c: Cell) -> bool:
    return "Chi bộ Khu phố 1" in c.to_actor if c.who == "son" else "Phạm Văn Đức" in c.to_actor


def _nothing_of_a(c: Cell) -> bool:
    """Only the actor's own: no word of A's people or of A's branch."""
    return bool(c.to_actor) and "Khu phố 1" not in c.to_actor and not c.in_group


ROWS: dict[str, Row] = {
    "`/diemdanh` in A's group, during A's meeting (posts «Có mặt»)": Row(
        meeting_open,
        says("/diemdanh", group=True),
        done=lambda c: c.after == [(c.stage.d.platform, _group_id(c))] and "bấm «Có mặt»" in c.in_group,
        probe=summaries,
        own=lambda c: bool(c.to_actor) and not c.in_group,
        slug="diemdanh-group",
    ),
    "`/diemdanh Phạm Văn Đức` in A's group (proxy check-in)": Row(
        meeting_open,
        says("/diemdanh Phạm Văn Đức", group=True),
        done=_proxied,
        probe=record_of("duc"),
        own=lambda c: "Đã điểm danh: đồng chí Lê Thị Mai" in c.to_actor and not c.in_group,
        slug="diemdanh-name",
    ),
    "`/diemdanh ho` in A's group (the list of those not yet in)": Row(
        meeting_open,
        says("/diemdanh ho", group=True),
        done=lambda c: "Chưa điểm danh (3)" in c.to_actor
        and "Phạm Văn Đức" in c.buttons_to_actor
        and not c.in_group,
        probe=record_of("duc"),
        own=lambda c: "Đã điểm danh: đồng chí Lê Thị Mai" in c.to_actor and not c.in_group,
        slug="diemdanh-list",
    ),
    "Proxy button `px` for a member of A (*forged* but for A's secretary)": Row(
        meeting_open,
        forges(lambda s: Proxy(s.ids["meeting"], s.ids["duc"]).pack()),
        done=_proxied,
        probe=record_of("duc"),
        slug="px",
    ),
    "«Có mặt» `ci` under A's check-in post in A's group": Row(
        checkin_posted,
        presses(t("vi", "att.btn.present")),
        done=lambda c: _own_status("present", "late")(c) and not c.in_group,
        probe=records,
        slug="ci",
    ),
    "«Sẽ tham dự» `att` under A's meeting post in A's group": Row(
        meeting_posted,
        presses(t("vi", "att.btn.will_attend")),
        done=lambda c: _own_status("will_attend")(c) and not c.in_group,
        probe=records,
        slug="rsvp",
    ),
    "`/vang ốm` in A's group": Row(
        meeting_ahead,
        says("/vang ốm", group=True),
        done=lambda c: _own_status("excused")(c) and "Lý do: ốm" in c.to_actor and not c.in_group,
        probe=records,
        own=lambda c: bool(c.to_actor) and not c.in_group,
        slug="vang",
    ),
    "`/lich` in A's group": Row(
        meeting_ahead,
        says("/lich", group=True),
        done=lambda c: "Lịch sắp tới của Chi bộ Khu phố 1" in c.in_group and "(đồng chí:" not in c.in_group,
        slug="lich",
    ),
    "`/hop 10/12/2026 14:00 …` in A's group (create)": Row(
        linked,
        says("/hop 10/12/2026 14:00 Họp chuyên đề", group=True),
        done=_new_meeting,
        probe=meetings,
        slug="hop",
    ),
    "Cancel `hx` of A's meeting (*forged* but for A's secretary)": Row(
        meeting_ahead,
        forges(lambda s: CancelMeeting(s.ids["meeting"], "ok").pack()),
        done=_meeting_changed(3, bool),
        probe=meetings,
        slug="hx",
    ),
    "Move `hd` of A's meeting (*forged* but for A's secretary)": Row(
        meeting_ahead,
        forges(lambda s: MoveMeeting(s.ids["meeting"], int(MOVED_TO.timestamp()), 0).pack()),
        done=_meeting_changed(2, _moved),
        probe=meetings,
        slug="hd",
    ),
    "`/lienket` in A's group": Row(
        linked,
        says("/lienket", group=True),
        done=lambda c: c.after == [(_branch_of(c),)] and "Đã gắn nhóm này" in c.in_group,
        probe=binding,
        slug="lienket",
    ),
    "`/baocao` in A's group, after A's meeting": Row(
        meeting_held,
        says("/baocao", group=True),
        own=lambda c: "Điểm danh của đồng chí Lê Thị Mai" in c.to_actor and WENT_PRIVATELY in c.in_group,
        slug="baocao-group",
    ),
    "`/baocao` in a private chat, after A's meeting": Row(
        meeting_held,
        says("/baocao", group=False),
        done=_a_tally,
        own=lambda c: _nothing_of_a(c) or "Điểm danh của đồng chí Lê Thị Mai" in c.to_actor,
        slug="baocao-private",
    ),
    "`/xuat` in A's group, after A's meeting": Row(
        meeting_held,
        says("/xuat", group=True),
        slug="xuat-group",
    ),
    "`/xuat` in a private chat, after A's meeting": Row(
        meeting_held,
        says("/xuat", group=False),
        done=lambda c: _exported("Đảng bộ Phường Mẫu" if c.who == "son" else "Chi bộ Khu phố 1")(c),
        own=_nothing_of_a,
        slug="xuat-private",
    ),
    "`/thongbao …` in A's group (preview)": Row(
        linked,
        says(ANNOUNCEMENT, group=True),
        done=_drafted,
        probe=announcements,
        slug="thongbao",
    ),
    "«Gửi» `tb:s` under A's secretary's preview in A's group": Row(
        preview_posted,
        presses(t("vi", "tb.btn_send")),
        done=_sent(ask_ack=False),
        probe=announcements,
        slug="tb-s",
    ),
    "«Gửi, đề nghị trả lời «Đã nhận»» `tb:a` under it": Row(
        preview_posted,
        presses(t("vi", "tb.btn_send_ack")),
        done=_sent(ask_ack=True),
        probe=announcements,
        slug="tb-a",
    ),
    "«Gửi khẩn ngay» `tb:u` under it (at night)": Row(
        preview_posted,
        presses(t("vi", "tb.btn_send_urgent")),
        done=_sent(ask_ack=True),
        probe=announcements,
        slug="tb-u",
    ),
    "«Đăng cho chi bộ» `tl:p` under a topic opened in A's group": Row(
        topic_opened,
        presses(t("vi", "tl.btn_publish")),
        done=lambda c: len(c.after) == 1 and c.after[0][1] == _a_id(c) if isinstance(c.after, list) else False,
        probe=publications,
        slug="tl-p",
    ),
    "«Ai đã đọc?» `tl:w` in A's group, after publishing": Row(
        topic_published,
        presses(t("vi", "tl.btn_who")),
        done=lambda c: "Chưa đọc" in c.to_actor and "Phạm Văn Đức" in c.to_actor and "Chưa đọc" not in c.in_group,
        slug="tl-w",
    ),
    "«Nhắc người chưa đọc» `tl:n` in A's group, after publishing": Row(
        topic_published,
        presses(t("vi", "tl.btn_remind")),
        done=lambda c: c.after == sorted([(c.stage.ids["mai"],), (c.stage.ids["duc"],)]),
        probe=reading_reminders,
        slug="tl-n",
    ),
}


def _group_id(c: Cell) -> str:
    d = c.stage.d
    return str(getattr(d, "GROUP_ID", GROUP))


TABLE = read_table()
CELLS = [(action, who) for action, actors in TABLE.items() for who in actors]


def _cell_id(case: tuple[str, str]) -> str:
    action, who = case
    return f"{ROWS[action].slug if action in ROWS else action}-{who}"


def test_the_table_and_the_scenarios_are_one_to_one() -> None:
    assert list(TABLE) == list(ROWS), set(TABLE) ^ set(ROWS)
    assert len({row.slug for row in ROWS.values()}) == len(ROWS)
    for action, actors in TABLE.items():
        assert set(actors.values()) <= set(OUTCOMES), (action, actors)


def _names_in(words: str) -> set[str]:
    return {who for who, name in NAMES.items() if name in words}


def _assert_names_only_where_allowed(c: Cell) -> None:
    for s in c.seen:
        words = "\n".join([s.text, *s.buttons])
        assert not any(a in words for a in APOLOGIES), c
        reader = c.who if s.to == "notice" else s.to
        allowed = set() if reader == GROUP else SEES.get(reader, set())
        assert _names_in(words) <= allowed, f"{sorted(_names_in(words) - allowed)} shown to {reader}\n{c}"


@pytest.mark.parametrize("case", CELLS, ids=[_cell_id(c) for c in CELLS])
async def test_cell(driver: Driver, tmp_path: Path, case: tuple[str, str]) -> None:
    action, who = case
    row, outcome = ROWS[action], TABLE[action][who]
    stage = await row.stage(driver, tmp_path)
    stored = await snapshot(driver)
    before = await row.probe(stage)
    seen = await row.act(stage, who)
    cell = Cell(stage, who, seen, before, await row.probe(stage))

    _assert_names_only_where_allowed(cell)
    if outcome == "no":
        assert cell.to_actor or cell.in_group, f"no answer\n{cell}"
        assert not _names_in("\n".join(s.text + " ".join(s.buttons) for s in seen)), cell
        assert await snapshot(driver) == stored, f"a refusal changed stored data\n{cell}"
    elif outcome == "counts":
        assert await snapshot(driver) == stored, cell
        assert WENT_PRIVATELY in cell.in_group, cell
        assert [s for s in seen if s.to == who], f"nothing went privately\n{cell}"
    elif outcome == "own":
        assert cell.after == cell.before, f"A's data changed\n{cell}"
        assert row.own(cell), cell
    else:
        assert row.done(cell), cell
