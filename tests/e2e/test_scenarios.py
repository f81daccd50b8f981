"""The shared scenarios: the same conversations on every transport."""

from __future__ import annotations

from sqlalchemy import text

from tests.e2e.conftest import link_code
from tests.e2e.drivers import GROUP, Driver, texts


async def test_unlinked_user_is_told_how_to_link(driver: Driver) -> None:
    seen = await driver.say("stranger", "xin chào")
    assert "chưa liên kết" in texts(seen, "stranger")
    assert "/start" in texts(seen, "stranger")


async def test_wrong_code_gets_a_clear_answer(driver: Driver) -> None:
    seen = await driver.say("stranger", "/start ZZZZ9999")
    assert "Mã «ZZZZ9999» không đúng" in texts(seen, "stranger")


async def test_linking_with_code_once(driver: Driver) -> None:
    code = await link_code(driver.app, "Lê Thị Mai")
    seen = await driver.say("mai", f"/start {code.lower()}")
    assert "Đã liên kết: đồng chí Lê Thị Mai, Chi bộ Khu phố 1, Đảng bộ Phường Mẫu." in texts(seen, "mai")
    again = await driver.say("mai", f"/start {code}")
    assert "đã liên kết với đồng chí Lê Thị Mai" in texts(again, "mai")
    other = await driver.say("intruder", f"/start {code}")
    assert "Mã này đã được dùng" in texts(other, "intruder")
    async with driver.app.db.unit_of_work() as uow:
        person = await uow.people.by_link_code(code)
        assert person is not None
        linked_ids = [a.user_id for a in await uow.accounts.linked_to(person.id)]
    assert linked_ids == [driver.user_id("mai")]


async def test_help_lists_the_commands_of_my_role(linked: Driver) -> None:
    member = texts(await linked.say("mai", "/trogiup"), "mai")
    assert "/trogiup" in member and "/ngonngu" in member
    assert "/lienket" not in member
    secretary = texts(await linked.say("lan", "/help"), "lan")
    assert "/lienket" in secretary


async def test_only_a_secretary_binds_a_group(linked: Driver) -> None:
    refused = await linked.say("mai", "/lienket", group=True)
    assert "chỉ dành cho bí thư, phó bí thư chi bộ" in texts(refused, GROUP)
    bound = await linked.say("lan", "/lienket", group=True)
    assert "Đã gắn nhóm này với Chi bộ Khu phố 1" in texts(bound, GROUP)
    async with linked.app.db.unit_of_work() as uow:
        chat_id = "-100200300" if linked.platform == "telegram" else "group"
        group = await uow.chats.group(linked.platform, chat_id)
        lan = (await uow.people.by_name_key("nguyen thi lan"))[0]
        assert group is not None
        assert group.branch_id == lan.branch_id


async def test_lienket_in_a_private_chat_says_where_to_send_it(linked: Driver) -> None:
    seen = await linked.say("lan", "/lienket")
    assert "trong nhóm chat của chi bộ" in texts(seen, "lan")


async def test_language_choice_by_button_or_number(linked: Driver) -> None:
    offered = await linked.say("mai", "/ngonngu")
    assert {"Tiếng Việt", "English"} <= set(offered[0].buttons)
    chosen = await linked.press("mai", "English")
    assert "English selected." in texts(chosen)
    assert "Commands you can use:" in texts(await linked.say("mai", "/trogiup"), "mai")
    await linked.say("mai", "/language vi")
    assert "Các lệnh đồng chí dùng được:" in texts(await linked.say("mai", "/help"), "mai")


async def test_unknown_command_and_free_text_get_a_hint(linked: Driver) -> None:
    assert "chưa có lệnh /xyz" in texts(await linked.say("mai", "/xyz"), "mai")
    assert "/trogiup" in texts(await linked.say("mai", "cho tôi hỏi"), "mai")
    said = await linked.say("mai", "chào cả nhà", group=True)
    if linked.platform == "zalo":  # Zalo hands chibo a group message only when it is named in it
        assert texts(said, GROUP).startswith("Trong nhóm, chibo hiểu các lệnh")
    else:
        assert said == []


async def test_commands_need_a_linked_account(driver: Driver) -> None:
    seen = await driver.say("stranger", "/lienket", group=True)
    assert "chưa liên kết" in texts(seen, GROUP)


async def test_a_failure_inside_a_feature_gets_an_apology_and_the_bot_keeps_running(linked: Driver) -> None:
    async with linked.app.db.engine.begin() as conn:
        await conn.execute(text("DROP TABLE group_chats"))
    seen = await linked.say("lan", "/lienket", group=True)
    assert "Xin lỗi đồng chí, chibo vừa gặp sự cố" in texts(seen, GROUP)
    assert "Các lệnh đồng chí dùng được:" in texts(await linked.say("lan", "/trogiup"), "lan")
