"""Roster rules for every caller: whose people an actor may import (a secretary their own
branch, committee staff their Đảng bộ), the preview of a file, the import, and the link
codes of those not yet linked. `(uow, actor, arguments, now) -> result | Refusal`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from config.i18n import Text
from config.text import fold
from handlers.actor import Actor, Refusal
from handlers.roster import RosterCheck, check_roster
from storage.models import Branch
from storage.repos.people import Member
from storage.repos.roster import RosterChanges, RosterEntry
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Scope:
    """What an actor's roster file may hold: one branch, or every branch of one Đảng bộ."""

    committee_id: int
    committee: str
    committee_key: str
    branch: Branch | None  # None: the whole Đảng bộ

    @property
    def name(self) -> str:
        return self.branch.name if self.branch is not None else self.committee

    def refuses(self, entry: RosterEntry) -> Text | None:
        if entry.committee_key != self.committee_key:
            return Text("people.other_committee", {"committee": entry.committee, "own": self.committee})
        if self.branch is not None and entry.branch_key != self.branch.name_key:
            return Text("people.other_branch", {"branch": entry.branch, "own": self.branch.name})
        return None


@dataclass(frozen=True, slots=True)
class Draft:
    scope: Scope
    entries: list[RosterEntry]
    changes: RosterChanges


@dataclass(frozen=True, slots=True)
class Codes:
    scope: Scope
    people: list[tuple[Member, str, str]]  # (person, category, link code), by branch and name
    branches: dict[int, str]


def scope_of(actor: Actor) -> Scope | Refusal:
    branch = actor.person.branch
    committee = branch.committee
    if actor.committee_staff:
        return Scope(committee.id, committee.name, committee.name_key, None)
    if actor.secretary:
        return Scope(committee.id, committee.name, committee.name_key, branch)
    return Text("people.staff_only")


def check_rows(actor: Actor, rows: list[list[str]]) -> tuple[Scope, RosterCheck] | Refusal:
    """Every row checked, and every row the actor may not import refused with its number."""
    scope = scope_of(actor)
    if isinstance(scope, Text):
        return scope
    return scope, check_roster(rows, scope.committee, scope.refuses)


async def preview(uow: UnitOfWork, scope: Scope, check: RosterCheck, now: datetime) -> Draft:
    assert check.ok
    return Draft(scope, check.entries, await uow.roster.preview(check.entries, now))


async def import_entries(
    uow: UnitOfWork, actor: Actor, entries: list[RosterEntry], now: datetime
) -> RosterChanges | Refusal:
    """The rows of a confirmed draft, checked against the actor's scope again (their role may
    have changed since the preview)."""
    scope = scope_of(actor)
    if isinstance(scope, Text):
        return scope
    if any(scope.refuses(e) for e in entries):
        return Text("people.draft_outside")
    return await uow.roster.apply(entries, now)


async def link_codes(uow: UnitOfWork, actor: Actor, branch_name: str = "") -> Codes | Refusal:
    """The people of the actor's branch (committee staff: of their Đảng bộ, or of the branch
    named), each with their link code."""
    scope = scope_of(actor)
    if isinstance(scope, Text):
        return scope
    branches = await uow.people.branches_of_committee(scope.committee_id)
    if scope.branch is not None:
        chosen = [scope.branch]
    elif branch_name.strip():
        chosen = _matching(branches, branch_name)
        if len(chosen) != 1:
            listed = "\n".join(f"{i}. {b.name}" for i, b in enumerate(branches[:50], 1))
            key = "people.branch_ambiguous" if chosen else "people.branch_unknown"
            return Text(key, {"name": branch_name.strip(), "branches": listed})
        scope = Scope(scope.committee_id, scope.committee, scope.committee_key, chosen[0])
    else:
        chosen = branches
    people = await uow.people.link_codes([b.id for b in chosen])
    return Codes(scope, people, {b.id: b.name for b in chosen})


def _matching(branches: list[Branch], name: str) -> list[Branch]:
    wanted = " ".join(fold(name).removeprefix("chi bo ").split())
    exact = [b for b in branches if fold(b.name).removeprefix("chi bo ") == wanted]
    return exact or [b for b in branches if wanted in fold(b.name)]


def entries_payload(entries: list[RosterEntry]) -> list[dict[str, Any]]:
    return [asdict(e) for e in entries]


def entries_of(payload: list[dict[str, Any]]) -> list[RosterEntry]:
    return [RosterEntry(**row) for row in payload]
