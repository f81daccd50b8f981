"""Typed button data, packed and unpacked in one place (the idea of aiogram's `CallbackData`,
kept neutral). A button kind is a frozen dataclass deriving from `ButtonData` with a prefix:

    @dataclass(frozen=True, slots=True)
    class Rsvp(ButtonData, prefix="att"):
        meeting: int                       # a database id: 1 … MAX_ID
        answer: Literal["y", "n"]

    Rsvp(12, "y").pack() == "att:12:y"
    Rsvp.unpack("att:12:y") == Rsvp(12, "y")

A prefix is one word ("att") or two ("tl:o", one kind per action, each with its own role).
Trailing fields with a default may be left out of the data (`hx:12` and `hx:12:ok`).

Field types: `int` is a database id (ASCII digits, 1 … MAX_ID); `Annotated[int, Bounds(lo, hi)]`
any other bounded number; `Literal[...]` one of its words; `bool` "1"/"0"; `str` a short token
of letters, digits, "_" and "-". Anything else that arrives (a forged press, an old button, 20
digits, "²", over 64 bytes) raises `BadButton`, which the dispatcher answers with the
expired-choice notice.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Self, get_args, get_origin

from config.messages import CALLBACK_DATA_LIMIT

MAX_ID = 2_147_483_647  # the largest value of an INTEGER column on PostgreSQL
_DIGITS = re.compile(r"[0-9]{1,19}")
_SIGNED = re.compile(r"-?[0-9]{1,19}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{0,32}")
_PREFIX = re.compile(r"[a-z][a-z0-9]{0,7}(?::[a-z][a-z0-9]{0,7})?")


class BadButton(ValueError):
    """Button data that does not unpack: wrong prefix or shape, a value out of bounds."""


@dataclass(frozen=True, slots=True)
class Bounds:
    lo: int
    hi: int


class ButtonData:
    prefix: ClassVar[str]

    def __init_subclass__(cls, prefix: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not prefix and "prefix" in cls.__dict__:
            return  # @dataclass(slots=True) builds the class again from its namespace
        if not _PREFIX.fullmatch(prefix):
            raise TypeError(
                f"{cls.__name__}: a button prefix is one or two words of 1–8 lowercase letters or digits, "
                f"not {prefix!r}"
            )
        cls.prefix = prefix

    @classmethod
    def _spec(cls) -> tuple[tuple[str, Any], ...]:
        spec = cls.__dict__.get("_spec_cache")
        if spec is None:
            hints = typing.get_type_hints(cls, include_extras=True)
            spec = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))  # type: ignore[arg-type]
            type.__setattr__(cls, "_spec_cache", spec)
        return spec  # type: ignore[no-any-return]

    @classmethod
    def _required(cls) -> int:
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        return sum(1 for f in fields if f.default is dataclasses.MISSING)

    def pack(self) -> str:
        parts = [self.prefix]
        defaults = [f.default for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        values = []
        for (name, kind), default in zip(self._spec(), defaults, strict=True):
            value = getattr(self, name)
            _check(name, kind, value)
            values.append(
                (("1" if value else "0") if isinstance(value, bool) else str(value), value == default)
            )
        while values and values[-1][1]:
            values.pop()  # a trailing default is left out
        data = ":".join(parts + [raw for raw, _ in values])
        if len(data.encode()) > CALLBACK_DATA_LIMIT:
            raise ValueError(f"button data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: str) -> Self:
        if len(data.encode()) > CALLBACK_DATA_LIMIT:
            raise BadButton("too long")
        if not data.startswith(cls.prefix + ":") and data != cls.prefix:
            raise BadButton(f"not a {cls.__name__}: {data[:80]!r}")
        rest = data[len(cls.prefix) + 1 :]
        parts = rest.split(":") if rest else []
        spec = cls._spec()
        if not cls._required() <= len(parts) <= len(spec):
            raise BadButton(f"not a {cls.__name__}: {data[:80]!r}")
        values = {name: _parse(name, kind, raw) for (name, kind), raw in zip(spec, parts, strict=False)}
        return cls(**values)


def prefixes_of(data: str) -> tuple[str, ...]:
    """The prefixes a piece of button data may belong to, the longer first."""
    parts = data.split(":", 2)
    if len(parts) >= 2:
        return (f"{parts[0]}:{parts[1]}", parts[0])
    return (parts[0],)


@functools.cache  # a field's type is read on every pack and unpack
def _base(kind: Any) -> tuple[Any, Bounds | None]:
    if get_origin(kind) is typing.Annotated:
        base, *extra = get_args(kind)
        bounds = next((e for e in extra if isinstance(e, Bounds)), None)
        return base, bounds
    return kind, None


def _parse(name: str, kind: Any, raw: str) -> Any:
    base, bounds = _base(kind)
    if base is bool:
        if raw not in ("0", "1"):
            raise BadButton(f"{name}: not 0/1")
        return raw == "1"
    if base is int:
        if not (_SIGNED if bounds is not None and bounds.lo < 0 else _DIGITS).fullmatch(raw):
            raise BadButton(f"{name}: not a number")
        value = int(raw)
        lo, hi = (bounds.lo, bounds.hi) if bounds is not None else (1, MAX_ID)
        if not lo <= value <= hi:
            raise BadButton(f"{name}: out of bounds")
        return value
    if get_origin(base) is Literal:
        if raw not in get_args(base):
            raise BadButton(f"{name}: not one of {get_args(base)}")
        return raw
    if base is str:
        if not _TOKEN.fullmatch(raw):
            raise BadButton(f"{name}: not a token")
        return raw
    raise TypeError(f"unsupported button field type for {name}: {kind!r}")


def _check(name: str, kind: Any, value: Any) -> None:
    """The same rules on the way out: a button chibo sends must unpack."""
    raw = ("1" if value else "0") if isinstance(value, bool) else str(value)
    try:
        _parse(name, kind, raw)
    except BadButton as exc:
        raise ValueError(f"button field {name}={value!r} would not unpack: {exc}") from None
