VI: dict[str, str] = {
    "schedule.unit.days": "{n} ngày",
    "schedule.unit.hours": "{n} giờ",
    "schedule.unit.minutes": "{n} phút",
    "schedule.left": "còn {what}",
    "schedule.reminder.group": "🔔 Nhắc lịch: {title}\nThời gian: {when} ({left}).",
    "schedule.reminder.place": "Địa điểm: {place}",
    "schedule.reminder.online": "Trực tuyến: {link}",
    "schedule.reminder.topic": "Nội dung: {title}.",
    "schedule.reminder.read_first": "Xin các đồng chí đọc trước tài liệu: gõ /tailieu.",
    "schedule.reminder.documents": "Tài liệu cần đọc trước:",
    "schedule.reminder.read_with": "Đọc bằng lệnh /tailieu.",
    "schedule.reminder.private": "Kính gửi {name}: chi bộ nhắc lịch «{title}» vào {when} ({left}).",
    "schedule.reminder.answer": "Xin trả lời ngay dưới tin này: «Sẽ tham dự», hoặc «Xin vắng» rồi gõ lý do.",
    "schedule.reminder.group_answer": "Các đồng chí trả lời ngay dưới tin này: «Sẽ tham dự», hoặc «Xin vắng» (chibo hỏi lý do trong tin nhắn riêng).",
    "schedule.reminder.checkin": "Điểm danh mở từ {opens}: khi đến, đồng chí gõ «có mặt» trong tin nhắn riêng với chibo, hoặc bấm «Có mặt» trong nhóm chat khi bí thư mở điểm danh.",
    "schedule.reminder.checkin_open": "Điểm danh đang mở: khi đến, đồng chí chọn «Có mặt» ngay dưới tin này (hoặc gõ «có mặt»).",
    "schedule.reminder.answer_attending": "Đồng chí đã báo sẽ tham dự. Nếu có việc bận, xin chọn «Xin vắng» ngay dưới tin này rồi gõ lý do.",
    "schedule.planning.text": (
        "Kính gửi đồng chí {name}: chi bộ chưa có lịch sinh hoạt tháng {month}. "
        "Xin đồng chí đặt ngày giờ và nội dung, ví dụ: /hop {day} 14:00 Sinh hoạt chi bộ tháng {month}\n"
        "Đảng viên sẽ thấy lịch trong /lich ngay khi đặt."
    ),
    "schedule.settings.show": (
        "Nhắc lịch của {branch}: trước mỗi buổi {offsets}; nhắc bí thư đặt lịch tháng sau vào ngày {day} hằng tháng.\n"
        "Đổi giờ nhắc: /lich nhac 3n 1n 1g (n = ngày, g = giờ, p = phút). Về mặc định: /lich nhac macdinh\n"
        "Đổi ngày nhắc đặt lịch: /lich nhac ngaylap 20"
    ),
    "schedule.settings.members_only": "Chỉ bí thư, phó bí thư chi bộ mới đổi được giờ nhắc. Gõ /lich để xem lịch.",
    "schedule.offsets.bad": "Không hiểu «{value}». Xin gõ các mốc nhắc trước giờ họp, ví dụ: /lich nhac 3n 1n 1g (3 ngày, 1 ngày, 1 giờ; n = ngày, g = giờ, p = phút).",
    "schedule.offsets.too_many": "Xin chọn nhiều nhất 5 mốc nhắc, ví dụ: /lich nhac 3n 1n 1g",
    "schedule.offsets.range": "Mỗi mốc nhắc phải từ 5 phút đến 30 ngày trước giờ họp, ví dụ: /lich nhac 3n 1n 1g",
    "schedule.offsets.saved": "Đã lưu: {branch} được nhắc trước mỗi buổi {offsets}. Đã lập lại lời nhắc cho {meetings} buổi sắp tới.",
    "schedule.planning_day.bad": "Ngày nhắc đặt lịch phải là một số từ 1 đến 28, ví dụ: /lich nhac ngaylap 20",
    "schedule.hop.past": "Thời điểm {when} đã qua. Xin chọn một thời điểm sắp tới, ví dụ: /hop {example} Sinh hoạt chi bộ tháng {month}",
    "schedule.planning_day.saved": "Đã lưu: bí thư {branch} được nhắc đặt lịch tháng sau vào ngày {day} hằng tháng.",
    "schedule.recurrence.day_of_month": "ngày {day} hằng tháng, {time}",
    "schedule.recurrence.day_of_month_or_last": "ngày {day} hằng tháng (tháng không có ngày {day}: ngày cuối tháng), {time}",
    "schedule.recurrence.weekday_of_month": "{weekday} tuần {ordinal} của tháng, {time}",
    "schedule.recurrence.weekday.mon": "thứ Hai",
    "schedule.recurrence.weekday.tue": "thứ Ba",
    "schedule.recurrence.weekday.wed": "thứ Tư",
    "schedule.recurrence.weekday.thu": "thứ Năm",
    "schedule.recurrence.weekday.fri": "thứ Sáu",
    "schedule.recurrence.weekday.sat": "thứ Bảy",
    "schedule.recurrence.weekday.sun": "Chủ nhật",
    "schedule.recurrence.ordinal.1st": "đầu tiên",
    "schedule.recurrence.ordinal.2nd": "thứ hai",
    "schedule.recurrence.ordinal.3rd": "thứ ba",
    "schedule.recurrence.ordinal.4th": "thứ tư",
    "schedule.recurrence.ordinal.last": "cuối cùng",
}

