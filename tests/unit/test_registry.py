"""Features compose into one registry; two features claiming the same thing stop start-up
with a message naming both; /trogiup and the Telegram menus come from the same registry."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from handlers.buttons import ButtonData
from handlers.context import Ctx
from handlers.feature import ANYONE, Buttons, Command, DueJob, Feature, Upload
from handlers.features import FEATURES
from handlers.registry import FeatureClash, compose
from scheduler.due import Outcome


async def _nothing(ctx: Ctx) -> None:
    return None


@dataclass(frozen=True, slots=True)
class _Quiz(ButtonData, prefix="gm"):
    question: int


@dataclass(frozen=True, slots=True)
class _Forged(ButtonData, prefix="tl"):
    topic: int


async def _pressed(ctx: Ctx, press: _Quiz) -> None:
    return None


async def _job(*_: object) -> Outcome:
    return Outcome.done()


def test_chibo_s_own_features_compose() -> None:
    registry = compose(FEATURES)
    names = [c.name for c in registry.commands]
    assert names == [
        "start", "trogiup", "lienket", "ngonngu", "lich", "hop", "diemdanh", "vang",
        "baocao", "xuat", "tailieu", "thongbao", "danhsach", "thi", "bxh", "camket",
    ]  # fmt: skip
    assert registry.command("HOP") is registry.command("meeting")
    assert registry.button_kind("tl:o:5") is not None and registry.button_kind("tl:o:5").prefix == "tl:o"  # type: ignore[union-attr]
    assert registry.button_kind("zz:1") is None
    assert set(registry.due_jobs) == {
        "meeting_reminder",
        "monthly_planning",
        "quiz_round_remind",
        "quiz_round_close",
        "pledge_reminder",
        "pledge_followup",
    }
    assert registry.upload("Danh-Sach.XLSX") is not None and registry.upload("a.md") is not None
    assert registry.upload("scan.pdf") is None
    # a question bank and a roster are both .xlsx: the quiz recognises its own, people take the rest
    xlsx = registry.uploads_for("bank.xlsx")
    assert [u.recognises is not None for u in xlsx] == [True, False]
    assert registry.upload("bank.xlsx") is xlsx[-1]
    assert set(registry.batch_reports) == {"announce", "material"}


def test_a_new_feature_is_one_more_line() -> None:
    quiz = Feature(
        "games",
        commands=(Command("choi", "games", ANYONE, _nothing),),
        buttons=(Buttons(_Quiz, _pressed),),
        due_jobs=(DueJob("games_close", _job),),
    )
    registry = compose((*FEATURES, quiz))
    assert registry.command("choi") is not None
    assert registry.button_kind("gm:3") is not None
    assert "games_close" in registry.due_jobs


@pytest.mark.parametrize(
    "clash, words",
    [
        (
            Feature("games", commands=(Command("choi", "hop", ANYONE, _nothing),)),
            ["/hop", "attendance", "games"],
        ),
        (
            Feature("games", commands=(Command("baocao", "games", ANYONE, _nothing),)),
            ["/baocao", "reports", "games"],
        ),
        (
            Feature("games", due_jobs=(DueJob("meeting_reminder", _job),)),
            ["meeting_reminder", "attendance", "games"],
        ),
        (Feature("games", catalogs=("announce",)), ["announce", "games"]),
        (Feature("games", uploads=(Upload((".csv",), _nothing),)), ["'.csv'", "people", "games"]),
        (Feature("games", buttons=(Buttons(_Forged, _pressed),)), ["'tl'", "games", "materials"]),
    ],
)
def test_a_clash_stops_start_up_naming_both(clash: Feature, words: list[str]) -> None:
    with pytest.raises(FeatureClash) as raised:
        compose((*FEATURES, clash))
    for word in words:
        assert word in str(raised.value)


def test_the_same_button_prefix_twice_is_a_clash() -> None:
    first = Feature("games", buttons=(Buttons(_Quiz, _pressed),))
    second = replace(first, name="contest")
    with pytest.raises(FeatureClash, match=r"'gm'.*'games'.*'contest'"):
        compose((first, second))


def test_a_file_type_is_shared_only_by_features_that_recognise_their_files() -> None:
    def mine(name: str, content: bytes) -> bool:
        return content.startswith(b"games")

    games = Feature("games", uploads=(Upload((".csv",), _nothing, recognises=mine),))
    registry = compose((*FEATURES, games))
    assert registry.uploads_for("x.csv")[0].recognises is mine
    assert registry.upload("x.csv") is not None and registry.upload("x.csv").recognises is None  # type: ignore[union-attr]
