"""The core: one update in, replies out, inside one unit of work."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from config.clock import Clock
from config.formatting import fmt_int
from config.i18n import t
from config.messages import (
    POLL_OPTION_MAX,
    ChatRef,
    FileRef,
    Incoming,
    Outgoing,
    Reply,
    Response,
    parse_poll_choice,
)
from config.text import fold
from handlers import members
from handlers.actor import refused_here
from handlers.attendance.taps import CheckinTaps, is_checkin_tap
from handlers.buttons import BadButton
from handlers.context import CoreEnv, Ctx
from handlers.feature import Awaited, Command, PollAnswer, Upload
from handlers.language import resolve_language
from handlers.quiz.burst import AnswerPresses, is_answer_press
from handlers.registry import Registry
from handlers.roles import Role, for_staff, may_use
from scheduler.outbox import CHOICES_KEPT
from storage.db import Database
from storage.repos.waits import ANYONE, CHOICES, Expect, Offer

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@(\w+))?(?:\s+(.*))?$", re.DOTALL)
_NUMBER = re.compile(r"^\s*([0-9]{1,2})\s*[.)]?\s*$")
_WORD = re.compile(r"[a-z0-9]+")
_POLITE = ("a", "nhe", "nha", "oi")  # "gui a", "tiep nhe": the words of a choice said politely


def _label_words(folded: str) -> list[str]:
    words = _WORD.findall(folded)
    while words and words[-1] in _POLITE and len(words) > 1:
        words.pop()
    return words


_MENTION = re.compile(r"^@(\w+)[:,]?\s*")
_LETTER = re.compile(r"^\s*([A-La-l])\s*[.)]?\s*$")  # a poll's choice typed as A…L
MAX_TEXT = 10_000  # characters: more than any platform lets a person send in one message


class Core:
    def __init__(self, db: Database, clock: Clock, env: CoreEnv, registry: Registry) -> None:
        self.db = db
        self.clock = clock
        self.env = env
        self.registry = registry
        self.taps = CheckinTaps(db, clock)
        self.answers = AnswerPresses(db, clock, env, registry, self._remember)

    async def handle(self, inc: Incoming) -> Response:
        if is_checkin_tap(inc):
            response = await self.taps.submit(inc)
            if response is not None:
                return response
        elif is_answer_press(inc):
            self.answers.env, self.answers.registry = self.env, self.registry
            response = await self.answers.submit(inc)
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
                ctx = Ctx(
                    inc=inc,
                    uow=uow,
                    account=account,
                    lang=lang,
                    now=now,
                    env=self.env,
                    registry=self.registry,
                )
                await self._route(ctx)
                _notice_as_message(ctx)
                await self._remember(ctx)
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
            await self._press(ctx, inc.callback_data)
            return
        if inc.poll_vote is not None:
            await self._poll_answer(ctx, inc.poll_vote.poll_id, inc.poll_vote.options, typed=False)
            return
        if inc.contact_phone is not None:
            await members.link_by_contact(ctx)
            return
        text = inc.text.strip()
        addressed = inc.addressed
        if inc.chat.is_group and (mention := _MENTION.match(text)) and self._is_me(mention.group(1)):
            text, addressed = text[mention.end() :], True
        if len(text) > MAX_TEXT:
            if not inc.chat.is_group or text.startswith("/"):
                ctx.reply(ctx.t("text.too_long", n=fmt_int(len(text)), limit=fmt_int(MAX_TEXT)))
            return
        m = _COMMAND.match(text)
        if m:
            name, addressee, args = m.group(1), m.group(2), (m.group(3) or "").strip()
            if (
                addressee
                and self.env.telegram_bot_username
                and addressee.lower() != self.env.telegram_bot_username.lower()
            ):
                return  # a command for another bot in the same group
            # a command is an answer of its own: a text asked for before is no longer awaited
            await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id)
            await self._command(ctx, name, args)
            return
        if inc.attachment is not None and not inc.chat.is_group:
            await self._upload(ctx)
            return
        if not text and inc.voice:
            if not inc.chat.is_group:
                ctx.reply(ctx.t("talk.voice"))
            return
        m = _NUMBER.match(text)
        if m and await self._typed_number(ctx, int(m.group(1))):
            return
        if not m and await self._typed_poll_choice(ctx, text):
            return
        folded = fold(text)
        if inc.chat.is_group:
            # people talk to each other in groups; the bot answers only what is for it
            if addressed:
                await self._addressed_in_group(ctx, text, folded)
            return
        if await self._trigger(ctx, folded, in_group=False):
            return
        if text and await self._awaited_text(ctx):
            return
        # after the triggers, whose words («đã đọc») are smarter than the latest button's
        if await self._typed_label(ctx, folded):
            return
        bare = self.registry.bare_command(text)
        # "hop ly qua" (hợp lý quá) from a member is chat, not a refused /hop
        if bare is not None and (not bare[1] or _usable(ctx, bare[0])):
            await self._command(ctx, bare[0].name, bare[1])
            return
        offered = await ctx.uow.waits.offered(inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now)
        if ctx.person is not None and offered is not None and not offered.expired:
            ctx.reply(ctx.t("hint.free_text_choices", n=len(offered.choices)))
            return
        if ctx.person is None and await members.link_by_typed_code(ctx):
            return
        members.free_text_hint(ctx)

    def _is_me(self, name: str) -> bool:
        """@chibo (the console's and Zalo's name for it) or the Telegram bot's username."""
        username = self.env.telegram_bot_username
        return name.lower() == "chibo" or (bool(username) and name.lower() == username.lower())

    async def _trigger(self, ctx: Ctx, folded: str, *, in_group: bool) -> bool:
        """The first feature's words that match, acted on (in a group, only those open to
        groups); False when none match."""
        for trigger in self.registry.triggers:
            if (trigger.in_groups or not in_group) and trigger.matches(folded):
                if trigger.needs_link and ctx.person is None:
                    members.how_to_link(ctx)
                else:
                    await trigger.handler(ctx)
                return True
        return False

    async def _addressed_in_group(self, ctx: Ctx, text: str, folded: str) -> None:
        """Words said to chibo in a group: the triggers open to groups ("@chibo có mặt"),
        else a command word, else where to say the rest (privately, or a command)."""
        if await self._trigger(ctx, folded, in_group=True):
            return
        bare = self.registry.bare_command(text)
        if bare is not None and _usable(ctx, bare[0]):  # "@chibo lich": said to chibo, a command
            await self._command(ctx, bare[0].name, bare[1])
            return
        if folded:
            ctx.reply(ctx.t("talk.group_hint"))

    async def _command(self, ctx: Ctx, name: str, args: str) -> None:
        spec = self.registry.command(name)
        if spec is None:
            near = self.registry.nearest_commands(name, lambda c: _usable(ctx, c))
            if near:
                shown = [f"/{c.alias if ctx.lang == 'en' else c.name}" for c in near]
                ctx.reply(
                    ctx.t("command.unknown_near", command=name[:40], near=ctx.t("command.or").join(shown))
                )
            else:
                ctx.reply(ctx.t("command.unknown", command=name[:40]))
            return
        ctx.command, ctx.args = spec.name, args
        if not spec.open_to_unlinked and ctx.person is None:
            members.how_to_link(ctx)
            return
        if not may_use(spec.who, ctx.roles):
            ctx.reply(ctx.t("command.not_allowed", command=spec.name, who=ctx.t(_who_key(spec))))
            return
        if for_staff(spec.who) and (refused := await refused_here(ctx, spec.who)) is not None:
            ctx.reply(refused.render(ctx.lang))
            return
        await spec.handler(ctx)

    async def _upload(self, ctx: Ctx) -> None:
        """A file sent in a private chat with no command: the feature that takes its type."""
        attachment = ctx.inc.attachment
        assert attachment is not None
        upload = await self._upload_for(ctx, attachment)
        if upload is None:
            types = ", ".join(sorted(self.registry.uploads))
            ctx.reply(ctx.t("upload.unknown", file=attachment.file_name, types=types))
            return
        if ctx.person is None:
            members.how_to_link(ctx)
            return
        if not may_use(upload.who, ctx.roles):
            ctx.reply(ctx.t("upload.not_allowed", file=attachment.file_name))
            return
        await upload.handler(ctx)

    async def _upload_for(self, ctx: Ctx, attachment: FileRef) -> Upload | None:
        """Of the features taking this file's ending, the first that recognises it as theirs,
        else the one that takes the rest; the file is downloaded once for all of them."""
        found = self.registry.uploads_for(attachment.file_name)
        if not any(u.recognises is not None for u in found) or attachment.fetch is None:
            return self.registry.upload(attachment.file_name)
        try:
            content = await attachment.fetch()
        except Exception:
            log.warning("downloading %s failed", attachment.file_name, exc_info=True)
            return self.registry.upload(attachment.file_name)

        async def fetched() -> bytes:
            return content

        ctx.inc = replace(ctx.inc, attachment=replace(attachment, fetch=fetched))
        for upload in found:
            if upload.recognises is not None and upload.recognises(attachment.file_name, content):
                return upload
        return self.registry.upload(attachment.file_name)

    async def _press(self, ctx: Ctx, data: str) -> None:
        """A button pressed (or its number typed): checked like a command before it acts."""
        kind = self.registry.button_kind(data)
        try:
            press = kind.data.unpack(data) if kind is not None else None
        except BadButton:
            press = None
        if kind is None or press is None:
            log.info("%s press with data that does not unpack: %r", ctx.inc.platform, data[:80])
            ctx.notice = ctx.t("choices.not_for_you")
            return
        if kind.must_be_linked and ctx.person is None:
            if ctx.in_group:
                ctx.notice = ctx.t("link.how")
            else:
                members.how_to_link(ctx)
            return
        if not may_use(kind.who, ctx.roles):
            ctx.notice = ctx.t("choices.not_for_you")
            return
        if for_staff(kind.who) and (refused := await refused_here(ctx, kind.who)) is not None:
            ctx.notice = refused.render(ctx.lang)
            return
        await kind.handler(ctx, press)

    async def _remember(self, *ctxs: Ctx) -> None:
        """What the chats now wait for: the choices of each message with buttons, the texts
        a feature asked for (for a batch of updates, in the statements one update takes)."""
        offers = []
        expects = []
        for ctx in ctxs:
            mine = []
            for out in ctx.out:
                poll = out.reply.poll
                if poll is not None and poll.key and self.registry.poll_kind(poll.key) is None:
                    raise LookupError(f"no feature declares the answers to polls with key {poll.key!r}")
                if not out.reply.buttons:
                    continue
                owner = (
                    ANYONE
                    if out.chat.is_group
                    else (ctx.inc.sender.user_id if out.chat == ctx.inc.chat else out.chat.chat_id)
                )
                buttons = out.reply.all_buttons()
                mine.append(
                    Offer(
                        out.chat.platform,
                        out.chat.chat_id,
                        owner,
                        [b.data for b in buttons],
                        [b.label for b in buttons],
                    )
                )
            offers += mine
            inc = ctx.inc
            if ctx.command and not inc.chat.is_group and not any(o.chat_id == inc.chat.chat_id for o in mine):
                # a command answered without choices: a number typed next is not for older ones
                await ctx.uow.waits.stop_expecting(
                    inc.platform, inc.chat.chat_id, inc.sender.user_id, slot=CHOICES
                )
            for chat, kind, payload in ctx.awaiting:
                awaits = self.registry.awaits.get(kind)
                if awaits is None:
                    raise LookupError(f"no feature declares the awaited text {kind!r}")
                expects.append(
                    Expect(
                        chat.platform, chat.chat_id, inc.sender.user_id, kind, payload, ctx.now + awaits.ttl
                    )
                )
        if ctxs:
            uow, now = ctxs[0].uow, ctxs[0].now
            await uow.waits.offer(offers, now, now + CHOICES_KEPT)
            await uow.waits.expect_many(expects, now)

    async def _typed_number(self, ctx: Ctx, number: int) -> bool:
        """A typed number answers the latest message with choices in this chat."""
        inc = ctx.inc
        offered = await ctx.uow.waits.offered(inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now)
        if offered is None:
            return False
        if offered.expired:
            ctx.reply(ctx.t("choices.expired"))
        elif 1 <= number <= len(offered.choices):
            data = offered.choices[number - 1]
            if (choice := parse_poll_choice(data)) is not None:
                await self._poll_answer(ctx, choice[0], (choice[1],), typed=True)
            else:
                await self._press(ctx, data)
        elif len(offered.choices) == 1 and len(offered.labels) == 1:
            ctx.reply(ctx.t("choices.only_one", label=offered.labels[0]))
        else:
            ctx.reply(ctx.t("choices.out_of_range", n=len(offered.choices)))
        return True

    async def _typed_label(self, ctx: Ctx, folded: str) -> bool:
        """The words of one of the latest choices typed instead of its number ("gui", "muc
        luc", "phan tiep theo"): all of the label, or two words or more found in one label
        only. One word that is in a label is not enough: "vang" (vâng, yes) is not «Xin vắng»."""
        said = _label_words(folded)
        if not said:
            return False
        inc = ctx.inc
        offered = await ctx.uow.waits.offered(inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now)
        if offered is None or offered.expired or len(offered.labels) != len(offered.choices):
            return False
        labels = [_label_words(fold(label)) for label in offered.labels]
        picked = [i for i, words in enumerate(labels) if words == said]
        if not picked and len(said) >= 2:
            picked = [i for i, words in enumerate(labels) if set(said) <= set(words)]
        if len(picked) != 1:
            return False
        data = offered.choices[picked[0]]
        if (choice := parse_poll_choice(data)) is not None:
            await self._poll_answer(ctx, choice[0], (choice[1],), typed=True)
        else:
            await self._press(ctx, data)
        return True

    async def _typed_poll_choice(self, ctx: Ctx, text: str) -> bool:
        """A poll on a text-only chat answered by its letter ("B") or its text, with or
        without diacritics; in a group only by its letter (people talk there)."""
        letter = _LETTER.match(text)
        if not letter and (ctx.in_group or not text or len(text) > POLL_OPTION_MAX):
            return False
        inc = ctx.inc
        offered = await ctx.uow.waits.offered(inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now)
        choice = parse_poll_choice(offered.choices[0]) if offered and offered.choices else None
        if offered is None or choice is None:
            return False
        known = await ctx.uow.polls.get(inc.platform, choice[0])
        if known is None:
            return False
        if letter:
            option = ord(letter.group(1).upper()) - ord("A")
        else:
            folded = fold(text)
            option = next((i for i, o in enumerate(known.options) if fold(o) == folded), -1)
        if not 0 <= option < len(known.options):
            if letter:
                ctx.reply(ctx.t("choices.out_of_range", n=len(known.options)))
                return True
            return False
        if offered.expired:
            ctx.reply(ctx.t("choices.expired"))
            return True
        await self._poll_answer(ctx, known.poll_id, (option,), typed=True)
        return True

    async def _poll_answer(self, ctx: Ctx, poll_id: str, options: tuple[int, ...], *, typed: bool) -> None:
        """An answer to a poll chibo sent, tapped on Telegram or typed elsewhere: to the
        feature whose key the poll carries, checked like a button press. Answers chibo cannot
        place (an unknown poll, options it does not have, a key no feature takes) are
        dropped without a word: no one is waiting for a reply to them."""
        inc = ctx.inc
        known = await ctx.uow.polls.get(inc.platform, poll_id)
        if known is None:
            log.info("%s answer to a poll chibo does not know: %r", inc.platform, poll_id[:80])
            return
        chat = ChatRef(known.platform, known.chat_id, known.is_group)
        if known.typed != typed or (typed and inc.chat.chat_id != known.chat_id):
            log.info("%s answer to poll %s from the wrong place", inc.platform, poll_id)
            return
        many = len(known.correct) > 1
        if (
            not options
            or len(set(options)) != len(options)
            or (len(options) > 1 and not many)
            or any(not 0 <= o < len(known.options) for o in options)
        ):
            log.info("%s answer to poll %s with options it has not: %r", inc.platform, poll_id, options[:20])
            return
        kind = self.registry.poll_kind(known.key)
        try:
            key = kind.data.unpack(known.key) if kind is not None else None
        except BadButton:
            key = None
        if kind is None or key is None:
            log.info("%s answer to poll %s whose key no feature takes: %r", inc.platform, poll_id, known.key)
            return
        if typed and known.closes_at is not None and ctx.now > known.closes_at:
            ctx.reply(ctx.t("choices.expired"))
            return
        if inc.chat != chat:
            ctx.inc = replace(inc, chat=chat)  # Telegram's poll_answer names no chat: the poll's
        if kind.must_be_linked and ctx.person is None:
            if ctx.in_group:
                ctx.notice = ctx.t("link.how")
            else:
                members.how_to_link(ctx)
            return
        if not may_use(kind.who, ctx.roles):
            ctx.notice = ctx.t("choices.not_for_you")
            return
        if for_staff(kind.who) and (refused := await refused_here(ctx, kind.who)) is not None:
            ctx.notice = refused.render(ctx.lang)
            return
        answer = PollAnswer(
            poll_id=known.poll_id,
            chat=chat,
            message_id=known.message_id,
            options=options,
            correct=known.correct,
            asked_at=known.sent_at,
            answered_at=ctx.now,
            closes_at=known.closes_at,
            typed=typed,
        )
        await kind.handler(ctx, key, answer)

    async def _awaited_text(self, ctx: Ctx) -> bool:
        """The text a feature asked this person for in this chat, if it still waits for one."""
        inc = ctx.inc
        expected = await ctx.uow.waits.expected(inc.platform, inc.chat.chat_id, inc.sender.user_id, ctx.now)
        if expected is None:
            return False
        await ctx.uow.waits.stop_expecting(inc.platform, inc.chat.chat_id, inc.sender.user_id)
        awaits = self.registry.awaits.get(expected.kind)
        if expected.expired or awaits is None:
            return False
        if awaits.needs_link and ctx.person is None:
            members.how_to_link(ctx)
            return True
        await awaits.handler(ctx, Awaited(expected.kind, expected.payload, expected.created_at))
        return True


def _notice_as_message(ctx: Ctx) -> None:
    """A short answer meant for a button's toast, when the choice was a typed number: a
    message instead, privately as a toast would be."""
    if ctx.notice is None or ctx.inc.callback_data is not None or ctx.out:
        return
    chat = ChatRef(ctx.inc.platform, ctx.inc.sender.user_id) if ctx.in_group else ctx.inc.chat
    ctx.send(chat, ctx.notice)


def _usable(ctx: Ctx, spec: Command) -> bool:
    return may_use(spec.who, ctx.roles) and (spec.open_to_unlinked or ctx.person is not None)


def _who_key(spec: Command) -> str:
    if spec.who == frozenset({Role.SECRETARY}):
        return "who.secretary"
    if spec.who == frozenset({Role.COMMITTEE}):
        return "who.committee"
    if Role.SECRETARY in spec.who and Role.COMMITTEE in spec.who:
        return "who.staff"
    return "who.member"