EN: dict[str, str] = {
    "schedule.unit.days": "{n} day(s)",
    "schedule.unit.hours": "{n} hour(s)",
    "schedule.unit.minutes": "{n} minute(s)",
    "schedule.left": "in {what}",
    "schedule.reminder.group": "🔔 Reminder: {title}\nWhen: {when} ({left}).",
    "schedule.reminder.place": "Where: {place}",
    "schedule.reminder.online": "Online: {link}",
    "schedule.reminder.topic": "Topic: {title}.",
    "schedule.reminder.read_first": "Please read the documents beforehand: send /materials.",
    "schedule.reminder.documents": "Documents to read beforehand:",
    "schedule.reminder.read_with": "Read them with /materials.",
    "schedule.reminder.private": "Dear {name}: a reminder of «{title}» on {when} ({left}).",
    "schedule.reminder.answer": "Please answer right below: «Will attend», or «Apologies» and then type the reason.",
    "schedule.reminder.group_answer": "Please answer right below: «Will attend» or «Apologies» (chibo asks for the reason privately).",
    "schedule.reminder.checkin": "Check-in opens at {opens}: when you arrive, type «present» in your private chat with chibo, or tap «Present» in the chat group once the secretary opens check-in.",
    "schedule.reminder.checkin_open": "Check-in is open: when you arrive, choose «Present» right below (or type «present»).",
    "schedule.reminder.answer_attending": "You said you will attend. If something comes up, choose «Apologies» right below and type the reason.",
    "schedule.planning.text": (
        "Dear {name}: your branch has no meeting set for {month} yet. "
        "Please set its date and topic, e.g. /meeting {day} 14:00 Branch meeting {month}\n"
        "Members see it in /schedule as soon as it is set."
    ),
    "schedule.settings.show": (
        "Reminders for {branch}: before each meeting {offsets}; secretaries are reminded to set next month's meeting on day {day} of each month.\n"
        "Change the reminders: /schedule nhac 3d 1d 1h (d = days, h = hours, m = minutes). Back to the defaults: /schedule nhac macdinh\n"
        "Change the planning day: /schedule nhac ngaylap 20"
    ),
    "schedule.settings.members_only": "Only branch secretaries can change the reminders. Send /schedule to see what is coming up.",
    "schedule.offsets.bad": "«{value}» is not understood. Please type the reminders before a meeting, e.g. /schedule nhac 3d 1d 1h (d = days, h = hours, m = minutes).",
    "schedule.offsets.too_many": "Please choose at most 5 reminders, e.g. /schedule nhac 3d 1d 1h",
    "schedule.offsets.range": "Each reminder must be between 5 minutes and 30 days before the meeting, e.g. /schedule nhac 3d 1d 1h",
    "schedule.offsets.saved": "Saved: {branch} is reminded {offsets} before each meeting. Reminders re-planned for {meetings} upcoming meeting(s).",
    "schedule.planning_day.bad": "The planning day must be a number from 1 to 28, e.g. /schedule nhac ngaylap 20",
    "schedule.hop.past": "{when} has passed. Please choose a time to come, e.g. /meeting {example} Branch meeting {month}",
    "schedule.planning_day.saved": "Saved: {branch}'s secretaries are reminded to set next month's meeting on day {day} of each month.",
    "schedule.recurrence.day_of_month": "day {day} of every month, {time}",
    "schedule.recurrence.day_of_month_or_last": "day {day} of every month (the last day in months without a day {day}), {time}",
    "schedule.recurrence.weekday_of_month": "the {ordinal} {weekday} of every month, {time}",
    "schedule.recurrence.weekday.mon": "Monday",
    "schedule.recurrence.weekday.tue": "Tuesday",
    "schedule.recurrence.weekday.wed": "Wednesday",
    "schedule.recurrence.weekday.thu": "Thursday",
    "schedule.recurrence.weekday.fri": "Friday",
    "schedule.recurrence.weekday.sat": "Saturday",
    "schedule.recurrence.weekday.sun": "Sunday",
    "schedule.recurrence.ordinal.1st": "first",
    "schedule.recurrence.ordinal.2nd": "second",
    "schedule.recurrence.ordinal.3rd": "third",
    "schedule.recurrence.ordinal.4th": "fourth",
    "schedule.recurrence.ordinal.last": "last",
}
