"""Every feature of chibo, one line each; the bootstrap composes them (handlers/registry.py)."""

from __future__ import annotations

from handlers import members
from handlers.announce import feature as announce
from handlers.attendance import feature as attendance
from handlers.feature import Feature
from handlers.materials import feature as materials
from handlers.people import feature as people
from handlers.pledges import feature as pledges
from handlers.quiz import feature as quiz
from handlers.reports import feature as reports

FEATURES: tuple[Feature, ...] = (
    members.FEATURE,
    attendance.FEATURE,
    reports.FEATURE,
    materials.FEATURE,
    announce.FEATURE,
    people.FEATURE,
    quiz.FEATURE,
    pledges.FEATURE,
)
