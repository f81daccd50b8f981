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
    "att.change.series_cancel": "Buổi này thuộc lịch lặp lại «{rule}»: chỉ hủy buổi ngày {date}, các buổi khác vẫn giữ nguyên.",
    "att.change.will_notify": "Nhóm chat của chi bộ và các đồng chí chưa xin vắng sẽ được báo.",
    "att.change.btn.cancel_yes": "Đồng ý hủy",
    "att.change.btn.cancel_no": "Không hủy",
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
        "Xin lỗi đồng chí, buổi học tập «{title}» do Đảng ủy tổ chức; chỉ cán bộ Đảng ủy mới hủy hoặc dời được. "
        "Nếu cần thay đổi, xin đồng chí liên hệ Đảng ủy."
    ),
    "att.change.own_branch_only": (
        "Xin lỗi đồng chí, buổi «{title}» là buổi sinh hoạt của chi bộ; "
        "chỉ bí thư, phó bí thư của chi bộ đó mới hủy hoặc dời được."
    ),
    "att.change.notice_cancelled": "📣 Buổi {kind} «{title}» ngày {date} lúc {time} đã hủy. Gõ /lich để xem lịch.",
    "att.change.notice_moved": (
        "📣 Buổi {kind} «{title}» ngày {date} lúc {time} đã dời sang {new}. "
        "Gõ /lich để xem lịch và báo có tham dự hay không."
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
    "att.change.series_cancel": "It is one of a recurring series («{rule}»): only the one on {date} is cancelled; the others stay.",
    "att.change.will_notify": "The branch chat group and every member who has not sent apologies will be told.",
    "att.change.btn.cancel_yes": "Yes, cancel it",
    "att.change.btn.cancel_no": "No, keep it",
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
        "Sorry, the study session «{title}» is organised by the Party committee; only committee staff can cancel "
        "or move it. Please contact the committee if it needs to change."
    ),
    "att.change.own_branch_only": (
        "Sorry, «{title}» is a branch meeting; only the secretaries of that branch can cancel or move it."
    ),
    "att.change.notice_cancelled": "📣 The {kind} «{title}» on {date} at {time} has been cancelled. Send /schedule for the schedule.",
    "att.change.notice_moved": (
        "📣 The {kind} «{title}» on {date} at {time} has been moved to {new}. "
        "Send /schedule to see it and say whether you will attend."
    ),
}
