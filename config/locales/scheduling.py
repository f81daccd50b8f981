"""Scheduling that asks before it acts: the weekday with every date, the preview of a /hop,
its warnings (the same meeting again, an overlap, an odd hour, a month-end day) and its
confirmation."""

VI: dict[str, str] = {
    "sched.day": "{weekday}, {date}",
    "sched.moment": "{day}, {time}",
    "sched.span": "{day}, {start}–{end}",
    "sched.span_days": "{start} – {end}",
    "sched.preview.head": "chibo hiểu như sau (chưa tạo gì):",
    "sched.preview.one": "• {kind}: «{title}»\n• Thời gian: {when}",
    "sched.preview.series": (
        "• {kind}: «{title}»\n• Lịch lặp lại: {rule}\n"
        "• {count} buổi, từ {first} đến {last}; mỗi buổi {start}–{end}"
    ),
    "sched.preview.month_end": "• Tháng không có ngày {day} thì họp vào ngày cuối tháng: {dates}.",
    "sched.preview.place": "• Địa điểm: {place}",
    "sched.preview.no_place": "• Địa điểm: chưa ghi (thêm sau dấu «|», ví dụ: … | Hội trường khu phố)",
    "sched.preview.link": "• Họp trực tuyến: {link}",
    "sched.preview.for": "• Dành cho: {branches} ({people} người)",
    "sched.preview.told": (
        "• Sẽ báo: {posted}; nhắc riêng {linked} người đã liên kết tài khoản, trước mỗi buổi {offsets}."
    ),
    "sched.preview.told_branches": (
        "• Sẽ báo: {posted}; nhắc riêng {linked} người đã liên kết tài khoản, theo giờ nhắc của từng chi bộ."
    ),
    "sched.preview.unlinked": "  ({count} người chưa liên kết tài khoản sẽ không nhận được tin nhắn riêng.)",
    "sched.preview.ask": "Chọn «{yes}» để tạo, hoặc «{no}» để bỏ.",
    "sched.warn.next_year": (
        "⚠ Ngày {passed} đã qua nên chibo hiểu là {date} (năm sau). Nếu nhầm ngày, chọn «{no}» rồi gõ lại."
    ),
    "sched.warn.duplicate": "⚠ Đã có buổi «{title}» ({when}) — vẫn tạo thêm?",
    "sched.warn.duplicates_more": "⚠ … và {count} buổi khác đã có đúng ngày giờ này.",
    "sched.warn.same_series": (
        "⚠ Đã có buổi «{title}» theo lịch lặp lại «{rule}» (còn {count} buổi, buổi gần nhất {first}) — vẫn tạo thêm?"
    ),
    "sched.warn.clash": "⚠ Trùng giờ với buổi «{title}» ({when}).",
    "sched.warn.odd_hour": (
        "⚠ Giờ bắt đầu {time} là lúc ít khi họp (trước 06:00 hoặc sau 22:00). "
        "Nếu đúng là {time}, xin chọn «{yes}»; nếu gõ nhầm, xin chọn «{no}» rồi gõ lại lệnh."
    ),
    "sched.warn.odd_hour_pm": "Có phải ý đồng chí là {pm} ({words})? Khi đó xin gõ: /hop {example}",
    "sched.warn.pm_words": "{clock} chiều",
    "sched.warn.pm_hour": "{hour} giờ",
    "sched.warn.pm_hour_minute": "{hour} giờ {minute}",
    "sched.btn.create": "Tạo buổi họp",
    "sched.btn.create_series": "Tạo {count} buổi",
    "sched.btn.create_anyway": "Vẫn tạo thêm",
    "sched.btn.create_odd": "Vẫn tạo",
    "sched.btn.drop": "Không tạo",
    "sched.dropped": "Đã bỏ; không buổi nào được tạo.",
    "sched.draft.done": "Các buổi này đã được tạo rồi. Gõ /lich để xem lịch.",
    "sched.draft.dropped": "Bản xem trước này đã bỏ. Muốn tạo, xin gõ lại lệnh /hop.",
    "sched.draft.expired": "Bản xem trước này đã quá một ngày. Xin gõ lại lệnh /hop để xem và tạo.",
    "sched.draft.gone": "Không còn bản xem trước này. Xin gõ lại lệnh /hop.",
    "sched.draft.changed": "Trong lúc chờ, lịch của chi bộ đã có thêm buổi trùng ngày giờ. Xin xem lại:",
    "sched.created.told": "{posted}; chibo nhắc trước mỗi buổi {offsets}.",
    "sched.created.told_branches": "{posted}; chibo nhắc theo giờ nhắc của từng chi bộ.",
    "sched.posted.will": "đăng lên {groups} nhóm chat khi tạo",
    "sched.posted.will_none": "chưa có nhóm chat nào của chi bộ gắn với chibo để đăng (bí thư gửi /lienket trong nhóm để gắn)",
    "sched.posted.done": "Đã đăng lên {groups} nhóm chat",
    "sched.posted.done_none": "Chưa đăng lên nhóm chat nào (chi bộ chưa gắn nhóm; bí thư gửi /lienket trong nhóm để gắn)",
}

