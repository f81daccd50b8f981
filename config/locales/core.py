VI: dict[str, str] = {
    "error.apology": "Xin lỗi đồng chí, chibo vừa gặp sự cố khi xử lý yêu cầu này. Xin thử lại sau ít phút; nếu vẫn lỗi, xin báo bí thư chi bộ.",
    "choices.hint": "Gõ số thứ tự để chọn.",
    "poll.hint": "Trả lời bằng cách gõ số (1, 2…), chữ cái (A, B…) hoặc nội dung lựa chọn.",
    "choices.out_of_range": "Xin gõ một số từ 1 đến {n}.",
    "choices.only_one": "Chỉ có một lựa chọn: gõ 1 để chọn «{label}».",
    "choices.expired": "Lựa chọn này đã hết hiệu lực. Xin gõ lại lệnh.",
    "choices.not_for_you": "Lựa chọn này đã hết hạn hoặc không dành cho đồng chí.",
    "text.too_long": "Tin nhắn dài {n} ký tự, quá giới hạn {limit} ký tự. Xin gửi ngắn hơn.",
    "command.unknown": "chibo chưa có lệnh /{command}. Gõ /trogiup để xem các lệnh đồng chí dùng được.",
    "command.unknown_near": "chibo chưa có lệnh /{command}. Có phải đồng chí định gõ {near}? Gõ /trogiup để xem các lệnh đồng chí dùng được.",
    "command.or": " hoặc ",
    "command.not_allowed": "Xin lỗi đồng chí, lệnh /{command} chỉ dành cho {who}.",
    "upload.unknown": "chibo chưa dùng được tệp «{file}». chibo nhận các tệp: {types}.",
    "upload.not_allowed": "Xin lỗi, chibo không nhận tệp «{file}» từ đồng chí: việc này dành cho bí thư chi bộ và cán bộ Đảng ủy.",
    "who.secretary": "bí thư, phó bí thư chi bộ",
    "who.committee": "cán bộ Đảng ủy",
    "who.staff": "bí thư, phó bí thư chi bộ và cán bộ Đảng ủy",
    "who.member": "đảng viên đã liên kết tài khoản",
    "hint.free_text": "chibo chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh.",
    "talk.thanks": "Dạ, chibo luôn sẵn lòng. Cần gì, xin cứ nhắn; gõ /trogiup để xem các việc chibo làm được.",
    "talk.group_hint": (
        "Trong nhóm, chibo hiểu các lệnh (ví dụ /lich, /diemdanh, /baocao) và «có mặt» khi đang điểm danh. "
        "Việc khác xin đồng chí nhắn riêng cho chibo."
    ),
    "talk.voice": (
        "chibo chưa nghe được tin nhắn thoại. Xin gõ chữ, có dấu hay không dấu đều được, "
        "ví dụ: «có mặt», «lịch», «xin vắng vì ốm»."
    ),
    "hint.free_text_choices": (
        "chibo chưa hiểu tin nhắn này. Để chọn một mục trong tin nhắn trước, xin gõ số thứ tự "
        "(từ 1 đến {n}); hoặc gõ /trogiup để xem các lệnh."
    ),
    "start.welcome": "Chào đồng chí! chibo là trợ lý của chi bộ: tài liệu học tập, điểm danh sinh hoạt, thi tìm hiểu và nhắc lịch.",
    "start.linked": "Chào {name} ({branch})! Gõ /trogiup để xem các lệnh.",
    "link.how": "Đồng chí chưa liên kết tài khoản với danh sách chi bộ. Xin gửi mã liên kết do bí thư chi bộ cấp, ví dụ: /start ABCD2345",
    "link.how_telegram": "Đồng chí chưa liên kết tài khoản với danh sách chi bộ. Xin gửi mã liên kết do bí thư chi bộ cấp (ví dụ: /start ABCD2345), hoặc bấm nút «Chia sẻ số điện thoại» bên dưới nếu số của đồng chí có trong danh sách.",
    "link.share_phone": "Chia sẻ số điện thoại",
    "link.private_only": "Xin gửi mã liên kết trong tin nhắn riêng với chibo, không gửi trong nhóm.",
    "link.bad_code": "Mã «{code}» không đúng. Xin kiểm tra lại mã bí thư chi bộ đã gửi (8 ký tự, ví dụ: /start ABCD2345).",
    "link.code_used": "Mã này đã được dùng để liên kết một tài khoản khác. Nếu đồng chí đổi tài khoản, xin báo bí thư chi bộ để được cấp lại.",
    "link.already_you": "Tài khoản này đã liên kết với {name} rồi.",
    "link.account_taken": "Tài khoản này đã liên kết với {name}. Nếu có nhầm lẫn, xin báo bí thư chi bộ.",
    "link.done": "Đã liên kết: {name}, {branch}, {committee}.",
    "link.contact_not_own": "Xin chia sẻ số điện thoại của chính đồng chí bằng nút «Chia sẻ số điện thoại».",
    "link.phone_unknown": "Số {phone} không có trong danh sách chi bộ. Xin dùng mã liên kết do bí thư chi bộ cấp: /start MÃ",
    "link.phone_ambiguous": "Số điện thoại này có ở nhiều người trong danh sách. Xin dùng mã liên kết do bí thư chi bộ cấp: /start MÃ",
    "help.title": "Các lệnh đồng chí dùng được:",
    "help.unlinked": "Đồng chí chưa liên kết tài khoản: gửi /start kèm mã bí thư chi bộ cấp để dùng các lệnh khác.",
    "bind.group_only": "Xin gửi /lienket trong nhóm chat của chi bộ để gắn nhóm đó với chi bộ.",
    "act.other_branch": (
        "Xin lỗi đồng chí, nhóm này đã gắn với một chi bộ khác: ở đây việc này chỉ dành cho bí thư, phó bí thư "
        "chi bộ đó và cán bộ Đảng ủy của Đảng bộ. Đồng chí xin dùng trong nhóm của chi bộ mình hoặc trong tin "
        "nhắn riêng với chibo."
    ),
    "act.sent_privately": "chibo đã gửi riêng cho đồng chí trong tin nhắn với chibo.",
    "bind.done": "Đã gắn nhóm này với {branch}. Thông báo và điểm danh của chi bộ sẽ được gửi vào đây.",
    "language.choose": "Chọn ngôn ngữ / Choose your language:",
    "language.set": "Đã chọn tiếng Việt.",
    "cmd.start": "bắt đầu; kèm mã để liên kết tài khoản",
    "cmd.trogiup": "các lệnh dùng được",
    "cmd.lienket": "gắn nhóm chat này với chi bộ (gửi trong nhóm)",
    "cmd.ngonngu": "chọn tiếng Việt hoặc tiếng Anh",
}

