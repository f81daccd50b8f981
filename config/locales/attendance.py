"""Meetings, RSVP and check-in."""

VI: dict[str, str] = {
    "cmd.lich": "lịch sinh hoạt, học tập sắp tới của chi bộ",
    "cmd.hop": "tạo buổi sinh hoạt (bí thư) hoặc buổi học tập nhiều điểm cầu (cán bộ Đảng ủy); /hop huy để hủy, /hop doi để dời một buổi",
    "cmd.diemdanh": "điểm danh có mặt; bí thư điểm danh hộ: /diemdanh <họ tên> hoặc /diemdanh ho",
    "cmd.vang": "xin vắng kèm lý do: /vang <lý do>",
    "att.kind.sinh_hoat": "Sinh hoạt chi bộ",
    "att.kind.hoc_tap": "Học tập",
    "att.hop.usage": (
        "Xin gõ theo mẫu:\n"
        "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12\n"
        "/hop 05/12/2026 14:00-16:00 Sinh hoạt chi bộ | Hội trường khu phố\n"
        "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ\n"
        "/hop thứ Sáu tuần đầu tiên của tháng 14:00 Sinh hoạt chi bộ\n"
        "Thêm địa điểm hoặc đường dẫn họp trực tuyến sau dấu «|».\n"
        "Hủy một buổi đã tạo: /hop huy\n"
        "Dời một buổi sang ngày giờ khác: /hop doi 12/12/2026 15:00"
    ),
    "att.hop.usage_committee": (
        "Cán bộ Đảng ủy tạo buổi học tập cho tất cả chi bộ, hoặc chọn điểm cầu:\n"
        "/hop 10/12/2026 08:00-11:00 Học tập Nghị quyết | https://meet.example/abc | điểm cầu: Chi bộ Khu phố 1; Chi bộ Khu phố 2"
    ),
    "att.hop.bad_time": "Thời gian «{value}» không hợp lệ. Xin gõ ngày giờ theo mẫu 05/12/2026 14:00 (hoặc 14:00-16:00).",
    "att.hop.past": "Thời điểm {when} đã qua. Xin chọn một thời điểm sắp tới.",
    "att.hop.no_title": "Xin thêm tên buổi sau ngày giờ, ví dụ: /hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12",
    "att.hop.no_title_recurring": "Xin thêm tên buổi sau giờ, ví dụ: /hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ",
    "att.hop.unknown_branch": "Không tìm thấy chi bộ «{name}» trong {committee}. Xin gõ đúng tên chi bộ, cách nhau bằng dấu «;».",
    "att.hop.created": "Đã tạo: {title}\n{when}{where}\nDành cho: {branches}.",
    "att.hop.created_series": "Đã tạo {count} buổi «{title}» ({rule}), buổi đầu tiên {first}{where}.\nDành cho: {branches}.",
    "att.hop.all_branches": "tất cả {count} chi bộ",
    "att.where": "\nĐịa điểm: {place}",
    "att.link": "\nHọp trực tuyến: {link}",
    "att.announce": "📅 {title}\n{when}{where}\nXin đồng chí cho biết có tham dự hay không.",
    "att.lich.none": "Chi bộ chưa có lịch sinh hoạt hay học tập nào sắp tới.",
    "att.lich.title": "Lịch sắp tới của {branch}:",
    "att.lich.line": "• {title} — ngày {when}{where}{mine}",
    "att.lich.mine.will_attend": " (đồng chí: sẽ tham dự)",
    "att.lich.mine.excused": " (đồng chí: xin vắng)",
    "att.lich.mine.present": " (đồng chí: đã điểm danh)",
    "att.lich.mine.late": " (đồng chí: đã điểm danh, đến muộn)",
    "att.lich.mine.absent": " (đồng chí: vắng)",
    "att.lich.ask": "Buổi gần nhất: {title}, {when}. Đồng chí có tham dự không?",
    "att.btn.will_attend": "Sẽ tham dự",
    "att.btn.excused": "Xin vắng",
    "att.btn.present": "Có mặt",
    "att.rsvp.yes": "Đã ghi nhận: đồng chí sẽ tham dự {title} ({when}).",
    "att.rsvp.ask_reason": "Đã ghi nhận đồng chí xin vắng buổi {title}. Xin đồng chí gõ lý do vào đây, ví dụ: đi công tác tỉnh",
    "att.rsvp.excused_short": "Đã ghi nhận xin vắng buổi {title}. chibo nhắn riêng để hỏi lý do.",
    "att.rsvp.already_in": "Đồng chí đã điểm danh buổi này rồi.",
    "att.rsvp.over": "Buổi {title} đã kết thúc.",
    "att.gone": "Buổi họp này không còn. Gõ /lich để xem lịch mới.",
    "att.vang.usage": "Xin gõ lý do sau lệnh, ví dụ: /vang đi công tác tỉnh",
    "att.vang.none": "Chi bộ không có buổi nào sắp tới để xin vắng.",
    "att.vang.done": "Đã ghi nhận đồng chí xin vắng buổi {title} ({when}). Lý do: {reason}.",
    "att.checkin.closed": "Chưa đến giờ điểm danh. Buổi gần nhất: {title}, {when}; điểm danh mở từ {opens}.",
    "att.checkin.none": "Chi bộ không có buổi nào đang điểm danh.",
    "att.checkin.done": "Đã điểm danh: đồng chí {name} có mặt, {title}.",
    "att.checkin.late": "Đã điểm danh: đồng chí {name} có mặt (đến muộn), {title}.",
    "att.checkin.again": "Đồng chí {name} đã điểm danh buổi này lúc {when}.",
    "att.checkin.group_prompt": "Điểm danh {title}: mỗi đồng chí bấm «Có mặt» (hoặc gõ 1).",
    "att.checkin.not_member": "Đồng chí không thuộc chi bộ dự buổi này.",
    "att.summary": "Đã điểm danh {done}/{total} — {title}",
    "att.proxy.usage": "Điểm danh hộ: /diemdanh <họ tên>, hoặc /diemdanh ho để chọn từ danh sách người chưa điểm danh.",
    "att.proxy.not_found": "Không có ai tên «{name}» trong {branch}. Gõ /diemdanh ho để chọn từ danh sách.",
    "att.proxy.many": "Có nhiều người tên «{name}». Xin chọn:",
    "att.proxy.list": "Chưa điểm danh ({count}) — {title}. Chọn người có mặt:",
    "att.proxy.all_in": "Mọi người trong {branch} đã điểm danh {title}.",
    "att.proxy.not_yours": "Xin lỗi đồng chí, đồng chí chỉ điểm danh hộ được người trong chi bộ của mình (cán bộ Đảng ủy: trong Đảng bộ của mình).",
    "att.proxy.done": "Đã điểm danh hộ: đồng chí {name} có mặt ({by} ghi).",
    "att.proxy.more": "Còn {count} người chưa điểm danh; gõ /diemdanh ho để xem tiếp.",
}

