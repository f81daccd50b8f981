"""What the quiz feature brings: /thi (practice in a private chat), /bxh (leaderboards), a
question bank sent as a file, the answer buttons and typed answers."""

from __future__ import annotations

from datetime import timedelta

from handlers.feature import MEMBERS, STAFF, Awaits, Buttons, Command, Feature, Upload
from handlers.quiz.banks import BANK_SUFFIXES, is_bank_file
from handlers.quiz.board import leaderboard
from handlers.quiz.buttons import Answer, ImportBank, Practice
from handlers.quiz.imports import bank_sent, import_pressed
from handlers.quiz.practice import ANSWER, answer_pressed, answer_typed, practice_pressed, quiz_command

FEATURE = Feature(
    "quiz",
    commands=(
        Command("thi", "quiz", MEMBERS, quiz_command),
        Command("bxh", "leaderboard", MEMBERS, leaderboard),
    ),
    buttons=(
        Buttons(Answer, answer_pressed, who=MEMBERS),
        Buttons(Practice, practice_pressed, who=MEMBERS),
        Buttons(ImportBank, import_pressed, who=STAFF),
    ),
    awaits=(Awaits(ANSWER, answer_typed, ttl=timedelta(days=7)),),
    uploads=(Upload(BANK_SUFFIXES, bank_sent, who=STAFF, recognises=is_bank_file),),
    catalogs=("quiz",),
)
