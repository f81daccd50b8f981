"""Files behind unguessable tokens: readable ASCII names, nothing outside the shelf, old
files pruned."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.web import KEEP_SECONDS, FileShelf


def test_a_file_gets_an_unguessable_link_with_a_readable_name(tmp_path: Path) -> None:
    shelf = FileShelf(tmp_path, "https://chibo.example.vn/")
    url = shelf.put("Báo cáo Đảng bộ T12-2026.xlsx", b"PK")
    prefix, token, name = url.rsplit("/", 2)
    assert prefix == "https://chibo.example.vn/files"
    assert name == "Bao-cao-Dang-bo-T12-2026.xlsx"
    assert len(token) >= 32
    path = shelf.path(token, name)
    assert path is not None and path.read_bytes() == b"PK"
    assert shelf.put("Báo cáo.xlsx", b"x").rsplit("/", 2)[1] != token


def test_names_are_ascii_and_safe(tmp_path: Path) -> None:
    shelf = FileShelf(tmp_path, "https://x")
    assert shelf.put("Biểu đồ tham dự.png", b"1").endswith("/Bieu-do-tham-du.png")
    assert shelf.put("../../etc/passwd", b"1").endswith("/passwd")
    assert shelf.put("...", b"1").endswith("/tep")


def test_nothing_outside_the_shelf_is_served(tmp_path: Path) -> None:
    shelf = FileShelf(tmp_path / "files", "https://x")
    url = shelf.put("a.txt", b"1")
    _, token, _ = url.rsplit("/", 2)
    (tmp_path / "secret.txt").write_text("no")
    assert shelf.path(token, "../../secret.txt") is None
    assert shelf.path("..", "secret.txt") is None
    assert shelf.path("short", "a.txt") is None
    assert shelf.path(token, "b.txt") is None


def test_old_files_are_pruned_when_a_new_one_is_put(tmp_path: Path) -> None:
    shelf = FileShelf(tmp_path, "https://x")
    _, old_token, _ = shelf.put("old.xlsx", b"1").rsplit("/", 2)
    long_ago = time.time() - KEEP_SECONDS - 60
    os.utime(tmp_path / old_token, (long_ago, long_ago))
    _, new_token, _ = shelf.put("new.xlsx", b"2").rsplit("/", 2)
    assert shelf.path(old_token, "old.xlsx") is None
    assert shelf.path(new_token, "new.xlsx") is not None
