"""Paid broadcast: offered to committee staff as an explicit, costed choice when an
announcement reaches many people on Telegram.

Telegram lets a bot send up to 1,000 messages a second instead of about 30 when each
message carries `allow_paid_broadcast`, for Telegram Stars from the bot's balance (the
price and the source are in scheduler/limiter.py). Zalo has nothing of the kind: its
messages are never counted here and always go at the normal pace."""

from __future__ import annotations

from config.formatting import fmt_int
from config.i18n import t
from handlers.roles import Role, roles_of
from scheduler.limiter import DEFAULTS, STARS_PER_PAID_MESSAGE, BroadcastTime, broadcast_time
from storage.models import Person

PAID_PLATFORM = "telegram"
LIMITS = DEFAULTS[PAID_PLATFORM]
# from here on a normal send takes half a minute or more (1,000 at 30 a second): worth asking
PAID_OFFER_FROM = 1_000


def paid_offer(actor: Person, by_secretary: bool, messages: int) -> BroadcastTime | None:
    """The time and price of sending these Telegram `messages` fast, when the actor is
    committee staff sending as such (a branch secretary is never offered it) and there are
    enough of them; else None."""
    if by_secretary or Role.COMMITTEE not in roles_of(actor) or messages < PAID_OFFER_FROM:
        return None
    return broadcast_time(messages, LIMITS)


def duration_text(lang: str, seconds: float) -> str:
    """About how long: "4 giờ 16 phút", "7 phút 42 giây", "34 giây"."""
    minutes, s = divmod(max(1, round(seconds)), 60)
    h, m = divmod(minutes, 60)
    if h:
        return t(lang, "tb.duration_hours", h=h, m=f"{m:02d}")
    if m:
        return t(lang, "tb.duration_minutes", m=m, s=f"{s:02d}")
    return t(lang, "tb.duration_seconds", s=s)


def _price() -> str:
    return f"{STARS_PER_PAID_MESSAGE:g}".replace(".", ",")  # 0,1 as chibo writes numbers


def offer_text(lang: str, estimate: BroadcastTime) -> str:
    return t(
        lang,
        "tb.paid_offer",
        messages=fmt_int(estimate.messages),
        rate=fmt_int(round(LIMITS.per_second)),
        normal=duration_text(lang, estimate.seconds),
        paid_rate=fmt_int(round(LIMITS.paid_per_second)),
        fast=duration_text(lang, estimate.paid_seconds),
        stars=fmt_int(estimate.stars),
        price=_price(),
    )


def sending_text(lang: str, estimate: BroadcastTime) -> str:
    return t(
        lang,
        "tb.sending_paid",
        messages=fmt_int(estimate.messages),
        fast=duration_text(lang, estimate.paid_seconds),
        stars=fmt_int(estimate.stars),
    )
