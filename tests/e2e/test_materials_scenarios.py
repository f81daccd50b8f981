"""The study library on every transport: browse, read section by section, search without
diacritics, add a topic, publish with "Đã đọc", who has read it, remind the others."""

from __future__ import annotations

import re

from tests.e2e.drivers import GROUP, Driver, Seen, TelegramDriver, texts
from tests.e2e.test_announce_scenarios import deliver_outbox
from tests.fakes.clock import FakeClock

TOAN_KHOA = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực"
CHI_THI = "2016 — Chỉ thị 05-CT/TW"
NAM_2022 = "2022 — Học tập và làm theo"


async def find(driver: Driver, who: str, query: str, label: str) -> list[Seen]:
    """Search the library and open the match whose button starts with `label`: the chuyên đề
    toàn khóa tells of Chỉ thị 05 and of the 2022 chuyên đề, so it is found with them."""
    found = await driver.say(who, f"/tailieu {query}")
    assert "Tìm thấy 2 tài liệu" in texts(found, who)
    return await driver.press(who, next(b for b in found[0].buttons if b.startswith(label)))


async def test_browse_and_read_section_by_section(linked: Driver) -> None:
    listing = await linked.say("mai", "/tailieu")
    assert "Thư viện tài liệu học tập (3 tài liệu)" in texts(listing, "mai")
    assert (
        listing[0].buttons[0]
        == "2022 — Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ…"
    )  # newest first, by its own beginning, cut between words
    opened = await linked.press("mai", next(b for b in listing[0].buttons if "tự lực" in b))
    shown = texts(opened, "mai")
    assert TOAN_KHOA in shown and "Chuyên đề toàn khóa 2021" in shown and "Gồm 7 phần" in shown
    assert "Đăng cho chi bộ" not in opened[0].buttons  # a member cannot publish
    section = await linked.press("mai", opened[0].buttons[0])
    assert "Phần 1/7: Tự lực, tự cường trong tư tưởng Hồ Chí Minh" in texts(section, "mai")
    nxt = await linked.press("mai", "Phần tiếp theo")
    assert "Phần 2/7: Khát vọng phát triển" in texts(nxt, "mai")
    done = await linked.press("mai", "Đã đọc")
    assert "đã ghi nhận: đã đọc" in texts(done)


async def test_search_ignores_diacritics(linked: Driver) -> None:
    found = texts(await linked.say("duc", "/tailieu tu luc tu cuong"), "duc")
    assert TOAN_KHOA in found and "Gồm 7 phần" in found  # one match opens at once
    many = await linked.say("duc", "/tailieu HỌC TẬP và làm theo")
    assert "Tìm thấy 3 tài liệu" in texts(many, "duc")
    both = texts(await linked.say("duc", "/tailieu chi thi 05"), "duc")
    assert "Tìm thấy 2 tài liệu" in both  # the Chỉ thị, and the chuyên đề that tells of it
    none = await linked.say("duc", "/tailieu bong da world cup")
    assert "Không tìm thấy tài liệu nào có «bong da world cup»" in texts(none, "duc")


