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
from handlers.attendance.checkin import checked_in_text, private_answer, says_present
from handlers.attendance.services.rules import checkin_rule, grace_of
from handlers.batching import Batcher
from handlers.buttons import BadButton
from handlers.language import resolve_language
from storage.db import Database
from storage.repos.checkins import MeetingWindow, SelfCheckin, Tapper


def is_checkin_tap(inc: Incoming) -> bool:
    """The «Có mặt» button, or "có mặt" typed in a private chat (how Zalo members check in)."""
    if inc.callback_data is not None:
        return inc.callback_data.startswith(Present.prefix + ":")
    return not inc.chat.is_group and inc.contact_phone is None and says_present(fold(inc.text.strip()))


class CheckinTaps(Batcher):
    what = "check-in taps"

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__()
        self.db = db
        self.clock = clock

    async def settle(self, batch: list[Incoming]) -> dict[int, Response]:
        answers: dict[int, Response] = {}
        async with self.db.unit_of_work(inline=True) as uow:
            now = self.clock.now()
            ready: dict[int, tuple[Tapper, MeetingWindow, str]] = {}
            for platform in sorted({inc.platform for inc in batch}):
                mine = [(i, inc) for i, inc in enumerate(batch) if inc.platform == platform]
                tappers, own_grace, meetings = await uow.checkins.tappers(
                    platform,
                    sorted({inc.sender.user_id for _, inc in mine}),
                    (m for _, inc in mine if (m := _meeting_id(inc)) is not None),
                )
                typed = {
                    p.branch_id
                    for _, inc in mine
                    if inc.callback_data is None and (p := tappers.get(inc.sender.user_id)) is not None
                }
                open_now = await uow.checkins.open_meetings(typed, now)
                plain: list[tuple[int, Incoming, Tapper, MeetingWindow, str]] = []
                for i, inc in mine:
                    tapper = tappers.get(inc.sender.user_id)
                    if tapper is None:  # not linked
                        continue
                    meeting_or_none: MeetingWindow | None
                    if inc.callback_data is None:  # "có mặt": the branch's meeting open now
                        meeting_or_none, takes_part = open_now.get(tapper.branch_id), True
                    else:
                        meeting_id = _meeting_id(inc)
                        found = meetings.get(meeting_id) if meeting_id is not None else None
                        meeting_or_none = found[0] if found is not None else None
                        takes_part = found is not None and tapper.branch_id in found[1]
                    # the one-by-one path words every refusal
                    grace = grace_of(tapper.branch_id, own_grace)
                    status = checkin_rule(meeting_or_none, takes_part, now, grace)
                    if meeting_or_none is not None and isinstance(status, str):
                        plain.append((i, inc, tapper, meeting_or_none, status))
                claimed = await uow.checkins.claim_updates(
                    platform,
                    sorted({inc.update_id for _, inc, _, _, _ in plain if inc.update_id is not None}),
                    now,
                )
                for i, inc, tapper, meeting, status in plain:
                    if inc.update_id is not None:
                        if inc.update_id not in claimed:
                            answers[i] = Response()  # a redelivery: already answered
                            continue
                        claimed.discard(inc.update_id)  # the same update twice in one batch
                    ready[i] = (tapper, meeting, status)
            entries: dict[tuple[int, int], SelfCheckin] = {}
            for tapper, meeting, status in ready.values():
                entries.setdefault((meeting.id, tapper.person_id), SelfCheckin(meeting.id, tapper, status))
            changed = await uow.checkins.check_in(list(entries.values()), now)
            earlier = await uow.checkins.recorded_at(pair for pair in entries if pair not in changed)
            await uow.commit()
        told: set[tuple[int, int]] = set()  # a second tap in the same batch hears "already"
        for i, (tapper, meeting, status) in ready.items():
            inc = batch[i]
            pair = (meeting.id, tapper.person_id)
            first = pair in changed and pair not in told
            told.add(pair)
            lang = resolve_language(tapper.language, inc.sender.language_code, inc.text)
            text = checked_in_text(
                lang,
                meeting.title,
                tapper.full_name,
                tapper.category,
                first,
                status == "late",
                earlier.get(pair, now),
            )
            answers[i] = private_answer(inc, lang, text)
        return answers


def _meeting_id(inc: Incoming) -> int | None:
    """The meeting of a well-formed «Có mặt» press; anything else goes the one-by-one way,
    where it is answered like any bad press."""
    try:
        return Present.unpack(inc.callback_data or "").meeting
    except BadButton:
        return None
