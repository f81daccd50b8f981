"""What the library brings: /tailieu, its buttons, a typed «đã đọc», the delivery report of a
publication."""

from __future__ import annotations

from config.text import same_words
from handlers.announce.report import batch_report
from handlers.feature import (
    ANYONE,
    MEMBERS,
    SECRETARIES,
    BatchReport,
    Buttons,
    Command,
    Feature,
    TextTrigger,
    Upload,
)
from handlers.materials.buttons import MarkRead, OpenTopic, Publish, RemindUnread, Section, WhoHasRead
from handlers.materials.library import (
    materials,
    open_pressed,
    publish_pressed,
    read_by_text,
    read_pressed,
    remind_pressed,
    section_pressed,
    who_pressed,
)
from handlers.materials.uploads import add_document

FEATURE = Feature(
    "materials",
    commands=(Command("tailieu", "materials", ANYONE, materials, open_to_unlinked=True),),
    buttons=(
        Buttons(OpenTopic, open_pressed, must_be_linked=False),  # reading is open to anyone
        Buttons(Section, section_pressed, must_be_linked=False),
        Buttons(MarkRead, read_pressed, who=MEMBERS),
        Buttons(Publish, publish_pressed, who=SECRETARIES),
        Buttons(WhoHasRead, who_pressed, who=SECRETARIES),
        Buttons(RemindUnread, remind_pressed, who=SECRETARIES),
    ),
    triggers=(TextTrigger(lambda folded: same_words(folded, "đã đọc"), read_by_text),),
    # a topic sent as a document with no command (with the caption /tailieu it comes as the command)
    uploads=(Upload((".txt", ".md", ".yaml", ".yml"), add_document, who=SECRETARIES),),
    batch_reports=(BatchReport("material", batch_report),),
    catalogs=("materials",),
)
