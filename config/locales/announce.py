"""Messages of announcements (/thongbao) and of every delivery report."""

VI = {
    "cmd.thongbao": "gửi thông báo tới chi bộ (bí thư) hoặc các chi bộ (cán bộ Đảng ủy): /thongbao <nội dung>",
    "tb.usage": (
        "Cách gửi thông báo:\n"
        "/thongbao <nội dung> — gửi tới nhóm chat và tin riêng của từng đồng chí trong chi bộ."
    ),
    "tb.usage_committee": (
        "Cán bộ Đảng ủy gửi tới tất cả chi bộ: /thongbao <nội dung>\n"
        "hoặc tới một số chi bộ: /thongbao chi bộ <tên>, <tên>: <nội dung>"
    ),
    "tb.too_long": "Thông báo dài {n} ký tự, quá {limit} ký tự. Xin rút gọn hoặc gửi tài liệu bằng /tailieu.",
    "tb.unknown_branch": "Không tìm thấy chi bộ «{name}» trong {committee}. Các chi bộ: {names}.",
    "tb.preview": (
        "Xem trước thông báo tới {scope}: {people} người ({linked} đã liên kết tài khoản), {groups} nhóm chat.\n"
        "———\n{text}\n———\nĐồng chí chọn:"
    ),
    "tb.scope_branch": "{branch}",
    "tb.scope_all": "tất cả {count} chi bộ của {committee}",
    "tb.scope_some": "{count} chi bộ ({names})",
    "tb.btn_send": "Gửi",
    "tb.btn_send_ack": "Gửi, đề nghị trả lời «Đã nhận»",
    "tb.btn_cancel": "Hủy",
    "tb.btn_send_urgent": "Gửi khẩn ngay, đề nghị trả lời «Đã nhận»",
    "tb.quiet_hours": (
        "Bây giờ là giờ nghỉ đêm (21:30–06:30): tin riêng sẽ gửi lúc {at}, nhóm chat nhận ngay. "
        "Việc gấp thì bấm «Gửi khẩn ngay»."
    ),
    "tb.sending_morning": "Tin riêng chờ đến {at} mới gửi (giờ nghỉ đêm).",
    "tb.paid_offer": (
        "⏱ {messages} tin Telegram: gửi thường (tối đa {rate} tin/giây) mất khoảng {normal}.\n"
        "«Gửi nhanh (trả phí)»: tối đa {paid_rate} tin/giây, khoảng {fast}; Telegram trừ khoảng "
        "{stars} Stars vào số dư của bot ({price} Star mỗi tin vượt mức {rate} tin/giây miễn phí). "
        "Tin Zalo vẫn gửi như thường."
    ),
    "tb.btn_send_paid": "Gửi nhanh (trả phí)",
    "tb.sending_paid": "Gửi nhanh (trả phí) {messages} tin Telegram: khoảng {fast}, khoảng {stars} Stars.",
    "tb.paid_not_offered": (
        "Gửi nhanh (trả phí) chỉ dành cho cán bộ Đảng ủy khi thông báo tới từ {from_} tin Telegram trở lên. "
        "Đồng chí bấm «Gửi» để gửi như thường."
    ),
    "tb.duration_hours": "{h} giờ {m} phút",
    "tb.duration_minutes": "{m} phút {s} giây",
    "tb.duration_seconds": "{s} giây",
    "tb.btn_ack": "Đã nhận",
    "tb.not_allowed": "Chỉ bí thư, phó bí thư chi bộ hoặc cán bộ Đảng ủy mới gửi được thông báo.",
    "tb.not_yours": "Thông báo này không phải của đồng chí hoặc đã được xử lý.",
    "tb.cancelled": "Đã hủy thông báo, không gửi tin nào.",
    "tb.sending": (
        "Đang gửi thông báo tới {linked} người và {groups} nhóm chat. "
        "Chưa liên kết tài khoản nên không nhận được tin riêng: {not_linked} người. "
        "Báo cáo gửi sẽ đến khi xong."
    ),
    "tb.nobody": "Chưa có ai để gửi: chi bộ chưa gắn nhóm chat (/lienket) và chưa đồng chí nào liên kết tài khoản.",
    "tb.message": "📢 THÔNG BÁO — đồng chí {sender}, {where}:\n\n{text}",
    "tb.ask_ack": "\n\nXin bấm «Đã nhận» hoặc gõ «đã nhận» khi đã đọc.",
    "tb.ack_thanks": "Cảm ơn đồng chí, đã ghi nhận: đã nhận thông báo.",
    "tb.ack_again": "Đồng chí đã xác nhận nhận thông báo này rồi.",
    "tb.ack_nothing": "Không có thông báo nào đang chờ đồng chí xác nhận «đã nhận».",
    "tb.status": "Thông báo gần nhất ({when}): «{title}»\nĐã nhận (trả lời): {acks}/{total} người ({pct}).",
    "tb.status_missing": "Chưa trả lời «Đã nhận»: {names}",
    # delivery reports (announcements and publications)
    "report.title_final": "📊 Báo cáo gửi «{title}» — đã xong:",
    "report.title_progress": "⏳ Đang gửi «{title}»: {done}/{total} tin ({pct}).",
    "report.sent": "• Đã gửi tin riêng: {sent}/{people} người ({pct})",
    "report.groups": "• Nhóm chat: {sent}/{total}",
    "report.not_linked": "• Chưa liên kết tài khoản: {n}",
    "report.blocked": "• Đã chặn bot: {n}",
    "report.failed": "• Gửi lỗi: {n}",
    "report.waiting": "• Còn chờ gửi (giờ nghỉ đêm hoặc thử lại): {n}",
    "report.names": "  {names}",
    "report.more": "… và {n} người khác",
}