EN: dict[str, str] = {
    "cmd.lich": "upcoming meetings and study sessions of your branch",
    "cmd.hop": "create a branch meeting (secretary) or a study session for many branches (committee staff); /meeting cancel or /meeting move to cancel or move one",
    "cmd.diemdanh": "check in; secretaries check others in: /checkin <name> or /checkin ho",
    "cmd.vang": "send apologies with a reason: /absent <reason>",
    "att.kind.sinh_hoat": "Branch meeting",
    "att.kind.hoc_tap": "Study session",
    "att.hop.usage": (
        "Please type, for example:\n"
        "/meeting 05/12/2026 14:00 December branch meeting\n"
        "/meeting 05/12/2026 14:00-16:00 Branch meeting | Ward hall\n"
        "/meeting ngày 5 hằng tháng 14:00 Monthly branch meeting\n"
        "/meeting thứ Sáu tuần đầu tiên của tháng 14:00 Branch meeting\n"
        "Add a place or an online link after «|».\n"
        "Cancel a meeting: /meeting cancel\n"
        "Move a meeting to another time: /meeting move 12/12/2026 15:00"
    ),
    "att.hop.usage_committee": (
        "Committee staff create a study session for every branch, or choose the branches:\n"
        "/meeting 10/12/2026 08:00-11:00 Resolution study | https://meet.example/abc | điểm cầu: Branch 1; Branch 2"
    ),
    "att.hop.bad_time": "«{value}» is not a valid time. Please type it as 05/12/2026 14:00 (or 14:00-16:00).",
    "att.hop.past": "{when} has passed. Please choose a time to come.",
    "att.hop.no_title": "Please add a title after the time, e.g. /meeting 05/12/2026 14:00 December branch meeting",
    "att.hop.no_title_recurring": "Please add a title after the time, e.g. /meeting ngày 5 hằng tháng 14:00 Monthly branch meeting",
    "att.hop.unknown_branch": "No branch «{name}» in {committee}. Please type branch names separated by «;».",
    "att.hop.created": "Created: {title}\n{when}{where}\nFor: {branches}.",
    "att.hop.created_series": "Created {count} meetings «{title}» ({rule}), the first on {first}{where}.\nFor: {branches}.",
    "att.hop.all_branches": "all {count} branches",
    "att.where": "\nPlace: {place}",
    "att.link": "\nOnline: {link}",
    "att.announce": "📅 {title}\n{when}{where}\nPlease say whether you will attend.",
    "att.lich.none": "Your branch has no meeting or study session coming up.",
    "att.lich.title": "Coming up for {branch}:",
    "att.lich.line": "• {title} — {when}{where}{mine}",
    "att.lich.mine.will_attend": " (you: attending)",
    "att.lich.mine.excused": " (you: apologies sent)",
    "att.lich.mine.present": " (you: checked in)",
    "att.lich.mine.late": " (you: checked in, late)",
    "att.lich.mine.absent": " (you: absent)",
    "att.lich.ask": "Next: {title}, {when}. Will you attend?",
    "att.btn.will_attend": "Sẽ tham dự",
    "att.btn.excused": "Xin vắng",
    "att.btn.present": "Có mặt",
    "att.rsvp.yes": "Noted: you will attend {title} ({when}).",
    "att.rsvp.ask_reason": "Noted: apologies for {title}. Please type the reason here, e.g. business trip",
    "att.rsvp.excused_short": "Noted: apologies for {title}. chibo asks for the reason in a private message.",
    "att.rsvp.already_in": "You have already checked in to this meeting.",
    "att.rsvp.over": "{title} has ended.",
    "att.gone": "This meeting no longer exists. Type /schedule for the current schedule.",
    "att.vang.usage": "Please type the reason after the command, e.g. /absent business trip",
    "att.vang.none": "Your branch has no meeting coming up.",
    "att.vang.done": "Noted: apologies for {title} ({when}). Reason: {reason}.",
    "att.checkin.closed": "Check-in is not open yet. Next: {title}, {when}; check-in opens at {opens}.",
    "att.checkin.none": "Your branch has no meeting open for check-in.",
    "att.checkin.done": "Checked in: {name} is present, {title}.",
    "att.checkin.late": "Checked in: {name} is present (late), {title}.",
    "att.checkin.again": "{name} already checked in to this meeting at {when}.",
    "att.checkin.group_prompt": "Check-in for {title}: everyone please tap «Có mặt» (or type 1).",
    "att.checkin.not_member": "You are not in a branch attending this meeting.",
    "att.summary": "Checked in {done}/{total} — {title}",
    "att.proxy.usage": "Check someone in: /checkin <full name>, or /checkin ho to choose from those not yet in.",
    "att.proxy.not_found": "Nobody named «{name}» in {branch}. Type /checkin ho to choose from a list.",
    "att.proxy.many": "Several people are named «{name}». Please choose:",
    "att.proxy.list": "Not yet in ({count}) — {title}. Choose who is present:",
    "att.proxy.all_in": "Everyone in {branch} has checked in to {title}.",
    "att.proxy.not_yours": "Sorry, you can check in only people of your own branch (committee staff: of your own Party committee).",
    "att.proxy.done": "Checked in by proxy: {name} is present (entered by {by}).",
    "att.proxy.more": "{count} more not yet in; type /checkin ho to see more.",
}
