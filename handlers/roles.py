"""Who someone is in the Party organisation, read from the roster's `Loại` and `Chức vụ`."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from config.text import fold


class Category(StrEnum):
    OFFICIAL = "chinh_thuc"
    PROBATIONARY = "du_bi"
    MASS = "quan_chung"


CATEGORY_WORDS: dict[str, Category] = {
    "chinh thuc": Category.OFFICIAL,
    "dang vien chinh thuc": Category.OFFICIAL,
    "dvct": Category.OFFICIAL,
    "du bi": Category.PROBATIONARY,
    "dang vien du bi": Category.PROBATIONARY,
    "dvdb": Category.PROBATIONARY,
    "quan chung": Category.MASS,
    "nguoi lao dong": Category.MASS,
}


class Role(StrEnum):
    ANYONE = "anyone"
    MEMBER = "member"  # anyone linked to a roster entry
    SECRETARY = "secretary"  # bí thư or phó bí thư of a branch
    COMMITTEE = "committee"  # committee staff of a Đảng bộ


BRANCH_SECRETARY_ROLES = {"bi_thu", "pho_bi_thu"}


def parse_category(raw: str) -> Category | None:
    return CATEGORY_WORDS.get(fold(raw))


def parse_position(raw: str) -> tuple[str, str]:
    """(branch_role, committee_role) from the `Chức vụ` cell; anything unrecognised is an
    ordinary person of the branch."""
    p = fold(raw).replace("dang uy khoi", "dang uy").replace("dang bo", "dang uy")
    if "dang uy" in p:
        if p.startswith("pho bi thu"):
            return "", "pho_bi_thu_dang_uy"
        if p.startswith("bi thu"):
            return "", "bi_thu_dang_uy"
        if p.startswith("dang uy vien") or p.startswith("uy vien"):
            return "", "dang_uy_vien"
        if p.startswith("can bo"):
            return "", "can_bo_dang_uy"
        return "", ""
    p = p.removesuffix(" chi bo").strip()
    return {"bi thu": "bi_thu", "pho bi thu": "pho_bi_thu", "chi uy vien": "chi_uy_vien"}.get(p, ""), ""


class HasRoles(Protocol):
    branch_role: str
    committee_role: str


def roles_of(person: HasRoles | None) -> set[Role]:
    roles = {Role.ANYONE}
    if person is None:
        return roles
    roles.add(Role.MEMBER)
    if person.branch_role in BRANCH_SECRETARY_ROLES:
        roles.add(Role.SECRETARY)
    if person.committee_role:
        roles.add(Role.COMMITTEE)
    return roles


def for_staff(who: frozenset[Role]) -> bool:
    """Whether what is open to `who` is a secretary's or committee's (not every member's)."""
    return not who & {Role.ANYONE, Role.MEMBER}


def may_use(who: frozenset[Role], roles: set[Role]) -> bool:
    """Whether someone with `roles` may use what is open to `who`."""
    return Role.ANYONE in who or bool(who & roles)
