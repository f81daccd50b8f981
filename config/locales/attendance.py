"""Meetings, RSVP and check-in."""

VI: dict[str, str] = {
    "cmd.lich": "lịch sinh hoạt, học tập sắp tới của chi bộ",
    "cmd.hop": "tạo buổi sinh hoạt (bí thư) hoặc buổi học tập nhiều điểm cầu (cán bộ Đảng ủy); /hop huy để hủy, /hop doi để dời một buổi",
    "cmd.diemdanh": "điểm danh có mặt; bí thư điểm danh hộ: /diemdanh <họ tên> hoặc /diemdanh ho; ghi đến muộn: /diemdanh muon <họ tên>",
    "cmd.vang": "xin vắng kèm lý do: /vang <lý do> (buổi sắp tới) hoặc /vang 05/12 <lý do>; cũng có thể gõ «xin vắng»",
    "att.kind.sinh_hoat": "Sinh hoạt chi bộ",
    "att.kind.hoc_tap": "Học tập",
    "att.hop.usage": (
        "Xin gõ theo mẫu:\n"
        "/hop 05/12/2026 14:00 Sinh hoạt chi bộ tháng 12\n"
        "/hop 05/12/2026 14:00-16:00 Sinh hoạt chi bộ | Hội trường khu phố\n"
        "/hop 5/12 2 giờ chiều Sinh hoạt chi bộ (giờ gõ kiểu nào cũng được: 14:00, 14h, 14g30, 2h chiều)\n"
        "/hop ngày 5 hằng tháng 14:00 Sinh hoạt chi bộ định kỳ\n"
        "/hop thứ Sáu tuần đầu tiên của tháng 14:00 Sinh hoạt chi bộ\n"
        "Thêm địa điểm hoặc đường dẫn họp trực tuyến sau dấu «|». chibo cho xem lại trước khi tạo.\n"
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
    "att.announce": "📅 {title}\n{when}{where}\nXin các đồng chí cho biết có tham dự hay không.",
    "att.lich.none": "Chi bộ chưa có lịch sinh hoạt hay học tập nào sắp tới.",
    "att.lich.unbound": (
        "Nhóm này chưa gắn với chi bộ nào nên chibo không đăng lịch ở đây. "
        "Xem lịch của chi bộ mình: nhắn /lich cho chibo trong tin nhắn riêng. "
        "Bí thư chi bộ gửi /lienket trong nhóm để gắn."
    ),
    "att.lich.title": "Lịch sắp tới của {branch}:",
    "att.lich.line": "• {title} — {when}{where}{mine}",
    "att.lich.in_progress": " (đang diễn ra)",
    "att.lich.more": "… và các buổi sau nữa (chibo liệt kê {shown} buổi gần nhất).",
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
    "att.vang.ask_reason": "Đã ghi nhận đồng chí xin vắng buổi {title} ({when}). Xin đồng chí gõ lý do vào đây, ví dụ: đi công tác tỉnh. Xin vắng buổi khác: /vang <ngày> <lý do>, ví dụ /vang 05/12 đi công tác.",
    "att.vang.bad_date": "Ngày «{value}» không có trên lịch. Xin gõ ngày theo mẫu 05/12 hoặc 05/12/2026, ví dụ: /vang 05/12 đi công tác.",
    "att.vang.none_on": "Chi bộ không có buổi nào ngày {date}, và chưa có buổi nào sắp tới để xin vắng.",
    "att.vang.none_on_next": "Chi bộ không có buổi nào ngày {date}. Buổi sắp tới: {title}, {when}; xin vắng buổi đó: /vang <lý do>.",
    "att.checkin.closed": "Chưa đến giờ điểm danh. Buổi gần nhất: {title}, {when}; điểm danh mở từ {opens}.",
    "att.checkin.none": "Chi bộ không có buổi nào đang điểm danh.",
    "att.checkin.done": "Đã điểm danh: {name} có mặt, {title}.",
    "att.checkin.late": "Đã điểm danh: {name} có mặt (đến muộn), {title}.",
    "att.checkin.again": "{name} đã điểm danh buổi này lúc {when}.",
    "att.checkin.group_prompt": "Điểm danh {title}: mỗi đồng chí bấm «Có mặt» (hoặc gõ 1).",
    "att.checkin.not_member": "Đồng chí không thuộc chi bộ dự buổi này.",
    "att.summary": "Đã điểm danh {done}/{total} — {title}",
    "att.proxy.usage": "Điểm danh hộ: /diemdanh <họ tên>, hoặc /diemdanh ho để chọn từ danh sách người chưa điểm danh; ghi đến muộn: /diemdanh muon <họ tên>.",
    "att.proxy.not_found": "Không có ai tên «{name}» trong {branch}. Gõ /diemdanh ho để chọn từ danh sách.",
    "att.proxy.many": "Có nhiều người tên «{name}». Xin chọn:",
    "att.proxy.list": "Chưa điểm danh ({count}) — {title}. Chọn người có mặt:",
    "att.proxy.excused": "{name} (đã xin vắng)",
    "att.proxy.list_late": "Chưa điểm danh ({count}) — {title}. Chọn người đến muộn:",
    "att.proxy.done_late": "Đã điểm danh hộ: {name} có mặt, đến muộn ({by} ghi).",
    "att.checkin.opener": "Đã ghi đồng chí {name} có mặt buổi {title} (người mở điểm danh).",
    "att.proxy.all_in": "Mọi người trong {branch} đã điểm danh {title}.",
    "att.proxy.not_yours": "Xin lỗi đồng chí, đồng chí chỉ điểm danh hộ được người trong chi bộ của mình (cán bộ Đảng ủy: trong Đảng bộ của mình).",
    "att.proxy.done": "Đã điểm danh hộ: {name} có mặt ({by} ghi).",
    "att.proxy.more": "Còn {count} người chưa điểm danh; gõ /diemdanh ho để xem tiếp.",
    "att.late.show": "{branch}: tự điểm danh quá {minutes} phút sau giờ bắt đầu thì được ghi «đến muộn»{default}. Bí thư đổi: /lich muon 10 (số phút, từ 0 đến {max}); về mặc định: /lich muon macdinh. Điểm danh hộ luôn được ghi đúng giờ, trừ khi bí thư ghi /diemdanh muon <họ tên>.",
    "att.late.default": " (mặc định)",
    "att.late.saved": "Đã lưu: {branch} ghi «đến muộn» khi tự điểm danh quá {minutes} phút sau giờ bắt đầu{default}.",
    "att.late.bad": "Xin gõ số phút từ 0 đến {max}, ví dụ: /lich muon 10 (hoặc /lich muon macdinh để dùng mặc định {default} phút).",
    "att.late.secretaries_only": "Chỉ bí thư, phó bí thư chi bộ mới đổi được thời gian này.",
}

EN: dict[str, str] = {
    "cmd.lich": "upcoming meetings and study sessions of your branch",
    "cmd.hop": "create a branch meeting (secretary) or a study session for many branches (committee staff); /meeting cancel or /meeting move to cancel or move one",
    "cmd.diemdanh": "check in; secretaries check others in: /checkin <name> or /checkin ho; mark someone late: /checkin late <name>",
    "cmd.vang": "send apologies with a reason: /absent <reason> (the next meeting) or /absent 05/12 <reason>; or type «absent»",
    "att.kind.sinh_hoat": "Branch meeting",
    "att.kind.hoc_tap": "Study session",
    "att.hop.usage": (
        "Please type, for example:\n"
        "/meeting 05/12/2026 14:00 December branch meeting\n"
        "/meeting 05/12/2026 14:00-16:00 Branch meeting | Ward hall\n"
        "/meeting 5/12 2 giờ chiều Branch meeting (any time form: 14:00, 14h, 14g30, 2h chiều)\n"
        "/meeting ngày 5 hằng tháng 14:00 Monthly branch meeting\n"
        "/meeting thứ Sáu tuần đầu tiên của tháng 14:00 Branch meeting\n"
        "Add a place or an online link after «|». chibo shows what it understood before creating anything.\n"
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
    "att.lich.unbound": (
        "This group is not bound to a branch, so chibo does not post a schedule here. "
        "For your branch's schedule, send /schedule to chibo in a private chat. "
        "The branch secretary sends /link in the group to bind it."
    ),
    "att.lich.title": "Coming up for {branch}:",
    "att.lich.line": "• {title} — {when}{where}{mine}",
    "att.lich.in_progress": " (in progress)",
    "att.lich.more": "… and later meetings (chibo lists the next {shown}).",
    "att.lich.mine.will_attend": " (you: attending)",
    "att.lich.mine.excused": " (you: apologies sent)",
    "att.lich.mine.present": " (you: checked in)",
    "att.lich.mine.late": " (you: checked in, late)",
    "att.lich.mine.absent": " (you: absent)",
    "att.lich.ask": "Next: {title}, {when}. Will you attend?",
    "att.btn.will_attend": "Will attend",
    "att.btn.excused": "Apologies",
    "att.btn.present": "Present",
    "att.rsvp.yes": "Noted: you will attend {title} ({when}).",
    "att.rsvp.ask_reason": "Noted: apologies for {title}. Please type the reason here, e.g. business trip",
    "att.rsvp.excused_short": "Noted: apologies for {title}. chibo asks for the reason in a private message.",
    "att.rsvp.already_in": "You have already checked in to this meeting.",
    "att.rsvp.over": "{title} has ended.",
    "att.gone": "This meeting no longer exists. Type /schedule for the current schedule.",
    "att.vang.usage": "Please type the reason after the command, e.g. /absent business trip",
    "att.vang.none": "Your branch has no meeting coming up.",
    "att.vang.done": "Noted: apologies for {title} ({when}). Reason: {reason}.",
    "att.vang.ask_reason": "Noted: apologies for {title} ({when}). Please type the reason here, e.g. business trip. For another meeting: /absent <date> <reason>, e.g. /absent 05/12 business trip.",
    "att.vang.bad_date": "«{value}» is not a date on the calendar. Please type it as 05/12 or 05/12/2026, e.g. /absent 05/12 business trip.",
    "att.vang.none_on": "Your branch has no meeting on {date}, and none coming up.",
    "att.vang.none_on_next": "Your branch has no meeting on {date}. Next: {title}, {when}; apologies for that one: /absent <reason>.",
    "att.checkin.closed": "Check-in is not open yet. Next: {title}, {when}; check-in opens at {opens}.",
    "att.checkin.none": "Your branch has no meeting open for check-in.",
    "att.checkin.done": "Checked in: {name} is present, {title}.",
    "att.checkin.late": "Checked in: {name} is present (late), {title}.",
    "att.checkin.again": "{name} already checked in to this meeting at {when}.",
    "att.checkin.group_prompt": "Check-in for {title}: everyone please tap «Present» (or type 1).",
    "att.checkin.not_member": "You are not in a branch attending this meeting.",
    "att.summary": "Checked in {done}/{total} — {title}",
    "att.proxy.usage": "Check someone in: /checkin <full name>, or /checkin ho to choose from those not yet in; mark someone late: /checkin late <full name>.",
    "att.proxy.not_found": "Nobody named «{name}» in {branch}. Type /checkin ho to choose from a list.",
    "att.proxy.many": "Several people are named «{name}». Please choose:",
    "att.proxy.excused": "{name} (sent apologies)",
    "att.proxy.list": "Not yet in ({count}) — {title}. Choose who is present:",
    "att.proxy.list_late": "Not yet in ({count}) — {title}. Choose who came late:",
    "att.proxy.done_late": "Checked in by proxy: {name} is present, late (entered by {by}).",
    "att.checkin.opener": "{name}, you opened the check-in for {title}, so you are recorded present.",
    "att.proxy.all_in": "Everyone in {branch} has checked in to {title}.",
    "att.proxy.not_yours": "Sorry, you can check in only people of your own branch (committee staff: of your own Party committee).",
    "att.proxy.done": "Checked in by proxy: {name} is present (entered by {by}).",
    "att.proxy.more": "{count} more not yet in; type /checkin ho to see more.",
    "att.late.show": "{branch}: a check-in more than {minutes} minutes after the start is recorded as late{default}. Secretaries change it: /schedule late 10 (minutes, 0 to {max}); back to the default: /schedule late default. A check-in entered by a secretary is on time unless they type /checkin late <full name>.",
    "att.late.default": " (the default)",
    "att.late.saved": "Saved: {branch} records a check-in more than {minutes} minutes after the start as late{default}.",
    "att.late.bad": "Please type a number of minutes from 0 to {max}, e.g. /schedule late 10 (or /schedule late default for the default of {default} minutes).",
    "att.late.secretaries_only": "Only branch secretaries and deputy secretaries can change this.",
}
