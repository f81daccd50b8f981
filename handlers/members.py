"""Linking accounts to the roster, roles, the group binding, help and language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from config.address import addressee, named
from config.i18n import LANGS
from config.messages import Button
from config.text import phrase_keys, says
from handlers.buttons import ButtonData
from handlers.context import Ctx
from handlers.feature import ANYONE, STAFF, Buttons, Command, Feature, TextTrigger
from handlers.roles import Role, may_use
from storage.models import Person
from storage.repos.roster import CODE_ALPHABET, CODE_LENGTH

_CODE = re.compile(r"^[A-Za-z0-9]{4,16}$")
CODE_HALF = CODE_LENGTH // 2  # a printed code may show its two halves apart


def normalize_phone(raw: str) -> str:
    """Vietnamese numbers as one key: +84 912 345 678, 0912.345.678 → 0912345678."""
    digits = re.sub(r"\D", "", raw)
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    elif digits and not digits.startswith("0") and len(digits) == 9:
        digits = "0" + digits  # Excel drops the leading zero of a number stored as a number
    return digits


def valid_phone(phone: str) -> bool:
    return bool(re.fullmatch(r"0\d{9,10}", phone))


def how_to_link(ctx: Ctx) -> None:
    key = "link.how_telegram" if ctx.inc.platform == "telegram" else "link.how"
    offer_contact = ctx.inc.platform == "telegram" and not ctx.in_group
    ctx.reply(ctx.t(key), request_contact=offer_contact)


def free_text_hint(ctx: Ctx) -> None:
    if ctx.person is None:
        how_to_link(ctx)
    else:
        ctx.reply(ctx.t("hint.free_text"))


def typed_code(text: str) -> str:
    """The link code in what was typed: the first word, or two halves typed apart as a
    printed code may show them ("EW3D RW5B", "EW3D-RW5B")."""
    words = re.split(r"[\s\-–]+", text.strip())
    if len(words) >= 2 and len(words[0]) == len(words[1]) == CODE_HALF:
        return words[0] + words[1]
    return words[0] if words else ""


def code_in_chat(text: str) -> str | None:
    """A link code an unlinked person typed in their own words ("ma cua toi la EDCD3MAE",
    "edqx2dzj"): one word of the code's length and letters. No Vietnamese word is eight
    letters long, and the code has no I or O."""
    found = [
        w
        for w in re.findall(r"[A-Za-z0-9]+", text)
        if len(w) == CODE_LENGTH and set(w.upper()) <= set(CODE_ALPHABET)
    ]
    return found[0] if len(found) == 1 else None


def _looks_like_a_code(word: str) -> bool:
    # a word typed in capitals or with a digit was meant as a code: a wrong one is said so
    return word.isupper() or any(c.isdigit() for c in word)


async def link_by_typed_code(ctx: Ctx) -> bool:
    """An unlinked person's free text that holds a link code links them, as /start would."""
    code = code_in_chat(ctx.inc.text)
    if code is None or ctx.in_group:
        return False
    person = await ctx.uow.people.by_link_code(code)
    if person is None:
        if not _looks_like_a_code(code):
            return False  # an English word of that length, most likely: the usual hint
        ctx.reply(ctx.t("link.bad_code", code=code))
        return True
    await _link(ctx, person)
    return True


async def start(ctx: Ctx) -> None:
    code = typed_code(ctx.args) if ctx.args else ""
    if not code:
        if ctx.person is not None:
            p = ctx.person
            ctx.reply(
                ctx.t("start.linked", name=addressee(ctx.lang, p.full_name, p.category), branch=p.branch.name)
            )
        else:
            ctx.reply(ctx.t("start.welcome"))
            how_to_link(ctx)
        return
    if ctx.in_group:
        ctx.reply(ctx.t("link.private_only"))
        return
    if not _CODE.match(code):
        ctx.reply(ctx.t("link.bad_code", code=code))
        return
    person = await ctx.uow.people.by_link_code(code)
    if person is None:
        ctx.reply(ctx.t("link.bad_code", code=code))
        return
    await _link(ctx, person)


async def link_by_contact(ctx: Ctx) -> None:
    if ctx.in_group:
        return
    if not ctx.inc.contact_is_own:
        ctx.reply(ctx.t("link.contact_not_own"))
        return
    phone = normalize_phone(ctx.inc.contact_phone or "")
    found = await ctx.uow.people.by_phone(phone) if valid_phone(phone) else []
    if not found:
        ctx.reply(ctx.t("link.phone_unknown", phone=phone or "?"))
        return
    if len(found) > 1:
        ctx.reply(ctx.t("link.phone_ambiguous"))
        return
    await _link(ctx, found[0])