EN: dict[str, str] = {
    "error.apology": "Sorry, chibo ran into a problem with this request. Please try again in a few minutes; if it persists, tell your branch secretary.",
    "choices.hint": "Type the number of your choice.",
    "poll.hint": "Answer by typing the number (1, 2…), the letter (A, B…) or the text of your choice.",
    "choices.out_of_range": "Please type a number from 1 to {n}.",
    "choices.only_one": "There is one choice only: type 1 for «{label}».",
    "choices.expired": "This choice has expired. Please send the command again.",
    "choices.not_for_you": "This choice has expired or is not for you.",
    "text.too_long": "The message is {n} characters long, over the limit of {limit}. Please send a shorter one.",
    "command.unknown": "chibo has no /{command} command. Send /help to see the commands you can use.",
    "command.unknown_near": "chibo has no /{command} command. Did you mean {near}? Send /help to see the commands you can use.",
    "command.or": " or ",
    "command.not_allowed": "Sorry, /{command} is only for {who}.",
    "upload.unknown": "chibo cannot use the file «{file}». chibo takes these files: {types}.",
    "upload.not_allowed": "Sorry, chibo does not take the file «{file}» from you: this is for branch secretaries and committee staff.",
    "who.secretary": "branch secretaries and deputy secretaries",
    "who.committee": "Party committee staff",
    "who.staff": "branch secretaries and Party committee staff",
    "who.member": "members who have linked their account",
    "hint.free_text": "chibo did not understand that. Send /help to see the commands.",
    "talk.thanks": "You are welcome. Message chibo any time; send /help to see what chibo can do.",
    "talk.group_hint": (
        "In a group, chibo understands commands (e.g. /schedule, /checkin, /report) and «present» while "
        "check-in is open. For anything else, please message chibo privately."
    ),
    "talk.voice": "chibo cannot listen to voice messages yet. Please type, e.g. «present», «schedule», «absent, I am ill».",
    "hint.free_text_choices": (
        "chibo did not understand that. To pick one of the choices in the message before, type its "
        "number (1 to {n}); or send /help to see the commands."
    ),
    "start.welcome": "Welcome! chibo is your Party branch assistant: study materials, meeting attendance, quizzes and reminders.",
    "start.linked": "Hello {name} ({branch})! Send /help to see the commands.",
    "link.how": "Your account is not linked to the branch roster yet. Send the link code your branch secretary gave you, for example: /start ABCD2345",
    "link.how_telegram": "Your account is not linked to the branch roster yet. Send the link code your branch secretary gave you (for example: /start ABCD2345), or tap «Share phone number» below if your number is on the roster.",
    "link.share_phone": "Share phone number",
    "link.private_only": "Please send your link code to chibo in a private chat, not in the group.",
    "link.bad_code": "The code «{code}» is not valid. Please check the code from your branch secretary (8 characters, for example: /start ABCD2345).",
    "link.code_used": "This code has already linked another account. If you changed accounts, ask your branch secretary for a new one.",
    "link.already_you": "This account is already linked to {name}.",
    "link.account_taken": "This account is already linked to {name}. If this is a mistake, tell your branch secretary.",
    "link.done": "Linked: {name}, {branch}, {committee}.",
    "link.contact_not_own": "Please share your own phone number with the «Share phone number» button.",
    "link.phone_unknown": "The number {phone} is not on the branch roster. Please use the link code from your branch secretary: /start CODE",
    "link.phone_ambiguous": "Several people on the roster have this phone number. Please use the link code from your branch secretary: /start CODE",
    "help.title": "Commands you can use:",
    "help.unlinked": "Your account is not linked yet: send /start with the code from your branch secretary to use the other commands.",
    "bind.group_only": "Send /link in your branch's group chat to bind that group to the branch.",
    "act.other_branch": (
        "Sorry, this group is bound to another branch: here this is only for that branch's secretaries and its "
        "Party committee's staff. Please use it in your own branch's group or in your private chat with chibo."
    ),
    "act.sent_privately": "chibo sent it to you in your private chat.",
    "bind.done": "This group is now bound to {branch}. Branch announcements and check-ins will be posted here.",
    "language.choose": "Chọn ngôn ngữ / Choose your language:",
    "language.set": "English selected.",
    "cmd.start": "start; with a code, link your account",
    "cmd.trogiup": "the commands you can use",
    "cmd.lienket": "bind this group chat to your branch (send in the group)",
    "cmd.ngonngu": "choose Vietnamese or English",
}
