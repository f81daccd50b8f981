"""The core: one update in, replies out, inside one unit of work."""

from __future__ import annotations

import logging
import re

from config.clock import Clock
from config.i18n import t
from config.messages import Incoming, Outgoing, Reply, Response
from config.text import fold
from handlers import members
from handlers.attendance.taps import CheckinTaps, is_checkin_tap
from handlers.commands import CALLBACKS, TEXT_TRIGGERS, CommandSpec, find_command
from handlers.context import CoreEnv, Ctx
from handlers.language import resolve_language
from handlers.roles import Role
from storage.db import Database

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@(\w+))?(?:\s+(.*))?$", re.DOTALL)
_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


class Core:
    def __init__(self, db: Database, clock: Clock, env: CoreEnv) -> None:
        self.db = db
        self.clock = clock
        self.env = env
        self.taps = CheckinTaps(db, clock, env)

    async def handle(self, inc: Incoming) -> Response:
        if is_checkin_tap(inc):
            self.taps.env = self.env
            response = await self.taps.submit(inc)
            if response is not None:
                return response
        lang = resolve_language("", inc.sender.language_code, inc.text)
        try:
            async with self.db.unit_of_work() as uow:
                now = self.clock.now()
                if inc.update_id is not None and not await uow.chats.claim_update(
                    inc.platform, inc.update_id, now
                ):
                    log.info("update %s/%s already handled", inc.platform, inc.update_id)
                    return Response()
                account = await uow.accounts.get_or_create(
                    inc.platform, inc.sender.user_id, inc.sender.display_name, now
                )
                lang = resolve_language(account.language, inc.sender.language_code, inc.text)
                ctx = Ctx(inc=inc, uow=uow, account=account, lang=lang, now=now, env=self.env)
                await self._route(ctx)
                await self._remember_choices(ctx)
                await uow.commit()
                return Response(ctx.out, ctx.notice)
        except Exception:
            log.exception("failed to handle %s update %s", inc.platform, inc.update_id)
            return Response(
                [Outgoing(inc.chat, Reply(t(lang, "error.apology"), lang=lang))], t(lang, "error.apology")
            )

    async def _route(self, ctx: Ctx) -> None:
        inc = ctx.inc
        if inc.callback_data is not None:
            await self._callback(ctx, inc.callback_data)
            return
        if inc.contact_phone is not None:
            await members.link_by_contact(ctx)
            return
        text = inc.text.strip()
        m = _COMMAND.match(text)
        if m:
            name, addressee, args = m.group(1), m.group(2), (m.group(3) or "").strip()
            if (
                addressee
                and self.env.telegram_bot_username
                and addressee.lower() != self.env.telegram_bot_username.lower()
            ):
                return  # a command for another bot in the same group
            await self._command(ctx, name, args)
            return
        m = _NUMBER.match(text)
        if m:
            offered = await ctx.uow.chats.offered_choices(inc.platform, inc.chat.chat_id, inc.sender.user_id)
            if offered:
                index = int(m.group(1)) - 1
                if 0 <= index < len(offered):
                    await self._callback(ctx, offered[index])
                else:
                    ctx.reply(ctx.t("choices.out_of_range", n=len(offered)))
                return
        if inc.chat.is_group:
            return  # people talk to each other in groups; the bot answers only what is for it
        folded = fold(text)
        for trigger in TEXT_TRIGGERS:
            if trigger.matches(folded):
                if trigger.needs_link and ctx.person is None:
                    members.how_to_link(ctx)
                    return
                await trigger.handler(ctx)
                return
        members.free_text_hint(ctx)

    async def _command(self, ctx: Ctx, name: str, args: str) -> None:
        spec = find_command(name)
        if spec is None:
            ctx.reply(ctx.t("command.unknown", command=name))
            return
        ctx.command, ctx.args = spec.name, args
        if not spec.open_to_unlinked and ctx.person is None:
            members.how_to_link(ctx)
            return
        if not self._allowed(ctx, spec):
            ctx.reply(ctx.t("command.not_allowed", command=spec.name, who=ctx.t(_who_key(spec))))
            return
        await spec.handler(ctx)

    @staticmethod
    def _allowed(ctx: Ctx, spec: CommandSpec) -> bool:
        return Role.ANYONE in spec.allowed or bool(spec.allowed & ctx.roles)

    async def _callback(self, ctx: Ctx, data: str) -> None:
        prefix, _, payload = data.partition(":")
        handler = CALLBACKS.get(prefix)
        if handler is None:
            ctx.notice = ctx.t("choices.expired")
            return
        ctx.args = payload
        await handler(ctx)

    async def _remember_choices(self, ctx: Ctx) -> None:
        for out in ctx.out:
            if out.chat.platform != ctx.inc.platform or not out.reply.buttons:
                continue
            owner = (
                ""
                if out.chat.is_group
                else (ctx.inc.sender.user_id if out.chat == ctx.inc.chat else out.chat.chat_id)
            )
            data = [b.data for b in out.reply.all_buttons()]
            await ctx.uow.chats.remember_choices(out.chat.platform, out.chat.chat_id, owner, data, ctx.now)


def _who_key(spec: CommandSpec) -> str:
    if spec.allowed == frozenset({Role.SECRETARY}):
        return "who.secretary"
    if spec.allowed == frozenset({Role.COMMITTEE}):
        return "who.committee"
    if Role.SECRETARY in spec.allowed and Role.COMMITTEE in spec.allowed:
        return "who.staff"
    return "who.member"