async def _link(ctx: Ctx, person: Person) -> None:
    current = ctx.person
    if current is not None and current.id == person.id:
        ctx.reply(ctx.t("link.already_you", name=named(ctx.lang, person.full_name, person.category)))
        return
    if current is not None:
        ctx.reply(ctx.t("link.account_taken", name=named(ctx.lang, current.full_name, current.category)))
        return
    others = [a for a in await ctx.uow.accounts.linked_to(person.id) if a.platform == ctx.inc.platform]
    if others:
        ctx.reply(ctx.t("link.code_used"))
        return
    await ctx.uow.accounts.link(ctx.account, person, ctx.now)
    ctx.reply(
        ctx.t(
            "link.done",
            name=named(ctx.lang, person.full_name, person.category),
            branch=person.branch.name,
            committee=person.branch.committee.name,
        )
    )
    ctx.reply(help_text(ctx))


def help_text(ctx: Ctx) -> str:
    """The commands this person may use, from the features' own declarations."""
    lines = [ctx.t("help.title")]
    for spec in ctx.commands:
        if may_use(spec.who, ctx.roles) and (spec.open_to_unlinked or ctx.person is not None):
            first, second = (spec.alias, spec.name) if ctx.lang == "en" else (spec.name, spec.alias)
            other = f" (/{second})" if second != first else ""
            lines.append(f"/{first}{other} — {ctx.t(spec.help_key)}")
    if ctx.person is None:
        lines.append("")
        lines.append(ctx.t("help.unlinked"))
    return "\n".join(lines)


async def help_(ctx: Ctx) -> None:
    ctx.reply(help_text(ctx))


async def bind_group(ctx: Ctx) -> None:
    person = ctx.person
    assert person is not None
    if not ctx.in_group:
        ctx.reply(ctx.t("bind.group_only"))
        return
    # a group bound elsewhere moves only by that branch's secretaries or its committee's staff:
    # the dispatcher asks (handlers/actor.py, refused_here) before this runs
    from handlers.actor import group_branch

    # committee staff confirm a group's binding; only a secretary's own /lienket binds it to
    # her branch, so staff never move another branch's group onto their own
    bound = await group_branch(ctx)
    branch = bound if bound is not None and Role.SECRETARY not in ctx.roles else person.branch
    await ctx.uow.chats.bind_group(ctx.inc.platform, ctx.inc.chat.chat_id, branch.id, person.id, ctx.now)
    ctx.reply(ctx.t("bind.done", branch=branch.name))


async def language(ctx: Ctx) -> None:
    wanted = ctx.args.strip().lower()[:2]
    if wanted in LANGS:
        await _set_language(ctx, wanted)
        return
    ctx.reply(
        ctx.t("language.choose"),
        [[Button("Tiếng Việt", Language("vi").pack()), Button("English", Language("en").pack())]],
    )


@dataclass(frozen=True, slots=True)
class Language(ButtonData, prefix="lang"):
    lang: Literal["vi", "en"]


async def language_chosen(ctx: Ctx, press: Language) -> None:
    await _set_language(ctx, press.lang)


async def _set_language(ctx: Ctx, lang: str) -> None:
    ctx.account.language = lang
    ctx.lang = lang
    ctx.notice = ctx.t("language.set")
    ctx.reply(ctx.t("language.set"))


THANKS = phrase_keys(
    "cảm ơn", "cám ơn", "xin cảm ơn", "cảm ơn chibo", "cảm ơn nhiều", "cảm ơn bạn", "thank you", "thanks"
)
GREETINGS = phrase_keys("alo", "a lô", "chào", "xin chào", "chào chibo", "chào bạn", "hello", "hi")


async def thanked(ctx: Ctx) -> None:
    ctx.reply(ctx.t("talk.thanks"))


async def greeted(ctx: Ctx) -> None:
    ctx.args = ""
    await start(ctx)


FEATURE = Feature(
    "members",
    commands=(
        Command("start", "start", ANYONE, start, open_to_unlinked=True),
        Command("trogiup", "help", ANYONE, help_, open_to_unlinked=True),
        Command("lienket", "link", STAFF, bind_group),
        Command("ngonngu", "language", ANYONE, language, open_to_unlinked=True),
    ),
    buttons=(Buttons(Language, language_chosen, must_be_linked=False),),
    triggers=(
        # thanks said to chibo in a group are answered there (the answer names nobody)
        TextTrigger(lambda folded: says(folded, THANKS), thanked, needs_link=False, in_groups=True),
        TextTrigger(lambda folded: says(folded, GREETINGS), greeted, needs_link=False),
    ),
)
