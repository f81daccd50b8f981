"""A round's answers in a burst: the answer buttons pressed while one transaction runs are
recorded together in the next one (as check-in taps are, handlers/attendance/taps.py), so
the database works per batch instead of per answer. Each press's update is still claimed
once, and answered only after its answer is committed, with the verdict and the next
question, as one at a time.

A press the batch cannot settle plainly (an unlinked account, someone else's or a finished
attempt, a question answered already, a round that is over, the last question with its
score) is handed back, unclaimed, to the one-update-at-a-time path, which words each case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from config.clock import Clock
from config.messages import Incoming, Response
from handlers.actor import Actor
from handlers.batching import Batcher
from handlers.buttons import BadButton
from handlers.context import CoreEnv, Ctx
from handlers.language import resolve_language
from handlers.quiz import services
from handlers.quiz.asking import tell
from handlers.quiz.buttons import Answer
from handlers.registry import Registry
from handlers.roles import for_staff, may_use
from storage.db import Database

PLATFORM = "telegram"  # where answers are buttons; elsewhere they are typed

Remember = Callable[..., Awaitable[None]]  # what the core keeps of contexts' choices and awaited texts


def is_answer_press(inc: Incoming) -> bool:
    return (
        inc.platform == PLATFORM
        and inc.callback_data is not None
        and inc.callback_data.startswith(Answer.prefix + ":")
    )


class AnswerPresses(Batcher):
    what = "quiz answers"

    def __init__(
        self, db: Database, clock: Clock, env: CoreEnv, registry: Registry, remember: Remember
    ) -> None:
        super().__init__()
        self.db = db
        self.clock = clock
        self.env = env
        self.registry = registry
        self.remember = remember

    async def settle(self, batch: list[Incoming]) -> dict[int, Response]:
        answers: dict[int, Response] = {}
        # inline (SQLite): a batch's statements are few and indexed, cheaper than the hand-overs
        # to the driver's thread, as for check-in taps
        async with self.db.unit_of_work(inline=True) as uow:
            now = self.clock.now()
            accounts, _ = await uow.checkins.accounts(PLATFORM, sorted({inc.sender.user_id for inc in batch}))
            pressed: dict[int, services.Pressed] = {}
            langs: dict[int, str] = {}
            for i, inc in enumerate(batch):
                account = accounts.get(inc.sender.user_id)
                kind = self.registry.button_kind(inc.callback_data or "")
                if account is None or account.person is None or kind is None or for_staff(kind.who):
                    continue
                try:
                    press = Answer.unpack(inc.callback_data or "")
                except BadButton:
                    continue
                lang = resolve_language(account.language, inc.sender.language_code, inc.text)
                actor = Actor.of(account.person, lang)
                if may_use(kind.who, set(actor.roles)):
                    pressed[i] = services.Pressed(actor, press.attempt, press.position, (press.choice,))
                    langs[i] = lang
            plain = await services.plain_answers(uow, pressed, now)
            claimed = await uow.checkins.claim_updates(
                PLATFORM, sorted({u for i in plain if (u := batch[i].update_id) is not None}), now
            )
            ready: dict[int, services.Plain] = {}
            for i, p in plain.items():
                update_id = batch[i].update_id
                if update_id is not None:
                    if update_id not in claimed:
                        answers[i] = Response()  # a redelivery: already answered
                        continue
                    claimed.discard(update_id)
                ready[i] = p
            ctxs: dict[int, Ctx] = {}
            for i, verdict in (await services.record_plain(uow, ready, now)).items():
                inc = batch[i]
                account = accounts[inc.sender.user_id]
                if inc.sender.display_name and account.display_name != inc.sender.display_name[:200]:
                    account.display_name = inc.sender.display_name[:200]
                ctx = Ctx(
                    inc=inc,
                    uow=uow,
                    account=account,
                    lang=langs[i],
                    now=now,
                    env=self.env,
                    registry=self.registry,
                )
                await tell(ctx, verdict)
                ctxs[i] = ctx
            await self.remember(*ctxs.values())
            await uow.commit()
        for i, ctx in ctxs.items():
            answers[i] = Response(ctx.out, ctx.notice)
        return answers
