"""Messages of /camket: the «Bản đăng ký làm theo gương Bác» registered, changed and locked;
the branch's registration rate and reminders; the monthly follow-up and review; the year-end
summary."""

VI = {
    "cmd.camket": "bản đăng ký làm theo gương Bác của tôi: đăng ký, sửa, báo cáo hằng tháng",
    "pl.private_only": "Bản đăng ký là việc riêng của từng người: xin nhắn /camket cho chibo trong tin nhắn riêng.",
    "pl.bad_args": "chibo chưa hiểu. Gõ /camket để xem bản đăng ký của mình, /camket sua để sửa.",
    "pl.no_topic": "Thư viện chưa có chuyên đề học tập của năm nay, nên chưa đăng ký được. Xin báo bí thư chi bộ.",
    "pl.intro": (
        "BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM {year}\n"
        "chibo hỏi lần lượt: nội dung chuyên đề đăng ký học tập và làm theo; hạn chế, khuyết điểm cần khắc phục "
        "(tự soi, tự sửa); rồi từng việc làm cụ thể, với thời hạn hoặc tần suất và kết quả thấy được. "
        "Cuối cùng đồng chí xem lại và xác nhận."
    ),
    "pl.ask.contents": (
        "Bước 1. Chọn nội dung đăng ký học tập và làm theo (chuyên đề: {topics}). "
        "Bấm từng nội dung (hoặc gõ số của nó; gõ nhiều số cách nhau bởi dấu phẩy, ví dụ «1, 3»), rồi bấm «Tiếp tục»."
    ),
    "pl.chosen": "Đã chọn {n} nội dung (dấu ✓).",
    "pl.ask.short": (
        "Bước 2. Tự soi, tự sửa: đồng chí gõ những hạn chế, khuyết điểm của bản thân cần khắc phục trong năm "
        "(ví dụ: «Còn ngại phát biểu trong sinh hoạt chi bộ; giải quyết hồ sơ có lúc chậm»)."
    ),
    "pl.ask.keep": "Đang ghi: «{old}». Bấm «Giữ như cũ» nếu không đổi.",
    "pl.ask.what": (
        "Bước 3. Việc làm cụ thể thứ {n}, gắn với nhiệm vụ của đồng chí: gõ việc sẽ làm "
        "(ví dụ: «Giải quyết hồ sơ của dân đúng hẹn, không để tồn»)."
    ),
    "pl.ask.when": (
        "Thời hạn hoặc tần suất của việc «{what}»: gõ một ngày (ví dụ «trước 30/06/2027») "
        "hoặc «hằng tuần», «hằng tháng», «hằng quý», «thường xuyên»."
    ),
    "pl.ask.evidence": (
        "Kết quả của việc «{what}» thấy được ở đâu, đo bằng gì? "
        "(ví dụ: «100% hồ sơ đúng hẹn, theo sổ theo dõi của bộ phận một cửa»)."
    ),
    "pl.action_kept": "Đã ghi việc làm thứ {n}. Thêm một việc nữa, hay xem lại bản đăng ký?",
    "pl.review_title": "Xem lại bản đăng ký (chưa ghi cho tới khi đồng chí bấm «Xác nhận đăng ký»):",
    "pl.review_hint": "Bấm «Xác nhận đăng ký» để ghi, hoặc chọn phần cần sửa.",
    "pl.btn.next": "Tiếp tục",
    "pl.btn.cancel": "Hủy",
    "pl.btn.back": "Quay lại",
    "pl.btn.keep": "Giữ như cũ",
    "pl.btn.review": "Xem lại và xác nhận",
    "pl.btn.more": "Thêm một việc làm",
    "pl.btn.ok": "Xác nhận đăng ký",
    "pl.btn.contents": "Sửa nội dung học tập",
    "pl.btn.short": "Sửa phần tự soi, tự sửa",
    "pl.btn.actions": "Viết lại các việc làm",
    "pl.btn.edit": "Sửa bản đăng ký",
    "pl.draft_gone": "Bản nháp này không còn (đã xác nhận, đã hủy hoặc quá 12 giờ). Gõ /camket để làm tiếp.",
    "pl.cancelled": "Đã hủy, không có gì được ghi. Gõ /camket khi đồng chí muốn đăng ký.",
    "pl.registered": "Đã ghi bản đăng ký năm {year} ngày {date}. Gõ /camket để xem lại; đồng chí sửa được cho tới khi chi bộ khóa bản đăng ký.",
    "pl.changed": "Đã ghi bản sửa ngày {date} (bản thứ {version}; các bản trước vẫn được lưu).",
    "pl.err.too_short": "Câu trả lời ngắn quá. Xin gõ rõ hơn, một câu trở lên.",
    "pl.err.too_long": "Câu trả lời dài quá (tối đa {n} ký tự). Xin gõ gọn lại.",
    "pl.err.deadline": "chibo chưa hiểu thời hạn này. Xin gõ một ngày như «30/06/2027», «trước 31/12/2026», hoặc một tần suất như «hằng tháng», «hằng quý», «thường xuyên».",
    "pl.err.deadline_past": "Ngày «{value}» đã qua. Xin gõ một ngày sắp tới hoặc một tần suất.",
    "pl.err.no_contents": "Xin chọn ít nhất một nội dung của chuyên đề (bấm nội dung, hoặc gõ số của nó).",
    "pl.err.contents_numbers": "Xin gõ số của nội dung, từ 1 đến {n}, nhiều số thì cách nhau bởi dấu phẩy (ví dụ «1, 3»); hoặc bấm «Tiếp tục».",
    "pl.err.no_shortcomings": "Bản đăng ký cần phần tự soi, tự sửa: những hạn chế, khuyết điểm cần khắc phục.",
    "pl.err.no_actions": "Bản đăng ký cần ít nhất một việc làm cụ thể.",
    "pl.err.too_many_actions": "Một bản đăng ký có tối đa {n} việc làm.",
    "pl.err.use_choices": "Xin chọn một trong các lựa chọn ở tin trên (bấm, hoặc gõ số của nó).",
    "pl.locked": "Chi bộ đã khóa các bản đăng ký năm {year}, nên không sửa được nữa. Nếu cần sửa, xin báo bí thư chi bộ.",
    "pl.secretary_only": "Việc này dành cho bí thư, phó bí thư chi bộ.",
    "pl.lock.done": "Đã khóa các bản đăng ký năm {year} của {branch}: từ nay không ai sửa được nữa (gõ /camket mo để mở lại).",
    "pl.lock.opened": "Đã mở lại các bản đăng ký năm {year} của {branch}: mọi người sửa được bản của mình.",
    "pl.view.title": "BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO GƯƠNG BÁC NĂM {year}",
    "pl.view.who": "Họ và tên: {name} — {branch}",
    "pl.view.topic": "Chuyên đề: {topic}",
    "pl.view.contents": "Nội dung đăng ký học tập và làm theo:",
    "pl.view.short": "Tự soi, tự sửa — hạn chế, khuyết điểm cần khắc phục: {text}",
    "pl.view.actions": "Việc làm cụ thể:",
    "pl.view.action": "Việc {n}: {what} — thời hạn: {when}; kết quả: {evidence}",
    "pl.view.none": "(chưa có)",
    "pl.view.state": "Đăng ký ngày {registered}; sửa lần cuối ngày {updated} (bản thứ {version}).",
    "pl.view.open": "Đồng chí còn sửa được cho tới khi chi bộ khóa bản đăng ký.",
    "pl.view.locked": "Chi bộ đã khóa bản đăng ký: không sửa được nữa.",
    "pl.rate.title": "Đăng ký học tập và làm theo gương Bác năm {year} — {scope}",
    "pl.rate.party": "{pct} đảng viên đã đăng ký ({done}/{of}; chính thức {official}, dự bị {probation})",
    "pl.rate.mass": "Quần chúng: {done}/{of} đã đăng ký ({pct}), tính riêng",
    "pl.rate.exempt": "{n} người miễn sinh hoạt không tính vào tỷ lệ.",
    "pl.rate.missing": "Chưa đăng ký ({n}): {names}",
    "pl.rate.unlinked": " (chưa liên kết tài khoản)",
    "pl.rate.all_done": "Mọi người đều đã đăng ký.",
    "pl.rate.reminders": "Đã nhắc người chưa đăng ký: {n}/2 lần.",
    "pl.rate.branches": "{n} chi bộ.",
    "pl.rate.per_branch": "Từng chi bộ (tỷ lệ đảng viên thấp trước):",
    "pl.rate.branch_line": "• {branch}: {done}/{of} ({pct})",
    "pl.rate.not_yours": "Tình hình đăng ký trong nhóm này chỉ dành cho bí thư chi bộ của nhóm và cán bộ Đảng ủy.",
    "pl.rate.staff_only": "Tình hình đăng ký của chi bộ dành cho bí thư chi bộ và cán bộ Đảng ủy. Gõ /camket để xem bản đăng ký của mình.",
    "pl.rate.names_private": "Tên những người chưa đăng ký chibo đã gửi riêng cho đồng chí.",
    "pl.btn.remind": "Nhắc người chưa đăng ký",
    "pl.btn.send_remind": "Gửi nhắc",
    "pl.btn.register": "Đăng ký",
    "pl.remind.preview": "chibo sẽ nhắc riêng {n} người chưa đăng ký năm {year}, bây giờ và một lần nữa sau 7 ngày cho ai vẫn chưa đăng ký ({rounds} lần, rồi thôi):",
    "pl.remind.unlinked": "Chưa liên kết tài khoản, chibo không nhắn được, xin đồng chí nhắc trực tiếp: {names}",
    "pl.remind.cancelled": "Đã hủy, không nhắc ai.",
    "pl.remind.sent": "Đã gửi nhắc cho {n} người. Sau 7 ngày chibo nhắc thêm một lần những ai vẫn chưa đăng ký ({rounds} lần, rồi thôi).",
    "pl.remind.locked": "Chi bộ đã khóa các bản đăng ký năm {year}, nên không nhắc đăng ký nữa.",
    "pl.remind.already": "Chi bộ đã đặt nhắc người chưa đăng ký ({n}/{rounds} lần đã gửi); chibo không nhắc quá {rounds} lần.",
    "pl.remind.nobody": "Không còn ai chưa đăng ký mà chibo nhắn được ({unlinked} người chưa liên kết tài khoản).",
    "pl.remind.text": (
        "Kính gửi {to}: {branch} đề nghị đăng ký «Bản đăng ký học tập và làm theo gương Bác» năm {year}. "
        "Bấm «Đăng ký» hoặc gõ /camket, chỉ mất vài phút."
    ),
    "pl.remind.second_done": "chibo đã nhắc lần 2 (lần cuối) {n} người chưa đăng ký năm {year}. Gõ /camket tinhhinh để xem tình hình.",
}

