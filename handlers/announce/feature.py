"""What announcements bring: /thongbao, the sender's buttons, «Đã nhận» (button or typed),
the delivery report of a broadcast."""

from __future__ import annotations

from config.text import phrase_keys, says
from handlers.announce.buttons import Ack, Cancel, Send, SendAskingAck, SendPaid, SendUrgent
from handlers.announce.chat import ack_by_text, ack_pressed, announce, cancel_pressed, send_pressed
from handlers.announce.report import batch_report
from handlers.feature import MEMBERS, STAFF, BatchReport, Buttons, Command, Feature, TextTrigger

# "đã nhận ạ", "da nhan a", "em nhận được rồi", "received"
RECEIVED_WORDS = phrase_keys(
    "đã nhận",
    "nhận được",
    "đã nhận được",
    "nhận rồi",
    "đã nhận thông báo",
    "nhận được thông báo",
    "đã nhận được thông báo",
    "received",
    "have received",
    "received it",
    "have received it",
)

FEATURE = Feature(
    "announce",
    commands=(Command("thongbao", "announce", STAFF, announce),),
    buttons=(
        Buttons(Send, send_pressed, who=STAFF),
        Buttons(SendAskingAck, send_pressed, who=STAFF),
        Buttons(SendUrgent, send_pressed, who=STAFF),
        Buttons(SendPaid, send_pressed, who=STAFF),
        Buttons(Cancel, cancel_pressed, who=STAFF),
        Buttons(Ack, ack_pressed, who=MEMBERS),
    ),
    triggers=(TextTrigger(lambda folded: says(folded, RECEIVED_WORDS), ack_by_text),),
    batch_reports=(BatchReport("announce", batch_report),),
    catalogs=("announce",),
)
