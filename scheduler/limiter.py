"""One rate limiter per platform, shared by everything the outbox worker sends.

Telegram allows about 30 messages a second overall, one a second to one chat and 20 a
minute to one group; Zalo publishes nothing and answers 429 when it has had enough. The
limiter answers "now" or "wait this long"; the worker asks for one message at a time, just
before it leaves.

Telegram's paid broadcast (`allow_paid_broadcast` on sendMessage and the other send
methods) lifts the overall ceiling to 1,000 messages a second for the messages that carry
it, for Telegram Stars from the bot's balance: aiogram 3.31's own docstring of
`SendMessage.allow_paid_broadcast` says "allow up to 1000 messages per second, ignoring
broadcasting limits for a fee of 0.1 Telegram Stars per message", and the Bots FAQ
("How can I message all of my bot's subscribers at once?") charges the 0.1 Star for each
message over the free 30 a second. Those messages draw from a bucket of their own; the
per-chat limits still hold for them.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Limits:
    per_second: float  # all chats together
    chat_interval: float = 1.0  # seconds between two messages to one chat
    group_per_minute: int = 0  # 0 = no separate group limit
    # stay this far under the ceiling, so jitter on the way never trips the platform's count
    headroom: float = 0.98
    # Zalo: a 429 halves the pace, which then creeps back up
    adaptive: bool = False
    default_backoff: float = 1.0
    # messages sent with paid broadcast, all chats together (0 = the platform has none)
    paid_per_second: float = 0.0

    def scaled(self, factor: float) -> Limits:
        """The same limits with the overall ceiling multiplied (a bench's scaled-up fake)."""
        return replace(self, per_second=self.per_second * factor)


TELEGRAM = Limits(per_second=30.0, chat_interval=1.05, group_per_minute=20, paid_per_second=1000.0)
# Telegram Stars for each paid-broadcast message beyond the free 30 a second (see above)
STARS_PER_PAID_MESSAGE = 0.1
ZALO = Limits(per_second=10.0, chat_interval=1.0, adaptive=True, default_backoff=2.0)
CONSOLE = Limits(per_second=1000.0, chat_interval=0.0)
DEFAULTS: dict[str, Limits] = {"telegram": TELEGRAM, "zalo": ZALO, "console": CONSOLE}

_GROUP_WINDOW = 60.0
_FORGET_AFTER = 120.0  # a chat idle this long needs no bookkeeping


@dataclass(frozen=True, slots=True)
class BroadcastTime:
    """How long a broadcast of `messages` takes at a platform's ceiling, and with paid
    broadcast where the platform has it: its time and its price in Telegram Stars."""

    messages: int
    seconds: float
    paid_seconds: float = 0.0  # 0: the platform has no paid broadcast
    stars: int = 0


def broadcast_time(messages: int, limits: Limits) -> BroadcastTime:
    seconds = messages / limits.per_second
    if not limits.paid_per_second:
        return BroadcastTime(messages, seconds)
    paid_seconds = messages / limits.paid_per_second
    # every second of a paid broadcast still has its free 30; the Stars are for the rest
    beyond_free = max(messages - limits.per_second * paid_seconds, 0.0)
    return BroadcastTime(
        messages, seconds, paid_seconds, math.ceil(beyond_free * STARS_PER_PAID_MESSAGE - 1e-9)
    )


class RateLimiter:
    """A token bucket for the platform-wide pace (its small capacity absorbs a late message
    without ever exceeding the platform's count over a second) and per-chat spacing.

    `take` is asked at the moment a message would leave; the worker calls it for one
    message at a time, so a stalled event loop produces a gap, never a burst."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._pace = limits.per_second * limits.headroom
        # at most per_second × (1 − headroom) / 2 of catch-up: a second never holds more than
        # the ceiling minus a margin for jitter on the way
        self._capacity = max(1.0, (limits.per_second - self._pace) / 2)
        self._tokens = self._capacity
        self._refilled_at = clock()
        self._paid = _Bucket(
            limits.paid_per_second * limits.headroom, limits.paid_per_second, self._refilled_at
        )
        self._paused_until = 0.0
        self._chat_next: dict[str, float] = {}
        self._group_sends: dict[str, deque[float]] = {}
        self._last_cleanup = self._refilled_at
        self._ahead = 0  # messages waiting to go before the queue (`go_ahead`)
        self.rate_limited = 0  # 429s seen

    def start_empty(self) -> None:
        """No catch-up credit: a replica that has just taken over the platform's sending
        starts at the pace, because the last second of the replica before it still counts
        against the ceiling (a full bucket there went one message over it)."""
        now = self._clock()
        self._tokens, self._refilled_at = 0.0, now
        self._paid.tokens, self._paid.refilled_at = 0.0, now

    @property
    def pace(self) -> float:
        """Messages a second the limiter currently lets through."""
        return self._pace

    def pace_for(self, paid: bool) -> float:
        """The pace of paid-broadcast messages when `paid` and the platform has it, else `pace`."""
        return self._paid.pace if paid and self._paid.pace else self._pace

    def chat_ready_in(self, chat_id: str, is_group: bool = False) -> float:
        """Seconds until this chat's own limits allow another message (0 = now)."""
        now = self._clock()
        return max(0.0, self._chat_earliest(chat_id, is_group, now) - now)

    def take(self, chat_id: str, is_group: bool = False, *, ahead: bool = False, paid: bool = False) -> float:
        """0: the message may leave now and is counted; otherwise the seconds to wait before
        asking again. While a message waits to go ahead (`go_ahead`), the others are told to
        wait: the next free slot is its. A `paid` message (paid broadcast) is counted against
        the paid ceiling instead, where the platform has one."""
        now = self._clock()
        self._cleanup(now)
        self._tokens = min(self._capacity, self._tokens + (now - self._refilled_at) * self._pace)
        self._refilled_at = now
        paid = paid and self._paid.pace > 0
        wait = max(self._paused_until - now, self._chat_earliest(chat_id, is_group, now) - now)
        if paid:
            wait = max(wait, self._paid.wait(now))
        elif self._tokens < 1.0 - 1e-9:  # float dust must not ask for a wait no clock can measure
            wait = max(wait, (1.0 - self._tokens) / self._pace)
        if self._ahead and not ahead:
            wait = max(wait, 1.0 / self.pace_for(paid))
        if wait > 0:
            return wait
        if paid:
            self._paid.tokens = max(0.0, self._paid.tokens - 1.0)
        else:
            self._tokens = max(0.0, self._tokens - 1.0)
        if self.limits.chat_interval:
            self._chat_next[chat_id] = now + self.limits.chat_interval
        if is_group and self.limits.group_per_minute:
            sends = self._group_sends.setdefault(chat_id, deque())
            sends.append(now)
            while len(sends) > self.limits.group_per_minute:
                sends.popleft()
        return 0.0

    @contextmanager
    def go_ahead(self) -> Iterator[None]:
        """A message that must not wait behind the queue (a sender's status) asks with
        `take(..., ahead=True)` inside this: the slots go to it first, under the same ceiling.
        Entered only once its chat is ready, so a chat's spacing never holds up the others."""
        self._ahead += 1
        try:
            yield
        finally:
            self._ahead -= 1

    def rate_limited_by_platform(self, chat_id: str, retry_after: float | None) -> float:
        """The platform answered 429: nothing more goes out (to anyone) before it said, and
        on an adaptive platform the pace drops. Returns the wait honoured."""
        self.rate_limited += 1
        wait = retry_after if retry_after is not None and retry_after > 0 else self.limits.default_backoff
        now = self._clock()
        self._paused_until = max(self._paused_until, now + wait)
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), now + wait)
        if self.limits.adaptive:
            self._pace = max(self._pace / 2, 0.5)
        return wait

    def sent_ok(self) -> None:
        """An accepted message lets an adaptive pace creep back towards the ceiling."""
        if self.limits.adaptive:
            self._pace = min(self._pace * 1.02, self.limits.per_second * self.limits.headroom)

    def _chat_earliest(self, chat_id: str, is_group: bool, now: float) -> float:
        at = self._chat_next.get(chat_id, 0.0)
        if is_group and self.limits.group_per_minute:
            sends = self._group_sends.get(chat_id)
            if sends is not None and len(sends) >= self.limits.group_per_minute:
                at = max(at, sends[0] + _GROUP_WINDOW + self.limits.chat_interval * 0.05)
        return at

    def _cleanup(self, now: float) -> None:
        if now - self._last_cleanup < _FORGET_AFTER:
            return
        self._last_cleanup = now
        horizon = now - _FORGET_AFTER
        self._chat_next = {c: t for c, t in self._chat_next.items() if t > horizon}
        self._group_sends = {c: d for c, d in self._group_sends.items() if d and d[-1] > horizon}


class _Bucket:
    """The paid-broadcast ceiling's token bucket (the free one lives in RateLimiter itself)."""

    __slots__ = ("capacity", "pace", "refilled_at", "tokens")

    def __init__(self, pace: float, ceiling: float, now: float) -> None:
        self.pace = pace
        self.capacity = max(1.0, (ceiling - pace) / 2)
        self.tokens = self.capacity
        self.refilled_at = now

    def wait(self, now: float) -> float:
        self.tokens = min(self.capacity, self.tokens + (now - self.refilled_at) * self.pace)
        self.refilled_at = now
        return (1.0 - self.tokens) / self.pace if self.tokens < 1.0 - 1e-9 else 0.0


class Limiters:
    """The limiter of each platform, built on first use from the defaults or overrides."""

    def __init__(
        self, overrides: dict[str, Limits] | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limits = {**DEFAULTS, **(overrides or {})}
        self._clock = clock
        self._by_platform: dict[str, RateLimiter] = {}

    def __call__(self, platform: str) -> RateLimiter:
        limiter = self._by_platform.get(platform)
        if limiter is None:
            limits = self._limits.get(platform, Limits(per_second=10.0))
            limiter = self._by_platform[platform] = RateLimiter(limits, self._clock)
        return limiter
