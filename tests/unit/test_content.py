"""Bundled study topics: the files load, and a bad file is refused naming file and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.i18n import catalogs
from content.loader import KINDS, ContentError, load_topics, topic_from_file, topic_from_text


def test_bundled_topics_load() -> None:
    topics = load_topics()
    assert len(topics) >= 3
    slugs = {t.slug for t in topics}
    assert "chuyen-de-toan-khoa-2021-2026" in slugs
    toan_khoa = next(t for t in topics if t.slug == "chuyen-de-toan-khoa-2021-2026")
    assert toan_khoa.kind == "chuyen_de_toan_khoa" and toan_khoa.year == 2021
    assert len(toan_khoa.sections) >= 3
    assert " tu luc tu cuong " in toan_khoa.search_key()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
title: "Tài liệu"
kind: tai_lieu
summary: "Tóm tắt"
sections:
  - title: "Phần 1"
    text: "Nội dung"
"""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda s: s.replace('title: "Tài liệu"\n', ""), "title"),
        (lambda s: s.replace("tai_lieu", "sach"), "kind"),
        (lambda s: s + "year: hai nghìn\n", "year"),
        (lambda s: s.replace('    text: "Nội dung"\n', ""), "sections[1].text"),
        (lambda s: s + "attachments:\n  - title: x\n    url: ftp://x\n", "attachments[1].url"),
        (lambda s: s + "tieu_de: x\n", "tieu_de"),
    ],
)
def test_a_bad_file_names_the_file_and_field(tmp_path: Path, change: object, field: str) -> None:
    write(tmp_path, "chuyen-de.yaml", change(GOOD))  # type: ignore[operator]
    with pytest.raises(ContentError) as err:
        load_topics(tmp_path)
    assert err.value.source == "chuyen-de.yaml"
    assert err.value.where == field
    assert f"chuyen-de.yaml: {field}:" in str(err.value)


def test_two_files_with_one_slug_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD + "slug: mot\n")
    write(tmp_path, "b.yaml", GOOD + "slug: mot\n")
    with pytest.raises(ContentError, match=re.escape("đã dùng trong a.yaml")):
        load_topics(tmp_path)


def test_a_text_with_headings_becomes_sections() -> None:
    topic = topic_from_text(
        "Nghị quyết mới của chi bộ\nTóm tắt một dòng.\n\nThêm một đoạn.\n# Phần một\nNội dung một\n## Phần hai\nNội dung hai",
        "up-1",
    )
    assert topic.title == "Nghị quyết mới của chi bộ"
    assert topic.summary == "Tóm tắt một dòng."
    assert [s.title for s in topic.sections] == ["Phần một", "Phần hai"]
    assert topic.sections[1].text == "Nội dung hai"
    plain = topic_from_text("Tên\nChỉ một đoạn.", "up-2")
    assert [s.text for s in plain.sections] == ["Chỉ một đoạn."]
    with pytest.raises(ContentError):
        topic_from_text("Chỉ có tên", "up-3")


def test_files_a_secretary_sends() -> None:
    assert topic_from_file("a.md", "Tên\n# P1\nA".encode(), "up-1").sections[0].title == "P1"
    assert topic_from_file("a.yaml", GOOD.encode(), "up-2").slug == "up-2"
    with pytest.raises(ContentError, match=re.escape(".txt, .md hoặc .yaml")):
        topic_from_file("a.pdf", b"%PDF", "up-3")
    with pytest.raises(ContentError, match="UTF-8"):
        topic_from_file("a.txt", "Tên".encode("utf-16"), "up-4")


def test_every_kind_has_a_label_in_both_languages() -> None:
    for lang in ("vi", "en"):
        assert all(f"tl.kind.{kind}" in catalogs()[lang] for kind in KINDS)
