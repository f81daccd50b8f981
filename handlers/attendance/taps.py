"""A burst of "Có mặt" taps (the button, or the words typed in a private chat): when a whole
district checks in within minutes, the taps that arrive while one transaction runs are
recorded together in the next one, so the database works per batch instead of per member.
Each tap's update is still claimed once, and its webhook request is answered only after its
check-in is committed.

A tap the batch cannot settle plainly (unlinked account, a meeting that is gone, closed or
not the member's, no meeting open) is handed back, unclaimed, to the one-update-at-a-time
path, which has the words for every such case."""

from __future__ import annotations

from config.clock import Clock
from config.messages import Incoming, Response
from config.text import fold
from handlers.attendance.buttons import Present
from handlers.attendance.checkin import answer_checked_in, says_present
from handlers.attendance.services.rules import checkin_rule, grace_of
from handlers.batching import Batcher
from handlers.buttons import BadButton
from handlers.context import CoreEnv, Ctx
from handlers.language import resolve_language
from storage.db import Database
from storage.models import Account, Meeting
from storage.repos.checkins import SelfCheckin


def is_checkin_tap(inc: Incoming) -> bool:
    """The «Có mặt» button, or "có mặt" typed in a private chat (how Zalo members check in)."""
    if inc.callback_data is not None:
        return inc.callback_data.startswith(Present.prefix + ":")
    return not inc.chat.is_group and inc.contact_phone is None and says_present(fold(inc.text.strip()))


class CheckinTaps(Batcher):
    what = "check-in taps"

    def __init__(self, db: Database, clock: Clock, env: CoreEnv) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.env = env

    async def settle(self, batch: list[Incoming]) -> dict[int, Response]:
        answers: dict[int, Response] = {}
        async with self.db.unit_of_work(inline=True) as uow:
            now = self.clock.now()
            ctxs: dict[int, tuple[Ctx, Meeting, str]] = {}
            for platform in sorted({inc.platform for inc in batch}):
                mine = [(i, inc) for i, inc in enumerate(batch) if inc.platform == platform]
                accounts, own_grace = await uow.checkins.accounts(
                    platform, sorted({inc.sender.user_id for _, inc in mine})
                )
                meetings = await uow.checkins.meetings(
                    (m for _, inc in mine if (m := _meeting_id(inc)) is not None),
                    (a.person.branch_id for a in accounts.values() if a.person is not None),
                )
                typed = {
                    a.person.branch_id
                    for _, inc in mine
                    if inc.callback_data is None
                    and (a := accounts.get(inc.sender.user_id)) is not None
                    and a.person is not None
                }
                open_now = await uow.checkins.open_meetings(typed, now)
                plain: list[tuple[int, Incoming, Account, Meeting, str]] = []
                for i, inc in mine:
                    account = accounts.get(inc.sender.user_id)
                    if account is None or account.person is None:
                        continue
                    if inc.callback_data is None:  # "có mặt": the branch's meeting open now
                        meeting_or_none, takes_part = open_now.get(account.person.branch_id), True
                    else:
                        meeting_id = _meeting_id(inc)
                        found = meetings.get(meeting_id) if meeting_id is not None else None
                        meeting_or_none = found[0] if found is not None else None
                        takes_part = found is not None and account.person.branch_id in found[1]
                    # the one-by-one path words every refusal
                    grace = grace_of(account.person.branch_id, own_grace)
                    status = checkin_rule(meeting_or_none, takes_part, now, grace)
                    if meeting_or_none is not None and isinstance(status, str):
                        plain.append((i, inc, account, meeting_or_none, status))
                claimed = await uow.checkins.claim_updates(
                    platform,
                    sorted({inc.update_id for _, inc, _, _, _ in plain if inc.update_id is not None}),
                    now,
                )
                for i, inc, account, meeting, status in plain:
                    if inc.update_id is not None:
                        if inc.update_id not in claimed:
                            answers[i] = Response()  # a redelivery: already answered
                            continue
                        claimed.discard(inc.update_id)  # the same update twice in one batch
                    lang = resolve_language(account.language, inc.sender.language_code, inc.text)
                    ctx = Ctx(inc=inc, uow=uow, account=account, lang=lang, now=now, env=self.env)
                    ctxs[i] = (ctx, meeting, status)
            entries: dict[tuple[int, int], SelfCheckin] = {}
            for ctx, meeting, status in ctxs.values():
                person = ctx.person
                assert person is not None
                entries.setdefault((meeting.id, person.id), SelfCheckin(meeting.id, person, status))
            changed = await uow.checkins.check_in(list(entries.values()), now)
            earlier = await uow.checkins.recorded_at(pair for pair in entries if pair not in changed)
            told: set[tuple[int, int]] = set()  # a second tap in the same batch hears "already"
            for i, (ctx, meeting, status) in ctxs.items():
                person = ctx.person
                assert person is not None
                pair = (meeting.id, person.id)
                first = pair in changed and pair not in told
                told.add(pair)
                answer_checked_in(ctx, meeting, person, first, status == "late", earlier.get(pair, now))
                answers[i] = Response(ctx.out, ctx.notice)
            await uow.commit()
        return answers


def _meeting_id(inc: Incoming) -> int | None:
    """The meeting of a well-formed «Có mặt» press; anything else goes the one-by-one way,
    where it is answered like any bad press."""
    try:
        return Present.unpack(inc.callback_data or "").meeting
    except BadButton:
        return None