EN = {
    "cmd.thongbao": "send an announcement to your branch (secretary) or branches (committee staff): /announce <text>",
    "tb.usage": (
        "How to send an announcement:\n"
        "/announce <text> — to the group chat and privately to every member of the branch."
    ),
    "tb.usage_committee": (
        "Committee staff send to all branches: /announce <text>\n"
        "or to some branches: /announce chi bộ <name>, <name>: <text>"
    ),
    "tb.too_long": "The announcement is {n} characters, over {limit}. Please shorten it or send a document with /materials.",
    "tb.unknown_branch": "No branch «{name}» in {committee}. Branches: {names}.",
    "tb.preview": (
        "Preview of the announcement to {scope}: {people} people ({linked} with a linked account), {groups} group chats.\n"
        "———\n{text}\n———\nPlease choose:"
    ),
    "tb.scope_branch": "{branch}",
    "tb.scope_all": "all {count} branches of {committee}",
    "tb.scope_some": "{count} branches ({names})",
    "tb.btn_send": "Send",
    "tb.btn_send_ack": "Send, ask for «Received»",
    "tb.btn_cancel": "Cancel",
    "tb.btn_send_urgent": "Urgent: send now, ask for «Received»",
    "tb.quiet_hours": (
        "It is night-time quiet hours (21:30–06:30): private messages will go at {at}; group chats "
        "get it now. If it cannot wait, tap «Urgent: send now»."
    ),
    "tb.sending_morning": "Private messages wait until {at} (quiet hours).",
    "tb.paid_offer": (
        "⏱ {messages} Telegram messages: a normal send (at most {rate} a second) takes about {normal}.\n"
        "«Send fast (paid)»: up to {paid_rate} a second, about {fast}; Telegram takes about {stars} Stars "
        "from the bot's balance ({price} Star for each message beyond the free {rate} a second). "
        "Zalo messages go as usual."
    ),
    "tb.btn_send_paid": "Send fast (paid)",
    "tb.sending_paid": "Sending fast (paid) {messages} Telegram messages: about {fast}, about {stars} Stars.",
    "tb.paid_not_offered": (
        "Send fast (paid) is for committee staff, for announcements of {from_} Telegram messages or more. "
        "Please tap «Send» to send as usual."
    ),
    "tb.duration_hours": "{h} h {m} min",
    "tb.duration_minutes": "{m} min {s} s",
    "tb.duration_seconds": "{s} s",
    "tb.btn_ack": "Received",
    "tb.not_allowed": "Only a branch secretary or deputy, or committee staff, can send announcements.",
    "tb.not_yours": "This announcement is not yours or has already been handled.",
    "tb.cancelled": "Announcement cancelled; nothing was sent.",
    "tb.sending": (
        "Sending the announcement to {linked} people and {groups} group chats. "
        "{not_linked} people have no linked account and get no private message. "
        "The delivery report follows when it is done."
    ),
    "tb.nobody": "Nobody to send to: the branch has no bound group chat (/link) and nobody has linked an account.",
    "tb.message": "📢 ANNOUNCEMENT — from {sender}, {where}:\n\n{text}",
    "tb.ask_ack": "\n\nPlease press «Received» or type «received».",
    "tb.ack_thanks": "Thank you, noted: announcement received.",
    "tb.ack_again": "You have already confirmed this announcement.",
    "tb.ack_nothing": "No announcement is waiting for your «received».",
    "tb.status": "Latest announcement ({when}): «{title}»\nConfirmed received: {acks}/{total} people ({pct}).",
    "tb.status_missing": "Not yet confirmed: {names}",
    "report.title_final": "📊 Delivery report «{title}» — done:",
    "report.title_progress": "⏳ Sending «{title}»: {done}/{total} messages ({pct}).",
    "report.sent": "• Delivered privately: {sent}/{people} people ({pct})",
    "report.groups": "• Group chats: {sent}/{total}",
    "report.not_linked": "• No linked account: {n}",
    "report.blocked": "• Blocked the bot: {n}",
    "report.failed": "• Failed: {n}",
    "report.waiting": "• Still waiting (quiet hours or retry): {n}",
    "report.names": "  {names}",
    "report.more": "… and {n} more",
}
