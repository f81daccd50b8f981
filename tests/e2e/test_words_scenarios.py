"""Absences, everyday words and lateness as a branch lives them, on every transport: «xin
vắng» with a reason, `/vang <ngày>`, the words members type instead of commands, a grace
period before "đến muộn", proxy check-ins, the secretary who opens the check-in, and the
same in English."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text

from config.clock import VN_TZ
from config.text import name_key
from storage.repos.attendance import NewMeeting
from tests.e2e.conftest import PEOPLE
from tests.e2e.drivers import GROUP, Driver, Seen, texts
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.fakes.clock import FakeClock

# the clock starts on 01/12/2026 08:00 in Hà Nội
TUESDAY = datetime(2026, 12, 2, 19, 30, tzinfo=VN_TZ)  # the branch's evening meeting
SATURDAY = datetime(2026, 12, 5, 14, 0, tzinfo=VN_TZ)


def _clock(driver: Driver) -> FakeClock:
    clock = driver.app.clock
    assert isinstance(clock, FakeClock)
    return clock


async def _meeting(driver: Driver, who: str, start: datetime, title: str, *, everyone: bool = False) -> int:
    """A meeting of `who`'s branch (or a study session of every branch), made as /hop would
    once confirmed: these scenarios are about what happens after."""
    async with driver.app.db.unit_of_work() as uow:
        person = (await uow.people.by_name_key(name_key(PEOPLE[who])))[0]
        branches = sorted({p.branch_id for p, _ in await uow.people.roster_with_links()})
        [meeting] = await uow.attendance.create_meetings(
            [
                NewMeeting(
                    kind="hoc_tap" if everyone else "sinh_hoat",
                    title=title,
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                    committee_id=person.branch.committee_id,
                    branch_ids=branches if everyone else [person.branch_id],
                    created_by_person_id=person.id,
                )
            ],
            driver.app.clock.now(),
        )
        await uow.commit()
    return meeting.id


async def _records(driver: Driver, meeting_id: int) -> dict[str, tuple[str, str, str]]:
    """Who has a record for the meeting: (status, reason, who entered it), by test user key."""
    keys = {full: key for key, full in PEOPLE.items()}
    async with driver.app.db.unit_of_work() as uow:
        rows = await uow.session.execute(
            text(
                "SELECT p.full_name, a.status, a.reason, b.full_name FROM attendance a "
                "JOIN people p ON p.id = a.person_id LEFT JOIN people b ON b.id = a.recorded_by_person_id "
                "WHERE a.meeting_id = :m"
            ),
            {"m": meeting_id},
        )
        return {keys[name]: (status, reason, keys.get(by, "")) for name, status, reason, by in rows.tuples()}


async def test_apologies_typed_in_words_or_for_a_date(linked: Driver) -> None:
    # nothing ahead: chibo says so, whatever the form
    assert "không có buổi nào sắp tới để xin vắng" in texts(await linked.say("mai", "Xin vắng"), "mai")
    none = texts(await linked.say("mai", "/vang 05/12 đi khám bệnh định kỳ"), "mai")
    assert "không có buổi nào ngày 05/12/2026, và chưa có buổi nào sắp tới" in none

    tuesday = await _meeting(linked, "lan", TUESDAY, "Sinh hoạt chi bộ tháng 12")
    saturday = await _meeting(linked, "lan", SATURDAY, "Sinh hoạt chuyên đề")

    # the date picks the meeting; the reason is what follows it
    dated = texts(await linked.say("mai", "/vang 05/12 đi khám bệnh định kỳ"), "mai")
    assert (
        "xin vắng buổi Sinh hoạt chuyên đề (thứ Bảy, 05/12/2026, 14:00–16:00). Lý do: đi khám bệnh định kỳ."
        in dated
    )
    assert await _records(linked, saturday) == {"mai": ("excused", "đi khám bệnh định kỳ", "mai")}
    assert await _records(linked, tuesday) == {}
    other_day = texts(await linked.say("mai", "/vang 07/12 ốm"), "mai")
    assert "không có buổi nào ngày 07/12/2026. Buổi sắp tới: Sinh hoạt chi bộ tháng 12" in other_day
    assert "không có trên lịch" in texts(await linked.say("mai", "/vang 31/02 ốm"), "mai")

    # «xin vắng» alone: the next meeting is excused and the reason asked for, then typed
    asked = texts(await linked.say("duc", "Xin vắng"), "duc")
    assert "xin vắng buổi Sinh hoạt chi bộ tháng 12 (thứ Tư, 02/12/2026, 19:30–21:30)" in asked
    assert "gõ lý do vào đây" in asked
    assert "Lý do: Con ốm." in texts(await linked.say("duc", "Con ốm"), "duc")
    assert "Lý do" not in texts(await linked.say("duc", "Cảm ơn"), "duc")  # asked once
    # the words with a date and a reason, in one message
    said = texts(await linked.say("lan", "Cho em xin phép vắng 05/12: họp tổ dân phố"), "lan")
    assert "xin vắng buổi Sinh hoạt chuyên đề" in said and "Lý do: họp tổ dân phố." in said
    assert await _records(linked, tuesday) == {"duc": ("excused", "Con ốm", "duc")}
    assert (await _records(linked, saturday))["lan"] == ("excused", "họp tổ dân phố", "lan")

    # «Xin vắng» pressed, then the reason typed: the same record on every transport
    listing = await linked.say("mai", "/lich")
    assert "Xin vắng" in listing[-1].buttons
    await linked.press("mai", "Xin vắng")
    assert "Lý do: đi công tác tỉnh." in texts(await linked.say("mai", "vì đi công tác tỉnh"), "mai")
    assert (await _records(linked, tuesday))["mai"] == ("excused", "đi công tác tỉnh", "mai")

    # in a group, words are people talking to each other: nothing answered, nothing recorded
    await linked.say("lan", "/lienket", group=True)
    in_group = await linked.say("duc", "xin vắng buổi thứ Bảy", group=True)
    if linked.platform == "zalo":  # said to chibo (Zalo hands it nothing else): where to say it
        told = texts(in_group, GROUP)
        assert told.startswith("Trong nhóm, chibo hiểu các lệnh") and "Đức" not in texts(in_group)
    else:
        assert in_group == []
    assert "duc" not in await _records(linked, saturday)


async def test_everyday_words_in_a_private_chat(linked: Driver) -> None:
    session = await _meeting(
        linked, "son", datetime(2026, 12, 1, 8, 10, tzinfo=VN_TZ), "Học tập", everyone=True
    )
    said = {
        "mai": "Em có mặt",
        "duc": "comat",
        "lan": "co mat a",
        "tuan": "có mặt rồi ạ",
        "son": "Có mặt!",
    }
    for who, words in said.items():
        assert f"Đã điểm danh: đồng chí {PEOPLE[who]} có mặt" in texts(await linked.say(who, words), who)
    assert "đã điểm danh buổi này lúc 01/12/2026 08:00" in texts(await linked.say("mai", "có mặt rồi"), "mai")
    assert {
        who: status for who, (status, _, _) in (await _records(linked, session)).items()
    } == dict.fromkeys(said, "present")

    # what is not a trigger stays a chat: the hint, and no record changes ("cảm ơn" is thanked)
    for words in ("1", "Vâng ạ", "không có mặt", "mai họp nhé", "hop ly qua"):
        assert "chibo chưa hiểu tin nhắn này" in texts(await linked.say("duc", words), "duc"), words

    # «đã nhận» to an announcement asking for it
    await linked.say("lan", "/thongbao Mai họp chi bộ lúc 19:30.")
    await linked.press("lan", "Gửi, đề nghị trả lời «Đã nhận»")
    await deliver_outbox(linked)
    assert "đã nhận thông báo" in texts(await linked.say("mai", "đã nhận ạ"), "mai")
    assert "đã xác nhận nhận thông báo này rồi" in texts(await linked.say("mai", "da nhan a"), "mai")
    # «đã đọc» for the topic the member opened
    listing = await linked.say("duc", "/tailieu")
    await linked.press("duc", next(b for b in listing[0].buttons if "tự lực" in b))
    assert "đã ghi nhận: đã đọc «" in texts(await linked.say("duc", "đã đọc ạ"), "duc")

    # command words without the slash
    assert "Lịch sắp tới của Chi bộ Khu phố 1" in texts(await linked.say("mai", "lich"), "mai")
    assert "Các lệnh đồng chí dùng được" in texts(await linked.say("mai", "trogiup"), "mai")
    assert "Thư viện tài liệu học tập" in texts(await linked.say("mai", "Tài liệu"), "mai")
    assert texts(await linked.say("mai", "Báo cáo"), "mai") == texts(
        await linked.say("mai", "/baocao"), "mai"
    )
    # a mistyped command: the nearest the person may use
    assert "Có phải đồng chí định gõ /hop?" in texts(await linked.say("lan", "/hopp"), "lan")
    assert "Có phải đồng chí định gõ /lich?" in texts(await linked.say("mai", "/lichh"), "mai")
    members_own = texts(await linked.say("mai", "/hopp"), "mai")
    assert "chibo chưa có lệnh /hopp" in members_own and "/hop?" not in members_own

    # in a group only commands are answered: no words, no bare commands; but on Zalo a group
    # message reaches chibo only when it names chibo ("@chibo lich"): said to chibo, a command
    # word is the command, "có mặt" checks in (answered privately), the rest is told where to
    # say it
    await linked.say("lan", "/lienket", group=True)
    heard: dict[str, list[Seen]] = {
        w: await linked.say("mai", w, group=True) for w in ("lich", "đã nhận ạ", "có mặt rồi", "trogiup")
    }
    if linked.platform != "zalo":
        assert all(seen == [] for seen in heard.values()), heard
        return
    assert "Lịch sắp tới của Chi bộ Khu phố 1:" in texts(heard["lich"], GROUP)
    assert texts(heard["đã nhận ạ"], GROUP).startswith("Trong nhóm, chibo hiểu các lệnh")
    assert not [s for s in heard["có mặt rồi"] if s.to == GROUP] and texts(heard["có mặt rồi"], "mai")
    assert "/lich" in texts(heard["trogiup"], GROUP)


async def test_a_grace_period_proxy_check_ins_and_the_opener(linked: Driver) -> None:
    clock = _clock(linked)
    await linked.say("lan", "/lienket", group=True)
    tuesday = await _meeting(linked, "lan", TUESDAY, "Sinh hoạt chi bộ tháng 12")
    kp2 = await _meeting(linked, "tuan", TUESDAY, "Sinh hoạt Khu phố 2")

    # each branch sees and sets its own grace period; members only see it
    shown = texts(await linked.say("mai", "/lich muon"), "mai")
    assert "quá 15 phút sau giờ bắt đầu thì được ghi «đến muộn» (mặc định)" in shown
    assert "Chỉ bí thư" in texts(await linked.say("mai", "/lich muon 30"), "mai")
    assert "Xin gõ số phút từ 0 đến 120" in texts(await linked.say("tuan", "/lich muon nửa tiếng"), "tuan")
    saved = texts(await linked.say("tuan", "/lich muon 5"), "tuan")
    assert "Chi bộ Khu phố 2 ghi «đến muộn» khi tự điểm danh quá 5 phút" in saved

    # the secretary opens the check-in in the group: she is there, recorded present
    clock.set(TUESDAY - timedelta(minutes=10))
    opened = await linked.say("lan", "/diemdanh", group=True)
    assert "mỗi đồng chí bấm «Có mặt»" in texts(opened, GROUP)
    assert "Đã ghi đồng chí Nguyễn Thị Lan có mặt buổi Sinh hoạt chi bộ tháng 12" in texts(opened, "lan")
    assert "Nguyễn Thị Lan" not in texts(opened, GROUP)  # names never go to the group

    # 19:36 for 19:30 is on time in Khu phố 1 (15 minutes), late in Khu phố 2 (5 minutes)
    clock.set(TUESDAY + timedelta(minutes=6))
    on_time = texts(await linked.say("mai", "có mặt"), "mai")
    assert "Đã điểm danh: đồng chí Lê Thị Mai có mặt," in on_time and "muộn" not in on_time
    assert "(đến muộn)" in texts(await linked.say("tuan", "có mặt"), "tuan")

    # a proxy check-in typed late in the meeting is on time; the secretary may mark it late
    clock.set(TUESDAY + timedelta(minutes=50))
    proxy = texts(await linked.say("lan", "/diemdanh Phạm Văn Đức"), "lan")
    assert "Đã điểm danh hộ: đồng chí Phạm Văn Đức có mặt (Nguyễn Thị Lan ghi)" in proxy
    all_in = texts(await linked.say("lan", "/diemdanh ho"), "lan")
    assert "Mọi người trong Chi bộ Khu phố 1 đã điểm danh" in all_in
    marked = texts(await linked.say("lan", "/diemdanh muon pham van duc"), "lan")
    assert "Đã điểm danh hộ: đồng chí Phạm Văn Đức có mặt, đến muộn (Nguyễn Thị Lan ghi)" in marked
    assert await _records(linked, tuesday) == {
        "lan": ("present", "", "lan"),
        "mai": ("present", "", "mai"),
        "duc": ("late", "", "lan"),
    }

    # latecomers picked from those not yet in; an apology is shown beside the name
    assert "Lý do: bận họp cơ quan" in texts(await linked.say("son", "/vang bận họp cơ quan"), "son")
    listed = await linked.say("tuan", "/diemdanh muon")
    assert "Chưa điểm danh (1) — Sinh hoạt Khu phố 2. Chọn người đến muộn:" in texts(listed, "tuan")
    picked = texts(await linked.press("tuan", "Ngô Thanh Sơn (đã xin vắng)"), "tuan")
    assert "Đã điểm danh hộ: đồng chí Ngô Thanh Sơn có mặt, đến muộn (Đặng Quốc Tuấn ghi)" in picked
    assert await _records(linked, kp2) == {"tuan": ("late", "", "tuan"), "son": ("late", "", "tuan")}


async def test_english_buttons_and_words(linked: Driver) -> None:
    for who in ("lan", "mai"):
        await linked.say(who, "/ngonngu en")
    await _meeting(linked, "lan", TUESDAY, "December branch meeting")

    listing = await linked.say("mai", "/lich")
    assert {"Will attend", "Apologies"} <= set(listing[-1].buttons)
    assert "Sẽ tham dự" not in texts(listing, "mai")
    asked = texts(await linked.press("mai", "Apologies"), "mai")
    assert "Please type the reason here" in asked
    assert "Reason: family visit." in texts(await linked.say("mai", "family visit"), "mai")
    assert "Noted: apologies" in texts(await linked.say("mai", "absent: family visit"), "mai")

    await linked.say("lan", "/link", group=True)
    _clock(linked).set(TUESDAY - timedelta(minutes=5))
    prompt = await linked.say("lan", "/checkin", group=True)
    group_prompt = next(s for s in prompt if s.to == GROUP)
    assert group_prompt.buttons == ["Present"] and "tap «Present»" in group_prompt.text
    assert "Checked in: Lê Thị Mai is present" in texts(await linked.say("mai", "present"), "mai")

    await linked.say("lan", "/announce The meeting moves to the hall.")
    await linked.press("lan", "Send, ask for «Received»")
    delivered = await deliver_outbox(linked)
    assert "Please press «Received» or type «received»." in texts(delivered, "mai")
    assert "announcement received" in texts(await linked.say("mai", "received"), "mai")

    library = await linked.say("mai", "/materials")
    opened = await linked.press("mai", next(b for b in library[0].buttons if "tự lực" in b))
    assert "Read" in opened[0].buttons and "Đã đọc" not in opened[0].buttons
    assert "you have read «" in texts(await linked.say("mai", "read"), "mai")


async def test_thanks_greetings_and_questions_about_meetings_are_answered(linked: Driver) -> None:
    d = linked
    await _meeting(d, "lan", SATURDAY, "Sinh hoạt chi bộ tháng 12")
    for said in ("cam on chibo", "Em cảm ơn ạ", "xin cam on"):
        answer = texts(await d.say("mai", said), "mai")
        assert answer.startswith("Dạ, chibo luôn sẵn lòng."), (said, answer)
    for said in ("alo", "chao chibo"):
        assert texts(await d.say("mai", said), "mai").startswith("Chào đồng chí Lê Thị Mai")
    for said in ("hom nay co hop khong", "Họp lúc mấy giờ?", "mai hop o dau"):
        answer = texts(await d.say("mai", said), "mai")
        assert "Sinh hoạt chi bộ tháng 12 — thứ Bảy, 05/12/2026, 14:00–16:00" in answer, (said, answer)
    # "hợp lý quá" is chat, not a question about meetings
    assert "Sinh hoạt chi bộ tháng 12" not in texts(await d.say("mai", "hop ly qua"), "mai")


async def test_a_voice_message_on_zalo_is_told_to_type(zalo_driver: Driver) -> None:
    from tests.e2e.drivers import ZaloDriver

    assert isinstance(zalo_driver, ZaloDriver)
    voice = zalo_driver.fake.message(zalo_driver.user("mai"), event="message.voice.received")
    answer = texts(await zalo_driver.deliver(voice), "mai")
    assert answer.startswith("chibo chưa nghe được tin nhắn thoại. Xin gõ chữ"), answer


async def test_a_link_code_typed_in_own_words_or_in_halves_links(driver: Driver) -> None:
    from tests.e2e.conftest import link_code

    mai, duc, lan = [await link_code(driver.app, PEOPLE[w]) for w in ("mai", "duc", "lan")]
    assert "Đã liên kết: đồng chí Lê Thị Mai" in texts(
        await driver.say("mai", f"ma cua toi la {mai.lower()}"), "mai"
    )
    assert "Đã liên kết: đồng chí Phạm Văn Đức" in texts(await driver.say("duc", duc), "duc")
    spaced = f"/start {lan[:4]} {lan[4:]}"
    assert "Đã liên kết: đồng chí Nguyễn Thị Lan" in texts(await driver.say("lan", spaced), "lan")
    # chat that holds no code still gets the way to link
    assert "/start" in texts(await driver.say("son", "toi muon tham gia"), "son")