async def test_secretary_publishes_sees_who_read_and_reminds_the_rest(linked: Driver) -> None:
    await linked.say("lan", "/lienket", group=True)
    opened = await find(linked, "lan", "chi thi 05", CHI_THI)
    assert {"Đăng cho chi bộ", "Ai đã đọc?"} <= set(opened[0].buttons)
    published = await linked.press("lan", "Đăng cho chi bộ")
    assert "Đã đăng «Chỉ thị 05-CT/TW" in texts(published, "lan")
    assert "2 người nhận tin riêng, 1 nhóm chat" in texts(published, "lan")
    delivered = await deliver_outbox(linked)
    for who in ("mai", "duc", GROUP):
        assert "Tài liệu học tập mới cho Chi bộ Khu phố 1" in texts(delivered, who)
    assert "tuan" not in {s.to for s in delivered}
    report = texts(delivered, "lan")
    assert "Đã gửi tin riêng: 2/2 người (100%)" in report and "Nhóm chat: 1/1" in report

    assert "đã đọc «Chỉ thị 05-CT/TW" in texts(await linked.say("mai", "đã đọc"), "mai")
    again = await linked.press("lan", "Đăng cho chi bộ")
    assert "đã đăng cho chi bộ ngày 01/12/2026" in texts(again, "lan")
    who = texts(await linked.press("lan", "Ai đã đọc?"), "lan")
    assert "Đã đọc: 1/3 người (33,3%)" in who
    assert "✓ Đã đọc: Lê Thị Mai" in who and "✗ Chưa đọc: Nguyễn Thị Lan, Phạm Văn Đức" in who
    reminded = await linked.press("lan", "Nhắc người chưa đọc")
    assert "Đã nhắc 1 đồng chí chưa đọc" in texts(reminded, "lan")
    nudges = await deliver_outbox(linked)
    assert [s.to for s in nudges] == ["duc"]
    assert "Nhắc đồng chí đọc tài liệu «Chỉ thị 05-CT/TW" in texts(nudges, "duc")
    # a second tap the same day reminds nobody twice
    await linked.press("lan", "Ai đã đọc?")
    assert "Đã nhắc 0 đồng chí" in texts(await linked.press("lan", "Nhắc người chưa đọc"), "lan")


async def test_secretary_adds_a_topic_by_text_other_branches_do_not_see_it(linked: Driver) -> None:
    refused = await linked.say("mai", "/tailieu them\nTài liệu riêng\n# Phần 1\nNội dung")
    assert "Không tìm thấy tài liệu" in texts(refused, "mai")  # a member's text is a search
    added = await linked.say(
        "lan",
        "/tailieu\nNghị quyết chi bộ tháng 12\nTóm tắt nghị quyết.\n# Nhiệm vụ\nVệ sinh khu phố.\n# Kiểm tra\nCuối tháng.",
    )
    assert (
        "Đã thêm tài liệu «Nghị quyết chi bộ tháng 12» (2 phần) vào thư viện của Chi bộ Khu phố 1"
        in texts(added, "lan")
    )
    assert "Nghị quyết chi bộ tháng 12" in texts(await linked.say("mai", "/tailieu nghi quyet chi bo"), "mai")
    other = await linked.say("tuan", "/tailieu nghi quyet chi bo")
    assert "Không tìm thấy tài liệu nào" in texts(other, "tuan")
    bad = await linked.say("lan", "/tailieu them\n")
    assert "Chưa thêm được tài liệu: dòng đầu tiên phải là tên tài liệu" in texts(bad, "lan")


async def test_a_secretary_uploads_a_document(linked: Driver) -> None:
    if not isinstance(linked, TelegramDriver):
        return  # documents exist on Telegram only; the console and Zalo take the text form
    fake, user = linked.fake, linked.user("lan")
    content = "Chuyên đề bổ sung\nTóm tắt.\n# Phần A\nNội dung A".encode()
    seen = await linked.deliver(fake.document(user, "chuyen-de.md", content, caption="/tailieu"))
    assert "Đã thêm tài liệu «Chuyên đề bổ sung» (1 phần)" in texts(seen, "lan")
    bad = await linked.deliver(fake.document(user, "scan.pdf", b"%PDF-1.4", caption="/tailieu"))
    assert "chỉ nhận tệp .txt, .md hoặc .yaml" in texts(bad, "lan")
    member = await linked.deliver(fake.document(linked.user("mai"), "x.md", content, caption="/tailieu"))
    assert "chỉ dành cho bí thư" in texts(member, "mai")


