"""What the quiz feature brings: /thi (practice in a private chat, a hội thi, a live contest in
a group), /bxh (leaderboards), a question bank sent as a file or pasted, the answer buttons,
the contest's Telegram quiz polls and typed answers, the rounds' reminders and close."""

from __future__ import annotations

from datetime import timedelta

from handlers.feature import (
    COMMITTEE,
    MEMBERS,
    STAFF,
    Awaits,
    Buttons,
    Command,
    DueJob,
    Feature,
    Periodic,
    PollAnswers,
    Upload,
)
from handlers.quiz.asking import ANSWER, answer_pressed, answer_typed
from handlers.quiz.banks import BANK_SUFFIXES, is_bank_file
from handlers.quiz.board import leaderboard, send_section_pressed
from handlers.quiz.buttons import (
    Answer,
    ContestAnswer,
    ContestPoll,
    ExportAnswers,
    ImportBank,
    OpenRound,
    Practice,
    SendSection,
    TakeRound,
)
from handlers.quiz.contest import (
    CONTEST_ANSWER,
    EVERY_SECONDS,
    advance_contests,
    contest_polled,
    contest_pressed,
    contest_typed,
)
from handlers.quiz.export_chat import export_pressed
from handlers.quiz.imports import BANK_TEXT, bank_sent, bank_typed, import_pressed
from handlers.quiz.practice import practice_pressed, quiz_command
from handlers.quiz.round_chat import close_round, open_pressed, remind_round, take_pressed
from handlers.quiz.rounds import ROUND_CLOSE, ROUND_REMIND

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
        Buttons(OpenRound, open_pressed, who=COMMITTEE),
        Buttons(TakeRound, take_pressed, who=MEMBERS),
        Buttons(ContestAnswer, contest_pressed, who=MEMBERS),
        Buttons(SendSection, send_section_pressed, who=STAFF),
        Buttons(ExportAnswers, export_pressed, who=STAFF),
    ),
    polls=(PollAnswers(ContestPoll, contest_polled, who=MEMBERS),),
    awaits=(
        Awaits(ANSWER, answer_typed, ttl=timedelta(days=7)),
        Awaits(CONTEST_ANSWER, contest_typed, ttl=timedelta(hours=1)),
        Awaits(BANK_TEXT, bank_typed),
    ),
    uploads=(Upload(BANK_SUFFIXES, bank_sent, who=STAFF, recognises=is_bank_file),),
    due_jobs=(DueJob(ROUND_REMIND, remind_round), DueJob(ROUND_CLOSE, close_round)),
    periodic=(Periodic("quiz-contests", EVERY_SECONDS, advance_contests),),
    catalogs=("quiz",),
)