EN = {
    "cmd.camket": "my pledge to follow Uncle Hồ's example: register, change, report monthly",
    "pl.private_only": "A pledge is each person's own: please send /camket to chibo in a private chat.",
    "pl.bad_args": "chibo did not understand. Type /camket to see your pledge, /camket edit to change it.",
    "pl.no_topic": "The library has no study topic for this year yet, so pledges cannot be registered. Please tell your branch secretary.",
    "pl.intro": (
        "PLEDGE TO STUDY AND FOLLOW HỒ CHÍ MINH'S THOUGHT, ETHICS AND STYLE, {year}\n"
        "chibo asks in turn: the contents of the study topic you pledge to study and follow; the shortcomings "
        "you will fix (self-examination); then each concrete action, with a deadline or frequency and how its "
        "result will be seen. Finally you review and confirm."
    ),
    "pl.ask.contents": (
        "Step 1. Pick the contents you pledge to study and follow (topic: {topics}). "
        "Press each content (or type its number; several numbers separated by commas, e.g. «1, 3»), then «Continue»."
    ),
    "pl.chosen": "{n} contents picked (marked ✓).",
    "pl.ask.short": (
        "Step 2. Self-examination: type your own shortcomings to fix this year "
        "(e.g. «I hesitate to speak at branch meetings; files are sometimes late»)."
    ),
    "pl.ask.keep": "Now: «{old}». Press «Keep» to leave it as it is.",
    "pl.ask.what": "Step 3. Concrete action {n}, tied to your own duties: type what you will do.",
    "pl.ask.when": (
        "Deadline or frequency of «{what}»: type a date (e.g. «before 30/06/2027») "
        "or «weekly», «monthly», «quarterly»."
    ),
    "pl.ask.evidence": "How will the result of «{what}» be seen or measured?",
    "pl.action_kept": "Action {n} noted. Add another one, or review the pledge?",
    "pl.review_title": "Review your pledge (nothing is kept until you press «Confirm pledge»):",
    "pl.review_hint": "Press «Confirm pledge» to keep it, or pick the part to change.",
    "pl.btn.next": "Continue",
    "pl.btn.cancel": "Cancel",
    "pl.btn.back": "Back",
    "pl.btn.keep": "Keep",
    "pl.btn.review": "Review and confirm",
    "pl.btn.more": "Add an action",
    "pl.btn.ok": "Confirm pledge",
    "pl.btn.contents": "Change the contents",
    "pl.btn.short": "Change the self-examination",
    "pl.btn.actions": "Rewrite the actions",
    "pl.btn.edit": "Change my pledge",
    "pl.draft_gone": "This draft is gone (confirmed, cancelled or older than 12 hours). Type /camket to go on.",
    "pl.cancelled": "Cancelled; nothing was kept. Type /camket when you want to register.",
    "pl.registered": "Your pledge for {year} was kept on {date}. Type /camket to see it; you can change it until the branch locks the pledges.",
    "pl.changed": "Your change was kept on {date} (version {version}; earlier versions are kept too).",
    "pl.err.too_short": "That answer is too short. Please type a sentence or more.",
    "pl.err.too_long": "That answer is too long (at most {n} characters). Please shorten it.",
    "pl.err.deadline": "chibo did not understand that deadline. Please type a date like «30/06/2027», «before 31/12/2026», or a frequency like «monthly», «quarterly».",
    "pl.err.deadline_past": "«{value}» is in the past. Please type a date ahead or a frequency.",
    "pl.err.no_contents": "Please pick at least one content of the topic (press it, or type its number).",
    "pl.err.contents_numbers": "Please type the numbers of the contents, 1 to {n}, separated by commas (e.g. «1, 3»); or press «Continue».",
    "pl.err.no_shortcomings": "A pledge needs the self-examination: the shortcomings to fix.",
    "pl.err.no_actions": "A pledge needs at least one concrete action.",
    "pl.err.too_many_actions": "A pledge has at most {n} actions.",
    "pl.err.use_choices": "Please pick one of the choices above (press it, or type its number).",
    "pl.locked": "The branch has locked the pledges of {year}; they cannot be changed now. Please ask your branch secretary if one must change.",
    "pl.secretary_only": "This is for branch secretaries and deputy secretaries.",
    "pl.lock.done": "The pledges of {year} of {branch} are locked: nobody can change theirs now (/camket unlock opens them again).",
    "pl.lock.opened": "The pledges of {year} of {branch} are open again: everyone can change their own.",
    "pl.view.title": "PLEDGE TO FOLLOW UNCLE HỒ'S EXAMPLE, {year}",
    "pl.view.who": "Name: {name} — {branch}",
    "pl.view.topic": "Topic: {topic}",
    "pl.view.contents": "Contents pledged:",
    "pl.view.short": "Self-examination — shortcomings to fix: {text}",
    "pl.view.actions": "Concrete actions:",
    "pl.view.action": "Action {n}: {what} — deadline: {when}; result: {evidence}",
    "pl.view.none": "(none yet)",
    "pl.view.state": "Registered on {registered}; last changed on {updated} (version {version}).",
    "pl.view.open": "You can change it until the branch locks the pledges.",
    "pl.view.locked": "The branch has locked the pledges: it cannot be changed now.",
    "pl.rate.title": "Pledges to follow Uncle Hồ's example, {year} — {scope}",
    "pl.rate.party": "{pct} of Party members registered ({done}/{of}; full {official}, probationary {probation})",
    "pl.rate.mass": "Non-members: {done}/{of} registered ({pct}), counted apart",
    "pl.rate.exempt": "{n} people exempted from meetings are not counted.",
    "pl.rate.missing": "Not registered ({n}): {names}",
    "pl.rate.unlinked": " (not linked)",
    "pl.rate.all_done": "Everyone has registered.",
    "pl.rate.reminders": "Reminders sent to those not registered: {n}/2.",
    "pl.rate.branches": "{n} branches.",
    "pl.rate.per_branch": "Each branch (lowest Party member rate first):",
    "pl.rate.branch_line": "• {branch}: {done}/{of} ({pct})",
    "pl.rate.not_yours": "The registration figures in this group are for its branch secretaries and committee staff only.",
    "pl.rate.staff_only": "The branch's figures are for branch secretaries and committee staff. Type /camket to see your own pledge.",
    "pl.rate.names_private": "chibo sent you the names of those not registered privately.",
    "pl.btn.remind": "Remind those not registered",
    "pl.btn.send_remind": "Send reminder",
    "pl.btn.register": "Register",
    "pl.remind.preview": "chibo will remind {n} people not registered for {year} privately, now and once more in 7 days for those still not registered ({rounds} times, then no more):",
    "pl.remind.unlinked": "Not linked, chibo cannot reach them; please remind them yourself: {names}",
    "pl.remind.cancelled": "Cancelled; nobody is reminded.",
    "pl.remind.sent": "Reminder sent to {n} people. In 7 days chibo reminds those still not registered once more ({rounds} times, then no more).",
    "pl.remind.locked": "The branch has locked the pledges of {year}; there is nothing to remind of.",
    "pl.remind.already": "The branch's reminders are set already ({n}/{rounds} sent); chibo never reminds more than {rounds} times.",
    "pl.remind.nobody": "Nobody chibo can reach is left to register ({unlinked} not linked).",
    "pl.remind.text": (
        "Dear {to}: {branch} asks you to register your pledge to follow Uncle Hồ's example for {year}. "
        "Press «Register» or type /camket; it takes a few minutes."
    ),
    "pl.remind.second_done": "chibo sent the second (last) reminder to {n} people not registered for {year}. Type /camket status for the figures.",
}