async def test_an_english_speaking_secretary_is_told_what_is_wrong_in_english(linked: Driver) -> None:
    await linked.say("lan", "/language en")
    bad = texts(await linked.say("lan", "/materials add\n"), "lan")
    assert "The topic was not added: the first line must be the title of the topic (title)." in bad
    assert "dòng đầu tiên" not in bad
    if isinstance(linked, TelegramDriver):  # documents exist on Telegram only
        fake, user = linked.fake, linked.user("lan")
        pdf = texts(
            await linked.deliver(fake.document(user, "scan.pdf", b"%PDF-1.4", caption="/materials")), "lan"
        )
        assert "only .txt, .md or .yaml files are accepted (scan.pdf: (file))" in pdf


def shown(driver: Driver, seen: Seen) -> str:
    """What the person sees of one message: the text, and on Telegram the buttons under it
    (elsewhere the choices are numbered lines of the text already)."""
    if isinstance(driver, TelegramDriver):
        return "\n".join([seen.text, *seen.buttons])
    return seen.text


DOUBLE_NUMBER = re.compile(r"(?m)(?:^|: )\d{1,2}[.)] +\d{1,2}[.)] ")


async def test_section_titles_are_numbered_once(linked: Driver) -> None:
    opened = await linked.say("mai", "/tailieu tu luc tu cuong")
    contents = shown(linked, opened[0])
    assert "1. Tự lực, tự cường trong tư tưởng Hồ Chí Minh" in contents
    assert "2. Khát vọng phát triển đất nước phồn vinh, hạnh phúc" in contents
    assert "3. Làm theo: việc cụ thể của mỗi đảng viên" in contents
    assert "8. Đã đọc" in contents or "Đã đọc" in opened[0].buttons
    assert not DOUBLE_NUMBER.search(contents), contents
    section = await linked.press("mai", opened[0].buttons[1])
    assert "Phần 2/7: Khát vọng phát triển đất nước phồn vinh, hạnh phúc" in texts(section, "mai")
    assert not DOUBLE_NUMBER.search(texts(section, "mai"))

    # a secretary's own numbering ("# 1. …", "# Phần 2: …") or none: one number each
    added = await linked.say(
        "lan",
        "/tailieu\nNghị quyết tháng 12\nTóm tắt.\n# 1. Nhiệm vụ\nVệ sinh khu phố.\n# Phần 2: Kiểm tra\nCuối tháng.\n# Tổng kết\nHọp.",
    )
    contents = shown(linked, (await linked.press("lan", "Đọc tài liệu"))[0])
    assert not DOUBLE_NUMBER.search(contents), contents
    for line in ("1. Nhiệm vụ", "2. Kiểm tra", "3. Tổng kết"):
        assert line in contents, contents
    assert "Đã thêm tài liệu «Nghị quyết tháng 12» (3 phần)" in texts(added, "lan")


async def test_typed_da_doc_records_the_published_topic_the_member_was_reading(
    linked: Driver, clock: FakeClock
) -> None:
    await find(linked, "lan", "chi thi 05", CHI_THI)
    await linked.press("lan", "Đăng cho chi bộ")
    await deliver_outbox(linked)
    clock.advance(minutes=30)
    opened = await find(linked, "mai", "chi thi 05", CHI_THI)
    part = await linked.press("mai", opened[0].buttons[0])
    assert "Phần 1/3: Tinh thần của Chỉ thị" in texts(part, "mai")
    done = await linked.say("mai", "đã đọc")
    assert "Chi bộ chưa đăng tài liệu nào" not in texts(done)
    # the same words as the «Đã đọc» button
    assert "Cảm ơn đồng chí, đã ghi nhận: đã đọc «Chỉ thị 05-CT/TW" in texts(done, "mai")
    again = await linked.press("mai", "Đã đọc")
    assert "Đồng chí đã xác nhận đọc «Chỉ thị 05-CT/TW" in texts(again, "mai")
    assert "Đồng chí đã xác nhận đọc «Chỉ thị 05-CT/TW" in texts(await linked.say("mai", "da doc"), "mai")

    await find(linked, "lan", "chi thi 05", CHI_THI)
    who = texts(await linked.press("lan", "Ai đã đọc?"), "lan")
    assert "Đã đọc: 1/3 người (33,3%)" in who
    assert "✓ Đã đọc: Lê Thị Mai" in who and "✗ Chưa đọc: Nguyễn Thị Lan, Phạm Văn Đức" in who


