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
class _Quiz(ButtonData, prefix="qz"):
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
        "baocao", "xuat", "tailieu", "thongbao", "danhsach", "camket",
    ]  # fmt: skip
    assert registry.command("HOP") is registry.command("meeting")
    assert registry.button_kind("tl:o:5") is not None and registry.button_kind("tl:o:5").prefix == "tl:o"  # type: ignore[union-attr]
    assert registry.button_kind("zz:1") is None
    assert set(registry.due_jobs) == {
        "meeting_reminder",
        "monthly_planning",
        "pledge_reminder",
        "pledge_followup",
    }
    assert registry.upload("Danh-Sach.XLSX") is not None and registry.upload("a.md") is not None
    assert registry.upload("scan.pdf") is None
    assert set(registry.batch_reports) == {"announce", "material"}


def test_a_new_feature_is_one_more_line() -> None:
    quiz = Feature(
        "quiz",
        commands=(Command("thi", "quiz", ANYONE, _nothing),),
        buttons=(Buttons(_Quiz, _pressed),),
        due_jobs=(DueJob("quiz_close", _job),),
    )
    registry = compose((*FEATURES, quiz))
    assert registry.command("thi") is not None
    assert registry.button_kind("qz:3") is not None
    assert "quiz_close" in registry.due_jobs


@pytest.mark.parametrize(
    "clash, words",
    [
        (
            Feature("quiz", commands=(Command("thi", "hop", ANYONE, _nothing),)),
            ["/hop", "attendance", "quiz"],
        ),
        (
            Feature("quiz", commands=(Command("baocao", "quiz", ANYONE, _nothing),)),
            ["/baocao", "reports", "quiz"],
        ),
        (
            Feature("quiz", due_jobs=(DueJob("meeting_reminder", _job),)),
            ["meeting_reminder", "attendance", "quiz"],
        ),
        (Feature("quiz", catalogs=("announce",)), ["announce", "quiz"]),
        (Feature("quiz", uploads=(Upload((".csv",), _nothing),)), ["'.csv'", "people", "quiz"]),
        (Feature("quiz", buttons=(Buttons(_Forged, _pressed),)), ["'tl'", "quiz", "materials"]),
    ],
)
def test_a_clash_stops_start_up_naming_both(clash: Feature, words: list[str]) -> None:
    with pytest.raises(FeatureClash) as raised:
        compose((*FEATURES, clash))
    for word in words:
        assert word in str(raised.value)


def test_the_same_button_prefix_twice_is_a_clash() -> None:
    first = Feature("quiz", buttons=(Buttons(_Quiz, _pressed),))
    second = replace(first, name="contest")
    with pytest.raises(FeatureClash, match=r"'qz'.*'quiz'.*'contest'"):
        compose((first, second))
