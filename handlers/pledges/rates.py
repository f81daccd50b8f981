"""Registration rates: how many of a branch's people (or of every branch of a Đảng bộ) have
registered the year's pledge, by category. The headline is for đảng viên (chính thức and dự
bị); quần chúng are counted beside it, never in it; people exempted from meetings (miễn sinh
hoạt) are left out and counted apart, as the attendance reports do. Three statements,
whatever the number of branches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from config.formatting import fmt_int, fmt_pct
from handlers.reports.tally import CATEGORIES, PARTY
from handlers.roles import Category
from storage.repos.people import Member
from storage.uow import UnitOfWork

Translate = Callable[..., str]


@dataclass(slots=True)
class Rate:
    branch_id: int
    name: str
    people: dict[str, int] = field(default_factory=lambda: {c.value: 0 for c in CATEGORIES})
    registered: dict[str, int] = field(default_factory=lambda: {c.value: 0 for c in CATEGORIES})
    exempt: int = 0

    def party(self) -> tuple[int, int]:
        return sum(self.registered[c] for c in PARTY), sum(self.people[c] for c in PARTY)

    def add(self, other: Rate) -> None:
        for c in self.people:
            self.people[c] += other.people[c]
            self.registered[c] += other.registered[c]
        self.exempt += other.exempt


def _category(raw: str) -> str:
    return raw if raw in {c.value for c in CATEGORIES} else Category.MASS.value


async def rates(
    uow: UnitOfWork, year: int, committee_id: int, branch_ids: list[int] | None = None
) -> tuple[list[Rate], Rate]:
    """Each branch's rate (the lowest đảng viên rate first) and the total."""
    names = await uow.reports.branch_names(committee_id)
    wanted = branch_ids if branch_ids is not None else list(names)
    found = {b: Rate(b, names[b]) for b in wanted if b in names}
    for r in await uow.reports.roster_counts([committee_id], branch_ids):
        rate = found.get(r.branch_id)
        if rate is None:
            continue
        if r.exempt:
            rate.exempt += r.n
        else:
            rate.people[_category(r.category)] += r.n
    for c in await uow.pledges.registration_counts(year, committee_id, branch_ids):
        rate = found.get(c.branch_id)
        if rate is not None and not c.exempt:
            rate.registered[_category(c.category)] += c.n
    total = Rate(0, "")
    for rate in found.values():
        total.add(rate)
    ordered = sorted(found.values(), key=lambda r: (_share(r), r.name))
    return ordered, total


def _share(rate: Rate) -> float:
    done, of = rate.party()
    return done / of if of else 2.0


def figures(t: Translate, rate: Rate) -> list[str]:
    done, of = rate.party()
    c = rate.registered, rate.people
    lines = [
        t(
            "pl.rate.party",
            done=fmt_int(done),
            of=fmt_int(of),
            pct=fmt_pct(done, of),
            official=f"{fmt_int(c[0]['chinh_thuc'])}/{fmt_int(c[1]['chinh_thuc'])}",
            probation=f"{fmt_int(c[0]['du_bi'])}/{fmt_int(c[1]['du_bi'])}",
        )
    ]
    if rate.people["quan_chung"]:
        lines.append(
            t(
                "pl.rate.mass",
                done=fmt_int(c[0]["quan_chung"]),
                of=fmt_int(c[1]["quan_chung"]),
                pct=fmt_pct(c[0]["quan_chung"], c[1]["quan_chung"]),
            )
        )
    if rate.exempt:
        lines.append(t("pl.rate.exempt", n=fmt_int(rate.exempt)))
    return lines


def branch_text(
    t: Translate, year: int, rate: Rate, missing: list[tuple[Member, bool]] | None, reminders: int
) -> str:
    """A branch's figures; with `missing`, the names of those not registered (private only)."""
    lines = [t("pl.rate.title", year=year, scope=rate.name), *figures(t, rate)]
    waiting = [m for m, exempt in missing or [] if not exempt]
    if missing is not None:
        if waiting:
            names = ", ".join(m.full_name + ("" if m.linked else t("pl.rate.unlinked")) for m in waiting)
            lines.append(t("pl.rate.missing", n=fmt_int(len(waiting)), names=names))
        else:
            lines.append(t("pl.rate.all_done"))
    lines.append(t("pl.rate.reminders", n=reminders))
    return "\n".join(lines)


def committee_text(t: Translate, year: int, committee: str, branches: list[Rate], total: Rate) -> str:
    lines = [t("pl.rate.title", year=year, scope=committee), t("pl.rate.branches", n=fmt_int(len(branches)))]
    lines += figures(t, total)
    lines.append(t("pl.rate.per_branch"))
    for rate in branches:
        done, of = rate.party()
        lines.append(
            t(
                "pl.rate.branch_line",
                branch=rate.name,
                done=fmt_int(done),
                of=fmt_int(of),
                pct=fmt_pct(done, of),
            )
        )
    return "\n".join(lines)