async def test_typed_da_doc_goes_to_the_topic_last_read_or_last_sent(
    linked: Driver, clock: FakeClock
) -> None:
    nothing = await linked.say("duc", "da doc")
    assert "Chi bộ chưa đăng tài liệu nào" in texts(nothing, "duc")  # nothing read, nothing published

    # a topic of the library, read but never published: that is the one
    opened = await linked.say("duc", "/tailieu tu luc tu cuong")
    await linked.press("duc", opened[0].buttons[0])
    done = await linked.say("duc", "Đã đọc")
    assert (
        "Cảm ơn đồng chí, đã ghi nhận: đã đọc «Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực…»."
        in texts(done, "duc")
    )

    # then the secretary publishes another one: the newest thing sent is what "đã đọc" answers
    clock.advance(minutes=10)
    await find(linked, "lan", "chi thi 05", CHI_THI)
    await linked.press("lan", "Đăng cho chi bộ")
    await deliver_outbox(linked)
    clock.advance(minutes=10)
    assert "đã ghi nhận: đã đọc «Chỉ thị 05-CT/TW" in texts(await linked.say("duc", "đã đọc"), "duc")

    # and reading an older topic after that makes it the one again
    clock.advance(minutes=10)
    opened = await find(linked, "duc", "xay dung doi ngu can bo", NAM_2022)
    await linked.press("duc", opened[0].buttons[2])
    read_again = texts(await linked.say("duc", "đã đọc"), "duc")
    assert (
        "đã ghi nhận: đã đọc «Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ…»"
        in read_again
    )


async def test_the_topic_just_published_is_new_and_first(linked: Driver) -> None:
    await find(linked, "lan", "chi thi 05", CHI_THI)
    await linked.press("lan", "Đăng cho chi bộ")
    await deliver_outbox(linked)
    listing = await linked.say("mai", "/tailieu")
    first, *others = listing[0].buttons
    assert (
        first
        == "🆕 Mới: 2016 — Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh…"
    )
    assert others[0].startswith("2022 — Học tập và làm theo") and not any("Mới" in b for b in others)
    assert "Chỉ thị 05-CT/TW" in texts(await linked.press("mai", first), "mai")
    # published to Khu phố 1 only: Khu phố 2 sees the library as it was
    assert not any("Mới" in b for b in (await linked.say("tuan", "/tailieu"))[0].buttons)


async def test_typed_da_doc_asks_when_another_topic_arrived_while_reading(
    linked: Driver, clock: FakeClock
) -> None:
    opened = await linked.say("duc", "/tailieu tu luc tu cuong")
    await linked.press("duc", opened[0].buttons[0])  # reading part 1
    clock.advance(minutes=5)
    await find(linked, "lan", "chi thi 05", CHI_THI)
    await linked.press("lan", "Đăng cho chi bộ")
    await deliver_outbox(linked)
    clock.advance(minutes=15)
    asked = await linked.say("duc", "đã đọc")
    assert "Đồng chí đã đọc tài liệu nào? Chọn một (gõ số thứ tự):" in texts(asked, "duc")
    reading = "2021 — Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực…"
    assert asked[-1].buttons[0] == reading and asked[-1].buttons[1].startswith("2016 — Chỉ thị 05-CT/TW")
    done = texts(await linked.press("duc", reading))
    assert (
        "đã ghi nhận: đã đọc «Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí" in done
    )
    # what was read is settled: the next "đã đọc" is for the topic that arrived
    assert "đã ghi nhận: đã đọc «Chỉ thị 05-CT/TW" in texts(await linked.say("duc", "đã đọc"), "duc")
