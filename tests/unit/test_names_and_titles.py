"""How people and titles are written: "đồng chí" for đảng viên only, titles cut between
words keeping their beginning."""

from __future__ import annotations

from config.address import addressee, named
from config.text import shorten

NĂM_2022 = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ, "
    "đảng viên thật sự tiên phong, gương mẫu, có đạo đức cách mạng trong sáng"
)


def test_quan_chung_are_not_called_dong_chi() -> None:
    assert addressee("vi", "Lê Thị Mai", "chinh_thuc") == "đồng chí Lê Thị Mai"
    assert addressee("vi", "Phạm Văn Đức", "du_bi") == "đồng chí Phạm Văn Đức"
    assert addressee("vi", "Trần Văn Nam", "quan_chung") == "ông/bà Trần Văn Nam"
    assert named("vi", "Trần Văn Nam", "quan_chung") == "Trần Văn Nam"
    assert named("vi", "Lê Thị Mai", "chinh_thuc", first=True) == "Đồng chí Lê Thị Mai"
    assert addressee("en", "Trần Văn Nam", "quan_chung") == "Trần Văn Nam"


def test_titles_keep_their_beginning_and_are_cut_between_words() -> None:
    assert shorten(NĂM_2022, 100) == (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội ngũ cán bộ…"
    )  # at the end of a phrase
    # before a word that opens a phrase, not inside "xây dựng"
    assert shorten(NĂM_2022, 80) == "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh…"
    for limit in range(12, len(NĂM_2022)):
        cut = shorten(NĂM_2022, limit)
        kept = cut.removesuffix("…")
        assert len(cut) <= limit and cut.endswith("…") and NĂM_2022.startswith(kept)
        assert NĂM_2022[len(kept)] in " ,", cut  # where a word ends
    assert shorten("Sinh hoạt chi bộ tháng 12", 60) == "Sinh hoạt chi bộ tháng 12"
