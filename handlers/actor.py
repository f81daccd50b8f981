"""Who acts, whatever the channel: a chat's linked caller, or a roster name given to the
command line. Services take an Actor and answer with their result or a Refusal."""

from __future__ import annotations

from dataclasses import dataclass

from config.i18n import DEFAULT_LANG, Text
from config.text import name_key
from handlers.context import Ctx
from handlers.roles import Role, roles_of
from storage.models import Branch, Person
from storage.uow import UnitOfWork

Refusal = Text  # why an action is not done: a catalog key and its values
_STAFF = frozenset({Role.SECRETARY, Role.COMMITTEE})


@dataclass(frozen=True, slots=True)
class Actor:
    person: Person
    roles: frozenset[Role]
    lang: str = DEFAULT_LANG  # what the actor reads; texts made for them (announcements) use it

    @classmethod
    def of(cls, person: Person, lang: str = DEFAULT_LANG) -> Actor:
        return cls(person, frozenset(roles_of(person)), lang)

    @classmethod
    def from_ctx(cls, ctx: Ctx) -> Actor | None:
        return cls.of(ctx.person, ctx.lang) if ctx.person is not None else None

    @property
    def secretary(self) -> bool:
        return Role.SECRETARY in self.roles

    @property
    def committee_staff(self) -> bool:
        return Role.COMMITTEE in self.roles

    def secretary_of(self, branch_id: int) -> bool:
        return self.secretary and self.person.branch_id == branch_id

    def staff_of(self, committee_id: int) -> bool:
        return self.committee_staff and self.person.branch.committee_id == committee_id

    def acts_for(self, branch: Branch, who: frozenset[Role] = _STAFF) -> bool:
        """A branch's affairs (its meetings, its people and their names, its group) are for its
        own secretaries and, where `who` includes committee staff, for the staff of its Đảng bộ."""
        return self.secretary_of(branch.id) or (Role.COMMITTEE in who and self.staff_of(branch.committee_id))


OTHER_BRANCH = Text("act.other_branch")  # names nobody, not even the branch


async def group_branch(ctx: Ctx) -> Branch | None:
    """The branch the group this update came from is bound to; None in a private chat or a
    group not bound yet."""
    if not ctx.in_group:
        return None
    group = await ctx.uow.chats.group(ctx.inc.platform, ctx.inc.chat.chat_id)
    return await ctx.uow.people.branch(group.branch_id) if group is not None else None


async def branch_here(ctx: Ctx) -> Branch:
    """The branch a branch's setting typed here is about: in a group bound to a branch, that
    branch (as /lich there shows it); elsewhere the caller's own."""
    assert ctx.person is not None
    return await group_branch(ctx) or ctx.person.branch


async def refused_here(ctx: Ctx, who: frozenset[Role]) -> Refusal | None:
    """A command or button open to `who` (secretaries, committee staff) typed or pressed in a
    group bound to a branch acts for that branch: only those who act for it use it there."""
    actor = Actor.from_ctx(ctx)
    if actor is None:
        return None
    branch = await group_branch(ctx)
    if branch is None or actor.acts_for(branch, who):
        return None
    return OTHER_BRANCH


async def actor_named(uow: UnitOfWork, name: str, lang: str = DEFAULT_LANG) -> Actor | Refusal:
    """The roster entry with this full name (diacritics optional)."""
    people = await uow.people.by_name_key(name_key(name))
    if not people:
        return Text("console.as_unknown", {"name": name})
    if len(people) > 1:
        return Text("console.as_ambiguous", {"name": name})
    return Actor.of(people[0], lang)
