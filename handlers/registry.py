"""The features composed into one table: commands by name and alias, button kinds and poll
answer kinds by prefix, text triggers, awaited-text kinds, file types, due-job kinds, periodic work, delivery reports and
catalogs. Two features claiming the same thing stop start-up with a message naming both."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from config.i18n import catalogs_of
from config.text import PARTICLES, spoken
from handlers.buttons import prefixes_of
from handlers.feature import Awaits, Buttons, Command, Feature, Periodic, PollAnswers, TextTrigger, Upload
from scheduler.due import DueHandler
from scheduler.ticker import BatchReporter


class FeatureClash(RuntimeError):
    """Two features declare the same command, alias, button prefix, poll key prefix, job kind,
    periodic job, awaited-text kind or catalog key."""


@dataclass(frozen=True, slots=True)
class Registry:
    features: tuple[Feature, ...] = ()
    commands: tuple[Command, ...] = ()  # in the order of the features, for /trogiup and the menus
    by_word: Mapping[str, Command] = field(default_factory=dict)  # name and alias
    # typed without the slash: "lich", "Lịch", "báo cáo", "tro giup" (spoken, spaces removed)
    by_bare_word: Mapping[str, Command] = field(default_factory=dict)
    buttons: Mapping[str, Buttons[Any]] = field(default_factory=dict)  # by prefix
    polls: Mapping[str, PollAnswers[Any]] = field(default_factory=dict)  # by the key's prefix
    triggers: tuple[TextTrigger, ...] = ()
    awaits: Mapping[str, Awaits] = field(default_factory=dict)
    # by the file name's ending: those that recognise their files first, the one that takes the rest last
    uploads: Mapping[str, tuple[Upload, ...]] = field(default_factory=dict)
    due_jobs: Mapping[str, DueHandler] = field(default_factory=dict)
    periodic: tuple[Periodic, ...] = ()
    batch_reports: Mapping[str, BatchReporter] = field(default_factory=dict)

    def command(self, word: str) -> Command | None:
        return self.by_word.get(word.lower())

    def upload(self, file_name: str) -> Upload | None:
        """The feature that takes files of this name when none recognises it as theirs."""
        found = self.uploads_for(file_name)
        return next((u for u in found if u.recognises is None), found[0] if found else None)

    def uploads_for(self, file_name: str) -> tuple[Upload, ...]:
        name = file_name.lower()
        return next((found for suffix, found in self.uploads.items() if name.endswith(suffix)), ())

    def bare_command(self, text: str) -> tuple[Command, str] | None:
        """The command a message names without its slash, and its arguments: the whole
        message is the word ("Lịch ạ", "bao cao"), or its first word is the command's name as
        it is written ("lich nhac 3n", "baocao 11/2026")."""
        words = spoken(text).split()
        while len(words) > 1 and words[-1] in PARTICLES:
            words.pop()
        if words and len(words) <= 3:
            found = self.by_bare_word.get("".join(words))
            if found is not None:
                return found, ""
        first, _, rest = text.strip().partition(" ")
        found = self.by_word.get(first.lower())
        if found is not None and found.bare and first.lower() == found.name and rest.strip():
            return found, rest.strip()
        return None

    def nearest_commands(self, word: str, usable: Callable[[Command], bool]) -> list[Command]:
        """The commands whose name or alias is closest to a mistyped one (/hopp → /hop),
        among those the caller may use."""
        words = {w: c for w, c in self.by_word.items() if usable(c)}
        found: list[Command] = []
        for close in difflib.get_close_matches(word.lower()[:40], list(words), n=4, cutoff=0.6):
            if words[close] not in found:
                found.append(words[close])
        return found[:3]

    def button_kind(self, data: str) -> Buttons[Any] | None:
        for prefix in prefixes_of(data):
            kind = self.buttons.get(prefix)
            if kind is not None:
                return kind
        return None

    def poll_kind(self, key: str) -> PollAnswers[Any] | None:
        for prefix in prefixes_of(key):
            kind = self.polls.get(prefix)
            if kind is not None:
                return kind
        return None


def compose(features: Sequence[Feature]) -> Registry:
    owners: dict[tuple[str, str], str] = {}

    def claim(what: str, key: str, feature: Feature) -> None:
        other = owners.setdefault((what, key), feature.name)
        if other != feature.name:
            raise FeatureClash(
                f"{what} {key!r} is declared by both feature {other!r} and feature {feature.name!r}"
            )

    by_word: dict[str, Command] = {}
    by_bare_word: dict[str, Command] = {}
    buttons: dict[str, Buttons[Any]] = {}
    polls: dict[str, PollAnswers[Any]] = {}
    awaits: dict[str, Awaits] = {}
    uploads: dict[str, tuple[Upload, ...]] = {}
    due_jobs: dict[str, DueHandler] = {}
    reports: dict[str, BatchReporter] = {}
    for feature in features:
        claim("feature", feature.name, feature)
        for command in feature.commands:
            for word in {command.name, command.alias}:
                claim("command", f"/{word}", feature)
                by_word[word] = command
                if command.bare:
                    by_bare_word["".join(spoken(word).split())] = command
        for kind in feature.buttons:
            claim("button prefix", kind.prefix, feature)
            buttons[kind.prefix] = kind
        for answers in feature.polls:
            claim("poll key prefix", answers.prefix, feature)
            polls[answers.prefix] = answers
        for awaited in feature.awaits:
            claim("awaited text", awaited.kind, feature)
            awaits[awaited.kind] = awaited
        for upload in feature.uploads:
            for suffix in upload.suffixes:
                key = suffix.lower()
                if upload.recognises is None:
                    claim("file type", key, feature)
                    uploads[key] = (*uploads.get(key, ()), upload)
                else:
                    claim("file type recognised", f"{key} {feature.name}", feature)
                    uploads[key] = (upload, *uploads.get(key, ()))
        for job in feature.due_jobs:
            claim("due job kind", job.kind, feature)
            due_jobs[job.kind] = job.handler
        for periodic in feature.periodic:
            claim("periodic job", periodic.name, feature)
        for report in feature.batch_reports:
            claim("delivery report of batches", report.kind, feature)
            reports[report.kind] = report.reporter
        for catalog in feature.catalogs:
            claim("catalog", catalog, feature)
    _check_prefixes(buttons, owners, "button prefix")
    _check_prefixes(polls, owners, "poll key prefix")
    _check_catalog_keys(features)
    return Registry(
        features=tuple(features),
        commands=tuple(c for f in features for c in f.commands),
        by_word=by_word,
        by_bare_word=by_bare_word,
        buttons=buttons,
        polls=polls,
        triggers=tuple(t for f in features for t in f.triggers),
        awaits=awaits,
        uploads=uploads,
        due_jobs=due_jobs,
        periodic=tuple(p for f in features for p in f.periodic),
        batch_reports=reports,
    )


def _check_prefixes(kinds: Mapping[str, object], owners: Mapping[tuple[str, str], str], what: str) -> None:
    """`tl` and `tl:o` together would make `tl:o:5` mean two things."""
    for prefix in kinds:
        head, _, tail = prefix.partition(":")
        if tail and head in kinds:
            raise FeatureClash(
                f"{what} {head!r} of feature {owners[(what, head)]!r} swallows "
                f"{prefix!r} of feature {owners[(what, prefix)]!r}"
            )


def _check_catalog_keys(features: Iterable[Feature]) -> None:
    seen: dict[str, str] = {}
    for feature in features:
        for catalog in feature.catalogs:
            for key in catalogs_of(catalog):
                other = seen.setdefault(key, catalog)
                if other != catalog:
                    raise FeatureClash(
                        f"catalog key {key!r} is in both config/locales/{other}.py and config/locales/{catalog}.py"
                    )
