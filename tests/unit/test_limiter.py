"""The shared limiter: Telegram's overall pace, one message a second to a chat, 20 a minute
to a group, 429s honoured for everyone, Zalo's pace halved on 429."""

from __future__ import annotations

import itertools

from scheduler.limiter import TELEGRAM, ZALO, Limiters, Limits, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def drive(limiter: RateLimiter, clock: Clock, chats: list[tuple[str, bool]]) -> list[float]:
    """Send to these chats in order as fast as the limiter allows; the departure times."""
    times = []
    for chat, is_group in chats:
        while (wait := limiter.take(chat, is_group)) > 0:
            clock.t += wait
        times.append(clock.t)
    return times


def most_in_any_window(times: list[float], window: float) -> int:
    best, start = 0, 0
    for end in range(len(times)):
        while times[end] - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_overall_pace_stays_under_the_ceiling_and_close_to_it() -> None:
    clock = Clock()
    limiter = RateLimiter(TELEGRAM, clock)
    times = drive(limiter, clock, [(str(i), False) for i in range(600)])
    assert most_in_any_window(times, 1.0) <= 30
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert 0.95 * 30 <= rate <= 30


def test_one_message_a_second_to_one_chat_and_twenty_a_minute_to_a_group() -> None:
    clock = Clock()
    limiter = RateLimiter(TELEGRAM, clock)
    private = drive(limiter, clock, [("42", False)] * 5)
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(private))
    group = drive(limiter, clock, [("-100", True)] * 45)
    assert most_in_any_window(group, 60.0) <= 20
    assert group[-1] - group[0] >= 120


def test_a_429_pauses_everyone_for_retry_after() -> None:
    clock = Clock()
    limiter = RateLimiter(TELEGRAM, clock)
    assert limiter.take("1") == 0
    assert limiter.rate_limited_by_platform("1", 7.0) == 7.0
    assert limiter.take("2") == 7.0
    clock.t += 7.0
    assert limiter.take("2") == 0
    assert limiter.rate_limited == 1


def test_zalo_backs_off_on_429_and_recovers() -> None:
    clock = Clock()
    limiter = RateLimiter(ZALO, clock)
    before = limiter.pace
    assert limiter.rate_limited_by_platform("u", None) == ZALO.default_backoff
    assert limiter.pace == before / 2
    for _ in range(200):
        limiter.sent_ok()
    assert limiter.pace == before


def test_the_ceiling_scales_for_a_bench_and_each_platform_has_one_limiter() -> None:
    scaled = TELEGRAM.scaled(10)
    assert scaled.per_second == 300 and scaled.chat_interval == TELEGRAM.chat_interval
    limiters = Limiters({"telegram": scaled})
    assert limiters("telegram") is limiters("telegram")
    assert limiters("telegram").limits == scaled
    assert limiters("zalo").limits == ZALO
    assert limiters("other").limits == Limits(per_second=10.0)


def test_a_message_going_ahead_gets_the_next_slot_and_the_ceiling_still_holds() -> None:
    clock = Clock()
    limiter = RateLimiter(TELEGRAM, clock)
    queued = drive(limiter, clock, [(str(i), False) for i in range(30)])  # the bucket is empty now
    with limiter.go_ahead():
        assert limiter.take("queue-1") > 0  # the queue is told to wait…
        while (wait := limiter.take("sender", ahead=True)) > 0:
            clock.t += wait
        ahead_at = clock.t
        assert wait == 0 and ahead_at - queued[-1] <= 1.0 / limiter.pace + 1e-9  # …the next slot is its
    after = drive(limiter, clock, [(f"q{i}", False) for i in range(60)])
    assert most_in_any_window([*queued, ahead_at, *after], 1.0) <= TELEGRAM.per_second


def test_paid_broadcast_has_its_own_ceiling_and_leaves_the_free_one_alone() -> None:
    clock = Clock()
    limiter = RateLimiter(TELEGRAM, clock)
    paid = []
    for i in range(3000):
        while (wait := limiter.take(f"p{i}", paid=True)) > 0:
            clock.t += wait
        paid.append(clock.t)
    # up to 1,000 a second, never over, and close to it
    assert most_in_any_window(paid, 1.0) <= 1000
    assert 3000 / (paid[-1] - paid[0]) > 950
    # the free messages meanwhile still go at 30 a second: the paid ones took none of their slots
    free = drive(limiter, clock, [(f"f{i}", False) for i in range(300)])
    assert most_in_any_window(free, 1.0) <= 30
    assert 300 / (free[-1] - free[0]) > 29
    # a chat's own spacing holds for paid messages too
    assert limiter.take("p0", paid=True) == 0  # long after its first
    assert limiter.take("p0", paid=True) > 1.0


def test_zalo_has_no_paid_broadcast() -> None:
    clock = Clock()
    limiter = RateLimiter(Limits(per_second=10.0, chat_interval=0.0), clock)
    times = []
    for i in range(50):
        while (wait := limiter.take(f"z{i}", paid=True)) > 0:
            clock.t += wait
        times.append(clock.t)
    assert most_in_any_window(times, 1.0) <= 10
    assert ZALO.paid_per_second == 0


def test_what_a_broadcast_takes_and_costs() -> None:
    from scheduler.limiter import broadcast_time

    city = broadcast_time(462_010, TELEGRAM)  # Hà Nội: every member and every branch's group
    assert round(city.seconds) == 15_400 and round(city.paid_seconds) == 462
    assert city.stars == 44_815  # 0.1 Star for each of the 448,150 beyond 30 a second
    assert broadcast_time(1_000, TELEGRAM).stars == 97
    assert broadcast_time(500, ZALO).stars == 0 and broadcast_time(500, ZALO).paid_seconds == 0


def test_a_sender_that_takes_over_starts_at_the_pace() -> None:
    # the last second of the replica that died still counts against the ceiling when its
    # successor starts a moment later: the successor sends no catch-up burst in its first second
    def first_second(empty: bool) -> int:
        clock = Clock()
        taker = RateLimiter(TELEGRAM.scaled(10), clock)
        if empty:
            taker.start_empty()
        times = drive(taker, clock, [(f"b{i}", False) for i in range(600)])
        return sum(1 for x in times if x < times[0] + 1.0)

    assert first_second(empty=True) <= 295 < first_second(empty=False)
