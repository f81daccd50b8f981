"""Cancelling and moving a meeting: /hop huy, /hop doi."""

VI: dict[str, str] = {
    "att.change.kind.sinh_hoat": "sinh hoạt",
    "att.change.kind.hoc_tap": "học tập",
    "att.change.none": "Chi bộ không có buổi sinh hoạt hay học tập nào sắp tới để hủy hoặc dời. Gõ /lich để xem lịch.",
    "att.change.pick_cancel": "Chọn buổi cần hủy:",
    "att.change.pick_move": "Chọn buổi cần dời sang {when}:",
    "att.change.move_usage": (
        "Xin gõ ngày giờ mới sau «doi», ví dụ: /hop doi 12/12/2026 15:00 (buổi họp giữ nguyên độ dài), "
        "hoặc /hop doi 12/12/2026 15:00-17:00."
    ),
    "att.change.past": "Thời điểm {when} đã qua. Xin chọn một thời điểm sắp tới, ví dụ: /hop doi {example}",
    "att.change.confirm_cancel": "Đồng chí muốn hủy buổi {kind} «{title}» ({when})?",
    "att.change.series_cancel": (
        "Buổi này thuộc lịch lặp lại «{rule}», còn {count} buổi (đến {last}). "
        "Chọn «Chỉ hủy buổi này» (buổi ngày {date}; các buổi khác giữ nguyên) hoặc «Hủy cả {count} buổi»."
    ),
    "att.change.will_notify": "Nhóm chat của chi bộ và các đồng chí chưa xin vắng sẽ được báo.",
    "att.change.btn.cancel_yes": "Đồng ý hủy",
    "att.change.btn.cancel_no": "Không hủy",
    "att.change.btn.cancel_one": "Chỉ hủy buổi này",
    "att.change.btn.cancel_all": "Hủy cả {count} buổi",
    "att.change.confirm_move": "Dời buổi {kind} «{title}» từ {old} sang {new}?",
    "att.change.series_move": "Buổi này thuộc lịch lặp lại «{rule}»: chỉ buổi ngày {date} được dời, các buổi khác giữ nguyên.",
    "att.change.move_clash": "⚠ Giờ mới trùng với buổi «{title}» ({when}).",
    "att.change.move_odd_hour": "⚠ Giờ mới {time} là lúc ít khi họp (trước 06:00 hoặc sau 22:00). Nếu gõ nhầm, xin chọn «Không dời» rồi gõ lại /hop doi.",
    "att.change.btn.move_yes": "Đồng ý dời",
    "att.change.btn.move_anyway": "Vẫn dời",
    "att.change.btn.move_no": "Không dời",
    "att.change.ask_reason_cancel": (
        "Xin đồng chí gõ lý do hủy vào đây; lý do được ghi trong thông báo gửi chi bộ "
        "(ví dụ: trùng lịch họp khu phố). Không muốn nêu lý do thì gõ «không»."
    ),
    "att.change.ask_reason_move": (
        "Xin đồng chí gõ lý do dời vào đây; lý do được ghi trong thông báo gửi chi bộ "
        "(ví dụ: hội trường bận). Không muốn nêu lý do thì gõ «không»."
    ),
    "att.change.reason": " Lý do: {reason}.",
    "att.change.reason_given": "Lý do trong thông báo: {reason}.",
    "att.change.cancelled_series": (
        "Đã hủy {count} buổi {kind} «{title}» của lịch lặp lại «{rule}», từ {first} đến {last}. "
        "Các lời nhắc sẽ không gửi nữa; đã báo {groups} nhóm chat và {people} đồng chí."
    ),
    "att.change.notice_cancelled_series": (
        "📣 Lịch {kind} «{title}» ({rule}) đã hủy: cả {count} buổi, từ {first} đến {last}.{reason} "
        "Gõ /lich để xem lịch."
    ),
    "att.change.kept": "Đã giữ nguyên buổi «{title}» ({when}).",
    "att.change.cancelled": (
        "Đã hủy buổi {kind} «{title}» ({when}). Các lời nhắc của buổi này sẽ không gửi nữa; "
        "đã báo {groups} nhóm chat và {people} đồng chí."
    ),
    "att.change.series_kept": "Các buổi khác của lịch lặp lại vẫn giữ nguyên.",
    "att.change.moved": (
        "Đã dời buổi {kind} «{title}» từ {old} sang {new}. Đã lập lại {reminders} lời nhắc; "
        "đã báo {groups} nhóm chat và {people} đồng chí."
    ),
    "att.change.series_moved": "Chỉ buổi này được dời; các buổi khác của lịch lặp lại vẫn giữ nguyên.",
    "att.change.same_time": "Buổi «{title}» đã ở đúng thời điểm {when}; không có gì thay đổi.",
    "att.change.already_cancelled": "Buổi «{title}» ({when}) đã được hủy trước đó.",
    "att.change.started": "Buổi «{title}» ({when}) đã bắt đầu hoặc đã thay đổi, không hủy hay dời được nữa. Gõ /hop huy hoặc /hop doi để chọn lại.",
    "att.change.committee_only": (
        "Xin lỗi đồng chí, buổi học tập này do Đảng ủy tổ chức; chỉ cán bộ Đảng ủy mới hủy hoặc dời được. "
        "Nếu cần thay đổi, xin đồng chí liên hệ Đảng ủy."
    ),
    "att.change.own_branch_only": (
        "Xin lỗi đồng chí, buổi này là buổi sinh hoạt của một chi bộ; "
        "chỉ bí thư, phó bí thư của chi bộ đó mới hủy hoặc dời được."
    ),
    "att.change.notice_cancelled": "📣 Buổi {kind} «{title}» ({when}) đã hủy.{reason} Gõ /lich để xem lịch.",
    "att.change.notice_moved": (
        "📣 Buổi {kind} «{title}» ({old}) đã dời sang {new}.{reason} Xin cho biết có tham dự hay không."
    ),
}

