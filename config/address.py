"""How chibo names a person. Đảng viên (chính thức, dự bị) are "đồng chí"; quần chúng are
not Party members and are not called so: "ông/bà" where a message addresses them ("Kính
gửi ông/bà …", "Chào ông/bà …"), their name alone where it speaks of them."""

from __future__ import annotations

from config.i18n import t

MASS = "quan_chung"


def addressee(lang: str, name: str, category: str) -> str:
    """Whom a message is written to: "đồng chí Lê Thị Mai" / "ông/bà Trần Văn Nam"."""
    return t(lang, "addr.to.mass" if category == MASS else "addr.to.party", name=name)


def named(lang: str, name: str, category: str, *, first: bool = False) -> str:
    """A person a message speaks of: "đồng chí Lê Thị Mai" / "Trần Văn Nam"; `first`: at the
    start of a sentence ("Đồng chí Lê Thị Mai đã …")."""
    text = t(lang, "addr.of.mass" if category == MASS else "addr.of.party", name=name)
    return text[:1].upper() + text[1:] if first else text
