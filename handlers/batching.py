"""Updates of one kind that arrive while a transaction runs, settled together in the next
one: the database works per batch instead of per update in a burst (check-in taps, quiz
answers). Each update still gets its own response, or None when the caller must handle it
the ordinary way, one at a time."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from config.messages import Incoming, Response

log = logging.getLogger(__name__)

BATCH_LIMIT = 500  # keeps each statement's parameters well under SQLite's limit


@dataclass(slots=True)
class _Waiting:
    inc: Incoming
    answer: asyncio.Future[Response | None]


class Batcher:
    """Subclasses settle a batch: a response for each index they settled; the rest go the
    ordinary way (unclaimed)."""

    what = "updates"

    def __init__(self) -> None:
        self._waiting: list[_Waiting] = []
        self._drainer: asyncio.Task[None] | None = None

    async def submit(self, inc: Incoming) -> Response | None:
        """The update's response once the batch it joined is committed; None when the caller
        must handle the update the ordinary way."""
        waiting = _Waiting(inc, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        return await waiting.answer

    async def settle(self, batch: list[Incoming]) -> dict[int, Response]:
        raise NotImplementedError

    async def _drain(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[:BATCH_LIMIT], self._waiting[BATCH_LIMIT:]
            answers: dict[int, Response] = {}
            try:
                answers = await self.settle([w.inc for w in batch])
            except Exception:
                log.exception("batch of %d %s failed; handling them one by one", len(batch), self.what)
            finally:  # even when cancelled: no update may wait forever
                for i, waiting in enumerate(batch):
                    if not waiting.answer.done():
                        waiting.answer.set_result(answers.get(i))