EN: dict[str, str] = {
    "att.change.kind.sinh_hoat": "branch meeting",
    "att.change.kind.hoc_tap": "study session",
    "att.change.none": "Your branch has no meeting or study session coming up to cancel or move. Send /schedule to see the schedule.",
    "att.change.pick_cancel": "Choose the meeting to cancel:",
    "att.change.pick_move": "Choose the meeting to move to {when}:",
    "att.change.move_usage": (
        "Please type the new date and time after «move», e.g. /meeting move 12/12/2026 15:00 (the meeting keeps "
        "its length), or /meeting move 12/12/2026 15:00-17:00."
    ),
    "att.change.past": "{when} has passed. Please choose a time to come, e.g. /meeting move {example}",
    "att.change.confirm_cancel": "Cancel the {kind} «{title}» ({when})?",
    "att.change.series_cancel": (
        "It is one of a recurring series («{rule}»), {count} still to come (until {last}). "
        "Choose «Only this one» (the one on {date}; the others stay) or «All {count}»."
    ),
    "att.change.will_notify": "The branch chat group and every member who has not sent apologies will be told.",
    "att.change.btn.cancel_yes": "Yes, cancel it",
    "att.change.btn.cancel_no": "No, keep it",
    "att.change.btn.cancel_one": "Only this one",
    "att.change.btn.cancel_all": "All {count}",
    "att.change.confirm_move": "Move the {kind} «{title}» from {old} to {new}?",
    "att.change.series_move": "It is one of a recurring series («{rule}»): only the one on {date} moves; the others stay.",
    "att.change.move_clash": "⚠ The new time overlaps «{title}» ({when}).",
    "att.change.move_odd_hour": "⚠ The new time, {time}, is an unusual hour (before 06:00 or after 22:00). If it is a slip, choose «No, keep it» and type /meeting move again.",
    "att.change.btn.move_yes": "Yes, move it",
    "att.change.btn.move_anyway": "Move it anyway",
    "att.change.btn.move_no": "No, keep it",
    "att.change.ask_reason_cancel": (
        "Please type the reason for cancelling here; it goes into the notice to the branch "
        "(e.g. clashes with the ward meeting). To give none, type «không» (no)."
    ),
    "att.change.ask_reason_move": (
        "Please type the reason for moving here; it goes into the notice to the branch "
        "(e.g. the hall is taken). To give none, type «không» (no)."
    ),
    "att.change.reason": " Reason: {reason}.",
    "att.change.reason_given": "Reason in the notice: {reason}.",
    "att.change.cancelled_series": (
        "Cancelled: {count} meetings of the {kind} «{title}» recurring «{rule}», from {first} to {last}. "
        "Their reminders will not be sent; {groups} chat group(s) and {people} member(s) have been told."
    ),
    "att.change.notice_cancelled_series": (
        "📣 The recurring {kind} «{title}» ({rule}) has been cancelled: all {count}, from {first} to {last}.{reason} "
        "Send /schedule for the schedule."
    ),
    "att.change.kept": "Kept: «{title}» ({when}).",
    "att.change.cancelled": (
        "Cancelled: the {kind} «{title}» ({when}). Its reminders will not be sent; "
        "{groups} chat group(s) and {people} member(s) have been told."
    ),
    "att.change.series_kept": "The other meetings of the recurring series stay.",
    "att.change.moved": (
        "Moved: the {kind} «{title}» from {old} to {new}. {reminders} reminder(s) planned again; "
        "{groups} chat group(s) and {people} member(s) have been told."
    ),
    "att.change.series_moved": "Only this one moved; the other meetings of the recurring series stay.",
    "att.change.same_time": "«{title}» is already at {when}; nothing changed.",
    "att.change.already_cancelled": "«{title}» ({when}) was already cancelled.",
    "att.change.started": "«{title}» ({when}) has started or changed meanwhile and can no longer be cancelled or moved. Send /meeting cancel or /meeting move to choose again.",
    "att.change.committee_only": (
        "Sorry, this study session is organised by the Party committee; only committee staff can cancel "
        "or move it. Please contact the committee if it needs to change."
    ),
    "att.change.own_branch_only": (
        "Sorry, this is a branch meeting; only the secretaries of that branch can cancel or move it."
    ),
    "att.change.notice_cancelled": "📣 The {kind} «{title}» ({when}) has been cancelled.{reason} Send /schedule for the schedule.",
    "att.change.notice_moved": (
        "📣 The {kind} «{title}» ({old}) has been moved to {new}.{reason} Please say whether you will attend."
    ),
}
