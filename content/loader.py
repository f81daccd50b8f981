"""Study topics from files: the bundled YAML under `content/topics/` (schema in
`content/schema.md`), checked at start with errors that name the file and the field, and
topics a secretary sends as text, Markdown or YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from config.i18n import DEFAULT_LANG, Text, t
from config.text import name_key

TOPICS_DIR = Path(__file__).resolve().parent / "topics"
# the kinds of topic; each is labelled by its catalog message `tl.kind.<kind>`
KINDS = ("chuyen_de_toan_khoa", "chuyen_de_nam", "tai_lieu")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,100}$")
_HEADING = re.compile(r"^#{1,3}\s+(.+)$")
MAX_SECTION_CHARS = 20_000


class ContentError(ValueError):
    """A topic that cannot be taken: the file (`source`, "" for a chat message), the field
    (`where`, "" for the whole file) and what is wrong, a catalog message. `str()` is in
    Vietnamese, as the start-up check shows it; chat renders it in the reader's language."""

    def __init__(self, source: str, where: str, key: str, **values: object) -> None:
        self.source, self.where, self.problem = source, where, Text(key, values)
        super().__init__(self.text(DEFAULT_LANG))

    def source_text(self, lang: str) -> str:
        return self.source or t(lang, "content.chat_message")

    def where_text(self, lang: str) -> str:
        return self.where or t(lang, "content.whole_file")

    def problem_text(self, lang: str) -> str:
        return self.problem.render(lang)

    def text(self, lang: str) -> str:
        return f"{self.source_text(lang)}: {self.where_text(lang)}: {self.problem_text(lang)}"


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Attachment:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class TopicData:
    slug: str
    title: str
    kind: str
    summary: str
    sections: tuple[Section, ...]
    year: int | None = None
    attachments: tuple[Attachment, ...] = field(default=())
    related_quiz: str = ""

    def search_key(self) -> str:
        """Folded words between single spaces, so a search matches whole words."""
        parts = [self.title, self.summary, *(f"{s.title} {s.text}" for s in self.sections)]
        return f" {name_key(' '.join(parts))} "


def _text(raw: dict[str, Any], key: str, source: str, where: str = "", *, required: bool = True) -> str:
    value = raw.get(key)
    name = f"{where}{key}"
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ContentError(source, name, "content.required")
        return ""
    if not isinstance(value, str | int | float):
        raise ContentError(source, name, "content.not_text")
    return str(value).strip()


def parse_topic(raw: object, source: str, default_slug: str = "") -> TopicData:
    """One topic from a mapping as in the schema; raises ContentError naming the field."""
    if not isinstance(raw, dict):
        raise ContentError(source, "", "content.not_mapping")
    unknown = set(raw) - {
        "slug",
        "title",
        "year",
        "kind",
        "summary",
        "sections",
        "attachments",
        "related_quiz",
    }
    if unknown:
        raise ContentError(source, ", ".join(sorted(map(str, unknown))), "content.unknown_field")
    slug = _text(raw, "slug", source, required=False) or default_slug
    if not _SLUG.match(slug):
        raise ContentError(source, "slug", "content.bad_slug", slug=slug)
    title = _text(raw, "title", source)
    kind = _text(raw, "kind", source)
    if kind not in KINDS:
        raise ContentError(source, "kind", "content.bad_kind", kind=kind, kinds=", ".join(KINDS))
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or not 1930 <= year <= 2100):
        raise ContentError(source, "year", "content.bad_year", year=year)
    sections_raw = raw.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        raise ContentError(source, "sections", "content.no_sections")
    sections = []
    for i, s in enumerate(sections_raw, start=1):
        where = f"sections[{i}]."
        if not isinstance(s, dict):
            raise ContentError(source, f"sections[{i}]", "content.section_shape")
        text = _text(s, "text", source, where)
        if len(text) > MAX_SECTION_CHARS:
            raise ContentError(source, f"{where}text", "content.section_too_long", limit=MAX_SECTION_CHARS)
        sections.append(Section(_text(s, "title", source, where), text))
    attachments = []
    for i, a in enumerate(raw.get("attachments") or [], start=1):
        where = f"attachments[{i}]."
        if not isinstance(a, dict):
            raise ContentError(source, f"attachments[{i}]", "content.attachment_shape")
        url = _text(a, "url", source, where)
        if not url.startswith(("https://", "http://")):
            raise ContentError(source, f"{where}url", "content.bad_url", url=url)
        attachments.append(Attachment(_text(a, "title", source, where), url))
    return TopicData(
        slug=slug,
        title=title,
        kind=kind,
        summary=_text(raw, "summary", source),
        sections=tuple(sections),
        year=year,
        attachments=tuple(attachments),
        related_quiz=_text(raw, "related_quiz", source, required=False),
    )


def load_topics(folder: Path = TOPICS_DIR) -> list[TopicData]:
    """Every bundled topic; the first bad file stops the start with its name and field."""
    topics: list[TopicData] = []
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ContentError(path.name, "", "content.bad_yaml", error=exc) from exc
        topic = parse_topic(raw, path.name, default_slug=path.stem)
        if topic.slug in slugs:
            raise ContentError(
                path.name, "slug", "content.slug_taken", slug=topic.slug, other=slugs[topic.slug]
            )
        slugs[topic.slug] = path.name
        topics.append(topic)
    return topics


def topic_from_text(text: str, slug: str, source: str = "") -> TopicData:
    """A topic a secretary sends as plain text or Markdown (`source` "": a chat message; else
    the file's name): the first line is the title, lines starting with # open sections, the
    first paragraph before any is the summary."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    if not lines or not lines[0].strip():
        raise ContentError(source, "title", "content.no_title")
    heading0 = _HEADING.match(lines[0])
    title = (heading0.group(1) if heading0 else lines[0]).strip()
    sections: list[Section] = []
    current_title = ""
    current: list[str] = []
    intro: list[str] = []
    for line in lines[1:]:
        heading = _HEADING.match(line)
        if heading:
            if current_title or current:
                sections.append(Section(current_title or title, "\n".join(current).strip()))
            current_title, current = heading.group(1).strip(), []
        elif current_title:
            current.append(line)
        else:
            intro.append(line)
    if current_title:
        sections.append(Section(current_title, "\n".join(current).strip()))
    body = "\n".join(intro).strip()
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    summary = paragraphs[0] if paragraphs else ""
    if not sections:
        if not body:
            raise ContentError(source, "sections", "content.no_body")
        sections = [Section(title, body)]
    sections = [s for s in sections if s.text] or [Section(title, body or title)]
    for i, s in enumerate(sections, start=1):
        if len(s.text) > MAX_SECTION_CHARS:
            raise ContentError(
                source, f"sections[{i}].text", "content.text_too_long", limit=MAX_SECTION_CHARS
            )
    return TopicData(
        slug=slug, title=title[:300], kind="tai_lieu", summary=summary[:1000], sections=tuple(sections)
    )


def topic_from_file(filename: str, content: bytes, slug: str) -> TopicData:
    """A document a secretary sends: YAML in the schema, or text / Markdown."""
    name = filename.lower()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(filename, "", "content.not_utf8") from exc
    if name.endswith((".yaml", ".yml")):
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ContentError(filename, "", "content.bad_yaml", error=exc) from exc
        if isinstance(raw, dict):
            raw = {**raw, "slug": slug}
        return parse_topic(raw, filename, default_slug=slug)
    if name.endswith((".txt", ".md", ".markdown")):
        return topic_from_text(text, slug, filename)
    raise ContentError(filename, "", "content.bad_file_type")