EN: dict[str, str] = {
    "sched.day": "{weekday} {date}",
    "sched.moment": "{day}, {time}",
    "sched.span": "{day}, {start}–{end}",
    "sched.span_days": "{start} – {end}",
    "sched.preview.head": "This is what chibo understood (nothing created yet):",
    "sched.preview.one": "• {kind}: «{title}»\n• When: {when}",
    "sched.preview.series": (
        "• {kind}: «{title}»\n• Recurring: {rule}\n"
        "• {count} meetings, from {first} to {last}; each {start}–{end}"
    ),
    "sched.preview.month_end": "• Months without a day {day} meet on their last day: {dates}.",
    "sched.preview.place": "• Place: {place}",
    "sched.preview.no_place": "• Place: not given (add it after «|», e.g. … | Ward hall)",
    "sched.preview.link": "• Online: {link}",
    "sched.preview.for": "• For: {branches} ({people} people)",
    "sched.preview.told": (
        "• Who is told: {posted}; a private reminder to {linked} "
        "people with a linked account, {offsets} before each meeting."
    ),
    "sched.preview.told_branches": (
        "• Who is told: {posted}; a private reminder to {linked} "
        "people with a linked account, at each branch's reminder times."
    ),
    "sched.preview.unlinked": "  ({count} people without a linked account get no private message.)",
    "sched.preview.ask": "Choose «{yes}» to create it, or «{no}» to drop it.",
    "sched.warn.next_year": (
        "⚠ {passed} is past, so chibo reads it as {date} (next year). "
        "If that is the wrong day, choose «{no}» and type it again."
    ),
    "sched.warn.duplicate": "⚠ There is already «{title}» ({when}) — create another one anyway?",
    "sched.warn.duplicates_more": "⚠ … and {count} more meeting(s) at exactly these times.",
    "sched.warn.same_series": (
        "⚠ There is already «{title}» recurring «{rule}» ({count} to come, the next on {first}) — "
        "create another series anyway?"
    ),
    "sched.warn.clash": "⚠ It overlaps «{title}» ({when}).",
    "sched.warn.odd_hour": (
        "⚠ It starts at {time}, an unusual hour (before 06:00 or after 22:00). If {time} is right, "
        "choose «{yes}»; if it is a slip, choose «{no}» and type the command again."
    ),
    "sched.warn.odd_hour_pm": "Did you mean {pm} ({words})? Then type: /meeting {example}",
    "sched.warn.pm_words": "{clock} in the afternoon",
    "sched.warn.pm_hour": "{hour} o'clock",
    "sched.warn.pm_hour_minute": "{hour}:{minute}",
    "sched.btn.create": "Create the meeting",
    "sched.btn.create_series": "Create {count} meetings",
    "sched.btn.create_anyway": "Create another anyway",
    "sched.btn.create_odd": "Create anyway",
    "sched.btn.drop": "Don't create",
    "sched.dropped": "Dropped; nothing was created.",
    "sched.draft.done": "These meetings have been created already. Send /schedule to see them.",
    "sched.draft.dropped": "This preview was dropped. To create it, type the /meeting command again.",
    "sched.draft.expired": "This preview is over a day old. Please type the /meeting command again.",
    "sched.draft.gone": "This preview no longer exists. Please type the /meeting command again.",
    "sched.draft.changed": "Meanwhile a meeting at the same time was added to the branch's schedule. Please check again:",
    "sched.created.told": "{posted}; chibo reminds {offsets} before each meeting.",
    "sched.created.told_branches": "{posted}; chibo reminds at each branch's reminder times.",
    "sched.posted.will": "a post in {groups} chat group(s) when created",
    "sched.posted.will_none": "no chat group of the branch is bound to chibo to post in (the secretary sends /lienket in the group to bind it)",
    "sched.posted.done": "Posted in {groups} chat group(s)",
    "sched.posted.done_none": "Not posted in any chat group (no group is bound to the branch; the secretary sends /lienket in the group)",
}
